//! A user's story in a real headless Chromium: filter cities by a sector with the form, open a
//! city, and follow a figure's source.

mod common;

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
    c.find(Locator::Css("input[name=sector][value=bpo]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Css("form.filters button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#matches strong"))
        .await
        .unwrap();
    let url = c.current_url().await.unwrap();
    assert_eq!(url.query(), Some("sector=bpo&country="), "the state lives in the URL");

    let mut names = Vec::new();
    for card in c.find_all(Locator::Css(".card-title a")).await.unwrap() {
        names.push(card.text().await.unwrap());
    }
    assert_eq!(names, ["Bangalore (Bengaluru)", "Dalian", "Metro Manila"]);
    let ticked = c.find(Locator::Css("input[name=sector][value=bpo]")).await.unwrap();
    assert_eq!(
        ticked.prop("checked").await.unwrap().as_deref(),
        Some("true"),
        "the choice is kept"
    );

    // Open Dalian.
    c.find(Locator::LinkText("Dalian"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let h1 = c.wait().for_element(Locator::Css("h1")).await.unwrap();
    assert_eq!(h1.text().await.unwrap(), "Dalian");
    assert!(c.current_url().await.unwrap().path().ends_with("/cities/dalian"));

    // Open the evidence of the first figure in the revenue table and follow its source.
    let cite = c
        .find(Locator::XPath(
            "//h3[.='IT industry revenue (RMB)']/following::details[@class='cite'][1]",
        ))
        .await
        .unwrap();
    cite.find(Locator::Css("summary")).await.unwrap().click().await.unwrap();
    let quote = cite
        .find(Locator::Css("blockquote"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
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
