-- Cited annual-average exchange rates: local currency units per US dollar, one per currency
-- and year. A figure is converted only at the rate of its own year; a year without a row
-- leaves the figure as published.
CREATE TABLE fx_rates (
    currency       TEXT NOT NULL CHECK (length(currency) = 3),
    year           INTEGER NOT NULL,
    units_per_usd  REAL NOT NULL CHECK (units_per_usd > 0),
    source_id      TEXT NOT NULL REFERENCES sources (id),
    quote          TEXT NOT NULL,
    PRIMARY KEY (currency, year)
) STRICT, WITHOUT ROWID;
CREATE INDEX fx_rates_source ON fx_rates (source_id);
