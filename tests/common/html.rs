//! The shared HTML checking toolkit: what a browser would see in a page the app wrote.
//!
//! - [`escaped`]: text as askama writes it into HTML (and SVG), to look for a value on a page.
//! - [`tags`]: a small tokenizer listing every element and attribute, with [`decode_entities`] for
//!   attribute values; [`template_elements`] are the elements the site's own templates write.
//! - [`inert`] / [`assert_inert`]: the page runs nothing it did not mean to (no foreign elements,
//!   event handlers, inline styles or script links) and its paired elements pair.
//! - [`svgs`], [`element_texts`], [`assert_svg_geometry_is_finite`]: the inline charts, the text
//!   of their `<title>` and `<desc>`, and coordinates that are finite numbers.
//!
//! Use it from a test file with `mod common;` and `use common::html::...`.

/// Text as askama writes it into HTML (and SVG).
pub fn escaped(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '<' => out.push_str("&#60;"),
            '>' => out.push_str("&#62;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&#38;"),
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// A small HTML tokenizer: enough to list every element and attribute the browser would see.

/// One start or end tag: its lower-case name and its attributes (lower-case names, raw values).
#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub closing: bool,
    pub attrs: Vec<(String, String)>,
}

fn find_byte(b: &[u8], from: usize, needle: u8) -> Option<usize> {
    b.get(from..)?.iter().position(|&x| x == needle).map(|p| from + p)
}

pub fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(lt) = find_byte(b, i, b'<') {
        i = lt + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        if matches!(b.get(i), Some(b'!' | b'?')) {
            i = find_byte(b, i, b'>').map_or(b.len(), |e| e + 1);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        if !b.get(start).is_some_and(u8::is_ascii_alphabetic) {
            continue; // a `<` in text
        }
        let mut j = start;
        while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'/' | b'>') {
            j += 1;
        }
        let name = lower[start..j].to_string();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() {
                break;
            }
            if b[j] == b'>' {
                j += 1;
                break;
            }
            let a0 = j;
            j += 1; // an attribute name may start with any character, even `=`
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'/' | b'>' | b'=') {
                j += 1;
            }
            let attr = lower[a0..j].to_string();
            let mut k = j;
            while k < b.len() && b[k].is_ascii_whitespace() {
                k += 1;
            }
            let mut value = String::new();
            if b.get(k) == Some(&b'=') {
                k += 1;
                while k < b.len() && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                if let Some(&q @ (b'"' | b'\'')) = b.get(k) {
                    let end = find_byte(b, k + 1, q).unwrap_or(b.len());
                    value = html[k + 1..end].to_string();
                    j = (end + 1).min(b.len());
                } else {
                    let v0 = k;
                    while k < b.len() && !b[k].is_ascii_whitespace() && b[k] != b'>' {
                        k += 1;
                    }
                    value = html[v0..k].to_string();
                    j = k;
                }
            }
            attrs.push((attr, value));
        }
        i = j;
        if !closing && (name == "style" || name == "script") {
            // Raw text up to the end tag.
            i = lower[i..].find(&format!("</{name}")).map_or(b.len(), |e| i + e);
        }
        out.push(Tag { name, closing, attrs });
    }
    out
}

/// Decodes the character references an attribute value may use to hide a scheme.
pub fn decode_entities(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e < 12);
        let decoded = end.and_then(|e| {
            let entity = &rest[1..e];
            let c = if let Some(hex) = entity.strip_prefix("#x").or_else(|| entity.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = entity.strip_prefix('#') {
                dec.parse().ok().and_then(char::from_u32)
            } else {
                match entity {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "colon" => Some(':'),
                    "tab" => Some('\t'),
                    "newline" => Some('\n'),
                    _ => None,
                }
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every element the site's own templates write (HTML and inline SVG), read from `templates/`.
/// Anything else on a page came from the data.
pub fn template_elements() -> &'static [String] {
    static ELEMENTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    ELEMENTS.get_or_init(|| {
        let mut names = Vec::new();
        let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    names.extend(tags(&std::fs::read_to_string(path).unwrap()).into_iter().map(|t| t.name));
                }
            }
        }
        names.sort();
        names.dedup();
        assert!(names.len() > 30 && names.iter().any(|n| n == "svg"), "{names:?}");
        names
    })
}

/// Elements that always have an end tag in the site's markup: a payload that closes one early
/// (`</title>`, `</style>`) or opens one unbalances the count.
const PAIRED: &str = "title desc svg style script blockquote details summary a table textarea";

/// The page is inert: only the site's own elements, no event handlers or inline styles, no
/// script-bearing links, `style_elements` style elements, and the elements that must pair do.
pub fn inert(what: &str, html: &str, style_elements: usize) -> Result<(), String> {
    let lower = html.to_ascii_lowercase();
    for raw in
        ["<script", "<img", "<svg onload", "<svg/onload", "<b>", "</title><script", "<iframe", "<object", "<embed"]
    {
        if lower.contains(raw) {
            return Err(format!("{what}: raw {raw:?} in the markup"));
        }
    }
    let all = tags(html);
    if all.is_empty() {
        return Err(format!("{what}: no markup at all"));
    }
    for t in &all {
        if !template_elements().contains(&t.name) {
            return Err(format!("{what}: element <{}> is not one the site writes: {t:?}", t.name));
        }
        for (name, value) in &t.attrs {
            if name.starts_with("on") || matches!(name.as_str(), "style" | "srcdoc" | "formaction") {
                return Err(format!("{what}: attribute {name}={value:?} on <{}>", t.name));
            }
            if matches!(name.as_str(), "href" | "src" | "action" | "xlink:href" | "poster" | "cite") {
                let url: String = decode_entities(value)
                    .chars()
                    .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if ["javascript:", "vbscript:", "data:"].iter().any(|s| url.starts_with(s)) {
                    return Err(format!("{what}: {name}={value:?} on <{}>", t.name));
                }
            }
        }
    }
    let count = |name: &str, closing: bool| all.iter().filter(|t| t.name == name && t.closing == closing).count();
    if count("style", false) != style_elements {
        return Err(format!("{what}: {} style elements, expected {style_elements}", count("style", false)));
    }
    for name in PAIRED.split_whitespace() {
        if count(name, false) != count(name, true) {
            return Err(format!("{what}: <{name}> and </{name}> do not pair"));
        }
    }
    Ok(())
}

pub fn assert_inert(what: &str, html: &str, style_elements: usize) {
    if let Err(e) = inert(what, html, style_elements) {
        panic!("{e}");
    }
}

/// The inline SVGs of a page, each from `<svg` to its own `</svg>` (a map nests one SVG in
/// another: the inner one is listed too, and the outer one ends at its own end tag).
pub fn svgs(html: &str) -> Vec<&str> {
    html.match_indices("<svg ")
        .map(|(start, _)| {
            let mut depth = 0usize;
            let mut at = start;
            loop {
                let open = html[at + 1..].find("<svg ").map(|i| at + 1 + i);
                let Some(close) = html[at + 1..].find("</svg>").map(|i| at + 1 + i) else {
                    return &html[start..];
                };
                match open {
                    Some(o) if o < close => {
                        depth += 1;
                        at = o;
                    }
                    _ if depth == 0 => return &html[start..close + 6],
                    _ => {
                        depth -= 1;
                        at = close;
                    }
                }
            }
        })
        .collect()
}

/// The text of every `<name>` element in `markup`.
pub fn element_texts<'a>(markup: &'a str, name: &str) -> Vec<&'a str> {
    markup
        .split(&format!("<{name}"))
        .skip(1)
        .filter_map(|s| s.split_once('>'))
        .map(|(_, rest)| rest.split(&format!("</{name}>")).next().unwrap_or(""))
        .collect()
}

/// Every coordinate of every chart is a finite number and every size is not negative.
pub fn assert_svg_geometry_is_finite(what: &str, html: &str) {
    for svg in svgs(html) {
        for t in tags(svg) {
            for (name, value) in &t.attrs {
                if matches!(
                    name.as_str(),
                    "x" | "y" | "x1" | "x2" | "y1" | "y2" | "cx" | "cy" | "r" | "width" | "height"
                ) {
                    // A nested <svg> fills its parent's viewport: width="100%".
                    let number = if matches!(name.as_str(), "width" | "height") {
                        value.strip_suffix('%').unwrap_or(value)
                    } else {
                        value
                    };
                    let v: f64 = number
                        .parse()
                        .unwrap_or_else(|_| panic!("{what}: <{} {name}={value:?}> is not a number", t.name));
                    assert!(v.is_finite(), "{what}: <{} {name}={value:?}>", t.name);
                    if matches!(name.as_str(), "r" | "width" | "height") {
                        assert!(v >= 0.0, "{what}: <{} {name}={value:?}> is negative", t.name);
                    }
                }
                if matches!(name.as_str(), "d" | "viewbox" | "points") {
                    let v = value.to_ascii_lowercase();
                    assert!(!v.contains("nan") && !v.contains("inf"), "{what}: <{} {name}={value:?}>", t.name);
                }
            }
        }
    }
}
