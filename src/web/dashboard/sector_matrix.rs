//! The dashboard's sector matrix: which sectors each shown city is known for, as its sources
//! state.

use super::super::charts::{ChartBlock, DataRow, DataTable};
use super::super::view::{Cite, Evidence, Figure};
use crate::charts::matrix::{MatrixColumn, MatrixRowInput, matrix_chart};
use crate::comparison::Comparison;
use crate::db::cities::City;
use crate::db::sectors;
use crate::error::AppResult;

pub async fn sector_matrix(pool: &sqlx::SqlitePool, c: &Comparison) -> AppResult<Option<ChartBlock>> {
    let title = crate::t("dashboard-sectors-title");
    let ids: Vec<i64> = c.cities.iter().map(|city| city.id).collect();
    let evidence = sectors::evidence_for_cities(pool, &ids).await?;
    let all = sectors::all(pool).await?;
    let columns: Vec<MatrixColumn> =
        c.cities.iter().enumerate().map(|(i, city)| MatrixColumn { label: city.name.clone(), colour: i }).collect();
    let find = |city: &City, sector: &str| evidence.iter().find(|e| e.city_id == city.id && e.sector == sector);
    // Sectors no shown city is known for would be rows of empty rings.
    let known: Vec<_> = all.iter().filter(|s| c.cities.iter().any(|city| find(city, &s.slug).is_some())).collect();
    let rows: Vec<MatrixRowInput> = known
        .iter()
        .map(|s| MatrixRowInput {
            label: s.label.clone(),
            cells: c
                .cities
                .iter()
                .map(|city| find(city, &s.slug).map(|e| Cite::from(e.source.clone()).short()))
                .collect(),
        })
        .collect();
    let table = DataTable {
        corner: crate::t("col-sector"),
        columns: c.cities.iter().map(|city| city.name.clone()).collect(),
        rows: known
            .iter()
            .map(|s| DataRow {
                header: s.label.clone(),
                cells: c
                    .cities
                    .iter()
                    .map(|city| {
                        find(city, &s.slug)
                            .map(|e| Figure {
                                value: 1.0,
                                text: crate::t("dashboard-sector-yes"),
                                year: e.source.published_year,
                                evidence: Evidence::new(vec![Cite::from(e.source.clone())], &e.quote),
                                derivation: None,
                                note: None,
                            })
                            .into_iter()
                            .collect::<Vec<_>>()
                            .into()
                    })
                    .collect(),
            })
            .collect(),
    };
    if c.cities.len() < 2 {
        let reason = crate::t("dashboard-sectors-one-city");
        return Ok(Some(ChartBlock::table_only("chart-sectors", &title, reason, table)));
    }
    Ok(ChartBlock::matrix(|variant| matrix_chart("chart-sectors", &title, &columns, &rows, variant), table)?)
}
