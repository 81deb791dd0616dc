//! The one error type of the web layer. Client mistakes become a 400 page that names the
//! parameter and what it accepts, or a 404; anything else is logged and answered with a
//! generic 500 page that reveals nothing internal.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A query parameter (or path part) the app cannot use.
    #[error("{param}: {message}")]
    BadRequest { param: String, message: String, allowed: Allowed },
    /// An unknown page, city, park, company or source.
    #[error("{0} not found")]
    NotFound(String),
    /// A request target longer than the server accepts.
    #[error("the address is {length} bytes long; at most {max} are accepted")]
    UriTooLong { length: usize, max: usize },
    /// A request body the server does not take: an upload past its limits, or any body on a
    /// page that takes none. The text says which limit.
    #[error("{0}")]
    TooLarge(String),
    /// The disk filled up while writing (an import, rolled back); the text says so in words.
    #[error("{0}")]
    DiskFull(crate::db::disk::DiskFull),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("template error: {0}")]
    Render(#[from] askama::Error),
    /// A rule the code itself broke (never the reader's doing): logged, answered 500.
    #[error("internal error: {0}")]
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl From<crate::dataset::ImportError> for AppError {
    fn from(e: crate::dataset::ImportError) -> Self {
        match e {
            crate::dataset::ImportError::Database(e) => AppError::Database(e),
            crate::dataset::ImportError::DiskFull(full) => AppError::DiskFull(full),
        }
    }
}

/// What a 400 page lists so the reader can fix the request.
#[derive(Debug, Clone, Default)]
pub enum Allowed {
    #[default]
    Nothing,
    /// The values the parameter accepts.
    Values(Vec<String>),
    /// The parameters the page accepts (for an unknown parameter).
    Parameters(Vec<String>),
}

impl AppError {
    pub fn bad_param(param: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::BadRequest { param: param.into(), message: message.into(), allowed: Allowed::Nothing }
    }

    pub fn not_allowed(param: impl Into<String>, value: &str, allowed: Vec<String>) -> Self {
        let param = param.into();
        AppError::BadRequest {
            message: crate::t2("error-not-allowed", "value", format!("{value:?}"), "param", &param),
            param,
            allowed: Allowed::Values(allowed),
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::UriTooLong { .. } => StatusCode::URI_TOO_LONG,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::DiskFull(_) => StatusCode::INSUFFICIENT_STORAGE,
            AppError::Database(_) | AppError::Render(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: StatusCode,
    heading: String,
    message: String,
    param: Option<&'a str>,
    allowed: &'a Allowed,
}

/// What was not found, in the page's language: `city "atlantis"` becomes `城市 "atlantis"`.
fn thing(what: &str) -> String {
    let (kind, rest) = what.split_once(' ').unwrap_or((what, ""));
    let key = match kind {
        "page" => "thing-page",
        "file" => "thing-file",
        "city" => "thing-city",
        "park" => "thing-park",
        "company" => "thing-company",
        "source" => "thing-source",
        _ => return what.to_string(),
    };
    let kind = crate::t(key);
    if rest.is_empty() { kind } else { format!("{kind} {rest}") }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let page = match &self {
            AppError::BadRequest { param, message, allowed } => ErrorPage {
                status,
                heading: crate::t("error-bad-request"),
                message: message.clone(),
                param: Some(param),
                allowed,
            },
            AppError::NotFound(what) => ErrorPage {
                status,
                heading: crate::t("error-not-found"),
                message: crate::t1("error-nothing-here", "what", thing(what)),
                param: None,
                allowed: &Allowed::Nothing,
            },
            AppError::UriTooLong { .. } => ErrorPage {
                status,
                heading: crate::t("error-uri-too-long"),
                message: crate::t1("error-uri-too-long-message", "reason", capitalised(&self.to_string())),
                param: None,
                allowed: &Allowed::Nothing,
            },
            AppError::TooLarge(message) => ErrorPage {
                status,
                heading: crate::t("error-too-large"),
                message: capitalised(message),
                param: None,
                allowed: &Allowed::Nothing,
            },
            AppError::DiskFull(full) => {
                tracing::error!("{full}");
                ErrorPage {
                    status,
                    heading: crate::t("error-disk-full"),
                    message: format!("{}.", capitalised(&full.to_string())),
                    param: None,
                    allowed: &Allowed::Nothing,
                }
            }
            AppError::Database(_) | AppError::Render(_) | AppError::Internal(_) => {
                tracing::error!(error = %self, "request failed");
                ErrorPage {
                    status,
                    heading: crate::t("error-internal"),
                    message: crate::t("error-internal-message"),
                    param: None,
                    allowed: &Allowed::Nothing,
                }
            }
        };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(e) => {
                tracing::error!(error = %e, "error page failed to render");
                (status, status.canonical_reason().unwrap_or("error")).into_response()
            }
        }
    }
}

/// The same errors for the machine-readable routes (`.json`, `.csv`): a JSON body
/// `{"error": {"status", "parameter", "message", "allowed"}}`.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ApiError(AppError::Database(e))
    }
}

/// The body of every error of the machine-readable routes: `{"error": {...}}`.
#[derive(serde::Serialize, utoipa::ToSchema)]
#[schema(as = Error)]
pub struct ApiErrorJson<'a> {
    error: ApiErrorBody<'a>,
}

/// What went wrong: for a 400, the parameter and what it accepts.
#[derive(serde::Serialize, utoipa::ToSchema)]
#[schema(as = ErrorDetail)]
struct ApiErrorBody<'a> {
    // Fields in alphabetical order: the order this body has always had on the wire (it was
    // built with `json!`, whose objects sort their keys).
    /// The values the parameter accepts.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    allowed: &'a [String],
    /// The parameters the route accepts, when the request named another.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    allowed_parameters: &'a [String],
    message: String,
    /// The query parameter (or path part) the request got wrong.
    #[serde(skip_serializing_if = "Option::is_none")]
    parameter: Option<&'a str>,
    /// The HTTP status, repeated.
    status: u16,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let none: &[String] = &[];
        let body = match &self.0 {
            AppError::BadRequest { param, message, allowed } => ApiErrorBody {
                status: status.as_u16(),
                parameter: Some(param),
                message: message.clone(),
                allowed: match allowed {
                    Allowed::Values(v) => v,
                    _ => none,
                },
                allowed_parameters: match allowed {
                    Allowed::Parameters(p) => p,
                    _ => none,
                },
            },
            AppError::NotFound(what) => ApiErrorBody {
                status: status.as_u16(),
                parameter: None,
                message: format!("{what} not found"),
                allowed: none,
                allowed_parameters: none,
            },
            AppError::DiskFull(full) => {
                tracing::error!("{full}");
                ApiErrorBody {
                    status: status.as_u16(),
                    parameter: None,
                    message: full.to_string(),
                    allowed: none,
                    allowed_parameters: none,
                }
            }
            AppError::UriTooLong { .. } | AppError::TooLarge(_) => ApiErrorBody {
                status: status.as_u16(),
                parameter: None,
                message: self.0.to_string(),
                allowed: none,
                allowed_parameters: none,
            },
            AppError::Database(_) | AppError::Render(_) | AppError::Internal(_) => {
                tracing::error!(error = %self.0, "request failed");
                ApiErrorBody {
                    status: status.as_u16(),
                    parameter: None,
                    message: "internal error; it has been logged".into(),
                    allowed: none,
                    allowed_parameters: none,
                }
            }
        };
        (status, axum::Json(ApiErrorJson { error: body })).into_response()
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
