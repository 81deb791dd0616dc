//! View-model pieces shared by every page: a figure with its display text, year and the
//! sources it cites, ready for the `figure` and `evidence` template macros, and a form choice.

use crate::db::metrics::MetricFigure;
use crate::db::sources::Source;
use crate::format;
use crate::metric::{Metric, Unit};

/// A source as a figure cites it.
#[derive(Debug, Clone)]
pub struct Cite {
    pub id: String,
    /// Where the citation links: the source's page, or its entry in an exported file.
    pub href: String,
    pub title: String,
    pub publisher: String,
    pub year: Option<i64>,
    pub url: String,
}

impl From<Source> for Cite {
    fn from(s: Source) -> Self {
        Cite {
            href: format!("/sources/{}", s.id),
            id: s.id,
            title: s.title,
            publisher: s.publisher,
            year: s.published_year,
            url: s.url,
        }
    }
}

impl Cite {
    /// "INTHEBLACK (CPA Australia), 2014": what the collapsed citation shows.
    pub fn short(&self) -> String {
        match self.year {
            Some(y) => format!("{}, {y}", self.publisher),
            None => format!("{}, undated", self.publisher),
        }
    }

    /// The address's host, as the visible text of the outbound link.
    pub fn host(&self) -> &str {
        let rest = self.url.split_once("://").map_or(self.url.as_str(), |(_, r)| r);
        rest.split(['/', '?', '#']).next().unwrap_or(rest)
    }
}

/// The sources of one figure and the exact words it rests on.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    pub cites: Vec<Cite>,
    /// The quote, split into its `|`-joined fragments (one per fact).
    pub quotes: Vec<String>,
}

impl Evidence {
    /// Points every citation at `#source-{id}`: the sources section of an exported file.
    pub fn link_within_page(&mut self) {
        for c in &mut self.cites {
            c.href = format!("#source-{}", c.id);
        }
    }

    pub fn new(cites: Vec<Cite>, quote: &str) -> Self {
        let quotes = quote.split(" | ").map(str::trim).filter(|q| !q.is_empty()).map(str::to_string).collect();
        Evidence { cites, quotes }
    }

    /// The collapsed label: the first source, and how many more.
    pub fn label(&self) -> String {
        match self.cites.as_slice() {
            [] => "no source".into(),
            [one] => one.short(),
            [first, rest @ ..] => format!("{} +{}", first.short(), rest.len()),
        }
    }
}

/// One sourced value.
#[derive(Debug, Clone)]
pub struct Figure {
    pub value: f64,
    pub text: String,
    pub year: Option<i64>,
    pub evidence: Evidence,
}

impl Figure {
    pub fn new(value: f64, unit: &Unit, year: Option<i64>, evidence: Evidence) -> Self {
        Figure { value, text: format::figure(value, unit), year, evidence }
    }

    /// A metric's figure with its year, its source and the quote.
    pub fn of(f: &MetricFigure, metric: &Metric) -> Self {
        Figure::new(f.value, &metric.unit, Some(f.year), Evidence::new(vec![Cite::from(f.source.clone())], &f.quote))
    }

    /// The value for machines (`<data value>`), without float noise.
    pub fn machine_value(&self) -> String {
        format::trimmed(self.value, 6)
    }
}

/// One option of a form: a checkbox or a select's option.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// A mistake in one field of a form. The page comes back (status 400) with the user's choices
/// kept and this message next to the field, instead of an error page.
#[derive(Debug, Clone)]
pub struct FormError {
    /// The parameter, which is also the field's name: `city`, `sector`, `page`.
    pub field: String,
    pub message: String,
    /// The values the parameter accepts, when it takes one of a list.
    pub allowed: Vec<String>,
}

impl FormError {
    /// The error as a form error when it is about one of `fields`; any other error is passed on
    /// (an unknown parameter did not come from the form and gets the error page).
    pub fn about(error: crate::error::AppError, fields: &[&str]) -> Result<FormError, crate::error::AppError> {
        match error {
            crate::error::AppError::BadRequest { param, message, allowed } if fields.contains(&param.as_str()) => {
                let allowed = match allowed {
                    crate::error::Allowed::Values(values) => values,
                    _ => Vec::new(),
                };
                Ok(FormError { field: param, message, allowed })
            }
            other => Err(other),
        }
    }

    /// The message when the error is about `field`.
    pub fn on(error: &Option<FormError>, field: &str) -> Option<String> {
        error.as_ref().filter(|e| e.field == field).map(|e| e.message.clone())
    }
}
