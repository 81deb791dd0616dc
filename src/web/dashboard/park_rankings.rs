//! The dashboard's tech parks: a ranking per park figure (companies, employees, area), and
//! the table of every park of the shown cities.

use super::super::charts::{ChartBlock, DataRow, DataTable, LegendItem};
use super::super::parks::ParkView;
use super::super::view::{Figure, TableCell};
use crate::charts::hbar::{HBarGroup, HBarSeries, HBarSpec, HBarValue, Mark};
use crate::charts::layout::series_class;
use crate::comparison::Comparison;
use crate::db::parks::{self, Park};
use crate::error::AppResult;
use crate::format;
use crate::metric::{Quantity, Scope, Unit};

/// A park figure the dashboard ranks: chart id, title, unit, and how to read it off a park.
type ParkFigure = (&'static str, fn() -> String, Quantity, fn(&Park) -> Option<f64>);

const FIGURES: [ParkFigure; 3] = [
    (
        "chart-park-companies",
        || crate::t("dashboard-park-companies"),
        Quantity::Count,
        |p| p.companies.map(|v| v as f64),
    ),
    (
        "chart-park-employees",
        || crate::t("dashboard-park-employees"),
        Quantity::Persons,
        |p| p.employees.map(|v| v as f64),
    ),
    ("chart-park-area", || crate::t("dashboard-park-area"), Quantity::SquareKilometres, |p| p.area_km2),
];

pub async fn park_comparison(pool: &sqlx::SqlitePool, c: &Comparison) -> AppResult<(Vec<ChartBlock>, Vec<ParkView>)> {
    let mut rows = Vec::new();
    for city in &c.cities {
        rows.extend(parks::in_city(pool, city.id).await?);
    }
    let colour_of = |city_slug: &str| c.cities.iter().position(|city| city.slug == city_slug).unwrap_or(0);
    let views = ParkView::build(pool, rows.clone()).await?;
    let mut charts = Vec::new();
    for (id, title, quantity, value) in FIGURES {
        let title = &title();
        let unit = Unit::plain(quantity);
        let with_value: Vec<(&Park, &ParkView, f64)> =
            rows.iter().zip(&views).filter_map(|(p, view)| value(p).map(|v| (p, view, v))).collect();
        if with_value.is_empty() {
            continue;
        }
        let table = DataTable {
            corner: crate::t("col-park"),
            columns: vec![title.to_string()],
            rows: with_value
                .iter()
                .map(|(p, view, v)| DataRow {
                    header: crate::t2("dashboard-park-in-city", "park", &p.name, "city", &p.city_name),
                    cells: vec![TableCell::from(vec![Figure {
                        value: *v,
                        text: format::figure(*v, &unit),
                        year: None,
                        evidence: view.evidence.clone(),
                        derivation: None,
                        note: None,
                    }])],
                })
                .collect(),
        };
        if with_value.len() < 2 {
            let reason = crate::t("dashboard-park-only-one");
            charts.push(ChartBlock::table_only(id, title, reason, table));
            continue;
        }
        let series = [HBarSeries { name: title.to_string(), scope: Scope::Park }];
        let groups: Vec<HBarGroup> = with_value
            .iter()
            .map(|(p, view, v)| HBarGroup {
                label: p.name.clone(),
                colour: colour_of(&p.city_slug),
                values: vec![Some(HBarValue { value: *v, year: None, source: view.evidence.label() })],
            })
            .collect();
        let spec = HBarSpec {
            id,
            title,
            unit: &unit,
            series: &series,
            groups: &groups,
            mark: Mark::Bar,
            log: false,
            sort: true,
        };
        let legend: Vec<LegendItem> = c
            .cities
            .iter()
            .enumerate()
            .filter(|(_, city)| with_value.iter().any(|(p, _, _)| p.city_slug == city.slug))
            .map(|(i, city)| LegendItem::swatch(series_class(i), city.name.clone()))
            .collect();
        charts.extend(ChartBlock::hbar(&spec, legend, table)?);
    }
    Ok((charts, views))
}
