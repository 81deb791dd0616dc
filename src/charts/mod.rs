//! Pure chart geometry: scales, nice ticks, text measurement, and the layout of each chart
//! kind. No I/O, no HTML; the SVG templates under templates/charts/ draw what these compute.

pub mod band;
pub mod hbar;
pub mod layout;
pub mod line;
pub mod map;
mod map_labels;
pub mod matrix;
pub mod projection;
pub mod scale;
pub mod text;
pub mod ticks;
