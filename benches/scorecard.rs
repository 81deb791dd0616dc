//! The scorecard at its largest: 20 cities × 10 metrics, some figures missing, 1,000 draws.
//! Run with `cargo bench --bench scorecard`.

use std::hint::black_box;

use clusterscope::metric::Direction;
use clusterscope::scorecard::{CityValues, Input, Norm, Params, WeightedMetric, compute};
use criterion::{Criterion, criterion_group, criterion_main};

fn largest_input() -> Input {
    let metrics = (0..10)
        .map(|m| WeightedMetric {
            id: format!("metric_{m}"),
            direction: if m % 3 == 0 { Direction::LowerIsBetter } else { Direction::HigherIsBetter },
            weight: (1 + m % 10) as f64,
        })
        .collect();
    let cities = (0..20)
        .map(|c| CityValues {
            slug: format!("city-{c:02}"),
            name: format!("City {c}"),
            // Every seventh figure missing; values spread so that ranks differ by metric.
            values: (0..10).map(|m| ((c * 10 + m) % 7 != 0).then(|| ((c * 37 + m * 11) % 23) as f64)).collect(),
        })
        .collect();
    Input { metrics, cities }
}

fn benches(c: &mut Criterion) {
    let input = largest_input();
    for norm in [Norm::MinMax, Norm::ZScore, Norm::Rank] {
        let params = Params { norm, ..Params::default() };
        c.bench_function(&format!("scorecard, 20 cities x 10 metrics, {}", norm.name()), |b| {
            b.iter(|| compute(black_box(&input), &params).unwrap())
        });
    }
}

criterion_group!(scorecard_benches, benches);
criterion_main!(scorecard_benches);
