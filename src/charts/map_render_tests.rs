//! The map rendered through its template: links with names, nothing the CSP forbids, nothing
//! fetched from elsewhere, only finite numbers; and its size against the page budget.

use super::super::*;
use super::{CITIES, NARROW, WIDE, check, cities};
use askama::Template;
use std::io::Write;

/// The struct a page uses to render a map (see the module documentation of `map`).
#[derive(Template)]
#[template(path = "charts/map.svg")]
struct MapSvg<'a> {
    chart: &'a WorldMap,
    variant: &'static str,
}

#[derive(Template)]
#[template(path = "charts/map-land.svg")]
struct LandSvg<'a> {
    id: &'a str,
    land: &'a str,
}

fn gzip_len(text: &str) -> usize {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text.as_bytes()).unwrap();
    gz.finish().unwrap().len()
}

/// The values of every `name="…"` attribute in `svg`.
fn attributes<'a>(svg: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    svg.match_indices(&needle).map(|(i, _)| svg[i + needle.len()..].split('"').next().unwrap()).collect()
}

fn check_markup(svg: &str) {
    assert!(!svg.contains("style="), "no inline style");
    assert!(!svg.contains("<script"), "no script");
    assert!(!svg.contains("url("), "no url()");
    // The SVG namespace is a name, not a request; nothing else may point elsewhere.
    assert_eq!(svg.matches("http").count(), svg.matches("xmlns=\"http://www.w3.org/2000/svg\"").count());
    for word in ["NaN", "inf"] {
        assert!(!svg.contains(word), "{word} in the SVG");
    }
    for name in ["x", "y", "cx", "cy", "r", "x1", "y1", "x2", "y2", "font-size"] {
        for v in attributes(svg, name) {
            assert!(v.parse::<f64>().is_ok_and(f64::is_finite), "{name}={v:?}");
        }
    }
    for view in attributes(svg, "viewBox") {
        let view: Vec<f64> = view.split(' ').map(|v| v.parse().unwrap()).collect();
        assert!(view.len() == 4 && view.iter().all(|v| v.is_finite()) && view[2] > 0.0 && view[3] > 0.0);
    }
}

#[test]
fn the_eighteen_clusters_render_as_named_links() {
    for width in [WIDE, NARROW] {
        let map = world_map("clusters", "Tech clusters", &cities(&[], &["dalian", "tokyo"]), width).unwrap();
        check(&map).unwrap();
        let svg = MapSvg { chart: &map, variant: "wide-layout" }.render().unwrap();
        check_markup(&svg);
        assert!(svg.contains(r#"role="img" aria-labelledby="clusters-t" aria-describedby="clusters-d""#));
        assert!(svg.contains("<title id=\"clusters-t\">Tech clusters</title>"));
        for (slug, name, ..) in CITIES {
            let link = format!("<a href=\"/cities/{slug}\" class=\"map-city");
            let at = svg.find(&link).unwrap_or_else(|| panic!("no link to {slug}"));
            let title = format!("\" tabindex=\"-1\"><title>{name}</title>");
            assert!(svg[at + link.len()..].trim_start_matches(" hl").starts_with(&title), "{slug} is named");
        }
        assert_eq!(svg.matches("<a ").count(), 18);
        assert_eq!(svg.matches("class=\"map-ring\"").count(), 2, "two highlighted");
        let texts = svg.matches("<text ").count();
        match map.labelling {
            Labelling::All => assert_eq!(texts, 18),
            Labelling::HighlightedOnly => assert_eq!(texts, 2),
            Labelling::None => assert_eq!(texts, 0),
            Labelling::Some => assert!((2..18).contains(&texts), "the two highlighted and some others: {texts}"),
        }
        let gz = gzip_len(&svg);
        println!("{width} px: {:?}, {} bytes, {gz} gzipped", map.labelling, svg.len());
        assert!(gz < 30_000, "{gz} bytes gzipped");
    }
}

#[test]
fn a_shared_land_path_is_drawn_once_and_referred_to() {
    let mut map = world_map("m", "T", &cities(&["pune"], &[]), NARROW).unwrap();
    map.share_land("land-110m");
    let svg = MapSvg { chart: &map, variant: "wide-layout" }.render().unwrap();
    check_markup(&svg);
    assert!(svg.contains(r##"<use class="map-land" href="#land-110m"/>"##));
    assert!(!svg.contains(LAND_PATH) && svg.len() < 2_000, "{} bytes", svg.len());
    let defs = LandSvg { id: "land-110m", land: LAND_PATH }.render().unwrap();
    check_markup(&defs);
    assert!(defs.contains(&format!("<path id=\"land-110m\" d=\"{LAND_PATH}\"/>")));
    assert!(defs.contains(r#"class="map-defs" aria-hidden="true""#));
    // A page with both variants: the land once, then the wide and the narrow map.
    let [wide, narrow] = [WIDE, NARROW].map(|width| {
        let mut map = world_map("w", "T", &cities(&[], &["dalian"]), width).unwrap();
        map.share_land("land-110m");
        MapSvg { chart: &map, variant: "wide-layout" }.render().unwrap()
    });
    let both = format!("{defs}{wide}{narrow}");
    println!("land defs {} bytes; page pair {} bytes, {} gzipped", defs.len(), both.len(), gzip_len(&both));
    assert!(gzip_len(&both) < 30_000);
}
