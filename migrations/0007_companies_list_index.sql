-- The list of a city's companies in a sector (/companies?city=C&sector=S) reads its page from
-- this index alone: it holds every column the list shows, so a page is a few adjacent index
-- pages instead of fifty rows scattered over the companies table. It replaces
-- companies_city_sector, whose columns it starts with, so every query that used that one uses
-- this one, and a bulk import still builds one index for them, not two.
DROP INDEX companies_city_sector;
CREATE INDEX companies_list ON companies (
    city_id, sector, name, id, slug, park_id, hq_country, founded_or_arrived_year, employees_in_city,
    revenue_usd, revenue_year, quote
);
