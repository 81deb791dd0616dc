-- Full-text search over the names of cities, parks and companies (SQLite FTS5). Each index
-- reads its text from the table itself (external content) and is kept in step by triggers;
-- a bulk import drops the company triggers and rebuilds that index once at the end.

CREATE VIRTUAL TABLE city_search USING fts5(
    name, country, content = 'cities', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', detail = column
);
CREATE VIRTUAL TABLE park_search USING fts5(
    name, content = 'parks', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', detail = column
);
CREATE VIRTUAL TABLE company_search USING fts5(
    name, content = 'companies', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', detail = column
);

CREATE TRIGGER cities_search_insert AFTER INSERT ON cities BEGIN
    INSERT INTO city_search (rowid, name, country) VALUES (new.id, new.name, new.country);
END;
CREATE TRIGGER cities_search_update AFTER UPDATE OF name, country ON cities BEGIN
    INSERT INTO city_search (city_search, rowid, name, country) VALUES ('delete', old.id, old.name, old.country);
    INSERT INTO city_search (rowid, name, country) VALUES (new.id, new.name, new.country);
END;
CREATE TRIGGER cities_search_delete AFTER DELETE ON cities BEGIN
    INSERT INTO city_search (city_search, rowid, name, country) VALUES ('delete', old.id, old.name, old.country);
END;

CREATE TRIGGER parks_search_insert AFTER INSERT ON parks BEGIN
    INSERT INTO park_search (rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER parks_search_update AFTER UPDATE OF name ON parks BEGIN
    INSERT INTO park_search (park_search, rowid, name) VALUES ('delete', old.id, old.name);
    INSERT INTO park_search (rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER parks_search_delete AFTER DELETE ON parks BEGIN
    INSERT INTO park_search (park_search, rowid, name) VALUES ('delete', old.id, old.name);
END;

CREATE TRIGGER companies_search_insert AFTER INSERT ON companies BEGIN
    INSERT INTO company_search (rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER companies_search_update AFTER UPDATE OF name ON companies BEGIN
    INSERT INTO company_search (company_search, rowid, name) VALUES ('delete', old.id, old.name);
    INSERT INTO company_search (rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER companies_search_delete AFTER DELETE ON companies BEGIN
    INSERT INTO company_search (company_search, rowid, name) VALUES ('delete', old.id, old.name);
END;

INSERT INTO city_search (city_search) VALUES ('rebuild');
INSERT INTO park_search (park_search) VALUES ('rebuild');
INSERT INTO company_search (company_search) VALUES ('rebuild');
