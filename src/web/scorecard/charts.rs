//! The scorecard's charts: each city's score (bars), its rank with its band (dots and bands),
//! and any two of its figures against each other (a scatter, `x=` and `y=`).

use super::super::charts::{ChartBlock, DataRow, DataTable, LegendItem};
use super::super::view::{DerivationView, Evidence, Figure, TableCell};
use super::Computed;
use super::page::band_range;
use super::query::{COVERAGE, SCORE};
use crate::charts::hbar::{HBarGroup, HBarSeries, HBarSpec, HBarValue, Mark};
use crate::charts::layout::series_class;
use crate::charts::rank_bands::{BandInput, rank_band_chart, share};
use crate::charts::scatter::{ScatterAxis, ScatterPoint, scatter_chart};
use crate::error::AppResult;
use crate::format;
use crate::metric::{Quantity, Scope, Unit};
use crate::scorecard::{CityScore, Unranked};

pub fn blocks(c: &Computed) -> AppResult<Vec<ChartBlock>> {
    let mut out = Vec::new();
    out.extend(scores(c)?);
    out.extend(bands(c)?);
    out.extend(scatter(c)?);
    Ok(out)
}

fn legend(c: &Computed) -> Vec<LegendItem> {
    c.card.cities.iter().map(|s| LegendItem::swatch(series_class(s.input_index), s.name.clone())).collect()
}

/// A score as a figure: its arithmetic in place of a source (the inputs and their sources are
/// in the table above the charts).
fn score_figure(c: &Computed, s: &CityScore) -> Option<Figure> {
    let score = s.score?;
    let terms: Vec<String> = s
        .cells
        .iter()
        .zip(&c.assembled.weights)
        .filter_map(|(cell, (_, w))| cell.normalised.map(|n| format!("{} × {n:.2}", format::trimmed(*w, 2))))
        .collect();
    let total: f64 = s
        .cells
        .iter()
        .zip(&c.assembled.weights)
        .filter(|(cell, _)| cell.normalised.is_some())
        .map(|(_, (_, w))| w)
        .sum();
    let mut figure = Figure::new(score, &Unit::plain(Quantity::Score), None, Evidence::default());
    figure.derivation = Some(DerivationView {
        label: crate::t("scorecard-how-scored"),
        formula: format!("({}) ÷ {} = {score:.2}", terms.join(" + "), format::trimmed(total, 2)),
        inputs: Vec::new(),
    });
    Some(figure)
}

fn scores(c: &Computed) -> AppResult<Option<ChartBlock>> {
    let unit = Unit::plain(Quantity::Score);
    let series = [HBarSeries { name: crate::t("scorecard-col-score"), scope: Scope::City }];
    let groups: Vec<HBarGroup> = c
        .card
        .cities
        .iter()
        .map(|s| HBarGroup {
            label: s.name.clone(),
            colour: s.input_index,
            values: vec![s.score.map(|v| HBarValue {
                value: v,
                year: None,
                source: crate::t("scorecard-score-source"),
            })],
        })
        .collect();
    let title = crate::t("scorecard-chart-scores");
    let spec = HBarSpec {
        id: "chart-scores",
        title: &title,
        unit: &unit,
        series: &series,
        groups: &groups,
        mark: Mark::Bar,
        log: false,
        sort: false,
    };
    let table = DataTable {
        corner: crate::t("col-city"),
        columns: vec![crate::t("scorecard-col-score")],
        rows: c
            .card
            .cities
            .iter()
            .map(|s| DataRow {
                header: s.name.clone(),
                cells: vec![TableCell::from(score_figure(c, s).into_iter().collect::<Vec<_>>())],
            })
            .collect(),
    };
    Ok(ChartBlock::hbar(&spec, legend(c), table)?)
}

/// Each city's rank and its band: the chart `/embed/scorecard` shows.
pub fn bands(c: &Computed) -> AppResult<Option<ChartBlock>> {
    let rows: Vec<BandInput> = c
        .card
        .cities
        .iter()
        .map(|s| BandInput {
            label: s.name.clone(),
            colour: s.input_index,
            rank: s.rank,
            low: s.rank_low,
            high: s.rank_high,
            p_first: s.p_first,
            unranked: s.unranked.map(|u| match u {
                Unranked::NoData => crate::t("scorecard-band-no-figure"),
                Unranked::LowCoverage => crate::t("scorecard-band-low-coverage"),
            }),
        })
        .collect();
    let text = |s: &CityScore| -> String {
        match (s.rank, s.rank_low, s.rank_high) {
            (Some(r), Some(lo), Some(hi)) => {
                let rank =
                    crate::t2("scorecard-rank-band", "rank", format::ordinal(r as f64), "range", band_range(lo, hi));
                crate::t2("scorecard-band-text", "rank", rank, "share", share(s.p_first))
            }
            _ => crate::t1(
                "scorecard-not-ranked",
                "reason",
                s.unranked.map_or_else(|| crate::t("scorecard-no-score"), |u| u.explanation()),
            ),
        }
    };
    let table = DataTable {
        corner: crate::t("col-city"),
        columns: vec![crate::t("scorecard-band-column")],
        rows: c
            .card
            .cities
            .iter()
            .map(|s| DataRow {
                header: s.name.clone(),
                cells: vec![TableCell {
                    figures: vec![Figure {
                        value: s.rank.unwrap_or(0) as f64,
                        text: text(s),
                        year: None,
                        evidence: Evidence::default(),
                        derivation: Some(DerivationView {
                            label: crate::t("scorecard-how-band"),
                            formula: crate::t2(
                                "scorecard-band-formula",
                                "samples",
                                c.card.method.samples,
                                "params",
                                crate::t2(
                                    "scorecard-dirichlet",
                                    "concentration",
                                    c.card.method.concentration,
                                    "seed",
                                    c.card.method.seed,
                                ),
                            ),
                            inputs: Vec::new(),
                        }),
                        note: None,
                    }],
                    missing: None,
                }],
            })
            .collect(),
    };
    let title = crate::t("scorecard-chart-bands");
    Ok(ChartBlock::bands(|v| rank_band_chart("chart-bands", &title, &rows, v), legend(c), table)?)
}

/// One axis of the scatter: a weighted metric's figures, the score or the coverage.
fn axis_values(c: &Computed, which: &str) -> (ScatterAxis, Vec<Option<f64>>) {
    let card = &c.card.cities;
    match which {
        SCORE => (
            ScatterAxis { title: crate::t("scorecard-axis-score"), unit: Unit::plain(Quantity::Score) },
            card.iter().map(|s| s.score).collect(),
        ),
        COVERAGE => (
            ScatterAxis { title: crate::t("scorecard-axis-coverage"), unit: Unit::plain(Quantity::Share) },
            card.iter().map(|s| Some(s.coverage)).collect(),
        ),
        metric => {
            let j = c.assembled.weights.iter().position(|(m, _)| m.id == metric).unwrap_or(0);
            let unit = c
                .assembled
                .chosen
                .iter()
                .flat_map(|row| row[j].as_ref())
                .map(|ch| ch.shown.unit.clone())
                .next()
                .unwrap_or_else(|| c.assembled.weights[j].0.unit.clone());
            let title = c.assembled.weights[j].0.name();
            (ScatterAxis { title, unit }, card.iter().map(|s| s.cells[j].value).collect())
        }
    }
}

fn scatter(c: &Computed) -> AppResult<Option<ChartBlock>> {
    let (x_axis, xs) = axis_values(c, &c.query.x);
    let (y_axis, ys) = axis_values(c, &c.query.y);
    let points: Vec<ScatterPoint> = c
        .card
        .cities
        .iter()
        .zip(xs.iter().zip(&ys))
        .filter_map(|(s, (x, y))| {
            Some(ScatterPoint { label: s.name.clone(), colour: s.input_index, x: (*x)?, y: (*y)? })
        })
        .collect();
    let title = crate::t2("scorecard-chart-scatter", "y", capitalised(&y_axis.title), "x", &x_axis.title);
    let cell = |v: Option<f64>, unit: &Unit| {
        TableCell::from(v.map(|v| Figure::new(v, unit, None, Evidence::default())).into_iter().collect::<Vec<_>>())
    };
    let table = DataTable {
        corner: crate::t("col-city"),
        columns: vec![x_axis.title.clone(), y_axis.title.clone()],
        rows: c
            .card
            .cities
            .iter()
            .zip(xs.iter().zip(&ys))
            .map(|(s, (x, y))| DataRow {
                header: s.name.clone(),
                cells: vec![cell(*x, &x_axis.unit), cell(*y, &y_axis.unit)],
            })
            .collect(),
    };
    Ok(ChartBlock::scatter(|v| scatter_chart("chart-scatter", &title, &x_axis, &y_axis, &points, v), legend(c), table)?)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
