//! Pages laid out in a real headless Chromium at a phone's width (390 px) and a desktop's
//! (1,280 px): no sideways scrolling, no chart wider than its box, no chart text under 11 CSS px.

use crate::common;

use common::TestServer;
use common::browser::Browser;

/// What the page measures of itself: whether it scrolls sideways, and every visible chart's
/// width against its box and its smallest text as drawn.
const MEASURE: &str = r#"
const doc = document.scrollingElement;
const problems = [];
let charts = 0;
for (const svg of document.querySelectorAll('svg.chart-svg')) {
  if (svg.getClientRects().length === 0) continue; // the layout the stylesheet hides
  charts += 1;
  const r = svg.getBoundingClientRect();
  const box = (svg.closest('.chart') || svg.parentElement).getBoundingClientRect();
  const name = svg.querySelector('title') ? svg.querySelector('title').textContent : svg.className.baseVal;
  if (r.left < box.left - 1 || r.right > box.right + 1) {
    problems.push(`${name}: ${Math.round(r.width)} px wide in a ${Math.round(box.width)} px box`);
  }
  const scale = r.width / svg.viewBox.baseVal.width;
  for (const t of svg.querySelectorAll('text')) {
    if (t.getClientRects().length === 0 || t.textContent.trim() === '') continue;
    const px = parseFloat(getComputedStyle(t).fontSize) * scale;
    if (px < 11) { problems.push(`${name}: "${t.textContent.trim()}" at ${px.toFixed(1)} px`); break; }
  }
}
// What sticks out on the right, innermost first, to say what makes the page scroll.
const wide = [...document.body.querySelectorAll('*')]
  .filter(e => e.getBoundingClientRect().right > doc.clientWidth + 1)
  .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > doc.clientWidth + 1))
  .filter(e => !e.closest('.table-scroll'))
  .slice(0, 5)
  .map(e => `${e.tagName.toLowerCase()}.${String(e.className).replace(/ /g, '.')} (${Math.round(e.getBoundingClientRect().right)} px)`);
return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, charts, problems, wide };
"#;

#[tokio::test]
async fn pages_fit_a_phone_and_a_desktop_with_legible_charts() {
    let Some(browser) = Browser::start().await else { return };
    let server = TestServer::start().await;
    let c = &browser.client;
    // Each page, and whether it must show at least one chart.
    let pages = [
        ("/", true),
        ("/compare?city=dalian&city=bangalore&city=metro-manila&city=silicon-valley", true),
        ("/cities/dalian", true),
        ("/cities?sector=bpo", false),
        ("/companies", false),
        ("/parks/dalian-software-park", false),
        ("/scorecard", true),
        ("/coverage", false),
        ("/sources", false),
        ("/sources?group=publisher", false),
    ];
    let mut failures = Vec::new();
    for width in [390u32, 1280] {
        c.set_window_size(width, 900).await.unwrap();
        for (path, has_charts) in pages {
            c.goto(&server.url(path)).await.unwrap();
            let measured = c.execute(MEASURE, Vec::new()).await.unwrap();
            let scroll = measured["scrollWidth"].as_f64().unwrap();
            let client = measured["clientWidth"].as_f64().unwrap();
            if scroll > client + 1.0 {
                failures.push(format!(
                    "{path} at {width} px scrolls sideways: {scroll} px of content in {client} px; sticking out: {}",
                    measured["wide"]
                ));
            }
            if has_charts && measured["charts"].as_u64() == Some(0) {
                failures.push(format!("{path} at {width} px shows no chart"));
            }
            // The coverage matrix scrolls in its own box on a phone, but fits a desktop.
            if path == "/coverage" && width == 1280 {
                let fits = "const b = document.querySelector('.coverage-table').parentElement; \
                            return b.scrollWidth <= b.clientWidth + 1;";
                if c.execute(fits, Vec::new()).await.unwrap() != serde_json::json!(true) {
                    failures.push(format!("{path} at {width} px: the matrix does not fit"));
                }
            }
            for p in measured["problems"].as_array().unwrap() {
                failures.push(format!("{path} at {width} px: {}", p.as_str().unwrap()));
            }
        }
    }
    browser.close().await;
    assert!(failures.is_empty(), "layout problems:\n{}", failures.join("\n"));
}
