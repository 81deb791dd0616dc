//! The language of a request is in its path: `/zh/...` is the Chinese twin of `...`.
//!
//! [`middleware`] runs before routing: it takes the prefix off, so one router serves both
//! languages, and answers inside `i18n::within`, which is where templates and formats read
//! the language. [`prefix_links`] runs after a handler, before compression: in a Chinese
//! page it points the site's own links and forms at the Chinese pages, so templates and the
//! code that builds links write every link once, unprefixed.

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::extract::State;
use axum::http::header::{CONTENT_LANGUAGE, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderValue, Uri};
use axum::middleware::Next;
use axum::response::Response;

use crate::i18n::{self, Lang};

/// Pages are well under this; a larger answer (an export of a big list) keeps its links.
const MAX_REWRITTEN_BYTES: usize = 16 << 20;

/// Strips the language prefix and answers the request in its language, on the site at
/// `origin` (see [`crate::web::Settings::origin`]).
pub async fn middleware(State(origin): State<Arc<str>>, mut request: Request, next: Next) -> Response {
    let (lang, path) = Lang::of_path(request.uri().path());
    let path_and_query = match request.uri().query() {
        Some(q) => format!("{path}?{q}"),
        None => path.to_string(),
    };
    if lang != Lang::En
        && let Ok(uri) = path_and_query.parse::<Uri>()
    {
        *request.uri_mut() = uri;
    }
    let mut response = i18n::within_site(origin, lang, path_and_query, next.run(request)).await;
    if let Ok(value) = HeaderValue::from_str(lang.code()) {
        response.headers_mut().insert(CONTENT_LANGUAGE, value);
    }
    response
}

/// The address of a page in the language being answered: on the public site when its address
/// is known, else relative to this one. For links that leave the page's own HTML (an embed's
/// way back, an exported file's origin), which [`prefix_links`] does not see or must not touch.
pub fn site_address(public_url: Option<&str>, path_and_query: &str) -> String {
    format!("{}{}{path_and_query}", public_url.unwrap_or(""), i18n::lang().prefix())
}

/// In a Chinese HTML answer, prefixes the site's own links and form actions with `/zh`.
pub async fn prefix_links(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let lang = i18n::lang();
    let html =
        response.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    if lang == Lang::En || !html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_REWRITTEN_BYTES).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let rewritten = prefix_site_links(text, lang.prefix());
    parts.headers.remove(CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(rewritten))
}

/// `href="/x"` and `action="/x"` become `href="{prefix}/x"`, except links that are the same in
/// every language (the stylesheet and icons, data twins, the API description) and links that
/// name their language (`hreflang="en" href=...`, the language switch and alternates).
pub fn prefix_site_links(html: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 50);
    let mut rest = html;
    while let Some(at) = next_link(rest) {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let quote_end = from.find('"').map_or(from.len(), |q| q + 1);
        let (attribute, target) = from.split_at(quote_end);
        out.push_str(attribute);
        if prefixed(before, target) {
            out.push_str(prefix);
        }
        rest = target;
    }
    out.push_str(rest);
    out
}

/// Where the next `href="/` or `action="/` starts.
fn next_link(text: &str) -> Option<usize> {
    let href = text.find("href=\"/");
    let action = text.find("action=\"/");
    match (href, action) {
        (Some(h), Some(a)) => Some(h.min(a)),
        (h, a) => h.or(a),
    }
}

fn prefixed(before: &str, target: &str) -> bool {
    let path = target.split(['"', '?', '#']).next().unwrap_or("");
    let names_its_language = before.ends_with("hreflang=\"en\" ") || before.ends_with("hreflang=\"zh-Hans\" ");
    let same_in_every_language = path.starts_with("/static/")
        || path.starts_with("//")
        || path.starts_with("/zh/")
        || path.ends_with(".json")
        || path.ends_with(".csv")
        || path.ends_with(".svg")
        || path == "/healthz"
        || path.starts_with("/admin");
    !(names_its_language || same_in_every_language)
}

#[cfg(test)]
mod tests {
    use super::prefix_site_links;

    #[test]
    fn the_sites_pages_are_prefixed_and_data_assets_and_alternates_are_not() {
        let html = concat!(
            r#"<a href="/">home</a><a href="/compare?city=a&#38;city=b">c</a><form action="/search">"#,
            r#"<link rel="stylesheet" href="/static/css/app.abc.css"><a href="/cities.json?x=1">json</a>"#,
            r#"<link rel="alternate" hreflang="en" href="/compare"><a hreflang="en" href="/">English</a>"#,
            r##"<a href="https://example.org/">out</a><a href="/compare/chart.svg?c=1">svg</a><a href="#x">in</a>"##,
        );
        assert_eq!(
            prefix_site_links(html, "/zh"),
            concat!(
                r#"<a href="/zh/">home</a><a href="/zh/compare?city=a&#38;city=b">c</a><form action="/zh/search">"#,
                r#"<link rel="stylesheet" href="/static/css/app.abc.css"><a href="/cities.json?x=1">json</a>"#,
                r#"<link rel="alternate" hreflang="en" href="/compare"><a hreflang="en" href="/">English</a>"#,
                r##"<a href="https://example.org/">out</a><a href="/compare/chart.svg?c=1">svg</a><a href="#x">in</a>"##,
            )
        );
    }
}
