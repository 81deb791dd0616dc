//! Units of measure, parsed once from the dataset's text (`RMB`, `persons per year`,
//! `USD per m2 per month`, `rank`). A money unit knows its currency by ISO code (the dataset's
//! `RMB` is the renminbi, `CNY`), so figures can be converted; the denominators say whether a
//! figure is a yearly flow or a price per square metre or per month.

use std::fmt;

/// A currency by its ISO 4217 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    pub const USD: Currency = Currency(*b"USD");
    pub const CNY: Currency = Currency(*b"CNY");

    /// Reads a currency as the dataset writes it: an ISO code, or `RMB` for the renminbi.
    pub fn parse(text: &str) -> Option<Currency> {
        if text == "RMB" {
            return Some(Currency::CNY);
        }
        let bytes: [u8; 3] = text.as_bytes().try_into().ok()?;
        bytes.iter().all(u8::is_ascii_uppercase).then_some(Currency(bytes))
    }

    /// The ISO code: `CNY`, `USD`.
    pub fn code(&self) -> &str {
        // Three ASCII capitals, checked in `parse`.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }

    /// The code the dataset writes: `RMB` for the renminbi, the ISO code otherwise.
    pub fn dataset_code(&self) -> &str {
        if *self == Currency::CNY { "RMB" } else { self.code() }
    }

    /// What is written before an amount (`US$21.7 bn`, `RMB 135 bn`); `None` writes the code
    /// after it (`12,000 PLN`). Only signs every system font has.
    pub fn prefix(&self) -> Option<&'static str> {
        Some(match self.code() {
            "USD" => "US$",
            "EUR" => "€",
            "GBP" => "£",
            "INR" => "₹",
            "JPY" => "¥",
            "CNY" => "RMB ",
            "SGD" => "S$",
            "BRL" => "R$",
            _ => return None,
        })
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What is counted or measured.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Quantity {
    Money(Currency),
    Persons,
    Count,
    /// A percentage, written 0 to 100.
    Percent,
    /// A fraction, written 0 to 1 and shown as a percentage.
    Share,
    /// A position in a ranking: 1 is best.
    Rank,
    /// An area in square kilometres.
    SquareKilometres,
    /// A scorecard's score, 0 to 1.
    Score,
    /// A unit the app does not know, kept as written.
    Other(String),
}

/// What a unit is divided by: `per year`, `per month`, `per m2`, `per person`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Per {
    Year,
    Month,
    SquareMetre,
    Person,
}

impl Per {
    fn parse(word: &str) -> Option<Per> {
        match word {
            "year" => Some(Per::Year),
            "month" => Some(Per::Month),
            "m2" => Some(Per::SquareMetre),
            "person" => Some(Per::Person),
            _ => None,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Per::Year => "year",
            Per::Month => "month",
            Per::SquareMetre => "m2",
            Per::Person => "person",
        }
    }

    /// How a formatted figure ends: `US$40 m a year`, `US$45 per m² a month`.
    fn suffix(self) -> &'static str {
        match self {
            Per::Year => " a year",
            Per::Month => " a month",
            Per::SquareMetre => " per m²",
            Per::Person => " per person",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Unit {
    pub quantity: Quantity,
    /// Denominators in the order written.
    pub per: Vec<Per>,
    /// The text as the dataset (or a derivation) writes it.
    text: String,
}

impl Unit {
    /// Parses the dataset's unit text. Never fails: a unit it does not know is kept whole as
    /// `Quantity::Other`, shown as written and never converted or divided.
    pub fn parse(text: &str) -> Unit {
        let text = text.trim();
        let mut words = text.split(" per ");
        let base = words.next().unwrap_or_default();
        let quantity = match base {
            "persons" => Some(Quantity::Persons),
            "count" => Some(Quantity::Count),
            "percent" => Some(Quantity::Percent),
            "share" => Some(Quantity::Share),
            "rank" => Some(Quantity::Rank),
            "km2" => Some(Quantity::SquareKilometres),
            "score" => Some(Quantity::Score),
            other => Currency::parse(other).map(Quantity::Money),
        };
        let per: Option<Vec<Per>> = words.map(Per::parse).collect();
        match (quantity, per) {
            (Some(quantity), Some(per)) => Unit { quantity, per, text: text.to_string() },
            _ => Unit { quantity: Quantity::Other(text.to_string()), per: Vec::new(), text: text.to_string() },
        }
    }

    /// A unit without denominators: `persons`, `USD`.
    pub fn plain(quantity: Quantity) -> Unit {
        Unit::from_parts(quantity, Vec::new())
    }

    fn from_parts(quantity: Quantity, per: Vec<Per>) -> Unit {
        let base = match &quantity {
            Quantity::Money(c) => c.dataset_code().to_string(),
            Quantity::Persons => "persons".into(),
            Quantity::Count => "count".into(),
            Quantity::Percent => "percent".into(),
            Quantity::Share => "share".into(),
            Quantity::Rank => "rank".into(),
            Quantity::SquareKilometres => "km2".into(),
            Quantity::Score => "score".into(),
            Quantity::Other(text) => text.clone(),
        };
        let mut text = base;
        for p in &per {
            text.push_str(" per ");
            text.push_str(p.word());
        }
        Unit { quantity, per, text }
    }

    /// The unit as the dataset writes it: `RMB`, `persons per year`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn currency(&self) -> Option<Currency> {
        match self.quantity {
            Quantity::Money(c) => Some(c),
            _ => None,
        }
    }

    /// The same unit in another currency (`RMB per m2 per month` → `USD per m2 per month`).
    pub fn in_currency(&self, currency: Currency) -> Unit {
        match self.quantity {
            Quantity::Money(_) => Unit::from_parts(Quantity::Money(currency), self.per.clone()),
            _ => self.clone(),
        }
    }

    /// The unit divided by a person (`USD` → `USD per person`).
    pub fn per_person(&self) -> Unit {
        let mut per = self.per.clone();
        per.push(Per::Person);
        Unit::from_parts(self.quantity.clone(), per)
    }

    pub fn is_per(&self, per: Per) -> bool {
        self.per.contains(&per)
    }

    /// The words after a formatted number: ` a year`, ` per m² a month`.
    pub fn suffix(&self) -> String {
        self.per.iter().map(|p| p.suffix()).collect()
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_datasets_units_parse() {
        let u = Unit::parse("RMB");
        assert_eq!(u.currency(), Some(Currency::CNY));
        assert_eq!(u.as_str(), "RMB");
        assert_eq!(Unit::parse("persons per year").per, [Per::Year]);
        let rent = Unit::parse("USD per m2 per month");
        assert_eq!(rent.currency(), Some(Currency::USD));
        assert_eq!(rent.per, [Per::SquareMetre, Per::Month]);
        assert_eq!(Unit::parse("rank").quantity, Quantity::Rank);
        assert_eq!(Unit::parse("PLN per month").currency().map(|c| c.to_string()).as_deref(), Some("PLN"));
    }

    #[test]
    fn unknown_units_are_kept_as_written() {
        for text in ["hectares", "USD per fortnight", "usd", "Euro"] {
            let u = Unit::parse(text);
            assert_eq!(u.quantity, Quantity::Other(text.into()), "{text}");
            assert_eq!(u.as_str(), text);
            assert_eq!(u.currency(), None);
        }
    }

    #[test]
    fn converted_and_per_person_units_are_written_like_the_datasets() {
        assert_eq!(Unit::parse("RMB per m2 per month").in_currency(Currency::USD).as_str(), "USD per m2 per month");
        assert_eq!(Unit::parse("USD").in_currency(Currency::CNY).as_str(), "RMB");
        assert_eq!(Unit::parse("USD").per_person().as_str(), "USD per person");
        assert_eq!(Unit::parse("persons per year").per_person().as_str(), "persons per year per person");
        assert_eq!(Unit::parse("count").in_currency(Currency::USD).as_str(), "count");
    }
}
