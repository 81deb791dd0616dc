//! `/sources`: every publication the data cites, grouped by city or by publisher, filtered
//! and a page at a time (`list` reads the query and the page, `page` shows it), with `.json`
//! and `.csv` twins of each page (`twins`);
//! `/sources/{id}`: one source and what cites it (`profile`).

mod list;
mod page;
mod profile;
mod twins;

pub use page::index;
pub use profile::profile;
pub use twins::{list_csv, list_json};
