//! Security headers on every response: a strict Content-Security-Policy (no inline script or
//! style anywhere: charts are styled by classes), no sniffing, no framing (but for the
//! `/embed/` pages, made to be framed), no referrer leaks; and `Cache-Control: no-store` on
//! every answer under /admin.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use axum::http::{HeaderName, HeaderValue, Request, Response, header};
use tower::{Layer, Service};

pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";

/// The `/embed/` pages: the same policy, except that any site may frame them. They have no
/// form and nothing to click but links, so there is nothing to trick a reader into doing.
pub const EMBED_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors *";

/// Marks a response as made to be framed by other sites: its policy allows any frame
/// ancestor, and `add_headers` then leaves out `X-Frame-Options`.
pub fn frameable<R: axum::response::IntoResponse>(response: R) -> axum::response::Response {
    let mut response = response.into_response();
    response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(EMBED_POLICY));
    response
}

/// Powerful browser features the site never uses, switched off.
pub const PERMISSIONS_POLICY: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()";

/// The headers every response gets unless it sets them itself; with `hsts`, also
/// Strict-Transport-Security (only meaningful behind TLS). A plain function over the response,
/// applied once around the whole app: a layer per header would each wrap (and, in axum, clone)
/// the service on every request.
pub fn add_headers<B>(hsts: bool) -> impl Fn(Response<B>) -> Response<B> + Clone + Send + Sync + 'static {
    move |mut response: Response<B>| {
        let headers = response.headers_mut();
        // Only a response that chose the embed policy may be framed; `DENY` would override it
        // in browsers that read both.
        let embed = headers.get(header::CONTENT_SECURITY_POLICY).is_some_and(|v| v == EMBED_POLICY);
        let mut set = |name: HeaderName, value: &'static str| {
            headers.entry(name).or_insert_with(|| HeaderValue::from_static(value));
        };
        if hsts {
            set(header::STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains");
        }
        set(HeaderName::from_static("permissions-policy"), PERMISSIONS_POLICY);
        set(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
        set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
        if !embed {
            set(header::X_FRAME_OPTIONS, "DENY");
        }
        set(header::REFERRER_POLICY, "strict-origin-when-cross-origin");
        set(HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
        response
    }
}

/// Whether a path is one of the admin side's (the pages and anything else under `/admin/`).
pub fn is_admin_path(path: &str) -> bool {
    path == "/admin" || path.starts_with("/admin/")
}

/// Marks every answer to an admin path `Cache-Control: no-store`, whoever made it (the admin
/// routes, the CSRF and body limits, a 404, a timeout, a caught panic): none may be kept by
/// a browser, a proxy or the back button once the admin signs out. A plain tower layer, not
/// `from_fn`: it adds no allocation to the public pages it lets through.
#[derive(Debug, Clone, Copy)]
pub struct NoStoreOnAdminLayer;

impl<S> Layer<S> for NoStoreOnAdminLayer {
    type Service = NoStoreOnAdmin<S>;

    fn layer(&self, inner: S) -> Self::Service {
        NoStoreOnAdmin { inner }
    }
}

#[derive(Debug, Clone)]
pub struct NoStoreOnAdmin<S> {
    inner: S,
}

impl<S, B, ResponseBody> Service<Request<B>> for NoStoreOnAdmin<S>
where
    S: Service<Request<B>, Response = Response<ResponseBody>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = NoStoreFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let admin = is_admin_path(request.uri().path());
        NoStoreFuture { inner: self.inner.call(request), admin }
    }
}

pin_project_lite::pin_project! {
    /// The answer of the service inside, `no-store` added when the path was an admin one.
    pub struct NoStoreFuture<F> {
        #[pin]
        inner: F,
        admin: bool,
    }
}

impl<F, B, E> Future for NoStoreFuture<F>
where
    F: Future<Output = Result<Response<B>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut result = ready!(this.inner.poll(cx));
        if let (true, Ok(response)) = (*this.admin, &mut result) {
            response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
        Poll::Ready(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_paths_are_the_admin_page_and_everything_under_it() {
        assert!(is_admin_path("/admin") && is_admin_path("/admin/") && is_admin_path("/admin/log"));
        assert!(!is_admin_path("/administration") && !is_admin_path("/") && !is_admin_path("/cities/admin"));
    }
}
