//! Text measurement without a font engine, for laying out labels in server-side SVG.
//!
//! The page's font is the system UI sans-serif (Segoe UI, Roboto, Helvetica, Arial, …), which
//! the server cannot measure. Each character is instead given a width in em that is at or
//! above its width in those fonts, so an estimate is an upper bound: a label judged to fit
//! does fit, and labels judged not to overlap do not. The cost is some wasted room.

/// The ellipsis that marks cut text. Fonts draw it about 1em wide, wider than a letter.
const ELLIPSIS: char = '…';

/// The width of `c` in em (multiples of the font size), erring wide.
fn char_em(c: char) -> f64 {
    match c {
        ' ' => 0.3,
        'i' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.3,
        'm' | 'w' | 'M' | 'W' | '@' => 1.0,
        '0'..='9' => 0.6,
        'a'..='z' => 0.6,
        // The widest ordinary capitals (O, Q, G) are 0.78em in Arial.
        'A'..='Z' => 0.78,
        '%' => 0.9,
        '…' | '—' => 1.0,
        c if is_wide(c) => 1.0,
        _ => 0.65,
    }
}

/// East Asian wide and fullwidth characters (CJK, kana, Hangul, fullwidth forms, emoji),
/// which fonts draw a full em wide.
fn is_wide(c: char) -> bool {
    matches!(
        u32::from(c),
        0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x1F300..=0x1F64F
            | 0x1F900..=0x1F9FF
            | 0x20000..=0x2FFFD
            | 0x30000..=0x3FFFD
    )
}

/// A font size safe to multiply by: NaN, infinite or negative sizes measure as 0.
fn font_size(font_px: f64) -> f64 {
    if font_px.is_finite() && font_px > 0.0 { font_px } else { 0.0 }
}

/// The sum of the character widths in em. Every width in this module goes through this one
/// left-to-right sum, so a prefix measured while cutting text measures the same afterwards.
fn em_width(chars: impl Iterator<Item = char>) -> f64 {
    chars.fold(0.0, |sum, c| sum + char_em(c))
}

/// An upper-bound estimate of the width in pixels of `text` set at `font_px` pixels.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    em_width(text.chars()) * font_size(font_px)
}

/// `text` if it fits in `max_px`, else its longest prefix that fits followed by `…` (with the
/// spaces before the `…` trimmed). Empty when not even `…` fits.
pub fn truncate_to_width(text: &str, max_px: f64, font_px: f64) -> String {
    if text_width(text, font_px) <= max_px { text.to_string() } else { with_ellipsis(text, max_px, font_px) }
}

/// The longest prefix of `text` that fits in `max_px` with `…` after it, always with the `…`
/// (so `text` itself if text + `…` fits). Empty when not even `…` fits.
fn with_ellipsis(text: &str, max_px: f64, font_px: f64) -> String {
    let font = font_size(font_px);
    let ellipsis = char_em(ELLIPSIS);
    if ellipsis * font > max_px || max_px.is_nan() {
        return String::new();
    }
    let mut sum = 0.0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        sum += char_em(c);
        if (sum + ellipsis) * font > max_px {
            break;
        }
        end = i + c.len_utf8();
    }
    // Trimming only shortens the prefix, and a shorter prefix measures no wider.
    let mut out = text[..end].trim_end().to_string();
    out.push(ELLIPSIS);
    out
}

/// `line` (which fits) marked as cut with a `…`, dropping whole words from its end until the
/// `…` fits, and cutting into the first word only when it alone leaves no room.
fn ellipsize_line(line: &str, max_px: f64, font_px: f64) -> String {
    let mut kept = line;
    loop {
        let marked = format!("{kept}{ELLIPSIS}");
        if text_width(&marked, font_px) <= max_px {
            return marked;
        }
        match kept.rsplit_once(' ') {
            Some((head, _)) => kept = head,
            None => return with_ellipsis(kept, max_px, font_px),
        }
    }
}

/// Punctuation that may not start a line (it closes or follows what is before it).
fn closes(c: char) -> bool {
    matches!(
        c,
        '）' | '、'
            | '，'
            | '。'
            | '：'
            | '；'
            | '！'
            | '？'
            | '》'
            | '」'
            | '』'
            | '】'
            | ')'
            | ','
            | '.'
            | ':'
            | ';'
    )
}

/// Punctuation that may not end a line (it opens what comes after it).
fn opens(c: char) -> bool {
    matches!(c, '（' | '《' | '「' | '『' | '【' | '(')
}

/// Where a line may break: between whitespace-separated words (joined again by a space), and
/// inside a word next to a wide character (Chinese text has no spaces; the pieces join with
/// none), except before closing and after opening punctuation. Each piece with whether a
/// space goes before it on the line it joins.
fn pieces(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let mut start = 0;
        let mut previous: Option<char> = None;
        for (i, c) in word.char_indices() {
            if let Some(p) = previous
                && (is_wide(c) || is_wide(p))
                && !closes(c)
                && !opens(p)
            {
                out.push((&word[start..i], start == 0));
                start = i;
            }
            previous = Some(c);
        }
        out.push((&word[start..], start == 0));
    }
    out
}

/// Greedy word wrap into at most `max_lines` lines, each fitting `max_px`.
///
/// Words are separated by whitespace (runs of it collapse to one space); Chinese text breaks
/// between characters. A word too long for a line of its own is cut with `…`. When text is left
/// over after the last line, that line ends with `…`. Empty text, or no room at all, gives no
/// lines.
pub fn wrap_to_width(text: &str, max_px: f64, font_px: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (word, spaced) in pieces(text) {
        if !line.is_empty() {
            let candidate = if spaced { format!("{line} {word}") } else { format!("{line}{word}") };
            if text_width(&candidate, font_px) <= max_px {
                line = candidate;
                continue;
            }
            lines.push(std::mem::take(&mut line));
        }
        if lines.len() == max_lines {
            // `word` does not fit in the lines allowed: mark the last line as cut.
            if let Some(last) = lines.last_mut().filter(|l| !l.ends_with(ELLIPSIS)) {
                *last = ellipsize_line(last, max_px, font_px);
            }
            lines.retain(|l| !l.is_empty());
            return lines;
        }
        let fits = text_width(word, font_px) <= max_px;
        line = if fits { word.to_string() } else { with_ellipsis(word, max_px, font_px) };
        if line.is_empty() {
            // Not even `…` fits: nothing can be shown.
            return Vec::new();
        }
        if !fits {
            // A cut word fills its line; the next word starts a new one.
            lines.push(std::mem::take(&mut line));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn widths_add_up_per_character() {
        assert_eq!(text_width("", 12.0), 0.0);
        assert!((text_width("10", 10.0) - 12.0).abs() < 1e-9);
        assert!((text_width("il", 10.0) - 6.0).abs() < 1e-9);
        assert!(text_width("MW", 10.0) > text_width("ab", 10.0));
        assert!(text_width("AB", 10.0) > text_width("ab", 10.0));
        assert_eq!(text_width("深圳", 10.0), 20.0);
        assert_eq!(text_width("한국", 10.0), 20.0);
        assert_eq!(text_width("x", f64::NAN), 0.0);
        assert_eq!(text_width("x", -3.0), 0.0);
    }

    #[test]
    fn estimates_are_at_least_arial_widths() {
        // Advance widths in em of Arial, a common fallback in the page's font stack.
        for (text, arial) in [("Bangalore", 4.611), ("US$21.7 bn", 5.005), ("WWW", 2.832), ("2024", 2.224)] {
            assert!(text_width(text, 1.0) >= arial, "{text}: {} < {arial}", text_width(text, 1.0));
        }
    }

    #[test]
    fn truncation_keeps_what_fits() {
        assert_eq!(truncate_to_width("Shenzhen", 200.0, 10.0), "Shenzhen");
        let cut = truncate_to_width("Shenzhen Hi-Tech Park", 60.0, 10.0);
        assert!(cut.ends_with('…') && cut.len() > "…".len(), "{cut}");
        assert!(text_width(&cut, 10.0) <= 60.0);
        assert_eq!(truncate_to_width("ab cdef", 28.0, 10.0), "ab…");
        assert_eq!(truncate_to_width("Shenzhen", 10.0, 10.0), "…");
        assert_eq!(truncate_to_width("Shenzhen", 5.0, 10.0), "");
        assert_eq!(truncate_to_width("深圳市南山区", 30.0, 10.0), "深圳…");
        assert_eq!(truncate_to_width("Shenzhen", f64::NAN, 10.0), "");
    }

    #[test]
    fn wrapping_breaks_between_words() {
        let lines = wrap_to_width("Zhongguancun Science Park in Beijing", 100.0, 10.0, 3);
        assert_eq!(lines, ["Zhongguancun", "Science Park in", "Beijing"]);
        assert_eq!(wrap_to_width("  one   two ", 200.0, 10.0, 2), ["one two"]);
        assert!(wrap_to_width("", 100.0, 10.0, 2).is_empty());
        assert!(wrap_to_width("text", 100.0, 10.0, 0).is_empty());
    }

    #[test]
    fn chinese_text_breaks_between_characters_but_not_before_closing_punctuation() {
        let lines = wrap_to_width("IT 产业收入（人民币）", 60.0, 10.0, 3);
        assert_eq!(lines, ["IT 产业收入", "（人民币）"]);
        assert_eq!(wrap_to_width("产业收入（人民币）", 45.0, 10.0, 3), ["产业收入", "（人民", "币）"]);
        assert_eq!(wrap_to_width("大连软件园", 200.0, 10.0, 2), ["大连软件园"]);
        assert_eq!(wrap_to_width("大连软件园", 30.0, 10.0, 2), ["大连软", "件园"]);
        assert_eq!(wrap_to_width("大连软件园区", 30.0, 10.0, 1), ["大连…"]);
    }

    #[test]
    fn leftover_text_ends_the_last_line_with_an_ellipsis() {
        let lines = wrap_to_width("Zhongguancun Science Park in Beijing", 100.0, 10.0, 2);
        assert_eq!(lines, ["Zhongguancun", "Science Park in…"]);
        // Whole words go before the cut is made inside one.
        assert_eq!(wrap_to_width("one two three four", 50.0, 10.0, 1), ["one…"]);
        assert_eq!(wrap_to_width("Shenzhen Nanshan", 55.0, 10.0, 1), ["Shenzhe…"]);
    }

    #[test]
    fn long_words_are_cut() {
        let lines = wrap_to_width("Kaliningradskaya oblast", 60.0, 10.0, 3);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].ends_with('…'), "{lines:?}");
        assert_eq!(lines[1], "oblast");
        // A cut word at the limit already ends with an ellipsis; it gets no second one.
        let lines = wrap_to_width("Kaliningradskaya oblast", 60.0, 10.0, 1);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].matches('…').count(), 1);
    }

    /// Text mixing narrow, wide, CJK and other characters, with runs of spaces.
    fn label() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9 il.,!mwMW@深圳한é…%-]{0,40}"
    }

    proptest! {
        #[test]
        fn truncated_text_fits(text in label(), max_px in 0.0..300.0f64, font_px in 1.0..30.0f64) {
            let out = truncate_to_width(&text, max_px, font_px);
            prop_assert!(text_width(&out, font_px) <= max_px, "{out:?} too wide for {max_px}");
            if text_width(&text, font_px) <= max_px {
                prop_assert_eq!(&out, &text);
            } else if !out.is_empty() {
                prop_assert!(out.ends_with('…'));
                let kept = out.trim_end_matches('…');
                prop_assert!(text.starts_with(kept));
            }
        }

        #[test]
        fn wrapped_lines_fit(
            text in label(),
            max_px in 0.0..300.0f64,
            font_px in 1.0..30.0f64,
            max_lines in 0usize..5,
        ) {
            let lines = wrap_to_width(&text, max_px, font_px, max_lines);
            prop_assert!(lines.len() <= max_lines);
            for line in &lines {
                prop_assert!(!line.is_empty());
                prop_assert!(text_width(line, font_px) <= max_px, "{line:?} too wide for {max_px}");
            }
        }

        #[test]
        fn wrapping_loses_nothing_when_there_is_room(words in prop::collection::vec("[a-z]{1,8}", 0..10)) {
            let text = words.join(" ");
            let lines = wrap_to_width(&text, 100.0, 10.0, 20);
            prop_assert_eq!(lines.join(" "), text);
        }
    }
}
