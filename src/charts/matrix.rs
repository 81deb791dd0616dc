//! The city-by-sector matrix: a filled mark where a source states that the city is known for
//! the sector, an empty ring where no source in the data does (which is not a "no").

use super::layout::{FONT, Variant, and_list, description, r, series_class};
use super::text::{text_width, truncate_to_width, wrap_to_width};

#[derive(Debug, Clone)]
pub struct MatrixColumn {
    pub label: String,
    pub colour: usize,
}

#[derive(Debug, Clone)]
pub struct MatrixRowInput {
    pub label: String,
    /// Per column: the evidence when the city is known for the sector.
    pub cells: Vec<Option<String>>,
}

#[derive(Debug, Clone)]
pub struct ColumnView {
    pub x: f64,
    pub lines: Vec<String>,
    pub full_label: String,
    /// Set when the names do not fit across their columns: written upwards from `y`.
    pub rotated: bool,
    pub y: f64,
}

#[derive(Debug, Clone)]
pub struct CellView {
    pub x: f64,
    pub y: f64,
    pub filled: bool,
    pub class: String,
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct RowView {
    pub lines: Vec<String>,
    pub full_label: String,
    pub y: f64,
    pub label_y: f64,
    pub cells: Vec<CellView>,
}

#[derive(Debug, Clone)]
pub struct MatrixChart {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub width: f64,
    pub height: f64,
    pub grid_x: f64,
    pub grid_right: f64,
    pub columns: Vec<ColumnView>,
    pub rows: Vec<RowView>,
    pub radius: f64,
}

fn chinese() -> bool {
    crate::i18n::lang() == crate::i18n::Lang::Zh
}

const ROW: f64 = 24.0;
const LINE: f64 = 15.0;
const HEADER_LINES: usize = 3;
/// Rotated column names longer than this are cut (the full name is in their tooltip).
const MAX_ROTATED: f64 = 200.0;

pub fn matrix_chart(
    id: &str,
    title: &str,
    columns: &[MatrixColumn],
    rows: &[MatrixRowInput],
    variant: Variant,
) -> Option<MatrixChart> {
    if columns.is_empty() || rows.is_empty() {
        return None;
    }
    let width = variant.width();
    let row_lines: Vec<Vec<String>> = {
        let room = width * 0.36;
        rows.iter().map(|r| wrap_to_width(&r.label, room, FONT, 2)).collect()
    };
    let left = row_lines.iter().flatten().map(|l| text_width(l, FONT)).fold(0.0, f64::max) + 12.0;
    let col_w = (width - left - 8.0) / columns.len() as f64;
    let wrapped: Vec<Vec<String>> =
        columns.iter().map(|c| wrap_to_width(&c.label, col_w - 6.0, FONT, HEADER_LINES)).collect();
    // Names cut short across their columns are written upwards instead, whole.
    let rotated =
        wrapped.iter().zip(columns).any(|(lines, c)| lines.concat().replace(' ', "") != c.label.replace(' ', ""));
    let header = if rotated {
        columns.iter().map(|c| text_width(&c.label, FONT).min(MAX_ROTATED)).fold(0.0, f64::max) + 12.0
    } else {
        FONT * 1.25 * wrapped.iter().map(Vec::len).max().unwrap_or(1) as f64 + 10.0
    };
    let column_views: Vec<ColumnView> = columns
        .iter()
        .zip(wrapped)
        .enumerate()
        .map(|(i, (c, lines))| ColumnView {
            x: r(left + col_w * (i as f64 + 0.5)),
            lines: if rotated { vec![truncate_to_width(&c.label, MAX_ROTATED, FONT)] } else { lines },
            full_label: c.label.clone(),
            rotated,
            y: r(header - 8.0),
        })
        .collect();
    let radius = (ROW / 2.0 - 4.0).min(col_w / 2.0 - 3.0).max(3.0);
    let mut top = header;
    let row_views = rows
        .iter()
        .zip(row_lines)
        .map(|(row, lines)| {
            let height = ROW.max(lines.len() as f64 * LINE + 6.0);
            let y = top + height / 2.0;
            top += height;
            let first_line = y - (lines.len() as f64 - 1.0) * LINE / 2.0;
            RowView {
                lines,
                full_label: row.label.clone(),
                y: r(y),
                label_y: r(first_line + FONT * 0.35),
                cells: columns
                    .iter()
                    .enumerate()
                    .map(|(ci, c)| {
                        let evidence = row.cells.get(ci).and_then(|e| e.as_ref());
                        CellView {
                            x: column_views[ci].x,
                            y: r(y),
                            filled: evidence.is_some(),
                            class: series_class(c.colour),
                            title: match evidence {
                                Some(e) => crate::tn(
                                    "matrix-cell-known",
                                    &[("city", &c.label), ("sector", &row.label), ("source", e)],
                                ),
                                None => crate::t2("matrix-cell-unknown", "city", &c.label, "sector", &row.label),
                            },
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let parts: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let known: Vec<String> = rows
                .iter()
                .filter(|row| row.cells.get(ci).is_some_and(|e| e.is_some()))
                .map(|row| row.label.clone())
                .collect();
            if known.is_empty() {
                crate::t1("matrix-desc-none", "city", &c.label)
            } else {
                crate::t2("chart-desc-item", "label", &c.label, "values", and_list(&known))
            }
        })
        .collect();
    Some(MatrixChart {
        id: id.into(),
        title: title.into(),
        desc: description(&crate::t("matrix-desc"), &parts.join(if chinese() { "；" } else { "; " })),
        width,
        height: r(top + 6.0),
        grid_x: r(left),
        grid_right: r(width - 8.0),
        columns: column_views,
        rows: row_views,
        radius: r(radius),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filled_where_a_source_says_so() {
        let c = matrix_chart(
            "m",
            "Sectors",
            &[MatrixColumn { label: "Dalian".into(), colour: 0 }, MatrixColumn { label: "Berlin".into(), colour: 1 }],
            &[MatrixRowInput { label: "BPO".into(), cells: vec![Some("INTHEBLACK, 2014".into()), None] }],
            Variant::Wide,
        )
        .unwrap();
        assert!(c.rows[0].cells[0].filled);
        assert!(!c.rows[0].cells[1].filled);
        assert!(c.desc.contains("Dalian: BPO"));
        assert!(c.desc.contains("Berlin: none stated"));
    }

    #[test]
    fn column_names_fit_their_columns_or_are_written_upwards_whole() {
        let columns: Vec<MatrixColumn> =
            (0..8).map(|i| MatrixColumn { label: format!("Bangalore (Bengaluru) {i}"), colour: i }).collect();
        let rows = vec![MatrixRowInput { label: "Business process outsourcing".into(), cells: vec![None; 8] }];
        for variant in Variant::ALL {
            let c = matrix_chart("m", "S", &columns, &rows, variant).unwrap();
            let step = c.columns[1].x - c.columns[0].x;
            for col in &c.columns {
                if col.rotated {
                    assert_eq!(col.lines, std::slice::from_ref(&col.full_label));
                    assert!(step >= FONT, "{variant:?}");
                } else {
                    for line in &col.lines {
                        assert!(text_width(line, FONT) <= step, "{line}");
                    }
                }
            }
            assert!(c.rows[0].lines.iter().all(|l| !l.ends_with('…')), "{:?}", c.rows[0].lines);
            assert!(c.grid_right <= c.width);
        }
    }
}
