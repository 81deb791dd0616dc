//! Users' stories in a real headless Chromium, without help from JavaScript on our side: filter
//! cities and follow a source; narrow the dashboard, compare and export; set a scorecard's
//! weights; switch a comparison to Chinese and back.

use crate::common;

use std::time::Duration;

use common::TestServer;
use common::browser::Browser;
use fantoccini::Locator;

#[tokio::test]
async fn filter_cities_by_sector_open_one_and_follow_a_source() {
    let Some(browser) = Browser::start().await else { return };
    let server = TestServer::start().await;
    let c = &browser.client;

    c.goto(&server.url("/cities")).await.unwrap();
    assert_eq!(c.title().await.unwrap(), "Cities · Clusterscope");

    // Tick "Business process outsourcing" and submit the form: no JavaScript involved.
    c.find(Locator::Css("input[name=sector][value=bpo]")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("form.filters button[type=submit]")).await.unwrap().click().await.unwrap();
    c.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("#matches strong")).await.unwrap();
    let url = c.current_url().await.unwrap();
    assert_eq!(url.query(), Some("sector=bpo&country="), "the state lives in the URL");

    let mut names = Vec::new();
    for card in c.find_all(Locator::Css(".card-title a")).await.unwrap() {
        names.push(card.text().await.unwrap());
    }
    assert_eq!(
        names,
        ["Bangalore (Bengaluru)", "Chengdu", "Chennai", "Dalian", "Dublin", "Kraków", "Metro Manila", "Pune"]
    );
    let ticked = c.find(Locator::Css("input[name=sector][value=bpo]")).await.unwrap();
    assert_eq!(ticked.prop("checked").await.unwrap().as_deref(), Some("true"), "the choice is kept");

    // Open Dalian.
    c.find(Locator::LinkText("Dalian")).await.unwrap().click().await.unwrap();
    let h1 = c.wait().for_element(Locator::Css("h1")).await.unwrap();
    assert_eq!(h1.text().await.unwrap(), "Dalian");
    assert!(c.current_url().await.unwrap().path().ends_with("/cities/dalian"));

    // Open the evidence of the first figure in the revenue table and follow its source.
    let cite = c
        .find(Locator::XPath("//tr[th//span[.='IT industry revenue (RMB)']]//details[@class='cite'][1]"))
        .await
        .unwrap();
    cite.find(Locator::Css("summary")).await.unwrap().click().await.unwrap();
    let quote = cite.find(Locator::Css("blockquote")).await.unwrap().text().await.unwrap();
    assert!(!quote.is_empty(), "the quote is shown on demand");
    let link = cite.find(Locator::Css("a[href^='/sources/']")).await.unwrap();
    let title = link.text().await.unwrap();
    link.click().await.unwrap();
    let h1 = c.wait().for_element(Locator::Css("h1")).await.unwrap();
    assert_eq!(h1.text().await.unwrap(), title, "the source page is the cited source");
    assert!(c.current_url().await.unwrap().path().starts_with("/sources/"));
    let address = c.find(Locator::Css(".facts a.external")).await.unwrap();
    assert!(address.attr("href").await.unwrap().unwrap().starts_with("http"));

    browser.close().await;
}

async fn texts(c: &fantoccini::Client, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for e in c.find_all(Locator::Css(css)).await.unwrap() {
        out.push(e.text().await.unwrap());
    }
    out
}

#[tokio::test]
async fn narrow_the_dashboard_compare_change_a_city_and_open_the_export_offline() {
    let Some(browser) = Browser::start().await else { return };
    let server = TestServer::start().await;
    let c = &browser.client;

    // The dashboard: Dalian against Bangalore, Metro Manila and Silicon Valley.
    c.goto(&server.url("/")).await.unwrap();
    assert_eq!(texts(c, ".card-title a").await, ["Dalian", "Bangalore (Bengaluru)", "Metro Manila", "Silicon Valley"]);
    assert!(c.find_all(Locator::Css("svg[role=img]")).await.unwrap().len() >= 6);

    // Narrow by sector with the form (behind its summary): the four cities shown are ticked.
    c.find(Locator::Css(".filters-panel > summary")).await.unwrap().click().await.unwrap();
    let ticked = c.find_all(Locator::Css("input[name=city]:checked")).await.unwrap().len();
    assert_eq!(ticked, 4, "the form shows the cities the page shows as ticked");
    c.find(Locator::Css("input[name=sector][value=bpo]")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("form.filters button[type=submit]")).await.unwrap().click().await.unwrap();
    c.wait().for_element(Locator::Css(".warning")).await.unwrap();
    let url = c.current_url().await.unwrap();
    assert!(url.query().unwrap().contains("sector=bpo"), "the state lives in the URL: {url}");
    // The form lists the cities by region (East, South, Southeast Asia), so the three known for BPO
    // come in that order.
    assert_eq!(texts(c, ".card-title a").await, ["Dalian", "Bangalore (Bengaluru)", "Metro Manila"]);

    // Open the comparison of these cities.
    c.find(Locator::LinkText("Compare these cities in detail")).await.unwrap().click().await.unwrap();
    let h1 = c.wait().for_element(Locator::Css("h1")).await.unwrap();
    assert_eq!(h1.text().await.unwrap(), "Compare Dalian, Bangalore (Bengaluru) and Metro Manila");

    // Change a city: Berlin instead of Metro Manila.
    c.find(Locator::Css("input[name=city][value=metro-manila]")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("input[name=city][value=berlin]")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("form.filters button[type=submit]")).await.unwrap().click().await.unwrap();
    c.wait()
        .for_url(
            &url::Url::parse(
                &server.url("/compare?city=dalian&city=bangalore&city=berlin&currency=&per=&year=&scale=linear"),
            )
            .unwrap(),
        )
        .await
        .unwrap();
    let h1 = c.find(Locator::Css("h1")).await.unwrap().text().await.unwrap();
    assert_eq!(h1, "Compare Dalian, Bangalore (Bengaluru) and Berlin");
    let header = texts(c, ".compare-table thead th").await;
    assert!(header.iter().any(|h| h.contains("Berlin")) && !header.iter().any(|h| h.contains("Metro Manila")));

    // Download the export.
    c.find(Locator::LinkText("page to share (HTML)")).await.unwrap().click().await.unwrap();
    let file = browser.downloaded_file(Duration::from_secs(20)).await;
    assert_eq!(file.file_name().unwrap(), "clusterscope-dalian-bangalore-berlin.html");

    // Open it with the network off and the server gone: the charts are there.
    drop(server);
    browser.go_offline().await;
    c.goto(&format!("file://{}", file.display())).await.unwrap();
    let h1 = c.wait().for_element(Locator::Css("h1")).await.unwrap();
    assert_eq!(h1.text().await.unwrap(), "Dalian, Bangalore (Bengaluru) and Berlin compared");
    let charts = c.find_all(Locator::Css("svg[role=img]")).await.unwrap();
    assert!(charts.len() >= 3, "the charts are in the file");
    // Of each chart's two layouts, the one the page's width calls for is shown, at full size.
    let drawn = c
        .execute(
            "const shown = [...document.querySelectorAll('svg[role=img]')].filter(s => s.getClientRects().length > 0); \
             return shown.length >= 2 && shown.every(s => { const b = s.getBoundingClientRect(); \
             return b.width > 200 && b.height > 100; }) && document.querySelectorAll('svg rect, svg circle').length > 10",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(drawn, serde_json::json!(true), "the charts are drawn");
    let styled =
        c.execute("return getComputedStyle(document.querySelector('.chart')).borderTopStyle", vec![]).await.unwrap();
    assert_eq!(styled, serde_json::json!("solid"), "the inline styles apply");
    let fetched = c.execute("return performance.getEntriesByType('resource').length", vec![]).await.unwrap();
    assert_eq!(fetched, serde_json::json!(0), "the file loads nothing");

    browser.close().await;
}

#[tokio::test]
async fn change_two_weights_score_share_the_address_and_export() {
    let Some(browser) = Browser::start().await else { return };
    let server = TestServer::start().await;
    let c = &browser.client;

    c.goto(&server.url("/scorecard")).await.unwrap();
    assert_eq!(texts(c, "h1").await, ["Scorecard"]);
    let before = texts(c, ".scorecard-table tbody th a").await;
    assert!(before.len() >= 4, "{before:?}");

    // Open the form, weight the Tholons rank most and drop the graduates, and score.
    c.find(Locator::Css(".filters-panel > summary")).await.unwrap().click().await.unwrap();
    let tholons = c.find(Locator::Css("input[name='w.tholons_rank']")).await.unwrap();
    tholons.clear().await.unwrap();
    tholons.send_keys("10").await.unwrap();
    let graduates = c.find(Locator::Css("input[name='w.graduates_per_year']")).await.unwrap();
    graduates.clear().await.unwrap();
    c.find(Locator::Css("form.filters button[type=submit]")).await.unwrap().click().await.unwrap();
    c.wait().for_element(Locator::Css(".scorecard-table")).await.unwrap();
    let url = c.current_url().await.unwrap();
    let query = url.query().unwrap().to_string();
    assert!(query.contains("w.tholons_rank=10"), "the weights live in the address: {query}");
    let header = texts(c, ".scorecard-table thead th").await.join(" | ");
    assert!(header.contains("Tholons outsourcing rank (× 10)"), "{header}");
    assert!(!header.contains("Graduates"), "a weight left empty takes the metric off: {header}");
    let ranking = texts(c, ".scorecard-table tbody th a").await;

    // The shared address gives the same scorecard in a fresh page.
    let share = c.find(Locator::LinkText("link")).await.unwrap().attr("href").await.unwrap().unwrap();
    c.goto(&server.url(&share)).await.unwrap();
    assert_eq!(texts(c, ".scorecard-table tbody th a").await, ranking);

    // And it exports as one file.
    c.find(Locator::LinkText("page to share (HTML)")).await.unwrap().click().await.unwrap();
    let file = browser.downloaded_file(Duration::from_secs(20)).await;
    assert_eq!(file.file_name().unwrap(), "clusterscope-scorecard.html");
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains("Tholons outsourcing rank (× 10)"));
    browser.close().await;
}

/// A reader switches the comparison to Chinese, lands on the same comparison with the same
/// choices, changes it there and stays in Chinese, then switches back.
#[tokio::test]
async fn switch_a_comparison_to_chinese_change_it_there_and_switch_back() {
    let Some(browser) = Browser::start().await else { return };
    let server = TestServer::start().await;
    let c = &browser.client;
    let query = "city=dalian&city=pune&city=london&currency=usd&per=capita";

    c.goto(&server.url(&format!("/compare?{query}"))).await.unwrap();
    assert_eq!(c.find(Locator::Css("h1")).await.unwrap().text().await.unwrap(), "Compare Dalian, Pune and London");
    c.find(Locator::Css("a.lang-switch")).await.unwrap().click().await.unwrap();
    c.wait().for_url(&url::Url::parse(&server.url(&format!("/zh/compare?{query}"))).unwrap()).await.unwrap();
    let lang = c.execute("return document.documentElement.lang", vec![]).await.unwrap();
    assert_eq!(lang, serde_json::json!("zh-Hans"));
    assert_eq!(c.find(Locator::Css("h1")).await.unwrap().text().await.unwrap(), "比较大连、浦那和伦敦");
    let ticked = c
        .execute("return [...document.querySelectorAll('input[name=city]:checked')].map(i => i.value)", vec![])
        .await
        .unwrap();
    assert_eq!(ticked, serde_json::json!(["dalian", "pune", "london"]), "the same cities are ticked");
    for (name, value) in [("currency", "usd"), ("per", "capita")] {
        let select = c.find(Locator::Css(&format!("select[name={name}]"))).await.unwrap();
        assert_eq!(select.prop("value").await.unwrap().as_deref(), Some(value), "{name} is kept");
    }

    // Change the comparison with the Chinese form: Berlin instead of London, still in Chinese.
    c.find(Locator::Css("input[name=city][value=london]")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("input[name=city][value=berlin]")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("form.filters button[type=submit]")).await.unwrap().click().await.unwrap();
    c.wait().for_element(Locator::XPath("//h1[contains(., '柏林')]")).await.unwrap();
    let url = c.current_url().await.unwrap();
    assert_eq!(url.path(), "/zh/compare", "the form keeps the language");
    assert!(url.query().unwrap().contains("currency=usd"), "{url}");

    // And back to English: the changed comparison, in English.
    c.find(Locator::Css("a.lang-switch")).await.unwrap().click().await.unwrap();
    let h1 = c.wait().for_element(Locator::XPath("//h1[contains(., 'Berlin')]")).await.unwrap();
    assert_eq!(h1.text().await.unwrap(), "Compare Dalian, Pune and Berlin");
    assert_eq!(c.current_url().await.unwrap().path(), "/compare");

    browser.close().await;
}
