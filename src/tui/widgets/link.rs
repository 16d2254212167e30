//! Links: a card's references drawn as OSC 8 hyperlinks where the terminal supports them,
//! as plain text elsewhere. Only `http` and `https` links of printable characters are ever
//! written into an escape sequence; anything else a pack holds stays plain text.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;

/// The link as it may go into an escape sequence or to the browser: an `http` or `https`
/// URL with no control characters or spaces; other characters outside ASCII are
/// percent-encoded. `None` for anything else.
pub fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            c if c.is_control() || c.is_whitespace() => return None,
            c if c.is_ascii() => out.push(c),
            c => {
                let mut bytes = [0; 4];
                for b in c.encode_utf8(&mut bytes).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    Some(out)
}

/// Whether the terminal shows OSC 8 hyperlinks, from its environment (`var` reads a
/// variable). Terminals known to: iTerm2, WezTerm, kitty, foot, Ghostty, Alacritty,
/// Windows Terminal, VS Code, GNOME Terminal and other VTE terminals (0.50 and later),
/// Konsole. Elsewhere links stay plain text: an unknown terminal may print the sequence.
pub fn supported(var: &dyn Fn(&str) -> Option<String>) -> bool {
    let term = var("TERM").unwrap_or_default();
    if term == "dumb" {
        return false;
    }
    let program = var("TERM_PROGRAM").unwrap_or_default();
    let known_program = [
        "iTerm.app",
        "WezTerm",
        "vscode",
        "ghostty",
        "Hyper",
        "Tabby",
        "rio",
    ]
    .contains(&program.as_str());
    let known_term = ["kitty", "foot", "alacritty", "ghostty", "wezterm"]
        .iter()
        .any(|t| term.contains(t));
    let vte = var("VTE_VERSION")
        .and_then(|v| v.parse::<u32>().ok())
        .is_some_and(|v| v >= 5000);
    known_program
        || known_term
        || vte
        || var("KITTY_WINDOW_ID").is_some()
        || var("WT_SESSION").is_some()
        || var("KONSOLE_VERSION").is_some()
}

/// Make the cells of `area` (one row) a hyperlink to `url` (already made safe): each cell
/// carries the sequence around its own character, with one id so the terminal treats the
/// row as one link, and keeps its width of one column.
pub fn link_cells(buf: &mut Buffer, area: Rect, url: &str) {
    let id = link_id(url);
    let one = NonZeroU16::MIN;
    for x in area.left()..area.right() {
        for y in area.top()..area.bottom() {
            let Some(cell) = buf.cell_mut((x, y)) else {
                continue;
            };
            let symbol = cell.symbol().to_string();
            // Only plain one-column characters (a wide one keeps its two cells as they are).
            if unicode_width::UnicodeWidthStr::width(symbol.as_str()) != 1 {
                continue;
            }
            cell.set_symbol(&format!("\x1b]8;id={id};{url}\x1b\\{symbol}\x1b]8;;\x1b\\"))
                .set_diff_option(CellDiffOption::ForcedWidth(one));
        }
    }
}

/// A short id for a link, the same for every cell of it.
fn link_id(url: &str) -> String {
    // FNV-1a: stable between runs, which a hasher of the standard library is not.
    let hash = url.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("dh{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_of_printable_characters_are_written() {
        assert_eq!(
            safe_url(" https://docs.aws.amazon.com/x.html "),
            Some("https://docs.aws.amazon.com/x.html".into())
        );
        assert_eq!(safe_url("https://x/é"), Some("https://x/%C3%A9".into()));
        assert_eq!(safe_url("https://x/\x1b]8;;evil\x07"), None);
        assert_eq!(safe_url("https://x/a b"), None);
        assert_eq!(safe_url("file:///etc/passwd"), None);
        assert_eq!(safe_url("javascript:alert(1)"), None);
    }

    #[test]
    fn terminals_that_show_links() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(supported(&env(&[("TERM_PROGRAM", "iTerm.app")])));
        assert!(supported(&env(&[("TERM", "xterm-kitty")])));
        assert!(supported(&env(&[("VTE_VERSION", "7600")])));
        assert!(!supported(&env(&[("VTE_VERSION", "4200")])));
        assert!(!supported(&env(&[("TERM", "xterm-256color")])));
        assert!(!supported(&env(&[("TERM", "dumb"), ("WT_SESSION", "1")])));
    }

    #[test]
    fn linked_cells_keep_their_text_and_width() {
        let area = Rect::new(0, 0, 6, 1);
        let mut buf = Buffer::empty(area);
        buf.set_string(0, 0, "docs é", ratatui::style::Style::new());
        link_cells(&mut buf, Rect::new(0, 0, 4, 1), "https://x");
        let first = buf[(0, 0)].symbol();
        assert!(first.starts_with("\x1b]8;id=dh"), "{first:?}");
        assert!(
            first.ends_with(";https://x\x1b\\d\x1b]8;;\x1b\\"),
            "{first:?}"
        );
        assert_eq!(buf[(4, 0)].symbol(), " ");
        assert_eq!(buf[(5, 0)].symbol(), "é");
    }
}
