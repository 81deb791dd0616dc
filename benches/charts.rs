//! Chart geometry: how long laying out each chart kind takes for a dashboard-sized input.
//! Run with `cargo bench --bench charts`.

use std::hint::black_box;

use clusterscope::charts::hbar::{HBarGroup, HBarSeries, HBarSpec, HBarValue, Mark, hbar_chart};
use clusterscope::charts::layout::Variant;
use clusterscope::charts::line::{LineInput, LinePoint, YAxis, line_chart};
use clusterscope::charts::matrix::{MatrixColumn, MatrixRowInput, matrix_chart};
use clusterscope::charts::ticks::nice_ticks;
use clusterscope::metric::{Scope, Unit};
use criterion::{Criterion, criterion_group, criterion_main};

fn series(n: usize) -> Vec<LineInput> {
    (0..n)
        .map(|s| LineInput {
            name: format!("City {s}"),
            colour: s,
            scope: if s % 3 == 0 { Scope::State } else { Scope::City },
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
    let usd = Unit::parse("USD");
    c.bench_function("line chart, 8 series x 26 years", |b| {
        b.iter(|| line_chart("c", "Revenue", &usd, YAxis::Linear, black_box(&lines), Variant::Wide))
    });
    c.bench_function("line chart, log scale, narrow", |b| {
        b.iter(|| line_chart("c", "Revenue", &usd, YAxis::Log, black_box(&lines), Variant::Narrow))
    });
    let persons = Unit::parse("persons");
    let bar_series = vec![
        HBarSeries { name: "IT employees".into(), scope: Scope::City },
        HBarSeries { name: "IT employees, whole state".into(), scope: Scope::State },
    ];
    let groups: Vec<HBarGroup> = (0..8)
        .map(|g| HBarGroup {
            label: format!("City number {g}"),
            colour: g,
            values: vec![
                Some(HBarValue { value: 1e5 * (g + 1) as f64, year: Some(2020), source: "S".into() }),
                (g % 2 == 0).then(|| HBarValue { value: 9e5, year: Some(2019), source: "S".into() }),
            ],
        })
        .collect();
    let spec = HBarSpec {
        id: "c",
        title: "Employees",
        unit: &persons,
        series: &bar_series,
        groups: &groups,
        mark: Mark::Bar,
        log: false,
        sort: false,
    };
    c.bench_function("grouped bar chart, 8 cities", |b| b.iter(|| hbar_chart(black_box(&spec), Variant::Wide)));
    let count = Unit::parse("count");
    let park = [HBarSeries { name: "Companies".into(), scope: Scope::Park }];
    let parks: Vec<HBarGroup> = (0..30)
        .map(|i| HBarGroup {
            label: format!("Park {i}"),
            colour: i % 8,
            values: vec![Some(HBarValue { value: i as f64 * 10.0, year: None, source: "x".into() })],
        })
        .collect();
    let ranking = HBarSpec {
        id: "c",
        title: "Companies",
        unit: &count,
        series: &park,
        groups: &parks,
        mark: Mark::Bar,
        log: false,
        sort: true,
    };
    c.bench_function("ranking, 30 parks, narrow", |b| b.iter(|| hbar_chart(black_box(&ranking), Variant::Narrow)));
    let columns: Vec<MatrixColumn> = (0..8).map(|i| MatrixColumn { label: format!("City {i}"), colour: i }).collect();
    let matrix_rows: Vec<MatrixRowInput> = (0..12)
        .map(|r| MatrixRowInput {
            label: format!("Sector {r}"),
            cells: (0..8).map(|c| ((r + c) % 3 == 0).then(|| "S".into())).collect(),
        })
        .collect();
    c.bench_function("sector matrix, 8 x 12", |b| {
        b.iter(|| matrix_chart("m", "Sectors", &columns, black_box(&matrix_rows), Variant::Wide))
    });
}

criterion_group!(chart_benches, benches);
criterion_main!(chart_benches);
