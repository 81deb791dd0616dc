//! Human number formats for figures: `US$21.7 bn`, `RMB 135 bn`, `80,000`, `72%`, `14th`.
//! Pages show a figure exactly as the source gave it (no rounding beyond what the source
//! wrote), so amounts keep up to three decimals of their billion/million unit.

/// Formats a figure in its unit for tables and cards.
pub fn figure(value: f64, unit: &str) -> String {
    let (base, per_year) = match unit.strip_suffix(" per year") {
        Some(base) => (base, " a year"),
        None => (unit, ""),
    };
    let text = match base {
        "USD" | "RMB" | "EUR" | "INR" => money(value, base),
        "persons" | "count" => grouped(value),
        "percent" => format!("{}%", trimmed(value, 2)),
        "rank" => ordinal(value),
        "km2" => format!("{} km²", trimmed(value, 4)),
        "share" => format!("{}%", trimmed(value * 100.0, 1)),
        other => format!("{} {other}", grouped(value)),
    };
    format!("{text}{per_year}")
}

/// The symbol or code written before an amount.
pub fn currency_prefix(code: &str) -> &'static str {
    match code {
        "USD" => "US$",
        "EUR" => "€",
        "INR" => "₹",
        "RMB" => "RMB ",
        _ => "",
    }
}

/// An amount of money, abbreviated from a million up: `US$8.65 bn`, `€17.3 bn`, `US$228.09 m`.
pub fn money(value: f64, code: &str) -> String {
    let prefix = currency_prefix(code);
    let sign = if value < 0.0 { "-" } else { "" };
    let v = value.abs();
    let body = if v >= 1e12 {
        format!("{} tn", trimmed(v / 1e12, 3))
    } else if v >= 1e9 {
        format!("{} bn", trimmed(v / 1e9, 3))
    } else if v >= 1e6 {
        format!("{} m", trimmed(v / 1e6, 3))
    } else {
        grouped(v)
    };
    if prefix.is_empty() {
        format!("{sign}{body} {code}")
    } else {
        format!("{sign}{prefix}{body}")
    }
}

/// A number with thousands separators; decimals kept (up to 3) when it has any.
pub fn grouped(value: f64) -> String {
    let text = trimmed(value.abs(), 3);
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(text.len() + int.len() / 3 + 1);
    if value < 0.0 && text != "0" {
        out.push('-');
    }
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A number with at most `decimals` decimals and no trailing zeros: `8.65`, `135`, `0.5`.
pub fn trimmed(value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    if s.contains('.') {
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s == "-0" { "0".to_string() } else { s.to_string() }
    } else {
        s
    }
}

/// `1st`, `2nd`, `14th`, `22nd`, `111th`.
pub fn ordinal(value: f64) -> String {
    if value.fract() != 0.0 || value < 0.0 {
        return trimmed(value, 2);
    }
    let n = value as u64;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_keeps_the_sources_precision() {
        assert_eq!(figure(21_700_000_000.0, "USD"), "US$21.7 bn");
        assert_eq!(figure(8_650_000_000.0, "USD"), "US$8.65 bn");
        assert_eq!(figure(135_000_000_000.0, "RMB"), "RMB 135 bn");
        assert_eq!(figure(17_300_000_000.0, "EUR"), "€17.3 bn");
        assert_eq!(figure(17_680_000_000.0, "INR"), "₹17.68 bn");
        assert_eq!(figure(228_090_000.0, "USD"), "US$228.09 m");
        assert_eq!(figure(40_000_000.0, "USD per year"), "US$40 m a year");
        assert_eq!(figure(15_000.0, "USD"), "US$15,000");
        assert_eq!(figure(365_800_000_000.0, "USD"), "US$365.8 bn");
        assert_eq!(figure(1_500_000_000_000.0, "USD"), "US$1.5 tn");
    }

    #[test]
    fn counts_are_grouped_in_thousands() {
        assert_eq!(figure(80_000.0, "persons"), "80,000");
        assert_eq!(figure(7_450_785.0, "persons"), "7,450,785");
        assert_eq!(figure(650.0, "count"), "650");
        assert_eq!(figure(70_000.0, "persons per year"), "70,000 a year");
        assert_eq!(grouped(0.0), "0");
        assert_eq!(grouped(1234.5), "1,234.5");
        assert_eq!(grouped(-1234.0), "-1,234");
    }

    #[test]
    fn percentages_and_ranks() {
        assert_eq!(figure(72.0, "percent"), "72%");
        assert_eq!(figure(90.9, "percent"), "90.9%");
        assert_eq!(figure(14.0, "rank"), "14th");
        assert_eq!(figure(1.0, "rank"), "1st");
        assert_eq!(figure(2.0, "rank"), "2nd");
        assert_eq!(figure(3.0, "rank"), "3rd");
        assert_eq!(figure(11.0, "rank"), "11th");
        assert_eq!(figure(22.0, "rank"), "22nd");
        assert_eq!(figure(113.0, "rank"), "113th");
    }

    #[test]
    fn unknown_units_are_written_out() {
        assert_eq!(figure(3.0, "km2"), "3 km²");
        assert_eq!(figure(1200.0, "hectares"), "1,200 hectares");
        assert_eq!(money(5.0e9, "GBP"), "5 bn GBP");
    }
}
