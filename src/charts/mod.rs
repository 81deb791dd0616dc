//! Pure chart geometry: scales, nice ticks, text measurement, and the layout of each chart
//! kind. No I/O, no HTML; the SVG templates under templates/charts/ draw what these compute.

pub mod band;
pub mod hbar;
pub mod layout;
pub mod line;
pub mod map;
pub mod matrix;
pub mod point_labels;
pub mod projection;
pub mod rank_bands;
pub mod scale;
pub mod scatter;
pub mod text;
pub mod ticks;
