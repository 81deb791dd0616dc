-- A company's cited sources, as the `;`-separated list of ids companies.csv gives them, kept
-- beside the row. company_sources stays the list's home (foreign keys, "who cites this source");
-- this copy is written by the importer in the same statement as the row and lets a page of the
-- companies list be read from the companies_list index alone, instead of looking up fifty
-- companies' lists scattered over company_sources (measured: about half of an uncached page's
-- time in SQLite at a million companies).
ALTER TABLE companies ADD COLUMN source_ids TEXT NOT NULL DEFAULT '';
UPDATE companies SET source_ids = coalesce(
    (SELECT group_concat(source_id, ';' ORDER BY position) FROM company_sources WHERE company_id = companies.id),
    ''
);
DROP INDEX companies_list;
CREATE INDEX companies_list ON companies (
    city_id, sector, name, id, slug, park_id, hq_country, founded_or_arrived_year, employees_in_city,
    revenue_usd, revenue_year, quote, source_ids
);
