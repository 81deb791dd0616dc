use super::*;

fn figure(value: f64, unit: &str) -> String {
    super::figure(value, &Unit::parse(unit))
}

fn compact(value: f64, unit: &str) -> String {
    super::compact(value, &Unit::parse(unit))
}

proptest::proptest! {
    /// The shortcut for whole numbers writes what the decimal format would have written.
    #[test]
    fn whole_numbers_read_as_the_decimal_format_writes_them(n in -1e15f64..1e15, decimals in 0usize..4) {
        let whole = n.trunc();
        proptest::prop_assert_eq!(trimmed(whole, decimals), trimmed_decimals(whole, decimals));
    }
}

#[test]
fn negative_zero_and_large_whole_numbers_keep_their_text() {
    assert_eq!(trimmed(-0.0, 2), "0");
    assert_eq!(trimmed(1e15, 0), "1000000000000000");
    assert_eq!(trimmed(10452.0, 3), "10452");
    assert_eq!(trimmed(8.65, 3), "8.65");
}

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
fn figures_per_resident_read_naturally() {
    assert_eq!(figure(1296.5964, "USD per person"), "US$1,297 per person");
    assert_eq!(figure(3.456, "USD per person"), "US$3.46 per person");
    assert_eq!(figure(0.0097244, "persons per person"), "9.72 per 1,000 residents");
    assert_eq!(figure(0.00011345, "count per person"), "0.113 per 1,000 residents");
    assert_eq!(figure(0.002, "persons per year per person"), "2 a year per 1,000 residents");
    assert_eq!(compact(0.0097244, "persons per person"), "9.72");
    assert_eq!(super::unit_label(&Unit::parse("persons per person")), "persons per 1,000 residents");
    assert_eq!(figure(0.45, "percent per year"), "0.45% a year");
}

#[test]
fn coordinates_read_as_degrees_with_their_hemisphere() {
    assert_eq!(coordinates(38.914, 121.6147), "38.9° N, 121.6° E");
    assert_eq!(coordinates(37.3875, -122.0575), "37.4° N, 122.1° W");
    assert_eq!(coordinates(-23.5505, -46.6333), "23.6° S, 46.6° W");
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
    assert_eq!(figure(3.2375, "km2"), "3.24 km²");
    assert_eq!(figure(1200.0, "hectares"), "1,200 hectares");
    assert_eq!(figure(5.0e9, "PLN"), "5 bn PLN");
    assert_eq!(figure(5.0e9, "GBP"), "£5 bn");
    assert_eq!(figure(45.5, "USD per m2 per month"), "US$45.5 per m² a month");
}

#[test]
fn compact_money_abbreviates_to_three_digits() {
    assert_eq!(compact(21.7e9, "USD"), "US$21.7 bn");
    assert_eq!(compact(500e6, "USD"), "US$500 m");
    assert_eq!(compact(0.0, "USD"), "US$0");
    assert_eq!(compact(1.5e12, "USD"), "US$1.5 tn");
    assert_eq!(compact(40_000.0, "USD"), "US$40k");
    assert_eq!(compact(8_654_321_000.0, "USD"), "US$8.65 bn");
    assert_eq!(compact(135e9, "RMB"), "RMB 135 bn");
    assert_eq!(compact(17.3e9, "EUR"), "€17.3 bn");
    assert_eq!(compact(40e6, "USD per year"), "US$40 m");
    assert_eq!(compact(650.0, "INR"), "₹650");
    assert_eq!(compact(-2.5e9, "USD"), "-US$2.5 bn");
}

#[test]
fn compact_rounds_before_picking_the_unit() {
    assert_eq!(compact(999_950.0, "count"), "1m");
    assert_eq!(compact(999_499.0, "count"), "999k");
    assert_eq!(compact(999.9, "count"), "1k");
}

#[test]
fn compact_counts_percentages_and_ranks() {
    assert_eq!(compact(120_000.0, "persons"), "120k");
    assert_eq!(compact(1_900_000.0, "persons"), "1.9m");
    assert_eq!(compact(80_000.0, "persons"), "80k");
    assert_eq!(compact(650.0, "count"), "650");
    assert_eq!(compact(2.5, "count"), "2.5");
    assert_eq!(compact(7_450_785.0, "persons"), "7.45m");
    assert_eq!(compact(70_000.0, "persons per year"), "70k");
    assert_eq!(compact(-1234.0, "count"), "-1.23k");
    assert_eq!(compact(72.0, "percent"), "72%");
    assert_eq!(compact(90.94, "percent"), "90.9%");
    assert_eq!(compact(0.725, "share"), "72.5%");
    assert_eq!(compact(14.0, "rank"), "14");
    assert_eq!(compact(-0.4, "rank"), "0");
}

#[test]
fn compact_writes_out_other_units() {
    assert_eq!(compact(1200.0, "hectares"), "1.2k hectares");
    assert_eq!(compact(3.0, "km2"), "3 km²");
    assert_eq!(compact(5.0, ""), "5");
    assert_eq!(compact(f64::NAN, "USD"), "–");
    assert_eq!(compact(f64::INFINITY, "count"), "–");
    assert_eq!(compact(-0.0, "count"), "0");
    assert_eq!(compact(0.000123, "count"), "0.000123");
}

proptest::proptest! {
    #[test]
    fn compact_is_never_empty(
        value in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO,
        unit in proptest::sample::select(vec![
            "USD", "RMB per year", "EUR", "INR", "persons", "count", "percent", "share", "rank", "km2", "GBP", "",
        ]),
    ) {
        let text = compact(value, unit);
        proptest::prop_assert!(!text.is_empty());
        proptest::prop_assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
    }
}
