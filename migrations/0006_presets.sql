-- Named groups of cities offered as one-click choices in every city picker ("China's software
-- cities"). Defined in the dataset's presets.csv; `cities` holds the city slugs in the file's
-- order, separated by ';', each checked against the cities when imported.
CREATE TABLE presets (
    id           TEXT PRIMARY KEY,
    label        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    cities       TEXT NOT NULL
) STRICT, WITHOUT ROWID;
