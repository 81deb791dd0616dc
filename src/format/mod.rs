//! Human number formats for figures: `US$21.7 bn`, `RMB 135 bn`, `80,000`, `72%`, `14th`.
//! Pages show a figure exactly as the source gave it (no rounding beyond what the source
//! wrote), so amounts keep up to three decimals of their billion/million unit. Charts, short of
//! room, use `compact` instead: three significant digits (`US$21.7 bn`, `120k`).

mod zh;

use crate::i18n::{Lang, lang};
use crate::metric::{Currency, Per, Quantity, Unit};

fn chinese() -> bool {
    lang() == Lang::Zh
}

/// Formats a figure in its unit for tables and cards.
pub fn figure(value: f64, unit: &Unit) -> String {
    if per_resident_count(unit) {
        let number = signed(significant(value * 1000.0));
        if chinese() {
            let rest: String = unit.per.iter().filter(|p| **p != Per::Person).map(|p| zh::per_suffix(*p)).collect();
            return zh::per_thousand_residents(&number, &rest);
        }
        return format!("{number}{}", per_resident_suffix(unit));
    }
    let text = match &unit.quantity {
        Quantity::Money(currency) => money(value, *currency),
        Quantity::Persons | Quantity::Count => grouped(value),
        Quantity::Percent => format!("{}%", trimmed(value, 2)),
        Quantity::Rank => ordinal(value),
        // Areas to a hundredth of a km² (a hectare): "3.24 km²", not "3.2375 km²".
        Quantity::SquareKilometres => format!("{} km²", trimmed(value, 2)),
        Quantity::Share => format!("{}%", trimmed(value * 100.0, 1)),
        Quantity::Score => format!("{:.2}", value),
        Quantity::Other(text) => return format!("{} {text}", grouped(value)),
    };
    format!("{text}{}", per_suffixes(unit))
}

/// Workforces and counts per resident read per 1,000 residents: "9.7 per 1,000 residents".
fn per_resident_count(unit: &Unit) -> bool {
    unit.is_per(Per::Person) && matches!(unit.quantity, Quantity::Persons | Quantity::Count)
}

/// The words after an amount: " a year", " per m² a month" (`/年` on Chinese pages).
fn per_suffixes(unit: &Unit) -> String {
    if chinese() { unit.per.iter().map(|p| zh::per_suffix(*p)).collect() } else { unit.suffix() }
}

/// The words after a count per 1,000 residents: " a year per 1,000 residents".
fn per_resident_suffix(unit: &Unit) -> String {
    let rest: String = unit.per.iter().filter(|p| **p != Per::Person).map(|p| other_suffix(*p)).collect();
    format!("{rest} per 1,000 residents")
}

fn other_suffix(per: Per) -> &'static str {
    match per {
        Per::Year => " a year",
        Per::Month => " a month",
        Per::SquareMetre => " per m²",
        Per::Person => " per person",
    }
}

/// An axis's label for a unit: as the dataset writes it, except counts per resident (in words
/// on Chinese pages: `美元/平方米/月`, `人`).
pub fn unit_label(unit: &Unit) -> String {
    if chinese() {
        return zh::unit_label(unit, per_resident_count(unit));
    }
    if per_resident_count(unit) {
        let base = match unit.quantity {
            Quantity::Persons => "persons",
            _ => "count",
        };
        format!("{base}{}", per_resident_suffix(unit))
    } else {
        unit.to_string()
    }
}

/// An amount of money, abbreviated from a million up: `US$8.65 bn`, `€17.3 bn`, `US$228.09 m`.
/// Smaller amounts (a derived amount per resident) keep the cents only below 100.
pub fn money(value: f64, currency: Currency) -> String {
    if chinese() {
        return zh::money(value, currency);
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let v = value.abs();
    let body = if v >= 1e12 {
        format!("{} tn", trimmed(v / 1e12, 3))
    } else if v >= 1e9 {
        format!("{} bn", trimmed(v / 1e9, 3))
    } else if v >= 1e6 {
        format!("{} m", trimmed(v / 1e6, 3))
    } else if v >= 100.0 {
        grouped(v.round())
    } else {
        grouped((v * 100.0).round() / 100.0)
    };
    match currency.prefix() {
        Some(prefix) => format!("{sign}{prefix}{body}"),
        None => format!("{sign}{body} {}", currency.dataset_code()),
    }
}

/// A number with thousands separators; decimals kept (up to 3) when it has any.
pub fn grouped(value: f64) -> String {
    let text = trimmed(value.abs(), 3);
    let (int, frac) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
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
    // Whole numbers (head counts, years, most published figures) print as integers: the same
    // text, without the exact-decimal float formatting, which is slow for them.
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return (value as i64).to_string();
    }
    trimmed_decimals(value, decimals)
}

fn trimmed_decimals(value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    if s.contains('.') {
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s == "-0" { "0".to_string() } else { s.to_string() }
    } else {
        s
    }
}

/// A position on Earth as people write it: `38.9° N, 121.6° E`.
pub fn coordinates(lat: f64, lon: f64) -> String {
    let ns = if lat < 0.0 { "S" } else { "N" };
    let ew = if lon < 0.0 { "W" } else { "E" };
    format!("{:.1}° {ns}, {:.1}° {ew}", lat.abs(), lon.abs())
}

/// `1st`, `2nd`, `14th`, `22nd`, `111th`.
pub fn ordinal(value: f64) -> String {
    if chinese() {
        return zh::ordinal(value);
    }
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

/// A figure shortened for axis ticks and chart labels, with at most three significant
/// digits: `US$21.7 bn`, `US$40k`, `120k`, `1.9m`, `72%`, `14`. Shorter than `figure`, so it
/// rounds: a chart shows the shape of the data and the table beside it the exact figures.
///
/// Known units drop their denominators (the axis title carries the period); an unknown unit
/// is written out whole after the number. NaN and infinities read `–`, a gap, not `NaN`.
pub fn compact(value: f64, unit: &Unit) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    if per_resident_count(unit) {
        return signed(significant(value * 1000.0));
    }
    match &unit.quantity {
        Quantity::Money(currency) if chinese() => zh::compact_amount(value, Some(*currency)),
        Quantity::Persons | Quantity::Count if chinese() => zh::compact_amount(value, None),
        Quantity::Money(currency) => {
            let (sign, amount) = abbreviated(value, true);
            match currency.prefix() {
                Some(prefix) => format!("{sign}{prefix}{amount}"),
                None => format!("{sign}{amount} {}", currency.dataset_code()),
            }
        }
        Quantity::Persons | Quantity::Count => signed(abbreviated(value, false)),
        Quantity::Percent => format!("{}%", signed(significant(value))),
        // Clamped: a share near f64::MAX would overflow to infinity when made a percentage.
        Quantity::Share => format!("{}%", signed(significant((value * 100.0).clamp(-f64::MAX, f64::MAX)))),
        // `+ 0.0` turns the -0 of a rounded -0.4 into 0.
        Quantity::Rank => trimmed(value.round() + 0.0, 0),
        Quantity::SquareKilometres => format!("{} km²", signed(abbreviated(value, false))),
        Quantity::Score => format!("{:.2}", value),
        Quantity::Other(text) if text.is_empty() => signed(abbreviated(value, false)),
        Quantity::Other(text) => format!("{} {text}", signed(abbreviated(value, false))),
    }
}

/// Joins the sign and the digits that `abbreviated` and `significant` return apart.
fn signed((sign, body): (&'static str, String)) -> String {
    format!("{sign}{body}")
}

/// The sign and the abbreviated magnitude of `value`, three significant digits: `21.7 bn`,
/// `500 m`, `40k`, `650`. Money puts a space before `m`, `bn` and `tn` as `money` does; counts
/// run them together (`1.9m`).
fn abbreviated(value: f64, spaced: bool) -> (&'static str, String) {
    let (sign, v) = rounded_magnitude(value);
    // Rounding comes first so 999,950 becomes 1m rather than 1000k.
    let (scaled, suffix) = if v >= 1e12 {
        (v / 1e12, "tn")
    } else if v >= 1e9 {
        (v / 1e9, "bn")
    } else if v >= 1e6 {
        (v / 1e6, "m")
    } else if v >= 1e3 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    let space = if spaced && matches!(suffix, "m" | "bn" | "tn") { " " } else { "" };
    (sign, format!("{}{space}{suffix}", digits(scaled)))
}

/// The sign and the magnitude of `value` to three significant digits, not abbreviated.
fn significant(value: f64) -> (&'static str, String) {
    let (sign, v) = rounded_magnitude(value);
    (sign, digits(v))
}

/// The sign of `value` (none when it rounds to zero) and its magnitude rounded to three
/// significant digits. Rounding through scientific notation is exact at any magnitude.
fn rounded_magnitude(value: f64) -> (&'static str, f64) {
    let v = value.abs();
    let rounded = format!("{v:.2e}").parse::<f64>().unwrap_or(v);
    // Near f64::MAX the rounding can overflow; keep the value unrounded there.
    let rounded = if rounded.is_finite() { rounded } else { v };
    let sign = if value < 0.0 && rounded != 0.0 { "-" } else { "" };
    (sign, rounded)
}

/// A non-negative number already at three significant digits, with the decimals those need
/// and no trailing zeros: `21.7`, `1.5`, `500`, `0.125`.
fn digits(v: f64) -> String {
    if v == 0.0 {
        return "0".to_string();
    }
    let decimals = (2 - v.log10().floor() as i64).max(0) as usize;
    trimmed(v, decimals)
}

#[cfg(test)]
mod tests;
