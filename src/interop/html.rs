//! HTML as Anki fields hold it, to and from deckhand's plain text: `<br>` and block ends become
//! newlines, entities are decoded, other tags removed; `<pre>` keeps its spacing. Media
//! references (`<img src>`, `[sound:…]`) are collected so the caller can warn about them.

/// Plain text of an HTML field, and the media files it referred to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Converted {
    pub text: String,
    pub media: Vec<String>,
}

/// `text` as HTML: `&`, `<`, `>`, `"` escaped and newlines as `<br>`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// `text` for a `<pre>` block: escaped, newlines kept.
pub fn escape_pre(text: &str) -> String {
    escape(text).replace("<br>", "\n")
}

/// Does `field` look like HTML (a tag or an entity)?
pub fn looks_like_html(field: &str) -> bool {
    let bytes = field.as_bytes();
    bytes.windows(2).any(|w| {
        w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/')
            || w[0] == b'&' && (w[1].is_ascii_alphabetic() || w[1] == b'#')
    }) && (field.contains('>') || field.contains(';'))
}

/// The plain text of an HTML field.
pub fn to_text(html: &str) -> Converted {
    let mut out = String::with_capacity(html.len());
    let mut media = Vec::new();
    let mut pre = 0usize;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => {
                let Some(end) = rest.find('>') else {
                    // A lone `<` is text.
                    out.push('<');
                    rest = &rest[1..];
                    continue;
                };
                let tag = &rest[1..end];
                rest = &rest[end + 1..];
                let closing = tag.starts_with('/');
                let name: String = tag
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                match (name.as_str(), closing) {
                    ("br", _) => out.push('\n'),
                    ("pre", false) => {
                        pre += 1;
                        newline(&mut out);
                    }
                    ("pre", true) => {
                        pre = pre.saturating_sub(1);
                        newline(&mut out);
                    }
                    ("div" | "p" | "li" | "tr" | "h1" | "h2" | "h3" | "h4" | "ul" | "ol", _) => {
                        newline(&mut out)
                    }
                    ("img", false) => {
                        if let Some(src) = attribute(tag, "src") {
                            media.push(src);
                        }
                    }
                    _ => {}
                }
            }
            '&' => {
                let (decoded, len) = entity(rest);
                out.push_str(&decoded);
                rest = &rest[len..];
            }
            '\n' | '\r' if pre == 0 => {
                // Raw newlines in HTML are spaces, like a browser shows them.
                if !out.ends_with([' ', '\n']) {
                    out.push(' ');
                }
                rest = &rest[1..];
            }
            c => {
                out.push(if c == '\u{a0}' { ' ' } else { c });
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    let text = sound_refs(&out, &mut media);
    Converted {
        text: tidy(&text),
        media,
    }
}

/// `text` with its entities decoded and nothing else changed (for `<pre>` contents).
pub fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let (decoded, len) = entity(&rest[i..]);
        out.push_str(&decoded);
        rest = &rest[i + len..];
    }
    out.push_str(rest);
    out
}

/// The value of `name="…"` (or `'…'`, or bare) in a tag's text, entities decoded.
pub fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let after = lower[from..].trim_start();
        if !before_ok || !after.starts_with('=') {
            continue;
        }
        let value_start = tag.len() - after.len() + 1;
        let value = tag[value_start..].trim_start();
        let raw = match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or(""),
        };
        return Some(to_text(raw).text);
    }
    None
}

fn newline(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Decode the entity at the start of `s` (which starts with `&`): the text and the bytes used.
fn entity(s: &str) -> (String, usize) {
    let end = s[1..]
        .char_indices()
        .take(12)
        .find(|&(_, c)| c == ';' || c == '&' || c.is_whitespace())
        .map(|(i, c)| (i + 1, c));
    let Some((semi, ';')) = end else {
        return ("&".into(), 1);
    };
    let name = &s[1..semi];
    let decoded = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse().ok(),
        };
        code.and_then(char::from_u32).map(String::from)
    } else {
        named_entity(name).map(String::from)
    };
    match decoded {
        Some(text) => (text, semi + 1),
        None => ("&".into(), 1),
    }
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "laquo" => "«",
        "raquo" => "»",
        "middot" => "·",
        "bull" => "•",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "times" => "×",
        "divide" => "÷",
        "plusmn" => "±",
        "larr" => "←",
        "rarr" => "→",
        "uarr" => "↑",
        "darr" => "↓",
        "harr" => "↔",
        "le" => "≤",
        "ge" => "≥",
        "ne" => "≠",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "sect" => "§",
        "para" => "¶",
        "eacute" => "é",
        "egrave" => "è",
        "aacute" => "á",
        "agrave" => "à",
        "ouml" => "ö",
        "uuml" => "ü",
        "auml" => "ä",
        "szlig" => "ß",
        "ccedil" => "ç",
        "ntilde" => "ñ",
        _ => return None,
    })
}

/// Take `[sound:file]` references out of the text into `media`.
fn sound_refs(text: &str, media: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("[sound:") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 7..];
        match after.find(']') {
            Some(end) => {
                media.push(after[..end].to_string());
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Trailing spaces off every line, no leading or trailing blank lines, at most one blank line
/// in a row.
fn tidy(text: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        let line = line.trim_end();
        if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_entities_and_tags() {
        let c =
            to_text("Fargate<br>runs <b>tasks</b> &amp; pods&nbsp;&#8212;&#x2192;<div>next</div>");
        assert_eq!(c.text, "Fargate\nruns tasks & pods —→\nnext");
    }

    #[test]
    fn media_is_collected_and_removed() {
        let c = to_text(r#"Look <img src="diagram one.png"> here [sound:say.mp3] now"#);
        assert_eq!(c.text, "Look  here  now");
        assert_eq!(c.media, vec!["diagram one.png", "say.mp3"]);
    }

    #[test]
    fn pre_keeps_spacing_and_odd_input_survives() {
        let c = to_text("<pre>  a  b\n   c</pre>after");
        assert_eq!(c.text, "  a  b\n   c\nafter");
        assert_eq!(to_text("1 < 2 && x &bogus; &").text, "1 < 2 && x &bogus; &");
        assert_eq!(to_text("<").text, "<");
        assert_eq!(to_text("a &#xFFFFFFFF; b").text, "a &#xFFFFFFFF; b");
    }

    #[test]
    fn escape_round_trips() {
        let text = "a < b & \"c\"\nnext line";
        assert_eq!(to_text(&escape(text)).text, text);
        assert!(looks_like_html("a<br>b"));
        assert!(looks_like_html("fish &amp; chips"));
        assert!(!looks_like_html("1 < 2 & 3 > 2"));
    }

    #[test]
    fn attributes() {
        assert_eq!(
            attribute(
                r#"pre class="x" data-id="alb" title='A &amp; B'"#,
                "data-id"
            ),
            Some("alb".into())
        );
        assert_eq!(
            attribute(r#"pre data-id="alb" title='A &amp; B'"#, "title"),
            Some("A & B".into())
        );
        assert_eq!(attribute("img src=a.png", "src"), Some("a.png".into()));
        assert_eq!(attribute("img alt=x", "src"), None);
    }
}
