//! Chart geometry: how long laying out each chart kind takes for a dashboard-sized input.
//! Run with `cargo bench --bench charts`.

use clusterscope::metric::Unit;
use std::hint::black_box;

use clusterscope::charts::bar::{BarGroupInput, BarSeries, BarValue, bar_chart};
use clusterscope::charts::hbar::{HBarInput, hbar_chart};
use clusterscope::charts::line::{LineInput, LinePoint, YAxis, line_chart};
use clusterscope::charts::matrix::{MatrixColumn, MatrixRowInput, matrix_chart};
use clusterscope::charts::ticks::nice_ticks;
use criterion::{Criterion, criterion_group, criterion_main};

fn series(n: usize) -> Vec<LineInput> {
    (0..n)
        .map(|s| LineInput {
            name: format!("City {s}"),
            colour: s,
            wide_scope: s % 3 == 0,
            points: (2000..2026)
                .filter(|y| (y + s as i64) % 4 != 0)
                .map(|year| LinePoint {
                    year,
                    value: 1e6 * (1.0 + s as f64) * (year - 1999) as f64,
                    source: "S".into(),
                })
                .collect(),
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    c.bench_function("nice_ticks", |b| b.iter(|| nice_ticks(black_box(3.2), black_box(21_700_000_000.0), 5)));
    let lines = series(8);
    c.bench_function("line chart, 8 series x 26 years", |b| {
        b.iter(|| line_chart("c", "Revenue", &Unit::parse("USD"), YAxis::Linear, black_box(&lines)))
    });
    c.bench_function("line chart, log scale", |b| {
        b.iter(|| line_chart("c", "Revenue", &Unit::parse("USD"), YAxis::Log, black_box(&lines)))
    });
    let bar_series = vec![
        BarSeries { name: "IT employees".into(), wide_scope: false },
        BarSeries { name: "IT employees, whole state".into(), wide_scope: true },
    ];
    let groups: Vec<BarGroupInput> = (0..8)
        .map(|g| BarGroupInput {
            label: format!("City number {g}"),
            colour: g,
            values: vec![Some(BarValue { value: 1e5 * g as f64, year: 2020, source: "S".into() }), None],
        })
        .collect();
    c.bench_function("grouped bar chart, 8 cities", |b| {
        b.iter(|| bar_chart("c", "Employees", &Unit::parse("persons"), &bar_series, black_box(&groups), false))
    });
    let rows: Vec<HBarInput> = (0..30)
        .map(|i| HBarInput { label: format!("Park {i}"), colour: i % 8, value: i as f64 * 10.0, detail: "x".into() })
        .collect();
    c.bench_function("ranking, 30 parks", |b| {
        b.iter(|| hbar_chart("c", "Companies", &Unit::parse("count"), black_box(&rows)))
    });
    let columns: Vec<MatrixColumn> = (0..8).map(|i| MatrixColumn { label: format!("City {i}"), colour: i }).collect();
    let matrix_rows: Vec<MatrixRowInput> = (0..12)
        .map(|r| MatrixRowInput {
            label: format!("Sector {r}"),
            cells: (0..8).map(|c| ((r + c) % 3 == 0).then(|| "S".into())).collect(),
        })
        .collect();
    c.bench_function("sector matrix, 8 x 12", |b| {
        b.iter(|| matrix_chart("m", "Sectors", &columns, black_box(&matrix_rows)))
    });
}

criterion_group!(chart_benches, benches);
criterion_main!(chart_benches);
