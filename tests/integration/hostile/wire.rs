//! Requests sent byte for byte over a raw socket (a client library would normalise or refuse
//! some of them), their answers parsed by hand, and what an answer the app means looks like.

use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::common::html::inert;

/// An HTTP answer as it came off the wire, the body de-chunked.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> &str {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map_or("", |(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One `GET target` on a fresh connection; `Host` is the server's address unless `host` is
/// false (then only the given headers are sent).
pub async fn send(addr: &str, target: &str, headers: &[(String, Vec<u8>)], host: bool) -> Result<Answer, String> {
    let mut request = format!("GET {target} HTTP/1.1\r\n").into_bytes();
    if host {
        request.extend_from_slice(format!("Host: {addr}\r\n").as_bytes());
    }
    for (name, value) in headers {
        request.extend_from_slice(name.as_bytes());
        request.extend_from_slice(b": ");
        request.extend_from_slice(value);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"Connection: close\r\n\r\n");
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await?;
        stream.write_all(&request).await?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await?;
        Ok::<_, std::io::Error>(raw)
    };
    let raw = tokio::time::timeout(Duration::from_secs(20), exchange)
        .await
        .map_err(|_| format!("no answer within 20 s to GET {target}"))?
        .map_err(|e| format!("GET {target}: {e}"))?;
    parse_answer(&raw).ok_or_else(|| format!("GET {target}: not an HTTP answer: {:?}", String::from_utf8_lossy(&raw)))
}

/// A keep-alive HTTP/1.1 connection that sends GETs one after another, as a browser or a
/// crawler does: many requests cost one connection. Reconnects when the server closes it.
pub struct KeepAlive {
    addr: String,
    stream: Option<tokio::io::BufReader<tokio::net::TcpStream>>,
    /// Connections opened so far.
    pub connections: usize,
}

impl KeepAlive {
    pub fn new(addr: &str) -> Self {
        KeepAlive { addr: addr.to_string(), stream: None, connections: 0 }
    }

    /// `GET target` with `Host`, on the open connection (or a new one).
    pub async fn get(&mut self, target: &str) -> Result<Answer, String> {
        let exchange = async {
            let mut stream = match self.stream.take() {
                Some(stream) => stream,
                None => {
                    self.connections += 1;
                    tokio::io::BufReader::new(tokio::net::TcpStream::connect(&self.addr).await?)
                }
            };
            let request = format!("GET {target} HTTP/1.1\r\nHost: {}\r\n\r\n", self.addr);
            stream.get_mut().write_all(request.as_bytes()).await?;
            let raw = read_one_answer(&mut stream).await?;
            Ok::<_, std::io::Error>((stream, raw))
        };
        let (stream, raw) = tokio::time::timeout(Duration::from_secs(20), exchange)
            .await
            .map_err(|_| format!("no answer within 20 s to GET {target}"))?
            .map_err(|e| format!("GET {target}: {e}"))?;
        let answer = parse_answer(&raw)
            .ok_or_else(|| format!("GET {target}: not an HTTP answer: {:?}", String::from_utf8_lossy(&raw)))?;
        if !answer.header("connection").eq_ignore_ascii_case("close") {
            self.stream = Some(stream);
        }
        Ok(answer)
    }
}

/// The bytes of one answer, read by its own framing (Content-Length or chunks), so the next
/// answer on the connection is left unread.
async fn read_one_answer(stream: &mut tokio::io::BufReader<tokio::net::TcpStream>) -> std::io::Result<Vec<u8>> {
    use tokio::io::AsyncBufReadExt;
    let closed = || std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "the connection closed mid-answer");
    let mut raw = Vec::new();
    while !raw.ends_with(b"\r\n\r\n") {
        if stream.read_until(b'\n', &mut raw).await? == 0 {
            return Err(closed());
        }
    }
    let head = String::from_utf8_lossy(&raw).to_ascii_lowercase();
    let header = |name: &str| {
        head.lines().find_map(|l| l.strip_prefix(name).and_then(|v| v.strip_prefix(':')).map(|v| v.trim().to_string()))
    };
    if header("transfer-encoding").is_some_and(|v| v == "chunked") {
        loop {
            let start = raw.len();
            if stream.read_until(b'\n', &mut raw).await? == 0 {
                return Err(closed());
            }
            let size_line = String::from_utf8_lossy(&raw[start..]).trim().to_string();
            let size = usize::from_str_radix(size_line.split(';').next().unwrap_or(""), 16)
                .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "a bad chunk size"))?;
            let mut chunk = vec![0u8; size + 2];
            stream.read_exact(&mut chunk).await?;
            raw.extend_from_slice(&chunk);
            if size == 0 {
                return Ok(raw);
            }
        }
    }
    let length: usize = header("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).await?;
    raw.extend_from_slice(&body);
    Ok(raw)
}

/// Parses a whole HTTP/1.1 answer; `None` if it is not one.
pub fn parse_answer(raw: &[u8]) -> Option<Answer> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut rest = &raw[end + 4..];
    let chunked = headers.iter().any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    let body = if chunked {
        let mut body = Vec::new();
        loop {
            let line_end = rest.windows(2).position(|w| w == b"\r\n")?;
            let size_text = std::str::from_utf8(&rest[..line_end]).ok()?;
            let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
            rest = &rest[line_end + 2..];
            if size == 0 {
                break;
            }
            body.extend_from_slice(rest.get(..size)?);
            rest = rest.get(size + 2..)?;
        }
        body
    } else if let Some((_, len)) = headers.iter().find(|(n, _)| n == "content-length") {
        rest.get(..len.parse::<usize>().ok()?)?.to_vec()
    } else {
        rest.to_vec()
    };
    Some(Answer { status, headers, body })
}

/// Whether the router sends `path` (raw, as on the wire) to a machine-readable route, whose
/// errors are JSON: `/cities.json`, `/compare.csv`, …, and `/cities/{slug}` when the decoded
/// slug ends in `.json` or `.csv`.
pub fn machine_route(path: &str) -> bool {
    if matches!(
        path,
        "/cities.json"
            | "/cities.csv"
            | "/compare.json"
            | "/compare.csv"
            | "/companies.json"
            | "/companies.csv"
            | "/search.json"
            | "/openapi.json"
            | "/compare/chart.svg"
    ) {
        return true;
    }
    match path.strip_prefix("/cities/") {
        Some(seg) if !seg.is_empty() && !seg.contains('/') => {
            let slug = String::from_utf8_lossy(&pct_decode(seg)).into_owned();
            slug.ends_with(".json") || slug.ends_with(".csv")
        }
        _ => false,
    }
}

/// The answer to `GET target` is one the app means: never a 5xx; a 2xx or 4xx HTML answer is a
/// complete, inert page; a 4xx on a machine-readable route is a JSON error; 2xx JSON and CSV
/// parse.
pub fn check_answer(target: &str, a: &Answer) -> Result<(), TestCaseError> {
    let path = target.split('?').next().unwrap_or(target);
    let shown: String = match target.char_indices().nth(200) {
        Some((cut, _)) => format!("{}… ({} bytes)", &target[..cut], target.len()),
        None => target.to_string(),
    };
    let machine = machine_route(path);
    let content_type = a.header("content-type").to_ascii_lowercase();
    let body = a.text();
    let short: String = body.chars().take(300).collect();
    prop_assert!(
        (200..500).contains(&a.status) && !(300..400).contains(&a.status),
        "GET {shown}: status {}: {short}",
        a.status
    );
    if machine {
        if a.status >= 400 {
            prop_assert!(
                content_type.starts_with("application/json"),
                "GET {shown}: a {} on a machine-readable route must be JSON, got {content_type:?}: {short}",
                a.status
            );
            let v: serde_json::Value =
                serde_json::from_str(&body).map_err(|e| TestCaseError::fail(format!("GET {shown}: {e}: {short}")))?;
            prop_assert_eq!(v["error"]["status"].as_u64(), Some(u64::from(a.status)), "GET {}", shown);
            prop_assert!(v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "GET {shown}: {short}");
        } else if content_type.starts_with("application/json") {
            serde_json::from_str::<serde_json::Value>(&body)
                .map_err(|e| TestCaseError::fail(format!("GET {shown}: {e}: {short}")))?;
        } else if content_type.starts_with("image/svg+xml") {
            prop_assert!(body.starts_with("<?xml") && body.trim_end().ends_with("</svg>"), "GET {shown}: {short}");
            prop_assert!(!body.to_ascii_lowercase().contains("<script"), "GET {shown}: a script in the chart file");
        } else {
            prop_assert!(content_type.starts_with("text/csv"), "GET {shown}: {content_type:?}");
            let mut reader = csv::Reader::from_reader(body.as_bytes());
            let width = reader.headers().map_err(|e| TestCaseError::fail(format!("GET {shown}: {e}")))?.len();
            prop_assert!(width > 0, "GET {shown}: empty CSV header");
            for record in reader.records() {
                let record = record.map_err(|e| TestCaseError::fail(format!("GET {shown}: {e}")))?;
                prop_assert_eq!(record.len(), width, "GET {}", shown);
            }
        }
    } else {
        prop_assert!(
            content_type.starts_with("text/html"),
            "GET {shown}: a {} page must be HTML, got {content_type:?}: {short}",
            a.status
        );
        prop_assert!(body.starts_with("<!doctype html>"), "GET {shown}: {short}");
        prop_assert!(body.trim_end().ends_with("</html>"), "GET {shown}: incomplete page");
        let export = a.status == 200 && path == "/compare/export";
        inert(&format!("GET {shown}"), &body, usize::from(export)).map_err(TestCaseError::fail)?;
    }
    Ok(())
}

/// Percent-encodes every byte outside the unreserved set, as a browser would a form value.
pub fn pct(bytes: &[u8]) -> String {
    let mut out = String::new();
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes every `%XX`; a `%` without two hex digits after it stays as it is.
pub fn pct_decode(text: &str) -> Vec<u8> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Some(v) = std::str::from_utf8(&b[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    out
}
