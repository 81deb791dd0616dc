//! Security headers on every response: a strict Content-Security-Policy (no inline script or
//! style anywhere: charts are styled by classes), no sniffing, no framing (but for the
//! `/embed/` pages, made to be framed), no referrer leaks.

use axum::http::Response;
use axum::http::{HeaderName, HeaderValue, header};

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
