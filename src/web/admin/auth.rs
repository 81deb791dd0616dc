//! Who may change the data: whoever holds the admin token, presented once on the sign-in form
//! (then a signed, HttpOnly, SameSite=Strict session cookie that expires) or on every request
//! as `Authorization: Bearer TOKEN` (the scheme in any case, as RFC 9110 has it). A token is
//! compared by its SHA-256 digest in constant time, so neither how much of a guess is right nor
//! how long the token is shows in the timing. After a wrong token the address is closed for a
//! while (1 s, then twice as long after each further failure): every attempt from it meanwhile
//! is answered 429 at once, unchecked, so parallel guesses gain nothing and no request waits
//! inside the server.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, header};
use axum_extra::extract::cookie::{Cookie, Key, SameSite, SignedCookieJar};

use super::super::client::limit_key;
use super::upload::PendingUpload;

pub const SESSION_COOKIE: &str = "clusterscope_admin";
/// A session ends this long after sign-in, whatever happens.
pub const SESSION_TTL: Duration = Duration::from_secs(2 * 60 * 60);
/// Failures older than this are forgotten.
const FAILURE_MEMORY: Duration = Duration::from_secs(15 * 60);
/// How long an address is closed after its first failure; each further one doubles it.
const FIRST_PENALTY: Duration = Duration::from_secs(1);
/// The longest an address is closed after a failure: at most one guess a minute.
const MAX_PENALTY: Duration = Duration::from_secs(60);
/// Addresses with recent failures kept at most; past it, those not closed right now go first.
const MAX_TRACKED: usize = 100_000;

/// Recent failures from one address (an IPv6 /64).
struct Failures {
    count: u32,
    last: Instant,
    /// No attempt from the address is checked before this.
    closed_until: Instant,
}

/// The outcome of one attempt with a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    Accepted,
    Rejected,
    /// The address is closed after a failure: try again after this long, unchecked meanwhile.
    TooSoon(Duration),
}

/// The admin side's state: the token's digest, the key that signs session cookies (new at every start,
/// so a restart signs everyone out), live sessions, recent failures, and previewed uploads
/// waiting to be applied.
pub struct Admin {
    token_digest: [u8; 32],
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
    /// A bearer token from an address that must wait after a failure.
    TooSoon(Duration),
}

impl Admin {
    pub fn new(token: String, secure_cookie: bool) -> Self {
        Admin {
            token_digest: token_digest(&token),
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

    /// Whether `given` is the token: their digests, always 32 bytes, compared in constant time.
    pub fn token_matches(&self, given: &str) -> bool {
        self.digest_matches(&token_digest(given))
    }

    fn digest_matches(&self, given: &[u8; 32]) -> bool {
        constant_time_eq::constant_time_eq_32(given, &self.token_digest)
    }

    /// One attempt from `ip` with the token `given`. While the address is closed after a
    /// failure the token is not even looked at. The check and the bookkeeping happen under one
    /// lock, so attempts from one address are checked one at a time, each after the last one's
    /// failure has closed the address: twelve guesses sent at once are one guess.
    pub fn attempt(&self, ip: IpAddr, given: &str) -> Attempt {
        let key = limit_key(ip);
        // Hashed before taking the lock: a long token does not hold up other addresses.
        let given = token_digest(given);
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        if let Some(f) = failures.get(&key)
            && f.closed_until > now
        {
            return Attempt::TooSoon(f.closed_until - now);
        }
        if self.digest_matches(&given) {
            failures.remove(&key);
            return Attempt::Accepted;
        }
        if failures.len() >= MAX_TRACKED {
            failures.retain(|_, f| f.last.elapsed() < FAILURE_MEMORY);
        }
        if failures.len() >= MAX_TRACKED {
            failures.retain(|_, f| f.closed_until > now);
        }
        let entry = failures.entry(key).or_insert(Failures { count: 0, last: now, closed_until: now });
        if entry.last.elapsed() >= FAILURE_MEMORY {
            entry.count = 0;
        }
        entry.count = entry.count.saturating_add(1);
        entry.last = now;
        entry.closed_until = now + penalty(entry.count);
        tracing::warn!(%ip, failures = entry.count, "admin token rejected");
        Attempt::Rejected
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

    /// Who the request's bearer token or session cookie says it is. A bearer token is an
    /// attempt like a sign-in (see `attempt`).
    pub fn identify(&self, headers: &HeaderMap, ip: IpAddr) -> Presented {
        if let Some(value) = headers.get(header::AUTHORIZATION) {
            // Another scheme, or no text, is an attempt with no token: it fails like a wrong one.
            let given = value.to_str().ok().and_then(bearer_credentials).unwrap_or("");
            return match self.attempt(ip, given) {
                Attempt::Accepted => Presented::User(AdminUser { actor: "admin token".into(), session: None }),
                Attempt::Rejected => Presented::WrongToken,
                Attempt::TooSoon(wait) => Presented::TooSoon(wait),
            };
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

/// The credentials of `Bearer TOKEN`, the scheme in any case; `None` for another scheme.
fn bearer_credentials(authorization: &str) -> Option<&str> {
    let (scheme, credentials) = authorization.trim().split_once([' ', '\t'])?;
    scheme.eq_ignore_ascii_case("bearer").then(|| credentials.trim())
}

fn token_digest(token: &str) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(token.as_bytes()).into()
}

/// How long an address is closed after its `failures`-th recent failure.
fn penalty(failures: u32) -> Duration {
    FIRST_PENALTY.saturating_mul(1 << failures.saturating_sub(1).min(16)).min(MAX_PENALTY)
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
        assert!(!admin.token_matches(&"c".repeat(1 << 20)));
    }

    #[test]
    fn the_token_is_kept_only_as_its_digest() {
        // Whatever the token's length, what is compared is 32 bytes: a guess of the wrong
        // length takes as long to refuse as one of the right length.
        let admin = Admin::new("correct horse battery staple".into(), false);
        assert_eq!(admin.token_digest, token_digest("correct horse battery staple"));
        assert_ne!(token_digest("a"), token_digest("b"));
    }

    #[test]
    fn the_bearer_scheme_is_read_in_any_case() {
        assert_eq!(bearer_credentials("Bearer abc"), Some("abc"));
        assert_eq!(bearer_credentials("bearer   abc "), Some("abc"));
        assert_eq!(bearer_credentials("BEARER\tabc"), Some("abc"));
        assert_eq!(bearer_credentials("Basic abc"), None);
        assert_eq!(bearer_credentials("Bearer"), None);
        assert_eq!(bearer_credentials("Bearerabc"), None);
    }

    #[test]
    fn a_failure_closes_the_address_for_longer_each_time() {
        let admin = Admin::new("correct horse battery staple".into(), false);
        let ip: IpAddr = "198.51.100.7".parse().unwrap();
        assert_eq!(admin.attempt(ip, "guess"), Attempt::Rejected);
        let Attempt::TooSoon(wait) = admin.attempt(ip, "correct horse battery staple") else { panic!() };
        assert!(wait <= FIRST_PENALTY && wait > FIRST_PENALTY / 2, "{wait:?}");
        let other: IpAddr = "198.51.100.8".parse().unwrap();
        assert_eq!(admin.attempt(other, "correct horse battery staple"), Attempt::Accepted, "others are not closed");
        assert_eq!(
            [1, 2, 3, 7, 8, 100].map(penalty),
            [1, 2, 4, 60, 60, 60].map(Duration::from_secs),
            "doubling up to a minute"
        );
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
