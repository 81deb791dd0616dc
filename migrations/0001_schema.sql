-- Clusterscope schema: cited sources, the city -> park -> company hierarchy, sectors and
-- long-format metrics. Every figure row carries the source it came from and the exact quote.
-- Natural keys (slugs, source ids) are UNIQUE so imports upsert by them; integer ids keep
-- joins small when the company table grows to millions of rows.

CREATE TABLE sources (
    id              TEXT PRIMARY KEY NOT NULL,
    title           TEXT NOT NULL,
    publisher       TEXT NOT NULL,
    url             TEXT NOT NULL,
    published_year  INTEGER,
    accessed        TEXT NOT NULL
) STRICT;

CREATE TABLE sectors (
    slug         TEXT PRIMARY KEY NOT NULL,
    label        TEXT NOT NULL,
    description  TEXT NOT NULL,
    position     INTEGER NOT NULL
) STRICT;

INSERT INTO sectors (slug, label, description, position) VALUES
    ('ito', 'IT outsourcing', 'Software development, maintenance and IT services delivered for clients elsewhere.', 1),
    ('bpo', 'Business process outsourcing', 'Back-office, contact-centre and other business processes run for clients.', 2),
    ('embedded_software', 'Embedded software', 'Software built into devices, chips, vehicles and machines.', 3),
    ('data_centres', 'Data centres', 'Hosting, data storage and back-up centres.', 4),
    ('software_products', 'Software products', 'Companies that build and sell their own software.', 5),
    ('internet', 'Internet', 'Web services, platforms and online businesses.', 6),
    ('semiconductors', 'Semiconductors', 'Chip design and manufacturing.', 7),
    ('hardware', 'Hardware', 'Computers, electronics and other physical technology products.', 8),
    ('fintech', 'Fintech', 'Technology for financial services.', 9),
    ('biotech', 'Biotech', 'Biotechnology and life-science research and industry.', 10),
    ('consulting', 'Consulting', 'Technology and management consulting.', 11),
    ('education_training', 'Education and training', 'Universities, institutes and skills programmes feeding the talent pipeline.', 12);

CREATE TABLE metric_definitions (
    metric            TEXT PRIMARY KEY NOT NULL,
    label             TEXT NOT NULL,
    unit              TEXT NOT NULL,
    family            TEXT NOT NULL,
    scope             TEXT NOT NULL CHECK (scope IN ('city', 'district', 'park', 'state', 'national')),
    higher_is_better  INTEGER CHECK (higher_is_better IN (0, 1)),
    description       TEXT NOT NULL,
    -- Order of first appearance in the catalogue file: families and metrics are listed in it.
    position          INTEGER NOT NULL
) STRICT;
CREATE INDEX metric_definitions_family ON metric_definitions (family, position);

CREATE TABLE cities (
    id                INTEGER PRIMARY KEY,
    slug              TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    country           TEXT NOT NULL,
    region            TEXT NOT NULL,
    population        INTEGER,
    population_year   INTEGER,
    population_scope  TEXT NOT NULL,
    lat               REAL,
    lon               REAL,
    summary           TEXT NOT NULL
) STRICT;
CREATE INDEX cities_country ON cities (country);

-- The sources a row cites, in the order of its `;`-separated `source_id` list. The row's quote
-- keeps one `|`-joined fragment per fact, which need not match the sources one to one, so the
-- quote stays on the row itself.
CREATE TABLE city_sources (
    city_id    INTEGER NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    source_id  TEXT NOT NULL REFERENCES sources (id),
    PRIMARY KEY (city_id, position)
) STRICT;
CREATE INDEX city_sources_source ON city_sources (source_id);

CREATE TABLE city_sectors (
    city_id    INTEGER NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    sector     TEXT NOT NULL REFERENCES sectors (slug),
    source_id  TEXT NOT NULL REFERENCES sources (id),
    quote      TEXT NOT NULL,
    PRIMARY KEY (city_id, sector)
) STRICT;
CREATE INDEX city_sectors_sector ON city_sectors (sector, city_id);
CREATE INDEX city_sectors_source ON city_sectors (source_id);

CREATE TABLE parks (
    id             INTEGER PRIMARY KEY,
    slug           TEXT NOT NULL UNIQUE,
    city_id        INTEGER NOT NULL REFERENCES cities (id),
    name           TEXT NOT NULL,
    opened_year    INTEGER,
    area_km2       REAL,
    companies      INTEGER,
    employees      INTEGER,
    foreign_share  REAL,
    quote          TEXT NOT NULL
) STRICT;
CREATE INDEX parks_city ON parks (city_id, name);

CREATE TABLE park_sources (
    park_id    INTEGER NOT NULL REFERENCES parks (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    source_id  TEXT NOT NULL REFERENCES sources (id),
    PRIMARY KEY (park_id, position)
) STRICT;
CREATE INDEX park_sources_source ON park_sources (source_id);

CREATE TABLE companies (
    id                       INTEGER PRIMARY KEY,
    slug                     TEXT NOT NULL UNIQUE,
    name                     TEXT NOT NULL,
    city_id                  INTEGER NOT NULL REFERENCES cities (id),
    park_id                  INTEGER REFERENCES parks (id),
    sector                   TEXT NOT NULL REFERENCES sectors (slug),
    hq_country               TEXT,
    founded_or_arrived_year  INTEGER,
    employees_in_city        INTEGER,
    revenue_usd              REAL,
    revenue_year             INTEGER,
    quote                    TEXT NOT NULL
) STRICT;
-- Company lists are filtered by city, sector and park and ordered by name.
CREATE INDEX companies_city_sector ON companies (city_id, sector, name, id);
CREATE INDEX companies_sector ON companies (sector, name, id);
CREATE INDEX companies_park ON companies (park_id, name, id);
CREATE INDEX companies_name ON companies (name, id);

CREATE TABLE company_sources (
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    source_id   TEXT NOT NULL REFERENCES sources (id),
    PRIMARY KEY (company_id, position)
) STRICT;
CREATE INDEX company_sources_source ON company_sources (source_id);

CREATE TABLE metrics (
    id         INTEGER PRIMARY KEY,
    city_id    INTEGER NOT NULL REFERENCES cities (id),
    metric     TEXT NOT NULL REFERENCES metric_definitions (metric),
    year       INTEGER NOT NULL,
    value      REAL NOT NULL,
    unit       TEXT NOT NULL,
    source_id  TEXT NOT NULL REFERENCES sources (id),
    quote      TEXT NOT NULL,
    UNIQUE (city_id, metric, year, source_id)
) STRICT;
CREATE INDEX metrics_metric ON metrics (metric, city_id, year);
CREATE INDEX metrics_source ON metrics (source_id);

-- One row per import that changed something; its id is the data version that caches and
-- ETags key on.
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    applied_at  TEXT NOT NULL,
    origin      TEXT NOT NULL,
    summary     TEXT NOT NULL
) STRICT;
