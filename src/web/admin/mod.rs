//! `/admin`: data updates for whoever holds the admin token. Sign in (or send a bearer
//! token), upload a dataset, preview what it would change (nothing is written), apply it in
//! one transaction, and read the audit log. Without a configured token none of this exists.

use std::net::IpAddr;
use std::time::{Duration, Instant};

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Multipart, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use axum_extra::extract::cookie::SignedCookieJar;
use serde::Deserialize;
use tower_http::csrf::CsrfLayer;
use tower_http::limit::RequestBodyLimitLayer;

mod auth;
mod upload;

pub use auth::Admin;

use super::AppState;
use crate::dataset::{ImportMode, ImportReport, Provenance, import};
use crate::db::changes::{self, Change};
use crate::error::{AppError, AppResult};
use auth::{AdminUser, Attempt, Presented, SESSION_COOKIE, random_id, wants_json};
use upload::{Action, MAX_PENDING, PENDING_TTL, PendingUpload};

/// The admin routes, or none at all when no token is configured (every /admin path is then
/// the site's 404). State-changing requests must come from this site (CSRF layer) and may
/// carry a dataset-sized body; nothing else on the site accepts a body.
pub fn routes(state: &AppState) -> Router<AppState> {
    if state.admin.is_none() {
        return Router::new();
    }
    let max_upload =
        usize::try_from(state.settings.limits.max_upload_mb.saturating_mul(1024 * 1024)).unwrap_or(usize::MAX);
    Router::new()
        .route("/admin", get(console))
        .route("/admin/login", post(sign_in))
        .route("/admin/logout", post(sign_out))
        .route("/admin/import", post(import_upload))
        .route("/admin/log", get(log))
        .layer(DefaultBodyLimit::max(max_upload))
        .layer(RequestBodyLimitLayer::new(max_upload))
        .layer(CsrfLayer::new())
}

/// The caller: the client address, and who their token or session says they are.
struct Caller {
    ip: IpAddr,
    presented: Presented,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &AppState) -> Result<Self, AppError> {
        let admin = state.admin.as_ref().ok_or_else(|| AppError::NotFound("page".into()))?;
        let ip = super::client::client_ip(&parts.headers, &parts.extensions, &state.settings.trusted_proxies);
        let presented = admin.identify(&parts.headers, ip);
        Ok(Caller { ip, presented })
    }
}

/// Why an admin request is refused.
enum Denied {
    WrongToken,
    NotSignedIn,
    TooSoon(Duration),
}

impl Denied {
    /// 401 (429 for an address that must wait), as a sign-in page or as JSON.
    fn response(self, headers: &HeaderMap) -> Response {
        match self {
            Denied::WrongToken => unauthorized(headers, &crate::t("admin-wrong-bearer")),
            Denied::NotSignedIn => unauthorized(headers, &crate::t("admin-sign-in-first")),
            Denied::TooSoon(wait) => too_soon(headers, wait),
        }
    }
}

impl Caller {
    /// The signed-in user, or why not.
    fn user(self) -> Result<AdminUser, Denied> {
        match self.presented {
            Presented::User(user) => Ok(user),
            Presented::WrongToken => Err(Denied::WrongToken),
            Presented::TooSoon(wait) => Err(Denied::TooSoon(wait)),
            Presented::Nothing => Err(Denied::NotSignedIn),
        }
    }
}

fn unauthorized(headers: &HeaderMap, message: &str) -> Response {
    if wants_json(headers) {
        let body = serde_json::json!({ "error": { "status": 401, "message": message } });
        return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")], Json(body)).into_response();
    }
    let page = SignInPage { message: Some(message.to_string()) };
    (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")], page).into_response()
}

/// 429 with `Retry-After` in whole seconds: the address failed a moment ago and its attempts
/// are not checked until then.
fn too_soon(headers: &HeaderMap, wait: Duration) -> Response {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let message =
        crate::i18n::t_count("admin-too-soon", i64::try_from(seconds).unwrap_or(i64::MAX), &seconds.to_string());
    let retry_after = [(header::RETRY_AFTER, seconds.to_string())];
    if wants_json(headers) {
        let body = serde_json::json!({ "error": { "status": 429, "message": message } });
        return (StatusCode::TOO_MANY_REQUESTS, retry_after, Json(body)).into_response();
    }
    (StatusCode::TOO_MANY_REQUESTS, retry_after, SignInPage { message: Some(message) }).into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/sign_in.html")]
struct SignInPage {
    message: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/console.html")]
struct ConsolePage {
    actor: String,
    recent: Vec<Change>,
    max_upload_mb: u64,
}

async fn console(State(state): State<AppState>, caller: Caller) -> AppResult<Response> {
    match caller.presented {
        Presented::User(user) => Ok(ConsolePage {
            actor: user.actor,
            recent: changes::latest(&state.pool, 5).await?,
            max_upload_mb: state.settings.limits.max_upload_mb,
        }
        .into_response()),
        _ => Ok(SignInPage { message: None }.into_response()),
    }
}

#[derive(Deserialize)]
struct SignInForm {
    token: String,
}

async fn sign_in(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Response {
    let Some(admin) = state.admin.as_ref() else { return AppError::NotFound("page".into()).into_response() };
    match admin.attempt(caller.ip, form.token.trim()) {
        Attempt::Accepted => {}
        Attempt::Rejected => return unauthorized(&headers, &crate::t("admin-wrong-token")),
        Attempt::TooSoon(wait) => return too_soon(&headers, wait),
    }
    tracing::info!(ip = %caller.ip, "admin signed in");
    let jar = SignedCookieJar::from_headers(&headers, admin.key().clone()).add(admin.start_session());
    (jar, Redirect::to("/admin")).into_response()
}

async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(admin) = state.admin.as_ref() else { return AppError::NotFound("page".into()).into_response() };
    let jar = SignedCookieJar::from_headers(&headers, admin.key().clone());
    if let Some(c) = jar.get(SESSION_COOKIE) {
        admin.end_session(c.value());
    }
    (jar.remove(admin.removal_cookie()), Redirect::to("/admin")).into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/report.html")]
struct ReportPage {
    report: ImportReport,
    /// Set for a preview without problems: the upload to apply.
    upload_id: Option<String>,
    reason: String,
}

impl ReportPage {
    /// "Applied" or "Preview": the title and the breadcrumb's last step.
    fn short_title(&self) -> String {
        if self.report.applied { crate::t("admin-applied") } else { crate::t("admin-preview-short") }
    }

    /// "3 problems".
    fn problems_heading(&self) -> String {
        let n = self.report.problem_count;
        crate::i18n::t_count("admin-problems", i64::try_from(n).unwrap_or(i64::MAX), &n.to_string())
    }
}

/// `POST /admin/import`: preview (default) or apply an uploaded dataset.
async fn import_upload(State(state): State<AppState>, caller: Caller, request: Request) -> Response {
    let headers = request.headers().clone();
    let user = match caller.user() {
        Ok(user) => user,
        Err(denied) => return denied.response(&headers),
    };
    match run_import(&state, &user, &headers, request).await {
        Ok(response) => response,
        Err(e) if wants_json(&headers) => crate::error::ApiError(e).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn run_import(state: &AppState, user: &AdminUser, headers: &HeaderMap, request: Request) -> AppResult<Response> {
    let admin = state.admin.as_ref().ok_or_else(|| AppError::NotFound("page".into()))?;
    let multipart = Multipart::from_request(request, state)
        .await
        .map_err(|e| AppError::bad_param("files", crate::t1("admin-error-multipart", "detail", e)))?;
    // Everything one upload holds once unpacked (its plain files and its zips' files together).
    let max_unpacked =
        usize::try_from(state.settings.limits.max_upload_mb.saturating_mul(4 * 1024 * 1024)).unwrap_or(usize::MAX);
    let form = upload::read(multipart, max_unpacked).await?;

    let (files, reason) = match (&form.upload_id, form.action) {
        (Some(id), Action::Apply) => {
            let pending = admin.uploads.lock().unwrap_or_else(|e| e.into_inner()).remove(id);
            match pending {
                Some(p) if p.actor == user.actor && p.created.elapsed() < PENDING_TTL => {
                    let reason = if form.reason.is_empty() { p.reason.clone() } else { form.reason.clone() };
                    (p.files, reason)
                }
                _ => {
                    return Err(AppError::bad_param("upload", crate::t("admin-error-expired")));
                }
            }
        }
        _ if form.files.is_empty() => {
            return Err(AppError::bad_param("files", crate::t("admin-error-no-files")));
        }
        _ => (form.files, form.reason.clone()),
    };
    if form.action == Action::Apply && reason.is_empty() {
        return Err(AppError::bad_param("reason", crate::t("admin-error-no-reason")));
    }

    let mode = if form.action == Action::Apply { ImportMode::Apply } else { ImportMode::Preview };
    let provenance = Provenance { actor: &user.actor, reason: &reason };
    let report = import(&state.pool, &upload::dataset(&files), mode, provenance).await?;
    if report.applied {
        tracing::info!(actor = %user.actor, version = report.data_version, "dataset applied");
    }
    let upload_id = (mode == ImportMode::Preview && report.problems.is_empty()).then(|| {
        let id = random_id();
        let mut uploads = admin.uploads.lock().unwrap_or_else(|e| e.into_inner());
        uploads.retain(|_, p| p.created.elapsed() < PENDING_TTL);
        while uploads.len() >= MAX_PENDING {
            let oldest = uploads.iter().min_by_key(|(_, p)| p.created).map(|(k, _)| k.clone());
            oldest.map(|k| uploads.remove(&k));
        }
        uploads.insert(
            id.clone(),
            PendingUpload { files, actor: user.actor.clone(), reason: reason.clone(), created: Instant::now() },
        );
        id
    });
    let status = if report.problems.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    if wants_json(headers) {
        let body = serde_json::json!({ "report": report, "upload": upload_id });
        return Ok((status, Json(body)).into_response());
    }
    Ok((status, ReportPage { report, upload_id, reason }).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/log.html")]
struct LogPage {
    changes: Vec<Change>,
}

async fn log(State(state): State<AppState>, caller: Caller, headers: HeaderMap) -> Response {
    if let Err(denied) = caller.user() {
        return denied.response(&headers);
    }
    match changes::latest(&state.pool, 200).await {
        Ok(changes) => LogPage { changes }.into_response(),
        Err(e) => AppError::from(e).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{FileReport, Problem, ProblemGroup};
    use crate::i18n::{Lang, within};

    fn report() -> ImportReport {
        ImportReport {
            dataset: "upload of cities.csv".into(),
            files: vec![FileReport {
                file: "cities.csv",
                rows: 3,
                new: 1,
                changed: 1,
                unchanged: 1,
                changed_keys: vec!["testville".into()],
                more_changed_keys: 2,
                bulk: false,
            }],
            problems: vec![Problem {
                file: "cities.csv".into(),
                line: 2,
                column: "name".into(),
                reason: "is required but empty".into(),
            }],
            problem_count: 5,
            more_problems: vec![ProblemGroup {
                file: "cities.csv".into(),
                column: "name".into(),
                reason: "is required but empty".into(),
                count: 4,
            }],
            applied: false,
            data_version: 1,
        }
    }

    #[tokio::test]
    async fn the_import_report_reads_in_the_pages_language() {
        let page = || ReportPage { report: report(), upload_id: None, reason: String::new() };
        let en = page().render().unwrap();
        for words in ["<title>Preview · Update data", "5 problems", "The first 1 are listed; and 4 more", "and 2 more"]
        {
            assert!(en.contains(words), "{words}");
        }
        let zh = within(Lang::Zh, "/admin/import".into(), async { page().render().unwrap() }).await;
        for words in [
            "<title>预览 · 更新数据",
            "此次上传无法应用",
            "5 个问题",
            "以上列出前 1 个；另有以下几类问题共 4 个",
            "另有 2 个",
        ] {
            assert!(zh.contains(words), "{words}: {zh}");
        }
        assert!(zh.contains("is required but empty"), "the importer's own words stay as written");
    }
}
