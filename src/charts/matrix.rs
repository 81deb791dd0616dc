//! The city-by-sector matrix: a filled mark where a source states that the city is known for
//! the sector, an empty ring where no source in the data does (which is not a "no").

use super::layout::{FONT, and_list, r, series_class};
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
    pub label: String,
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

pub const WIDTH: f64 = 640.0;
const ROW: f64 = 24.0;
const HEADER_LINES: usize = 2;

pub fn matrix_chart(id: &str, title: &str, columns: &[MatrixColumn], rows: &[MatrixRowInput]) -> Option<MatrixChart> {
    if columns.is_empty() || rows.is_empty() {
        return None;
    }
    let left = rows.iter().map(|r| text_width(&r.label, FONT)).fold(0.0, f64::max).min(WIDTH * 0.36) + 12.0;
    let col_w = (WIDTH - left - 8.0) / columns.len() as f64;
    let header = FONT * 1.25 * HEADER_LINES as f64 + 10.0;
    let column_views: Vec<ColumnView> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| ColumnView {
            x: r(left + col_w * (i as f64 + 0.5)),
            lines: wrap_to_width(&c.label, col_w - 6.0, FONT, HEADER_LINES),
            full_label: c.label.clone(),
        })
        .collect();
    let radius = (ROW / 2.0 - 4.0).min(col_w / 2.0 - 3.0).max(3.0);
    let row_views = rows
        .iter()
        .enumerate()
        .map(|(ri, row)| {
            let y = header + ROW * (ri as f64 + 0.5);
            RowView {
                label: truncate_to_width(&row.label, left - 12.0, FONT),
                full_label: row.label.clone(),
                y: r(y),
                label_y: r(y + FONT * 0.35),
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
                                Some(e) => format!("{}: {} ({e})", c.label, row.label),
                                None => format!("{}: no source in the data names {}", c.label, row.label),
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
                format!("{}: none stated", c.label)
            } else {
                format!("{}: {}", c.label, and_list(&known))
            }
        })
        .collect();
    Some(MatrixChart {
        id: id.into(),
        title: title.into(),
        desc: format!("Matrix of the sectors each city is known for, as its sources state. {}.", parts.join("; ")),
        width: WIDTH,
        height: r(header + ROW * rows.len() as f64 + 6.0),
        grid_x: r(left),
        grid_right: r(WIDTH - 8.0),
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
        )
        .unwrap();
        assert!(c.rows[0].cells[0].filled);
        assert!(!c.rows[0].cells[1].filled);
        assert!(c.desc.contains("Dalian: BPO"));
        assert!(c.desc.contains("Berlin: none stated"));
    }

    #[test]
    fn column_labels_fit_their_columns() {
        let columns: Vec<MatrixColumn> =
            (0..8).map(|i| MatrixColumn { label: format!("Bangalore (Bengaluru) {i}"), colour: i }).collect();
        let rows = vec![MatrixRowInput { label: "Business process outsourcing".into(), cells: vec![None; 8] }];
        let c = matrix_chart("m", "S", &columns, &rows).unwrap();
        let step = c.columns[1].x - c.columns[0].x;
        for col in &c.columns {
            for line in &col.lines {
                assert!(text_width(line, FONT) <= step, "{line}");
            }
        }
    }
}
