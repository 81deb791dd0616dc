//! Query-string parsing with answers a person can act on: unknown parameters and malformed
//! values become a 400 that names the parameter. Repeated keys (`?sector=a&sector=b`) fill a
//! `Vec`, as HTML forms with checkboxes send them.

use std::borrow::Cow;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::{Allowed, ApiError, AppError};

/// The request's query string deserialized into `T` (use `#[serde(deny_unknown_fields)]`);
/// a bad query is answered with an HTML error page.
pub struct Params<T>(pub T);

/// The same for the machine-readable routes: a bad query is answered with a JSON error.
pub struct ApiParams<T>(pub T);

async fn parse<T: DeserializeOwned, S: Send + Sync>(parts: &mut Parts, state: &S) -> Result<T, AppError> {
    axum_extra::extract::Query::<T>::from_request_parts(parts, state)
        .await
        .map(|q| q.0)
        .map_err(|rejection| describe_rejection(&rejection.body_text()))
}

impl<T, S> FromRequestParts<S> for Params<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        parse(parts, state).await.map(Params)
    }
}

impl<T, S> FromRequestParts<S> for ApiParams<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        parse(parts, state).await.map(ApiParams).map_err(ApiError)
    }
}

/// The route's one path parameter (the last segment), percent-decoded, with bytes that are not
/// UTF-8 replaced by U+FFFD. Slugs and source ids are plain `[a-z0-9-]`, so a segment that does
/// not decode names nothing: the handler answers 404 (as a page, or as JSON for a `.json`
/// suffix) like for any unknown name, instead of a bare decoding error.
pub struct PathSegment(pub String);

impl<S: Send + Sync> FromRequestParts<S> for PathSegment {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let raw = parts.uri.path().rsplit('/').next().unwrap_or_default();
        Ok(PathSegment(decode_segment(raw).into_owned()))
    }
}

/// A raw path segment as the handlers see it (see [`PathSegment`]).
pub fn decode_segment(raw: &str) -> Cow<'_, str> {
    percent_encoding::percent_decode_str(raw).decode_utf8_lossy()
}

/// Turns serde's message ("Failed to deserialize query string: unknown field `sectr`, expected
/// one of `sector`, `country`") into a 400 naming the parameter.
fn describe_rejection(text: &str) -> AppError {
    let detail = text.split_once(": ").map_or(text, |(_, d)| d);
    if let Some(rest) = detail.split("unknown field `").nth(1) {
        let name = rest.split('`').next().unwrap_or("?");
        let allowed: Vec<String> = rest
            .split_once("expected")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).map(str::to_string).collect())
            .unwrap_or_default();
        return AppError::BadRequest {
            param: name.to_string(),
            message: format!("{name:?} is not a parameter of this page"),
            allowed: Allowed::Parameters(allowed),
        };
    }
    let (param, message) = match detail.split_once(": ") {
        Some((path, msg)) if !path.contains(' ') => (path.to_string(), msg.to_string()),
        _ => ("query string".to_string(), detail.to_string()),
    };
    AppError::bad_param(param, message)
}

/// A form's "any" choice arrives as an empty value: treat it as absent.
pub fn non_empty(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// A parameter that may be given at most once (parsed as a list so that a repeat gets a clear
/// answer instead of being silently dropped); empty means absent.
pub fn single(param: &str, values: Vec<String>) -> Result<Option<String>, AppError> {
    let mut given: Vec<String> = values.into_iter().filter_map(|v| non_empty(Some(v))).collect();
    match given.len() {
        0 => Ok(None),
        1 => Ok(given.pop()),
        n => Err(AppError::bad_param(param, crate::t1("param-repeated", "n", n))),
    }
}

/// `scale=log` draws charts on a logarithmic axis; `linear` (or nothing) on a linear one.
pub fn log_scale(raw: Vec<String>) -> Result<bool, AppError> {
    match single("scale", raw)?.as_deref() {
        None | Some("linear") => Ok(false),
        Some("log") => Ok(true),
        Some(other) => Err(AppError::not_allowed("scale", other, vec!["linear".into(), "log".into()])),
    }
}

/// The sectors asked for (`sector=` repeated), each checked against the known ones; repeats
/// are kept once, in the order given. An unknown sector is a 400 listing them all.
pub fn sectors<'a>(raw: &[String], known: impl Iterator<Item = &'a str> + Clone) -> Result<Vec<String>, AppError> {
    let mut chosen: Vec<String> = Vec::new();
    for s in raw.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !known.clone().any(|k| k == s) {
            return Err(AppError::not_allowed("sector", s, known.map(str::to_string).collect()));
        }
        if !chosen.iter().any(|c| c == s) {
            chosen.push(s.to_string());
        }
    }
    Ok(chosen)
}

/// How a view makes figures comparable: `currency=usd`, `per=capita`, `growth=cagr`,
/// `year=Y`; each absent (or empty, as a form's "as published" sends it) means as published.
pub fn comparable_options(
    currency: Vec<String>,
    per: Vec<String>,
    growth: Vec<String>,
    year: Vec<String>,
) -> Result<crate::comparable::Options, AppError> {
    use crate::comparable::Options;
    use crate::metric::Currency;
    let allowed = |values: &[&str]| values.iter().map(|v| v.to_string()).collect::<Vec<_>>();
    let currency = match single("currency", currency)?.as_deref() {
        None => None,
        Some("usd" | "USD") => Some(Currency::USD),
        Some(other) => return Err(AppError::not_allowed("currency", other, allowed(&["usd"]))),
    };
    let per_capita = match single("per", per)?.as_deref() {
        None => false,
        Some("capita") => true,
        Some(other) => return Err(AppError::not_allowed("per", other, allowed(&["capita"]))),
    };
    let growth = match single("growth", growth)?.as_deref() {
        None => false,
        Some("cagr") => true,
        Some(other) => return Err(AppError::not_allowed("growth", other, allowed(&["cagr"]))),
    };
    let year = match single("year", year)? {
        None => None,
        Some(text) => match text.parse::<i64>() {
            Ok(y) if (1800..=2100).contains(&y) => Some(y),
            _ => {
                return Err(AppError::bad_param(
                    "year",
                    crate::tn("param-not-a-year", &[("value", &format!("{text:?}")), ("from", &1800), ("to", &2100)]),
                ));
            }
        },
    };
    Ok(Options { currency, per_capita, growth, year })
}

/// The query string that asks for `options` again (`&currency=usd&per=capita`), empty when
/// the figures are as published.
pub fn options_query(options: &crate::comparable::Options) -> String {
    let mut out = String::new();
    if options.currency.is_some() {
        out.push_str("&currency=usd");
    }
    if options.per_capita {
        out.push_str("&per=capita");
    }
    if options.growth {
        out.push_str("&growth=cagr");
    }
    if let Some(y) = options.year {
        out.push_str(&format!("&year={y}"));
    }
    out
}

/// `page` is a whole number from 1 up; absent means 1.
pub fn page_number(raw: Vec<String>) -> Result<i64, AppError> {
    match single("page", raw)? {
        None => Ok(1),
        Some(text) => match text.parse::<i64>() {
            Ok(n) if (1..=1_000_000_000).contains(&n) => Ok(n),
            _ => Err(AppError::bad_param("page", format!("{text:?} is not a page number: use a whole number from 1"))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_name_the_parameter_and_the_allowed_ones() {
        let e = describe_rejection(
            "Failed to deserialize query string: unknown field `sectr`, expected `sector` or `country`",
        );
        let AppError::BadRequest { param, allowed: Allowed::Parameters(allowed), .. } = e else { panic!() };
        assert_eq!(param, "sectr");
        assert_eq!(allowed, ["sector", "country"]);
    }

    #[test]
    fn comparable_options_name_the_parameter_and_what_it_accepts() {
        let v = |s: &str| vec![s.to_string()];
        let o = comparable_options(v("usd"), v("capita"), v("cagr"), v("2015")).unwrap();
        assert!(o.currency.is_some() && o.per_capita && o.growth && o.year == Some(2015));
        assert_eq!(options_query(&o), "&currency=usd&per=capita&growth=cagr&year=2015");
        let empty = comparable_options(v(""), vec![], vec![], vec![]).unwrap();
        assert!(!empty.derives() && options_query(&empty).is_empty());
        for (param, bad) in [("currency", "xyz"), ("per", "nope"), ("growth", "forever"), ("year", "abc")] {
            let e = match param {
                "currency" => comparable_options(v(bad), vec![], vec![], vec![]),
                "per" => comparable_options(vec![], v(bad), vec![], vec![]),
                "growth" => comparable_options(vec![], vec![], v(bad), vec![]),
                _ => comparable_options(vec![], vec![], vec![], v(bad)),
            };
            let Err(AppError::BadRequest { param: named, .. }) = e else { panic!("{param}={bad} must be refused") };
            assert_eq!(named, param);
        }
    }

    #[test]
    fn page_numbers_are_positive_whole_numbers() {
        assert_eq!(page_number(vec![]).unwrap(), 1);
        assert_eq!(page_number(vec!["".into()]).unwrap(), 1);
        assert_eq!(page_number(vec!["3".into()]).unwrap(), 3);
        for bad in ["0", "-1", "abc", "1.5", "99999999999999999999"] {
            assert!(page_number(vec![bad.into()]).is_err(), "{bad}");
        }
        assert!(page_number(vec!["1".into(), "2".into()]).is_err());
    }
}
