use super::*;
use crate::charts::text::text_width;

fn unit(text: &str) -> Unit {
    Unit::parse(text)
}

fn series(scopes: &[Scope]) -> Vec<HBarSeries> {
    scopes.iter().enumerate().map(|(i, s)| HBarSeries { name: format!("metric {i}"), scope: *s }).collect()
}

fn group(label: &str, colour: usize, values: &[Option<f64>]) -> HBarGroup {
    HBarGroup {
        label: label.into(),
        colour,
        values: values
            .iter()
            .map(|v| v.map(|value| HBarValue { value, year: Some(2015), source: "S".into() }))
            .collect(),
    }
}

fn chart(unit: &Unit, series: &[HBarSeries], groups: &[HBarGroup], mark: Mark, variant: Variant) -> HBarChart {
    let spec = HBarSpec { id: "t", title: "T", unit, series, groups, mark, log: false, sort: false };
    hbar_chart(&spec, variant).unwrap()
}

#[test]
fn longer_bars_for_larger_values_and_every_bar_has_its_value() {
    let u = unit("count");
    let s = series(&[Scope::City]);
    let c = chart(&u, &s, &[group("A", 0, &[Some(10.0)]), group("B", 1, &[Some(650.0)])], Mark::Bar, Variant::Wide);
    let (a, b) = (&c.groups[0].rows[0], &c.groups[1].rows[0]);
    assert!(b.w > a.w);
    assert_eq!(a.value_label, "10 · 2015");
    assert_eq!(b.value_label, "650 · 2015");
}

#[test]
fn ranks_are_dots_with_the_best_on_the_left() {
    let u = unit("rank");
    let s = series(&[Scope::City]);
    let c = chart(
        &u,
        &s,
        &[group("Dalian", 0, &[Some(14.0)]), group("Bangalore", 1, &[Some(1.0)])],
        Mark::Dot,
        Variant::Wide,
    );
    assert!(c.dots);
    let (dalian, bangalore) = (&c.groups[0].rows[0], &c.groups[1].rows[0]);
    assert!(bangalore.x < dalian.x, "rank 1 is drawn left of rank 14");
    assert_eq!(bangalore.w, 0.0, "a rank is a dot, not a bar");
    assert_eq!(dalian.value_label, "14th · 2015");
    assert_eq!(c.x_ticks[0].label, "1");
}

#[test]
fn a_missing_figure_is_said_not_drawn() {
    let u = unit("USD");
    let s = series(&[Scope::City]);
    let c = chart(&u, &s, &[group("A", 0, &[None]), group("B", 1, &[Some(5e9)])], Mark::Bar, Variant::Narrow);
    assert!(c.groups[0].rows.is_empty());
    assert!(c.groups[0].empty_y.is_some());
    assert!(c.desc.contains("A: no figure"));
}

#[test]
fn wider_areas_are_named_and_marked() {
    let u = unit("USD");
    let s = series(&[Scope::City, Scope::State, Scope::National]);
    let c = chart(&u, &s, &[group("Bangalore", 1, &[Some(6e9), Some(17e9), None])], Mark::Bar, Variant::Wide);
    let rows = &c.groups[0].rows;
    assert_eq!(rows.len(), 2);
    assert!(rows[1].value_label.ends_with("whole state"), "{}", rows[1].value_label);
    assert!(rows[1].class.contains("wide state"));
    assert!(c.notes[0].contains("whole state"));
}

#[test]
fn two_rows_of_one_scope_name_their_metric() {
    let u = unit("persons");
    let s = series(&[Scope::National, Scope::National]);
    let c = chart(&u, &s, &[group("Metro Manila", 2, &[Some(1.9e6), Some(1.0e6)])], Mark::Bar, Variant::Wide);
    let labels: Vec<&str> = c.groups[0].rows.iter().map(|r| r.value_label.as_str()).collect();
    assert_ne!(labels[0].split(" · ").last(), labels[1].split(" · ").last());
}

#[test]
fn long_names_wrap_instead_of_being_cut_and_everything_stays_inside() {
    let u = unit("USD");
    let s = series(&[Scope::City]);
    let groups: Vec<HBarGroup> = [
        "Bangalore (Bengaluru)",
        "Dalian Hi-Tech Industrial Zone parks and the software park's second phase",
        "Silicon Valley",
    ]
    .iter()
    .enumerate()
    .map(|(i, name)| group(name, i, &[Some(1e9 * (i + 1) as f64)]))
    .collect();
    for variant in Variant::ALL {
        let c = chart(&u, &s, &groups, Mark::Bar, variant);
        assert_eq!(c.groups[0].label.lines.concat().replace(' ', ""), "Bangalore(Bengaluru)", "{variant:?}");
        for g in &c.groups {
            for line in &g.label.lines {
                let w = text_width(line, FONT);
                let (left, right) =
                    if g.label.anchor == "end" { (g.label.x - w, g.label.x) } else { (g.label.x, g.label.x + w) };
                assert!(left >= 0.0 && right <= c.width, "{line} at {variant:?}");
            }
            for row in &g.rows {
                assert!(row.x >= 0.0 && row.x + row.w <= c.width, "{variant:?}");
                let w = text_width(&row.value_label, FONT);
                let (left, right) = (row.value_x, row.value_x + w);
                assert!(left >= 0.0 && right <= c.width + 0.5, "{} at {variant:?}", row.value_label);
            }
        }
    }
}

#[test]
fn a_ranking_puts_the_largest_first() {
    let u = unit("count");
    let s = series(&[Scope::Park]);
    let groups = [group("Small", 0, &[Some(10.0)]), group("Big", 1, &[Some(650.0)]), group("Mid", 0, &[Some(200.0)])];
    let spec = HBarSpec {
        id: "t",
        title: "T",
        unit: &u,
        series: &s,
        groups: &groups,
        mark: Mark::Bar,
        log: false,
        sort: true,
    };
    let c = hbar_chart(&spec, Variant::Wide).unwrap();
    let order: Vec<&str> = c.groups.iter().map(|g| g.label.full.as_str()).collect();
    assert_eq!(order, ["Big", "Mid", "Small"]);
}

#[test]
fn no_figures_no_chart() {
    let u = unit("count");
    let s = series(&[Scope::City]);
    let spec = HBarSpec {
        id: "t",
        title: "T",
        unit: &u,
        series: &s,
        groups: &[group("A", 0, &[None])],
        mark: Mark::Bar,
        log: false,
        sort: false,
    };
    assert!(hbar_chart(&spec, Variant::Wide).is_none());
}
