//! Limits that keep the server answering: a cap on the request target's length (414), no body
//! where none is taken (413), and an optional per-address rate limit (429). Timeouts, concurrency and body sizes are tower
//! layers set up in `app`.

use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, HttpBody};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower::{Layer, Service};
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::KeyExtractor;
use tower_governor::{GovernorError, GovernorLayer};

use crate::config::Limits;
use crate::error::{ApiError, AppError};

/// What the layers around the whole app wrap: a cloneable service answering every request.
pub trait RequestService:
    Service<Request, Response = Response, Error = Infallible, Future: Send + 'static> + Clone + Send + Sync + 'static
{
}

impl<S> RequestService for S where
    S: Service<Request, Response = Response, Error = Infallible, Future: Send + 'static>
        + Clone
        + Send
        + Sync
        + 'static
{
}

/// What `request_size` allows.
#[derive(Debug, Clone, Copy)]
pub struct RequestSize {
    /// Longest path and query, in bytes.
    pub max_uri_length: usize,
    /// Whether the admin routes exist: only they take a request body.
    pub admin: bool,
}

/// Answers 414 when the path and query are longer than allowed, and 413 when a request to a
/// route that takes no body has one, before any routing, caching or parsing looks at it: the
/// same answer whether the page is in the cache or not. The site's error page, or JSON for
/// the `.json`/`.csv` routes.
pub async fn request_size(State(allowed): State<RequestSize>, request: Request, next: Next) -> Response {
    let length = request.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    let error = if length > allowed.max_uri_length {
        AppError::UriTooLong { length, max: allowed.max_uri_length }
    } else if has_body(&request) && !(allowed.admin && super::security::is_admin_path(request.uri().path())) {
        AppError::TooLarge("this address takes no request body: send the request without one".into())
    } else {
        return next.run(request).await;
    };
    if super::formats::is_machine_route(request.uri().path()) {
        ApiError(error).into_response()
    } else {
        error.into_response()
    }
}

/// Whether the request has a body: a `Content-Length` above 0, or one sent in chunks (whose
/// length is unknown, even when it turns out empty).
fn has_body(request: &Request) -> bool {
    request.body().size_hint().exact() != Some(0)
}

/// Adds the per-address rate limit, when one is configured (`--rate-limit`, requests per
/// second, with `--rate-burst` allowed above it). Addresses come from the connection, or from
/// `X-Forwarded-For` only as far as a `--trusted-proxy` wrote it (`client::client_ip`).
pub fn rate_limit<S>(
    limits: &Limits,
    trusted_proxies: &[IpAddr],
) -> Option<impl Layer<S, Service: RequestService> + Clone + use<S>>
where
    S: RequestService,
{
    if limits.rate_limit == 0 {
        return None;
    }
    let period = Duration::from_nanos(1_000_000_000 / u64::from(limits.rate_limit));
    let Some(config) = GovernorConfigBuilder::default()
        .key_extractor(ClientKey { trusted_proxies: Arc::from(trusted_proxies) })
        .period(period)
        .burst_size(limits.rate_burst.max(1))
        .finish()
    else {
        tracing::error!("invalid rate limit; serving without one");
        return None;
    };
    let limiter = config.limiter().clone();
    // Forget addresses that went quiet, so the table does not grow without bound.
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                limiter.retain_recent();
            }
        });
    }
    Some(GovernorLayer::<_, _, Body>::new(config))
}

/// The rate limit's key: the client's address (`client::client_ip`), IPv6 by its /64.
#[derive(Clone)]
struct ClientKey {
    trusted_proxies: Arc<[IpAddr]>,
}

impl KeyExtractor for ClientKey {
    type Key = IpAddr;

    fn extract<T>(&self, request: &axum::http::Request<T>) -> Result<IpAddr, GovernorError> {
        let ip = super::client::client_ip(request.headers(), request.extensions(), &self.trusted_proxies);
        Ok(super::client::limit_key(ip))
    }
}
