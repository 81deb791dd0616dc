//! Who may change the data: whoever holds the admin token, presented once on the sign-in form
//! (then a signed, HttpOnly, SameSite=Strict session cookie that expires) or on every request
//! as `Authorization: Bearer TOKEN`. Tokens are compared in constant time, and an address that
//! keeps failing waits longer before each new attempt is even looked at.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, header, request::Parts};
use axum_extra::extract::cookie::{Cookie, Key, SameSite, SignedCookieJar};

use super::upload::PendingUpload;

pub const SESSION_COOKIE: &str = "clusterscope_admin";
/// A session ends this long after sign-in, whatever happens.
pub const SESSION_TTL: Duration = Duration::from_secs(2 * 60 * 60);
/// Failures older than this are forgotten.
const FAILURE_MEMORY: Duration = Duration::from_secs(15 * 60);
/// The longest an address is made to wait before an attempt is checked.
const MAX_PENALTY: Duration = Duration::from_secs(8);

struct Failures {
    count: u32,
    last: Instant,
}

/// The admin side's state: the token, the key that signs session cookies (new at every start,
/// so a restart signs everyone out), live sessions, recent failures, and previewed uploads
/// waiting to be applied.
pub struct Admin {
    token: String,
    key: Key,
    secure_cookie: bool,
    sessions: Mutex<HashMap<String, Instant>>,
    failures: Mutex<HashMap<IpAddr, Failures>>,
    pub uploads: Mutex<HashMap<String, PendingUpload>>,
}

/// The person or client acting on an admin route, as the audit log names them.
#[derive(Debug, Clone)]
pub struct AdminUser {
    pub actor: String,
    /// The session id, when signed in with the form.
    pub session: Option<String>,
}

/// What a request presents.
pub enum Presented {
    Nothing,
    User(AdminUser),
    /// A bearer token that is not the admin token.
    WrongToken,
}

impl Admin {
    pub fn new(token: String, secure_cookie: bool) -> Self {
        Admin {
            token,
            key: Key::generate(),
            secure_cookie,
            sessions: Mutex::new(HashMap::new()),
            failures: Mutex::new(HashMap::new()),
            uploads: Mutex::new(HashMap::new()),
        }
    }

    pub fn key(&self) -> &Key {
        &self.key
    }

    /// Constant-time comparison: how much of a guess is right does not show in the timing.
    pub fn token_matches(&self, given: &str) -> bool {
        constant_time_eq::constant_time_eq(given.as_bytes(), self.token.as_bytes())
    }

    /// Waits before an attempt from `ip` is checked: nothing at first, then doubling from a
    /// quarter second with each recent failure, up to `MAX_PENALTY`.
    pub async fn throttle(&self, ip: IpAddr) {
        let delay = {
            let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
            match failures.get(&ip) {
                Some(f) if f.last.elapsed() < FAILURE_MEMORY && f.count > 0 => {
                    Duration::from_millis(250u64.saturating_mul(1 << (f.count - 1).min(6))).min(MAX_PENALTY)
                }
                _ => Duration::ZERO,
            }
        };
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
    }

    pub fn record_failure(&self, ip: IpAddr) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        failures.retain(|_, f| f.last.elapsed() < FAILURE_MEMORY);
        let entry = failures.entry(ip).or_insert(Failures { count: 0, last: Instant::now() });
        entry.count = entry.count.saturating_add(1);
        entry.last = Instant::now();
        tracing::warn!(%ip, failures = entry.count, "admin token rejected");
    }

    pub fn forget_failures(&self, ip: IpAddr) {
        self.failures.lock().unwrap_or_else(|e| e.into_inner()).remove(&ip);
    }

    /// Opens a session and returns the cookie that carries it.
    pub fn start_session(&self) -> Cookie<'static> {
        let id = random_id();
        let mut sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        sessions.retain(|_, expires| *expires > Instant::now());
        sessions.insert(id.clone(), Instant::now() + SESSION_TTL);
        Cookie::build((SESSION_COOKIE, id))
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(self.secure_cookie)
            .path("/admin")
            .max_age(cookie_duration(SESSION_TTL))
            .build()
    }

    pub fn end_session(&self, id: &str) {
        self.sessions.lock().unwrap_or_else(|e| e.into_inner()).remove(id);
    }

    /// The cookie that removes the session cookie from the browser.
    pub fn removal_cookie(&self) -> Cookie<'static> {
        Cookie::build((SESSION_COOKIE, "")).path("/admin").max_age(cookie_duration(Duration::ZERO)).build()
    }

    fn session_alive(&self, id: &str) -> bool {
        let sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        sessions.get(id).is_some_and(|expires| *expires > Instant::now())
    }

    /// Who the request's bearer token or session cookie says it is. A wrong bearer token is
    /// throttled and recorded like a failed sign-in.
    pub async fn identify(&self, headers: &HeaderMap, ip: IpAddr) -> Presented {
        if let Some(value) = headers.get(header::AUTHORIZATION) {
            let given = value.to_str().ok().and_then(|v| v.strip_prefix("Bearer ")).unwrap_or("");
            self.throttle(ip).await;
            if self.token_matches(given.trim()) {
                self.forget_failures(ip);
                return Presented::User(AdminUser { actor: "admin token".into(), session: None });
            }
            self.record_failure(ip);
            return Presented::WrongToken;
        }
        let jar = SignedCookieJar::from_headers(headers, self.key.clone());
        match jar.get(SESSION_COOKIE) {
            Some(cookie) if self.session_alive(cookie.value()) => {
                let id = cookie.value().to_string();
                let short: String = id.chars().take(8).collect();
                Presented::User(AdminUser { actor: format!("admin session {short}"), session: Some(id) })
            }
            _ => Presented::Nothing,
        }
    }
}

fn cookie_duration(d: Duration) -> cookie::time::Duration {
    cookie::time::Duration::seconds(d.as_secs() as i64)
}

/// 128 random bits as hex: session and upload ids nobody can guess.
pub fn random_id() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // The OS refused randomness: fall back to a value that is at least never repeated.
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        bytes = nanos.to_le_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The client's address, from the connection itself.
pub fn peer_ip(parts: &Parts) -> IpAddr {
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip())
}

/// Whether the client asked for JSON (API clients) rather than pages.
pub fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json") && !v.contains("text/html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_match_only_exactly() {
        let admin = Admin::new("correct horse battery staple".into(), false);
        assert!(admin.token_matches("correct horse battery staple"));
        assert!(!admin.token_matches("correct horse battery stapl"));
        assert!(!admin.token_matches(""));
        assert!(!admin.token_matches("correct horse battery staple "));
    }

    #[test]
    fn session_cookies_are_locked_down() {
        let admin = Admin::new("x".repeat(20), true);
        let c = admin.start_session();
        assert_eq!(c.http_only(), Some(true));
        assert_eq!(c.same_site(), Some(SameSite::Strict));
        assert_eq!(c.secure(), Some(true));
        assert!(c.max_age().is_some());
        assert!(admin.session_alive(c.value()));
        admin.end_session(c.value());
        assert!(!admin.session_alive(c.value()));
    }

    #[test]
    fn ids_are_random_and_long() {
        let (a, b) = (random_id(), random_id());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }
}
