//! The address a request comes from, for the per-address limits (the admin sign-in throttle
//! and the rate limit). It is the connection's peer, unless that peer is a reverse proxy named
//! by `--trusted-proxy`: then it is the address the proxy says it forwarded for, read from the
//! right of `X-Forwarded-For`, where the proxy appended it. Entries further left were written
//! by the client and are believed only as far as each hop is a trusted proxy itself.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::ConnectInfo;
use axum::http::{Extensions, HeaderMap};

const FORWARDED_FOR: &str = "x-forwarded-for";

/// The client's address, given the request's headers and extensions (see the module's comment).
pub fn client_ip(headers: &HeaderMap, extensions: &Extensions, trusted_proxies: &[IpAddr]) -> IpAddr {
    let peer = extensions.get::<ConnectInfo<SocketAddr>>().map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
    if trusted_proxies.is_empty() {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all(FORWARDED_FOR)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        if !trusted_proxies.contains(&canonical(client)) {
            break;
        }
        // An entry that is not an address ends the chain: the last trusted hop answers for it.
        match parse_hop(hop) {
            Some(ip) => client = ip,
            None => break,
        }
    }
    client
}

/// `198.51.100.7`, `2001:db8::1`, or either with a port (`198.51.100.7:4711`, `[2001:db8::1]:80`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>().ok().or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip())).map(canonical)
}

/// An IPv4 address written as IPv6 (`::ffff:127.0.0.1`) is the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The key per-address limits count under: the address, or for IPv6 its /64 network, since
/// one subscriber is commonly given a whole /64 and could otherwise change address at will.
pub fn limit_key(ip: IpAddr) -> IpAddr {
    match canonical(ip) {
        IpAddr::V6(v6) => IpAddr::V6((u128::from(v6) & !u128::from(u64::MAX)).into()),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(peer: &str, forwarded: &[&str], trusted: &[&str]) -> String {
        let mut headers = HeaderMap::new();
        for value in forwarded {
            headers.append(FORWARDED_FOR, value.parse().unwrap());
        }
        let mut extensions = Extensions::new();
        extensions.insert(ConnectInfo(SocketAddr::new(peer.parse().unwrap(), 50_000)));
        let trusted: Vec<IpAddr> = trusted.iter().map(|t| t.parse().unwrap()).collect();
        client_ip(&headers, &extensions, &trusted).to_string()
    }

    #[test]
    fn without_a_trusted_proxy_the_header_is_ignored() {
        assert_eq!(from("203.0.113.1", &["198.51.100.7"], &[]), "203.0.113.1");
        assert_eq!(from("203.0.113.1", &["198.51.100.7"], &["10.0.0.1"]), "203.0.113.1");
    }

    #[test]
    fn a_trusted_proxy_names_the_client_it_forwarded_for() {
        let proxy = ["10.0.0.1"];
        assert_eq!(from("10.0.0.1", &["198.51.100.7"], &proxy), "198.51.100.7");
        // What the client wrote itself, left of what the proxy appended, is not believed.
        assert_eq!(from("10.0.0.1", &["1.2.3.4, 198.51.100.7"], &proxy), "198.51.100.7");
        assert_eq!(from("10.0.0.1", &["1.2.3.4", "198.51.100.7:4711"], &proxy), "198.51.100.7");
        // Through two trusted proxies.
        assert_eq!(from("10.0.0.1", &["198.51.100.7, 10.0.0.2"], &["10.0.0.1", "10.0.0.2"]), "198.51.100.7");
        // No header, or garbage: the proxy's own address.
        assert_eq!(from("10.0.0.1", &[], &proxy), "10.0.0.1");
        assert_eq!(from("10.0.0.1", &["unknown"], &proxy), "10.0.0.1");
        assert_eq!(from("::ffff:10.0.0.1", &["[2001:db8::1]:80"], &proxy), "2001:db8::1");
    }

    #[test]
    fn ipv6_addresses_count_by_their_64_bit_network() {
        let key = |ip: &str| limit_key(ip.parse().unwrap()).to_string();
        assert_eq!(key("2001:db8:1:2:aaaa::1"), key("2001:db8:1:2:bbbb::2"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("198.51.100.7"), "198.51.100.7");
        assert_eq!(key("::ffff:198.51.100.7"), "198.51.100.7");
    }
}
