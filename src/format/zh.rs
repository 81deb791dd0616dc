//! Number formats of the Chinese pages: amounts of money in 万 and 亿 with the currency's
//! Chinese name after them (`217亿美元`), ranks as `第14位`, per-resident counts as
//! `每千名居民 9.72`. Counts keep their digits (`7,450,785`), as the sources give them; charts,
//! short of room, abbreviate them in 万 and 亿 too. The raw value stays in each `<data value>`
//! and in the data tables.

use super::{digits, grouped, rounded_magnitude, trimmed};
use crate::metric::{Currency, Per, Quantity, Unit};

/// The currency's Chinese name, written after the amount; its code when it has none.
fn currency_name(currency: Currency) -> String {
    match currency.code() {
        "USD" => "美元",
        "CNY" => "元人民币",
        "EUR" => "欧元",
        "GBP" => "英镑",
        "JPY" => "日元",
        "INR" => "印度卢比",
        "SGD" => "新加坡元",
        "BRL" => "巴西雷亚尔",
        "VND" => "越南盾",
        "ILS" => "以色列新谢克尔",
        "PLN" => "波兰兹罗提",
        "PHP" => "菲律宾比索",
        other => return format!(" {other}"),
    }
    .to_string()
}

/// `217亿美元`, `8,650万美元`, `95.5美元`: exact, like the English `US$21.7 bn`.
pub fn money(value: f64, currency: Currency) -> String {
    let sign = if value < 0.0 { "-" } else { "" };
    let v = value.abs();
    let body = if v >= 1e8 {
        format!("{}亿", grouped_trimmed(v / 1e8, 5))
    } else if v >= 1e4 {
        format!("{}万", grouped_trimmed(v / 1e4, 4))
    } else if v >= 100.0 {
        grouped(v.round())
    } else {
        grouped((v * 100.0).round() / 100.0)
    };
    format!("{sign}{body}{}", currency_name(currency))
}

fn grouped_trimmed(v: f64, decimals: usize) -> String {
    let text = trimmed(v, decimals);
    match text.split_once('.') {
        Some((int, frac)) => format!("{}.{frac}", grouped(int.parse::<f64>().unwrap_or(0.0))),
        None => grouped(v.round()),
    }
}

/// `第14位`.
pub fn ordinal(value: f64) -> String {
    if value.fract() != 0.0 || value < 0.0 {
        return trimmed(value, 2);
    }
    format!("第{}位", value as u64)
}

/// The words after an amount: `/年`, `/月`, `/平方米`.
pub fn per_suffix(per: Per) -> &'static str {
    match per {
        Per::Year => "/年",
        Per::Month => "/月",
        Per::SquareMetre => "/平方米",
        Per::Person => "/人",
    }
}

/// A per-1,000-residents count: `每千名居民 9.72/年`.
pub fn per_thousand_residents(number: &str, rest: &str) -> String {
    format!("每千名居民 {number}{rest}")
}

/// A unit in words, for an axis: `美元`, `元人民币/平方米/月`, `人`, `每千名居民人数/年`.
pub fn unit_label(unit: &Unit, per_resident: bool) -> String {
    let base = match &unit.quantity {
        Quantity::Persons if per_resident => "每千名居民人数".to_string(),
        Quantity::Count if per_resident => "每千名居民个数".to_string(),
        Quantity::Money(c) => currency_name(*c).trim_start().to_string(),
        Quantity::Persons => "人".to_string(),
        Quantity::Count => "个".to_string(),
        Quantity::Percent | Quantity::Share => "%".to_string(),
        Quantity::Rank => "名次".to_string(),
        Quantity::SquareKilometres => "平方公里".to_string(),
        Quantity::Score => "得分".to_string(),
        Quantity::Other(text) => return text.clone(),
    };
    let per: String =
        unit.per.iter().filter(|p| !(per_resident && **p == Per::Person)).map(|p| per_suffix(*p)).collect();
    format!("{base}{per}")
}

/// Three significant digits in 万 and 亿, for charts: `217亿美元`, `12万`, `650`.
pub fn compact_amount(value: f64, currency: Option<Currency>) -> String {
    let (sign, v) = rounded_magnitude(value);
    let body = if v >= 1e8 {
        format!("{}亿", digits(rounded_magnitude(v / 1e8).1))
    } else if v >= 1e4 {
        format!("{}万", digits(rounded_magnitude(v / 1e4).1))
    } else {
        digits(v)
    };
    match currency {
        Some(c) => format!("{sign}{body}{}", currency_name(c)),
        None => format!("{sign}{body}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_in_wan_and_yi() {
        assert_eq!(money(21.7e9, Currency::USD), "217亿美元");
        assert_eq!(money(105.3e9, Currency::CNY), "1,053亿元人民币");
        assert_eq!(money(228.09e6, Currency::USD), "2.2809亿美元");
        assert_eq!(money(86_500_000.0, Currency::parse("EUR").unwrap()), "8,650万欧元");
        assert_eq!(money(95.5, Currency::USD), "95.5美元");
        assert_eq!(ordinal(14.0), "第14位");
        assert_eq!(compact_amount(21.7e9, Some(Currency::USD)), "217亿美元");
        assert_eq!(compact_amount(120_000.0, None), "12万");
        assert_eq!(compact_amount(650.0, None), "650");
        assert_eq!(compact_amount(1.234e9, None), "12.3亿");
    }
}
