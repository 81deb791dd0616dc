//! Numbered pages (`page=N`) and cursor pages (`after=`/`before=`, the links a reader follows)
//! of the companies list show the same rows in the same order, for every filter, on the last,
//! partial page too, and where many companies share a name (the order then goes by id).

use crate::common;

use common::TestServer;

/// The companies of a page, by slug, in the order shown.
fn rows(body: &str) -> Vec<String> {
    body.split("<tr id=\"company-").skip(1).map(|r| r.split('"').next().unwrap().to_string()).collect()
}

/// The address of the page's `rel` link ("next" or "prev"), if it has one.
fn link(body: &str, rel: &str) -> Option<String> {
    let href = body.split(&format!("rel=\"{rel}\" href=\"")).nth(1)?.split('"').next()?;
    Some(href.replace("&#38;", "&").replace("&amp;", "&"))
}

/// 37 Berlin BPO companies (Berlin has none in the bundled data), most of them sharing one of
/// three names, some in a park: five pages of 8, the last with 5.
fn tied_companies() -> String {
    let mut csv = String::from(
        "slug,name,city_slug,park_slug,sector,hq_country,founded_or_arrived_year,employees_in_city,revenue_usd,revenue_year,source_id,quote\n",
    );
    for i in 0..37 {
        let name = match i % 4 {
            0 => "Acme Services".to_string(),
            1 => "Zeta Outsourcing".to_string(),
            2 => "Acme Services".to_string(),
            _ => format!("Callcentre {:02}", i % 7),
        };
        let park = if i % 3 == 0 { "adlershof" } else { "" };
        // Slugs in an order unrelated to the names, so ids do not follow the names either.
        csv += &format!(
            "tied-{:02},{name},berlin,{park},bpo,,2001,{},,,facesofberlin,A row for the test.\n",
            (i * 17) % 37,
            10 + i
        );
    }
    csv
}

#[tokio::test]
async fn numbered_and_cursor_pages_show_the_same_rows() {
    let (dir, pool) = common::loaded_db().await;
    let data = common::dataset(&[("companies.csv", &tied_companies())]);
    let report = common::import_folder(&pool, data.path()).await;
    assert!(report.applied, "{:?}", report.problems);
    let s = TestServer::serve(dir, pool).await;

    let lists = [
        ("city=berlin&sector=bpo&per_page=8", 37),
        ("city=berlin&per_page=8", 0),
        ("sector=bpo&per_page=20", 0),
        ("park=adlershof&per_page=4", 0),
        ("per_page=30", 0),
    ];
    for (query, expected_total) in lists {
        let first = s.get(&format!("/companies?{query}")).await;
        assert_eq!(first.status, 200, "{query}");
        let total: usize = first.body.split("<strong>").nth(1).unwrap().split('<').next().unwrap().parse().unwrap();
        if expected_total > 0 {
            assert_eq!(total, expected_total, "{query}");
        }
        let per_page: usize = query.split("per_page=").nth(1).unwrap().parse().unwrap();
        let pages = total.div_ceil(per_page);
        assert!(pages >= 2, "{query}: the list has several pages");

        // Forward by the "next" links, each page against its number.
        let mut seen = Vec::new();
        let mut body = first.body;
        for page in 1..=pages {
            let numbered = s.get(&format!("/companies?{query}&page={page}")).await;
            assert_eq!(rows(&body), rows(&numbered.body), "{query}: page {page} by cursor and by number");
            let expected_rows = if page < pages { per_page } else { total - per_page * (pages - 1) };
            assert_eq!(rows(&body).len(), expected_rows, "{query}: rows on page {page}");
            seen.extend(rows(&body));
            match link(&body, "next") {
                Some(next) => {
                    assert!(page < pages, "{query}: the last page links to no next page");
                    assert!(next.contains("after="), "{next}");
                    body = s.get(&next).await.body;
                }
                None => assert_eq!(page, pages, "{query}: only the last page has no next link"),
            }
        }
        // Every matching company once.
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!((seen.len(), unique.len()), (total, total), "{query}: each company on exactly one page");

        // Back by the "previous" links from the last page.
        let mut body = s.get(&format!("/companies?{query}&page={pages}")).await.body;
        for page in (1..=pages).rev() {
            let numbered = s.get(&format!("/companies?{query}&page={page}")).await;
            assert_eq!(rows(&body), rows(&numbered.body), "{query}: page {page} going back");
            if page > 1 {
                body = s.get(&link(&body, "prev").expect("a previous link")).await.body;
            }
        }
    }

    // The JSON twin pages the same way.
    let one = s.json("/companies.json?city=berlin&sector=bpo&per_page=8&page=3").await;
    let next = one["next"].as_str().unwrap().to_string();
    let by_cursor = s.json(&next).await;
    let by_number = s.json("/companies.json?city=berlin&sector=bpo&per_page=8&page=4").await;
    assert_eq!(by_cursor["companies"], by_number["companies"]);
    assert_eq!(by_number["companies"][0]["sources"][0], "facesofberlin");
}

/// The sources a listed company cites, by id, in the order of the page's links to them.
fn cited_in_order(body: &str) -> Vec<String> {
    body.split("<a href=\"/sources/").skip(1).map(|r| r.split('"').next().unwrap().to_string()).collect()
}

/// The list reads a company's sources from a copy kept beside its row (migration 0008): after
/// every import, the page and its JSON twin show the list the file gave, in the file's order.
#[tokio::test]
async fn the_list_shows_a_companys_sources_as_the_last_import_gave_them() {
    let (dir, pool) = common::loaded_db().await;
    let s = TestServer::serve(dir, pool.clone()).await;
    let company = |sources: &str| {
        format!(
            "slug,name,city_slug,park_slug,sector,hq_country,founded_or_arrived_year,employees_in_city,revenue_usd,revenue_year,source_id,quote\n\
             cited-company,Cited Company,berlin,,bpo,,2001,10,,,{sources},A row for the test.\n"
        )
    };
    for sources in ["facesofberlin;intheblack-dalian", "intheblack-dalian;facesofberlin", "facesofberlin"] {
        let data = common::dataset(&[("companies.csv", &company(sources))]);
        let report = common::import_folder(&pool, data.path()).await;
        assert!(report.applied, "{:?}", report.problems);
        let expected: Vec<&str> = sources.split(';').collect();

        let page = s.get("/companies?city=berlin&sector=bpo").await;
        assert_eq!(page.status, 200);
        assert_eq!(cited_in_order(&page.body), expected, "the page after importing {sources}");
        let twin = s.json("/companies.json?city=berlin&sector=bpo").await;
        assert_eq!(
            twin["companies"][0]["sources"],
            serde_json::json!(expected),
            "the JSON twin after importing {sources}"
        );
        let csv = s.get("/companies.csv?city=berlin&sector=bpo").await.body;
        assert!(csv.contains(&format!(",{sources},")), "the CSV twin after importing {sources}: {csv}");
    }
}

/// The names beside each row (city, park, sector, sources) come from a directory read once per
/// data version. A page read with a directory from before an import that added what a row
/// refers to reads the names again rather than show the row without them.
#[tokio::test]
async fn a_list_read_with_names_from_before_an_import_still_names_every_row() {
    use clusterscope::db::companies::{self, CompanyFilter, Position, RowLimit};
    use clusterscope::db::directory::Directory;

    let (_dir, pool) = common::loaded_db().await;
    let before = Directory::default();
    let filter = CompanyFilter { city: Some("dalian".into()), ..Default::default() };
    let page = companies::list(&pool, &before, &filter, RowLimit::new(20), Position::Offset(0)).await.unwrap();
    assert!(!page.rows.is_empty());
    for c in &page.rows {
        assert_eq!((c.city_slug.as_str(), c.city_name.as_str()), ("dalian", "Dalian"));
        assert!(!c.sector_label.is_empty(), "{}: a sector label", c.slug);
        assert_eq!(c.park_slug.is_some(), c.park_name.is_some(), "{}: a park has its name", c.slug);
        assert!(!page.cited[&c.id].is_empty(), "{}: its sources", c.slug);
    }
    assert!(page.rows.iter().any(|c| c.park_name.is_some()), "some Dalian companies are in a park");
}
