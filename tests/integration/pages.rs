//! The pages over real HTTP, served from a fresh SQLite file loaded with the bundled data.

use crate::common;

use common::TestServer;

/// The city names listed as cards on a page, in order.
fn card_names(body: &str) -> Vec<String> {
    body.split("<h3 class=\"card-title\"><a href=\"/cities/")
        .skip(1)
        .map(|s| s.split('>').nth(1).unwrap().split('<').next().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn filtering_by_bpo_lists_dalian_bangalore_and_manila_not_berlin() {
    let s = TestServer::start().await;
    let r = s.get("/cities?sector=bpo").await;
    assert_eq!(r.status, 200);
    assert_eq!(
        card_names(&r.body),
        ["Bangalore (Bengaluru)", "Chengdu", "Chennai", "Dalian", "Dublin", "Kraków", "Metro Manila", "Pune"]
    );
    assert!(!r.body.contains("/cities/berlin\""));
    assert!(r.body.contains("<strong>8</strong> of 18 cities match: known for Business process outsourcing."));
    // The form keeps the choice: the BPO box is ticked, the others are not.
    assert!(r.body.contains("name=\"sector\" value=\"bpo\" checked"));
    assert!(r.body.contains("name=\"sector\" value=\"ito\">"));
}

#[tokio::test]
async fn repeated_sectors_mean_any_of_them() {
    let s = TestServer::start().await;
    let r = s.get("/cities?sector=fintech&sector=semiconductors").await;
    let both = card_names(&r.body);
    let fintech = card_names(&s.get("/cities?sector=fintech").await.body);
    let semiconductors = card_names(&s.get("/cities?sector=semiconductors").await.body);
    assert!(fintech.len() < both.len() && semiconductors.len() < both.len(), "either sector widens the list");
    for name in fintech.iter().chain(&semiconductors) {
        assert!(both.contains(name), "{name} is known for one of them");
    }
    assert!(both.iter().all(|n| fintech.contains(n) || semiconductors.contains(n)));
    assert!(both.contains(&"Tel Aviv-Yafo".to_string()) && both.contains(&"London".to_string()));
    assert!(r.body.contains("name=\"sector\" value=\"fintech\" checked"));
    assert!(r.body.contains("name=\"sector\" value=\"semiconductors\" checked"));
}

#[tokio::test]
async fn the_country_narrows_the_sector_filter_and_the_counts() {
    let s = TestServer::start().await;
    let r = s.get("/cities?sector=internet&country=Germany").await;
    assert_eq!(card_names(&r.body), ["Berlin"]);
    assert!(r.body.contains("<option value=\"Germany\" selected>"));
    // Sector counts are counted within the chosen country.
    assert!(r.body.contains("Internet <span class=\"count\">(1)</span>"), "counts follow the country");
}

#[tokio::test]
async fn no_match_shows_a_helpful_empty_state() {
    let s = TestServer::start().await;
    let r = s.get("/cities?sector=consulting").await;
    assert_eq!(r.status, 200);
    assert!(card_names(&r.body).is_empty());
    assert!(r.body.contains("No city matches these filters"));
    assert!(r.body.contains("href=\"/cities\">all cities</a>"));
}

#[tokio::test]
async fn city_cards_show_sectors_and_latest_key_figures_with_year_and_source() {
    let s = TestServer::start().await;
    let r = s.get("/cities").await;
    assert_eq!(card_names(&r.body).len(), 18, "every cluster of the dataset");
    let dalian = r
        .body
        .split("card-title\"><a href=\"/cities/dalian\"")
        .nth(1)
        .unwrap()
        .split("</li>\n  <li class=\"card\">")
        .next()
        .unwrap();
    assert!(dalian.contains("Business process outsourcing"));
    // Latest Tholons rank for Dalian is the 2015 edition's 14th place, with its source.
    let tholons = dalian.split("Tholons outsourcing rank").nth(1).unwrap();
    assert!(tholons.contains("<data value=\"14\">14th</data> <span class=\"year\">(2015)</span>"), "{tholons}");
    assert!(tholons.contains("href=\"/sources/"));
    // The figures the data lacks are named as missing, in one line.
    let london = r
        .body
        .split("card-title\"><a href=\"/cities/london\"")
        .nth(1)
        .unwrap()
        .split("<li class=\"card\">")
        .next()
        .unwrap();
    let missing = london.split("Not in the data:</span>").nth(1).unwrap().split("</p>").next().unwrap();
    assert!(missing.contains("Tholons outsourcing rank"), "{missing}");
}

#[tokio::test]
async fn an_unknown_sector_is_a_400_that_names_the_parameter_and_lists_the_allowed_values() {
    let s = TestServer::start().await;
    let r = s.get("/cities?sector=blockchain").await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("parameter <code>sector</code>"));
    for allowed in ["ito", "bpo", "embedded_software", "data_centres", "education_training"] {
        assert!(r.body.contains(&format!("<code>{allowed}</code>")), "{allowed}");
    }
    assert!(r.body.contains("<title>Error: Cities"));
    // The form comes back with the mistake next to the sectors.
    let field = r.body.split("id=\"field-sector\"").nth(1).unwrap().split("</fieldset>").next().unwrap();
    assert!(field.contains("&#34;blockchain&#34; is not a known value for sector"));
}

#[tokio::test]
async fn malformed_queries_are_400s_that_say_what_is_wrong() {
    let s = TestServer::start().await;
    for (path, param) in [
        ("/cities?sectr=bpo", "sectr"),
        ("/cities?country=China&country=India", "country"),
        ("/companies?page=abc", "page"),
        ("/companies?page=0", "page"),
        ("/companies?page=999", "page"),
        ("/companies?city=atlantis", "city"),
        ("/companies?sector=mining", "sector"),
        ("/companies?park=nowhere", "park"),
        ("/companies?sector=ito&sector=bpo", "sector"),
    ] {
        let r = s.get(path).await;
        assert_eq!(r.status, 400, "{path}");
        assert!(r.body.contains(&format!("parameter <code>{param}</code>")), "{path}: {}", r.body);
    }
}

#[tokio::test]
async fn unknown_things_are_404_pages() {
    let s = TestServer::start().await;
    for path in [
        "/cities/atlantis",
        "/parks/nowhere",
        "/sources/nothing",
        "/no/such/page",
        "/cities/Dalian",
        "/static/nope.css",
    ] {
        let r = s.get(path).await;
        assert_eq!(r.status, 404, "{path}");
        assert!(r.body.contains("<h1>Not found</h1>"), "{path}");
        assert!(r.header("content-type").starts_with("text/html"));
    }
}

#[tokio::test]
async fn the_city_profile_shows_every_part() {
    let s = TestServer::start().await;
    let r = s.get("/cities/dalian").await;
    assert_eq!(r.status, 200);
    let b = &r.body;
    assert!(b.contains("<title>Dalian · Clusterscope</title>"));
    assert!(b.contains("Port city at the tip of the Liaodong Peninsula"), "summary");
    assert!(b.contains("<data value=\"7450785\">7,450,785</data> <span class=\"year\">(2020)</span>"), "population");
    assert!(b.contains("Area counted: sub-provincial city"), "population scope");
    let table = b.split("<table class=\"data figures\">").nth(1).unwrap().split("</table>").next().unwrap();
    let row = |label: &str| table.split(&format!(">{label}</span>")).nth(1).unwrap().split("</tr>").next().unwrap();
    assert!(row("IT industry revenue (RMB)").contains("RMB 135 bn"), "the 2013 revenue");
    // Conflicting sources for 2010 revenue are all listed.
    for v in ["US$8 bn", "US$8.65 bn", "US$8.1 bn"] {
        assert!(row("IT industry revenue (USD)").contains(v), "{v}");
    }
    assert!(b.contains("38.9° N, 121.6° E"), "the centre as people write it");
    assert!(b.contains("id=\"chart-"), "the city's series are charted");
    assert!(b.contains("href=\"/parks/dalian-software-park\""), "parks");
    assert!(b.contains("Neusoft"), "companies");
    assert!(b.contains("Dalian has grown into one of China’s strongest IT outsourcing (ITO) hubs"), "sector evidence");
}

#[tokio::test]
async fn figures_of_a_wider_scope_are_labelled() {
    let s = TestServer::start().await;
    let r = s.get("/cities/metro-manila").await;
    let table = r.body.split("<table class=\"data figures\">").nth(1).unwrap();
    let row = table.split(">IT industry revenue, whole country (USD)</span>").nth(1).unwrap();
    assert!(row.split("</tr>").next().unwrap().contains("<span class=\"scope scope-national\">whole country</span>"));
    let r = s.get("/cities/bangalore").await;
    let table = r.body.split("<table class=\"data figures\">").nth(1).unwrap();
    let exports = table.split(">IT exports (USD)</span>").nth(1).unwrap().split("</tbody>").next().unwrap();
    assert!(exports.contains("<span class=\"scope scope-state\">whole state</span>"), "the state's row says so");
}

#[tokio::test]
async fn every_figure_on_every_page_links_to_its_source_and_quote() {
    let s = TestServer::start().await;
    let pages = [
        "/",
        "/cities",
        "/cities?sector=bpo",
        "/cities/dalian",
        "/cities/bangalore",
        "/cities/metro-manila",
        "/cities/silicon-valley",
        "/cities/london",
        "/cities/berlin",
        "/parks/dalian-software-park",
        "/parks/electronic-city",
        "/companies",
        "/companies?page=2",
        "/sources/intheblack-dalian",
    ];
    for path in pages {
        let r = s.get(path).await;
        assert_eq!(r.status, 200, "{path}");
        let figures: Vec<&str> = r.body.split("<data value=").skip(1).collect();
        for (i, after) in figures.iter().enumerate() {
            // A figure is followed by its citation before the next figure (or, on a source's own
            // page, stands in the row of that source's table).
            let own = after.split("</tr>").next().unwrap();
            let until_next = after.split("<data value=").next().unwrap();
            let cited = until_next.contains("<details class=\"cite\">") && until_next.contains("href=\"/sources/");
            let on_source_page = path.starts_with("/sources/") && own.contains("<blockquote>");
            assert!(cited || on_source_page, "{path}: figure {i} has no source:\n{}", &after[..after.len().min(300)]);
        }
        // Rows of park and company tables cite their sources too.
        for row in r.body.split("<tr id=\"company-").skip(1) {
            let row = row.split("</tr>").next().unwrap();
            assert!(row.contains("href=\"/sources/"), "{path}: company row without source");
        }
    }
}

#[tokio::test]
async fn the_companies_list_filters_and_pages() {
    let s = TestServer::start().await;
    let all = s.get("/companies").await;
    assert!(all.body.contains("<strong>145</strong> companies, showing 1 to 50"));
    let next = all.body.split("rel=\"next\" href=\"").nth(1).unwrap().split('"').next().unwrap().replace("&#38;", "&");
    assert!(next.starts_with("/companies?after=") && next.ends_with("&page=2"), "{next}");
    let by_cursor = s.get(&next).await;
    assert_eq!(by_cursor.body.matches("<tr id=\"company-").count(), 50, "the cursor page is page 2");
    let page2 = s.get("/companies?page=2").await;
    assert_eq!(page2.body.matches("<tr id=\"company-").count(), 50);
    let rows = |b: &str| {
        b.split("<tr id=\"company-").skip(1).map(|r| r.split('"').next().unwrap().to_string()).collect::<Vec<_>>()
    };
    assert_eq!(rows(&by_cursor.body), rows(&page2.body), "numbered and cursor pages agree");
    let page3 = s.get("/companies?page=3").await;
    assert_eq!(page3.body.matches("<tr id=\"company-").count(), 45, "145 = 50 + 50 + 45");
    assert!(page2.body.contains("rel=\"prev\" href=\"/companies\""));

    let park = s.get("/companies?park=dalian-software-park").await;
    assert!(park.body.contains("<strong>6</strong> companies."), "{}", park.body);
    assert!(park.body.contains("<option value=\"dalian-software-park\" selected>"));

    let bpo_manila = s.get("/companies?city=metro-manila&sector=bpo").await;
    assert!(bpo_manila.body.contains("<option value=\"metro-manila\" selected>"));
    assert!(bpo_manila.body.contains("<option value=\"bpo\" selected>"));
    assert!(bpo_manila.body.contains("Convergys"));
    assert!(!bpo_manila.body.contains("Infosys"));

    let none = s.get("/companies?city=berlin&sector=bpo").await;
    assert_eq!(none.status, 200);
    assert!(none.body.contains("No company matches these filters"));
}

/// The lines of a sources page: the group each is listed under (`group-dalian`, or the
/// publisher's heading) and the source's id.
fn source_lines(body: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for group in body.split("<tbody").skip(1) {
        let group = group.split("</tbody>").next().unwrap();
        let name = match group.strip_prefix(" id=\"") {
            Some(rest) => rest.split('"').next().unwrap().to_string(),
            None => group
                .split("scope=\"rowgroup\"")
                .nth(1)
                .unwrap()
                .split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_string(),
        };
        for line in group.split("<th scope=\"row\"><a href=\"/sources/").skip(1) {
            out.push((name.clone(), line.split('"').next().unwrap().to_string()));
        }
    }
    out
}

/// Every line of a list, following its `rel="next"` links from `path`.
async fn every_source_line(s: &TestServer, path: &str) -> (Vec<(String, String)>, Vec<String>) {
    let mut lines = Vec::new();
    let mut pages = Vec::new();
    let mut next = Some(path.to_string());
    while let Some(path) = next {
        let r = s.get(&path).await;
        assert_eq!(r.status, 200, "{path}");
        let page = source_lines(&r.body);
        assert!(!page.is_empty() && page.len() <= 50, "{path}: {} lines", page.len());
        lines.extend(page);
        next = r.body.split("rel=\"next\" href=\"").nth(1).map(|n| n.split('"').next().unwrap().replace("&#38;", "&"));
        pages.push(path);
        assert!(pages.len() < 100, "the pages end");
    }
    (lines, pages)
}

#[tokio::test]
async fn sources_list_every_source_and_what_cites_it() {
    let s = TestServer::start().await;
    let ids: std::collections::BTreeSet<String> = csv::Reader::from_path(common::data_dir().join("sources.csv"))
        .unwrap()
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert_eq!(ids.len(), 544);

    // By city (the default): every source is reachable, a source tied to several cities is
    // listed under each, and the count says how many lines that makes.
    let first = s.get("/sources").await;
    assert!(first.body.contains("<strong>544</strong> sources, in "), "{}", &first.body[..3000.min(first.body.len())]);
    assert!(first.body.contains("listed under each of them; showing 1 to 50."));
    let (lines, pages) = every_source_line(&s, "/sources").await;
    let reached: std::collections::BTreeSet<String> = lines.iter().map(|l| l.1.clone()).collect();
    assert_eq!(reached, ids, "every source on some page");
    let total: usize = first.body.split(", in ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    assert_eq!(lines.len(), total, "the count is the number of lines");
    assert!(lines.len() > ids.len(), "some sources are tied to several cities");
    assert_eq!(pages.len(), total.div_ceil(50));
    assert!(lines.contains(&("group-dalian".into(), "intheblack-dalian".into())), "the Dalian group lists it");
    let under = |id: &str| lines.iter().filter(|l| l.1 == id).count();
    assert!(ids.iter().any(|id| under(id) > 1));
    // Page 2 goes on where page 1 stopped.
    let page1 = source_lines(&first.body);
    let page2 = source_lines(&s.get("/sources?page=2").await.body);
    assert_eq!(page2.len(), 50);
    assert_ne!(page1, page2);
    assert_eq!([page1.clone(), page2.clone()].concat(), lines[..100].to_vec());
    assert!(s.get("/sources?page=2").await.body.contains("rel=\"prev\" href=\"/sources\""));

    // One city: only its group, with the sources of its figures, parks and companies.
    let dalian = s.get("/sources?city=dalian").await;
    let dalian_lines = source_lines(&dalian.body);
    assert!(dalian_lines.iter().all(|l| l.0 == "group-dalian"));
    assert!(dalian_lines.contains(&("group-dalian".into(), "intheblack-dalian".into())));
    assert_eq!(dalian_lines.len(), lines.iter().filter(|l| l.0 == "group-dalian").count());
    assert!(dalian.body.contains("<option value=\"dalian\" selected>"));

    // By publisher: each source once, under its publisher's heading.
    let (by_publisher, _) = every_source_line(&s, "/sources?group=publisher").await;
    assert_eq!(by_publisher.len(), 544, "each source once");
    let reached: std::collections::BTreeSet<String> = by_publisher.iter().map(|l| l.1.clone()).collect();
    assert_eq!(reached, ids);
    assert!(by_publisher.contains(&("INTHEBLACK (CPA Australia)".into(), "intheblack-dalian".into())));

    // A word of the publisher narrows the list to the sources that have it.
    let r = s.get("/sources?group=publisher&q=intheblack").await;
    let narrowed = source_lines(&r.body);
    assert!(!narrowed.is_empty() && narrowed.len() < 544);
    assert!(narrowed.iter().all(|l| l.0.to_lowercase().contains("intheblack")), "{narrowed:?}");
    assert!(r.body.contains("value=\"intheblack\""), "the form keeps the word");

    let r = s.get("/sources/intheblack-dalian").await;
    assert!(
        r.body.contains("<h1>Why China&#39;s north-east is home to a booming IT industry</h1>"),
        "{}",
        &r.body[..2000]
    );
    assert!(r.body.contains("https://www.intheblack.com/articles/2014/09/11/"));
    assert!(r.body.contains("this bustling seaport of six million inhabitants"));
    assert!(r.body.contains("Dalian Software Park (DLSP)"), "the park that cites it");
    assert!(r.body.contains("Accenture"), "the companies that cite it");
}

#[tokio::test]
async fn health_and_security_headers() {
    let s = TestServer::start().await;
    let r = s.get("/healthz").await;
    assert_eq!((r.status, r.body.as_str()), (200, "ok"));
    let r = s.get("/cities").await;
    let csp = r.header("content-security-policy");
    assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(r.header("x-content-type-options"), "nosniff");
    assert!(!r.body.contains("style="), "no inline styles, so the CSP holds");
    assert!(!r.body.contains("<script"), "pages work without JavaScript");
}

#[tokio::test]
async fn the_stylesheet_is_served_under_a_hashed_address() {
    let s = TestServer::start().await;
    let page = s.get("/").await;
    let href = page.body.split("<link rel=\"stylesheet\" href=\"").nth(1).unwrap().split('"').next().unwrap();
    assert!(href.starts_with("/static/css/app.") && href.ends_with(".css"), "{href}");
    let css = s.get(href).await;
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").starts_with("text/css"));
    assert!(css.body.contains("prefers-color-scheme: dark"));
}

#[tokio::test]
async fn text_from_the_data_is_escaped() {
    let (dir, pool) = common::loaded_db().await;
    let folder = common::dataset(&[(
        "cities.csv",
        "slug,name,country,summary,source_id\n\
         evil,<script>alert(1)</script>,Nowhere,\"<img src=x onerror=alert(2)>\",intheblack-dalian\n",
    )]);
    let report = common::import_folder(&pool, folder.path()).await;
    assert!(report.problems.is_empty());
    let s = TestServer::serve(dir, pool).await;
    for path in ["/cities", "/cities/evil", "/"] {
        let r = s.get(path).await;
        assert!(!r.body.contains("<script>alert(1)"), "{path}");
        assert!(!r.body.contains("<img src=x"), "{path}");
        assert!(r.body.contains("&#60;script&#62;alert(1)&#60;/script&#62;"), "{path}");
    }
}
