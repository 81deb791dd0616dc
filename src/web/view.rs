//! View-model pieces shared by every page: a figure with its display text, year and the
//! sources it cites, ready for the `figure` and `evidence` template macros, and a form choice.

use crate::comparable::{Derivation, Kind, Role, Shown};
use crate::comparison::Comparison;
use crate::db::cities::City;
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
            None => crate::t1("cite-undated", "publisher", &self.publisher),
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

    /// Nothing to show: no source and no quote (a score, a coverage).
    pub fn is_empty(&self) -> bool {
        self.cites.is_empty() && self.quotes.is_empty()
    }

    /// The collapsed label: the first source, and how many more.
    pub fn label(&self) -> String {
        match self.cites.as_slice() {
            [] => crate::t("cite-no-source"),
            [one] => one.short(),
            [first, rest @ ..] => format!("{} +{}", first.short(), rest.len()),
        }
    }
}

/// One sourced value, published or derived from published ones.
#[derive(Debug, Clone)]
pub struct Figure {
    pub value: f64,
    pub text: String,
    pub year: Option<i64>,
    /// The published figure's source and quote.
    pub evidence: Evidence,
    /// For a derived figure: the arithmetic and every input with its source.
    pub derivation: Option<DerivationView>,
    /// Why a derivation that was asked for was not made, or what was left as it is.
    pub note: Option<String>,
}

/// How a figure was derived, as the page opens it (like a source).
#[derive(Debug, Clone)]
pub struct DerivationView {
    /// "converted at the 2017 rate", "per resident", "growth 2005 to 2011".
    pub label: String,
    pub formula: String,
    pub inputs: Vec<InputView>,
}

#[derive(Debug, Clone)]
pub struct InputView {
    /// "value", "exchange rate", "population", "start", "end".
    pub role: String,
    /// "IT industry revenue (RMB), Dalian", "CNY per US$, annual average".
    pub what: String,
    pub year: i64,
    pub text: String,
    pub cite: Cite,
    pub quote: String,
}

impl Figure {
    pub fn new(value: f64, unit: &Unit, year: Option<i64>, evidence: Evidence) -> Self {
        Figure { value, text: format::figure(value, unit), year, evidence, derivation: None, note: None }
    }

    /// A metric's figure with its year, its source and the quote.
    pub fn of(f: &MetricFigure, metric: &Metric) -> Self {
        Figure::new(f.value, &metric.unit, Some(f.year), Evidence::new(vec![Cite::from(f.source.clone())], &f.quote))
    }

    /// A figure as a comparison shows it: published, or derived with its inputs.
    pub fn shown(s: &Shown, metric: &Metric, city: &str) -> Self {
        let evidence = Evidence::new(vec![Cite::from(s.figure.source.clone())], &s.figure.quote);
        let mut figure = Figure::new(s.value, &s.unit, Some(s.year), evidence);
        figure.note = s.note.clone();
        figure.derivation = s.derivation.as_ref().map(|d| DerivationView::new(d, metric, city));
        figure
    }

    /// Points the figure's citations, and its inputs', at the sources section of an exported file.
    pub fn link_within_page(&mut self) {
        self.evidence.link_within_page();
        for input in self.derivation.iter_mut().flat_map(|d| d.inputs.iter_mut()) {
            input.cite.href = format!("#source-{}", input.cite.id);
        }
    }

    /// The value for machines (`<data value>`), without float noise.
    pub fn machine_value(&self) -> String {
        format::trimmed(self.value, 6)
    }
}

impl DerivationView {
    fn new(d: &Derivation, metric: &Metric, city: &str) -> Self {
        let label = match d.kind {
            Kind::Currency => {
                let year = d.inputs.iter().find(|i| i.role == Role::Rate).map_or(0, |i| i.year);
                crate::t1("derived-label-currency", "year", year)
            }
            Kind::PerCapita => crate::t("derived-label-per-capita"),
            Kind::Cagr => {
                let year = |role| d.inputs.iter().find(|i| i.role == role).map_or(0, |i| i.year);
                crate::t2("derived-label-growth", "start", year(Role::Start), "end", year(Role::End))
            }
        };
        let inputs = d
            .inputs
            .iter()
            .map(|i| {
                let of_city = || crate::t2("derived-input-of-city", "metric", metric.name(), "city", city);
                let (role, what) = match i.role {
                    Role::Rate => (
                        crate::t("derived-role-rate"),
                        crate::t1("derived-input-rate", "unit", input_unit(&i.unit).replace("USD", "US$")),
                    ),
                    Role::Population => {
                        (crate::t("derived-role-population"), crate::t1("derived-input-population", "city", city))
                    }
                    Role::Value => (crate::t("derived-role-value"), of_city()),
                    Role::Start => (crate::t("derived-role-start"), of_city()),
                    Role::End => (crate::t("derived-role-end"), of_city()),
                };
                InputView {
                    role,
                    what,
                    year: i.year,
                    text: format!("{} {}", format::trimmed(i.value, 6), input_unit(&i.unit)),
                    cite: Cite::from(i.source.clone()),
                    quote: i.quote.clone(),
                }
            })
            .collect();
        DerivationView { label, formula: d.formula.clone(), inputs }
    }
}

/// An input's unit as the dataset writes it (`RMB`, `persons`, `RMB per USD`), in the page's
/// language.
fn input_unit(unit: &str) -> String {
    if crate::i18n::lang() == crate::i18n::Lang::En {
        return unit.to_string();
    }
    match unit.strip_suffix(" per USD") {
        Some(code) => format!("{}/{}", format::unit_label(&Unit::parse(code)), format::unit_label(&Unit::parse("USD"))),
        None => format::unit_label(&Unit::parse(unit)),
    }
}

/// One cell of a table of figures: every figure for it (several sources may give one), or
/// none, and then perhaps why (a derivation that cannot be made).
#[derive(Debug, Clone, Default)]
pub struct TableCell {
    pub figures: Vec<Figure>,
    pub missing: Option<String>,
}

impl TableCell {
    /// The latest figures of one metric for one city in a comparison, or why there is none as
    /// the comparison's options ask.
    pub fn latest(c: &Comparison, m: &Metric, city: &City) -> Self {
        TableCell {
            figures: c.latest(&m.id, city.id).into_iter().map(|s| Figure::shown(s, m, &city.name)).collect(),
            missing: c.missing(&m.id, city.id).map(str::to_string),
        }
    }
}

impl From<Vec<Figure>> for TableCell {
    fn from(figures: Vec<Figure>) -> Self {
        TableCell { figures, missing: None }
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
