//! HTTP caching of the public pages and their twins.
//!
//! A page depends only on the data version and the request (path and query), so it is
//! rendered once per version and kept, already compressed with brotli and gzip, in a bounded
//! in-memory cache. Every answer carries a strong `ETag` derived from the build, the data
//! version and the request, and `If-None-Match` gets a `304`. An import changes the version,
//! so no page from before it is ever served after it.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::sync::{Arc, OnceLock};

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use quick_cache::Weighter;
use quick_cache::sync::Cache;

use super::AppState;
use crate::error::{ApiError, AppError};

/// Memory the cache may hold, counting all three encodings of each page. The server's own
/// memory stays under 100 MB with it full.
const CACHE_BYTES: u64 = 24 * 1024 * 1024;
/// Larger responses are served but not kept.
const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;
/// Pages may be reused by browsers, but only after asking whether they are still current:
/// the `ETag` makes that question cheap (a 304 without a body).
const CACHE_CONTROL: &str = "no-cache";
/// Changes with every build, so a new binary (new templates) never matches an old ETag.
const BUILD: &str = env!("CLUSTERSCOPE_BUILD_ID");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    /// The best encoding the client accepts (`q=0` refuses one).
    fn negotiate(headers: &HeaderMap) -> Encoding {
        let accepted = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
        let accepts = |name: &str| {
            accepted.split(',').any(|part| {
                let mut pieces = part.split(';');
                let coding = pieces.next().unwrap_or("").trim();
                let refused = pieces.any(|p| p.trim().replace(' ', "").starts_with("q=0") && !p.contains("q=0."));
                coding.eq_ignore_ascii_case(name) && !refused
            })
        };
        if accepts("br") {
            Encoding::Brotli
        } else if accepts("gzip") {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            Encoding::Brotli => "-br",
            Encoding::Gzip => "-gz",
            Encoding::Identity => "",
        }
    }
}

/// A rendered page; its compressed copies are made the first time a client asks for one, so
/// a page only ever read uncompressed never pays for compression.
pub struct CachedPage {
    headers: Vec<(HeaderName, HeaderValue)>,
    identity: Bytes,
    gzip: OnceLock<Bytes>,
    brotli: OnceLock<Bytes>,
    /// The ETag of each encoding, ready to send (identity, gzip, brotli).
    etags: [HeaderValue; 3],
}

impl CachedPage {
    fn body(&self, encoding: Encoding) -> &Bytes {
        match encoding {
            Encoding::Brotli => self.brotli.get_or_init(|| brotli(&self.identity)),
            Encoding::Gzip => self.gzip.get_or_init(|| gzip(&self.identity)),
            Encoding::Identity => &self.identity,
        }
    }

    fn etag(&self, encoding: Encoding) -> &HeaderValue {
        match encoding {
            Encoding::Identity => &self.etags[0],
            Encoding::Gzip => &self.etags[1],
            Encoding::Brotli => &self.etags[2],
        }
    }
}

#[derive(Clone)]
struct ByBytes;

impl Weighter<String, Arc<CachedPage>> for ByBytes {
    /// Counted when the page is stored: the page, and room for its compressed copies (about a
    /// tenth of it each for this markup).
    fn weight(&self, key: &String, page: &Arc<CachedPage>) -> u64 {
        (key.len() + page.identity.len() + page.identity.len() / 5) as u64
    }
}

pub struct PageCache {
    pages: Cache<String, Arc<CachedPage>, ByBytes>,
}

impl PageCache {
    /// Forgets every page (benchmarks measure rendering with it).
    pub fn clear(&self) {
        self.pages.clear();
    }
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache { pages: Cache::with_weighter(4096, CACHE_BYTES, ByBytes) }
    }
}

/// Pages that are the same for every visitor of one data version. Not: the admin pages, the
/// health check, static files (they have their own caching), and the exported file (it is
/// stamped with the time and address of each export).
fn cacheable(method: &Method, path: &str) -> bool {
    // `/zh/compare/export` is the export too.
    let (_, path) = crate::i18n::Lang::of_path(path);
    (method == Method::GET || method == Method::HEAD)
        && !path.starts_with("/admin")
        && !path.starts_with("/static/")
        && path != "/healthz"
        && path != "/compare/export"
        && path != "/scorecard/export"
}

/// The query as the pages read it, written one way: each pair percent-decoded (`+` is a space,
/// as forms send it, and bytes that are not UTF-8 become U+FFFD, as the query extractor
/// decodes them), values trimmed (every parameter is read trimmed), empty pairs dropped, pairs
/// ordered by decoded name (a name's values keep their order: it is the order of the cities),
/// and encoded again. `c%69ty=dalian+&&` and `city=dalian` are one request, so one cache
/// entry: spellings of a page can neither be served another page's answer nor fill the cache.
fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(Cow<'_, str>, Cow<'_, str>)> = form_urlencoded::parse(query.as_bytes()).collect();
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    let mut canonical = form_urlencoded::Serializer::new(String::with_capacity(query.len()));
    for (name, value) in &pairs {
        canonical.append_pair(name, value.trim());
    }
    canonical.finish()
}

/// Rewrites the request's query to its canonical form and returns the request's identity (path
/// and canonical query). The handler then reads exactly what the cache key says, so an answer
/// is the same whether it was rendered for this spelling or served from the cache.
fn normalise(request: &mut Request) -> Result<String, AppError> {
    let uri = request.uri();
    let path = uri.path().to_string();
    let query = canonical_query(uri.query().unwrap_or(""));
    if uri.query() == Some(query.as_str()) || (uri.query().is_none() && query.is_empty()) {
        return Ok(format!("{path}?{query}"));
    }
    let target = if query.is_empty() { path.clone() } else { format!("{path}?{query}") };
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = Some(target.parse().map_err(|_| AppError::bad_param("query string", "is not valid"))?);
    *request.uri_mut() = Uri::from_parts(parts).map_err(|_| AppError::bad_param("query string", "is not valid"))?;
    Ok(format!("{path}?{query}"))
}

fn if_none_match(headers: &HeaderMap, etag: &str) -> bool {
    headers.get_all(header::IF_NONE_MATCH).iter().filter_map(|v| v.to_str().ok()).any(|value| {
        // `*` matches only as the whole field; otherwise a list of entity tags.
        value.trim() == "*" || value.split(',').map(str::trim).any(|c| c == etag || c.strip_prefix("W/") == Some(etag))
    })
}

pub async fn middleware(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    if !cacheable(request.method(), request.uri().path()) {
        return next.run(request).await;
    }
    let version = match state.freshness.version(&state.pool).await {
        Ok(v) => v,
        Err(e) => return crate::error::AppError::from(e).into_response(),
    };
    let identity = match normalise(&mut request) {
        Ok(identity) => identity,
        Err(e) if super::formats::is_machine_route(request.uri().path()) => return ApiError(e).into_response(),
        Err(e) => return e.into_response(),
    };
    let key = format!("{version} {identity}");
    let encoding = Encoding::negotiate(request.headers());
    let head = request.method() == Method::HEAD;

    if let Some(page) = state.cache.pages.get(&key) {
        return answer(&page, encoding, request.headers(), head);
    }

    // Render once, uncompressed; the cache compresses it itself. A HEAD is rendered as the GET
    // it stands for: the stored page must have its body, the answer to the HEAD drops it.
    request.headers_mut().remove(header::ACCEPT_ENCODING);
    *request.method_mut() = Method::GET;
    let client_headers = request.headers().clone();
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::CONTENT_ENCODING) {
        return response;
    }
    // Only bodies of a known, modest size are kept; a large one passes through as it is.
    if response.body().size_hint().exact().is_none_or(|n| n > MAX_PAGE_BYTES as u64) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE_BYTES).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "the page could not be read").into_response();
    };
    let headers = parts
        .headers
        .iter()
        .filter(|(name, _)| {
            matches!(
                name.as_str(),
                "content-type" | "content-disposition" | "content-security-policy" | "content-language"
            )
        })
        .map(|(n, v)| (n.clone(), v.clone()))
        .collect();
    let page = Arc::new(CachedPage {
        headers,
        gzip: OnceLock::new(),
        brotli: OnceLock::new(),
        etags: etags_for(&key),
        identity: bytes,
    });
    state.cache.pages.insert(key, page.clone());
    answer(&page, encoding, &client_headers, head)
}

fn etags_for(key: &str) -> [HeaderValue; 3] {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut hasher);
    BUILD.hash(&mut hasher);
    let version = key.split(' ').next().unwrap_or("0");
    let base = format!("{BUILD}-{version}-{:016x}", hasher.finish());
    [Encoding::Identity, Encoding::Gzip, Encoding::Brotli].map(|e| {
        // Hex digits and dashes only: always a valid header value.
        HeaderValue::from_str(&format!("\"{base}{}\"", e.suffix())).unwrap_or(HeaderValue::from_static("\"\""))
    })
}

fn answer(page: &CachedPage, encoding: Encoding, request: &HeaderMap, head: bool) -> Response {
    let etag = page.etag(encoding);
    let not_modified = if_none_match(request, etag.to_str().unwrap_or_default());
    let body = page.body(encoding);
    let mut response =
        if not_modified || head { Response::new(Body::empty()) } else { Response::new(Body::from(body.clone())) };
    if not_modified {
        *response.status_mut() = StatusCode::NOT_MODIFIED;
    }
    let headers = response.headers_mut();
    if !not_modified {
        for (name, value) in &page.headers {
            headers.insert(name.clone(), value.clone());
        }
        if head {
            headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        }
    }
    match encoding {
        Encoding::Brotli => headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br")),
        Encoding::Gzip => headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip")),
        Encoding::Identity => None,
    };
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE_CONTROL));
    headers.insert(header::ETAG, etag.clone());
    response
}

fn gzip(bytes: &[u8]) -> Bytes {
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 4), flate2::Compression::new(6));
    // Writing to memory cannot fail.
    let _ = encoder.write_all(bytes);
    Bytes::from(encoder.finish().unwrap_or_default())
}

fn brotli(bytes: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(bytes.len() / 5);
    {
        // Quality 6: within a few percent of the best size for HTML, at a fraction of the time.
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 6, 22);
        let _ = writer.write_all(bytes);
    }
    Bytes::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> Encoding {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(value).unwrap());
        Encoding::negotiate(&h)
    }

    #[test]
    fn the_best_accepted_encoding_wins() {
        assert_eq!(accept("br, gzip"), Encoding::Brotli);
        assert_eq!(accept("gzip, deflate"), Encoding::Gzip);
        assert_eq!(accept("gzip;q=1.0, br;q=0"), Encoding::Gzip);
        assert_eq!(accept("identity"), Encoding::Identity);
        assert_eq!(accept("br;q=0.5"), Encoding::Brotli);
        assert_eq!(Encoding::negotiate(&HeaderMap::new()), Encoding::Identity);
    }

    fn identity(uri: &str) -> String {
        let mut request = Request::builder().uri(uri).body(Body::empty()).unwrap();
        let identity = normalise(&mut request).unwrap();
        let rewritten = request.uri().to_string();
        assert_eq!(identity.trim_end_matches('?'), rewritten, "the handler reads what the key says");
        identity
    }

    #[test]
    fn queries_are_normalised_by_name_keeping_repeated_values_in_order() {
        assert_eq!(identity("/compare?metric=a&city=x&city=y"), identity("/compare?city=x&metric=a&city=y"));
        assert_ne!(identity("/compare?city=x&city=y"), identity("/compare?city=y&city=x"));
        assert_eq!(identity("/compare?city=x&city=y"), "/compare?city=x&city=y");
    }

    #[test]
    fn spellings_of_one_query_are_one_identity() {
        for spelling in ["c%69ty=dalian", "city=dalian+", "city=%64alian", "&&city=dalian&&", "city=+%20dalian%09"] {
            assert_eq!(identity(&format!("/cities?{spelling}")), "/cities?city=dalian", "{spelling}");
        }
        // Names are ordered as decoded: `c%69ty=b&city=a` is city b, then city a.
        assert_eq!(identity("/compare?c%69ty=b&city=a"), "/compare?city=b&city=a");
        assert_eq!(identity("/compare?city=a&c%69ty=b"), "/compare?city=a&city=b");
        assert_eq!(identity("/search?q=%E2%80%AE+x&q=%FF"), "/search?q=%E2%80%AE+x&q=%EF%BF%BD");
        assert_eq!(identity("/"), "/?");
    }

    #[test]
    fn compressed_copies_decompress_to_the_page() {
        use std::io::Read;
        let page = "<p>Dalian</p>".repeat(1000);
        let mut out = String::new();
        flate2::read::GzDecoder::new(&gzip(page.as_bytes())[..]).read_to_string(&mut out).unwrap();
        assert_eq!(out, page);
        let mut out = Vec::new();
        brotli::Decompressor::new(&brotli(page.as_bytes())[..], 4096).read_to_end(&mut out).unwrap();
        assert_eq!(out, page.as_bytes());
    }
}
