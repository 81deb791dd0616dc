//! Properties that hold for any valid input: scores in 0..1, weights that only matter in
//! proportion, more weight on a metric never hurting the city best on it, ranks inside their
//! bands, first places adding up to 1, and the same answer every time.

use proptest::prelude::*;

use super::hand_tests::{city, metric};
use super::*;
use crate::metric::Direction::{HigherIsBetter, LowerIsBetter};

/// Figures drawn from a few values, so that ties are common, or from a wide range; a quarter
/// of them missing.
fn figure() -> impl Strategy<Value = Option<f64>> {
    let value = prop_oneof![prop::sample::select(vec![-2.0, 0.0, 1.0, 3.5, 100.0]), -1e9..1e9_f64];
    prop_oneof![1 => Just(None), 3 => value.prop_map(Some)]
}

fn direction() -> impl Strategy<Value = Direction> {
    prop::sample::select(vec![HigherIsBetter, LowerIsBetter])
}

fn norm() -> impl Strategy<Value = Norm> {
    prop::sample::select(vec![Norm::MinMax, Norm::ZScore, Norm::Rank])
}

/// A valid input with weights up to `max_weight`: at least one of them above 0.
fn input(max_weight: f64) -> impl Strategy<Value = Input> {
    let weight = prop_oneof![1 => Just(0.0), 1 => Just(max_weight), 4 => 0.0..=max_weight];
    (1..=5_usize, 2..=MAX_CITIES)
        .prop_flat_map(move |(metric_count, city_count)| {
            let metrics = prop::collection::vec((direction(), weight.clone()), metric_count);
            let values = prop::collection::vec(prop::collection::vec(figure(), metric_count), city_count);
            (metrics, values)
        })
        .prop_filter("at least one weight above 0", |(metrics, _)| metrics.iter().any(|(_, w)| *w > 0.0))
        .prop_map(|(metrics, values)| Input {
            metrics: metrics.into_iter().enumerate().map(|(i, (d, w))| metric(&format!("m{i}"), d, w)).collect(),
            cities: values.iter().enumerate().map(|(i, v)| city(&format!("c{:02}", (i * 7) % 20), v)).collect(),
        })
}

fn params() -> impl Strategy<Value = Params> {
    (norm(), prop_oneof![Just(0.0), Just(0.5), Just(1.0), 0.0..=1.0_f64])
        .prop_map(|(norm, min_coverage)| Params { norm, min_coverage })
}

fn in_input_order(card: &Scorecard) -> Vec<&CityScore> {
    let mut cities: Vec<&CityScore> = card.cities.iter().collect();
    cities.sort_by_key(|c| c.input_index);
    cities
}

/// Everything about a city that weights in proportion must not change.
fn outcome(card: &Scorecard) -> Vec<String> {
    card.cities
        .iter()
        .map(|c| {
            let normalised: Vec<_> = c.cells.iter().map(|cell| cell.normalised).collect();
            let band = (c.rank, c.rank_low, c.rank_high, c.p_first);
            format!("{} {:?} {:?} {band:?} {normalised:?} {:?}", c.slug, c.score, c.coverage, c.unranked)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn scores_coverage_and_normalised_values_stay_in_0_to_1(input in input(MAX_WEIGHT), params in params()) {
        let card = compute(&input, &params).unwrap();
        for c in &card.cities {
            prop_assert!(c.score.is_none_or(|s| (0.0..=1.0).contains(&s)), "{:?}", c.score);
            prop_assert!((0.0..=1.0).contains(&c.coverage));
            prop_assert!(c.cells.iter().all(|cell| cell.normalised.is_none_or(|n| (0.0..=1.0).contains(&n))));
        }
    }

    #[test]
    fn doubling_every_weight_changes_nothing(input in input(MAX_WEIGHT / 2.0), params in params()) {
        let mut doubled = input.clone();
        doubled.metrics.iter_mut().for_each(|m| m.weight *= 2.0);
        let (card, doubled) = (compute(&input, &params).unwrap(), compute(&doubled, &params).unwrap());
        prop_assert_eq!(outcome(&card), outcome(&doubled));
        prop_assert_eq!(card.summary, doubled.summary);
    }

    #[test]
    fn more_weight_on_a_metric_never_lowers_the_score_of_the_city_best_on_it(
        input in input(MAX_WEIGHT),
        params in params(),
        metric in 0..5_usize,
        raise in 0.0..=MAX_WEIGHT,
    ) {
        let metric = metric % input.metrics.len();
        let mut raised = input.clone();
        raised.metrics[metric].weight = (input.metrics[metric].weight + raise).min(MAX_WEIGHT);
        let (before, after) = (compute(&input, &params).unwrap(), compute(&raised, &params).unwrap());
        for (b, a) in in_input_order(&before).into_iter().zip(in_input_order(&after)) {
            let (Some(old), Some(new), Some(n)) = (b.score, a.score, b.cells[metric].normalised) else { continue };
            // A weighted mean moves towards a value it gives more weight to: a city whose value
            // here is at least its score cannot lose. Under minmax, and under rank with no tie
            // for best, the best city's value is 1, so this covers it.
            if n >= old {
                prop_assert!(new >= old - 1e-12, "{} {old} -> {new}", b.slug);
            }
        }
        if params.norm == Norm::MinMax {
            let best: Option<f64> = before.cities.iter().filter_map(|c| c.cells[metric].normalised).reduce(f64::max);
            prop_assert!(best.is_none_or(|n| n == 1.0));
        }
    }

    #[test]
    fn ranks_lie_in_their_bands_and_first_places_add_up_to_1(input in input(MAX_WEIGHT), params in params()) {
        let card = compute(&input, &params).unwrap();
        let mut p_first = 0.0;
        for c in &card.cities {
            match c.rank {
                Some(rank) => {
                    prop_assert!(c.rank_low.unwrap() <= rank && rank <= c.rank_high.unwrap());
                    prop_assert!(c.unranked.is_none() && (0.0..=1.0).contains(&c.p_first));
                }
                None => prop_assert!(c.rank_low.is_none() && c.rank_high.is_none() && c.p_first == 0.0),
            }
            p_first += c.p_first;
        }
        let ranked: Vec<&CityScore> = card.cities.iter().filter(|c| c.rank.is_some()).collect();
        if !ranked.is_empty() {
            prop_assert!((p_first - 1.0).abs() < 1e-12, "{p_first}");
            prop_assert_eq!(ranked[0].rank, Some(1));
        }
        // Competition ranking: 1 + the number of cities ranked ahead, and never ahead of a
        // city that scores higher.
        for c in &ranked {
            let ahead = ranked.iter().filter(|o| o.rank < c.rank).count();
            prop_assert_eq!(c.rank, Some(1 + ahead as u32));
            prop_assert!(ranked.iter().all(|o| o.score <= c.score || o.rank <= c.rank));
        }
    }

    #[test]
    fn the_same_input_gives_the_same_output(input in input(MAX_WEIGHT), params in params()) {
        let (first, second) = (compute(&input, &params).unwrap(), compute(&input, &params).unwrap());
        // Debug writes each f64 so that it reads back to the same bits.
        prop_assert_eq!(format!("{first:?}"), format!("{second:?}"));
    }
}
