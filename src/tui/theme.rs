//! Themes are named styles: screens ask for `theme.right`, never for a colour. Every
//! meaning that colour carries is also carried by a symbol or a modifier, so the `mono` theme
//! (and `NO_COLOR`) lose nothing.
//!
//! `dark` is for dark terminals: plain text in the terminal's own foreground, colours bright
//! enough on black. `light` paints its own light background under everything it draws, so it
//! reads the same on a dark or a light terminal; its colours come from the 256-colour palette,
//! whose values every terminal shares. A test measures each named style's contrast (WCAG)
//! against the background it is drawn on.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;

/// The named styles of the interface.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: &'static str,
    /// What every cell starts as: the theme's own background and text colour (`light`), or
    /// the terminal's (`dark`, `mono`).
    pub base: Style,
    /// Plain text.
    pub text: Style,
    /// Secondary text: hints, explanations of options, counts of zero.
    pub dim: Style,
    /// Panel titles and headings.
    pub title: Style,
    /// Panel borders.
    pub border: Style,
    /// The border of the focused panel.
    pub border_focus: Style,
    /// Highlights: the asked cloze gap, the app name.
    pub accent: Style,
    /// The selected row or option (always reversed as well).
    pub selected: Style,
    /// Key names in hints and help.
    pub key: Style,
    /// A right answer.
    pub right: Style,
    /// A wrong answer.
    pub wrong: Style,
    /// An almost-right typed answer.
    pub almost: Style,
    /// Warnings and errors in messages.
    pub error: Style,
    /// The filled part of progress bars.
    pub gauge: Style,
    /// Diagram art.
    pub diagram: Style,
    /// A link to documentation (underlined in every theme).
    pub link: Style,
    /// The suggested grade.
    pub suggested: Style,
    /// Tasks of the revision being replaced, and of the one being deployed (visualiser).
    pub old_task: Style,
    pub new_task: Style,
    /// Counts: due, learning, new.
    pub due: Style,
    pub learning: Style,
    pub new: Style,
    /// Laid over the screen behind a window (help, a message, a dialog): dimmed in colour;
    /// nothing in `mono`, whose text stays as readable as it was.
    pub backdrop: Style,
}

impl Theme {
    /// The theme called `name`; without colour every theme is `mono`.
    pub fn new(name: ThemeName, color: bool) -> Theme {
        match (name, color) {
            (_, false) | (ThemeName::Mono, _) => Theme::mono(),
            (ThemeName::Dark, true) => Theme::dark(),
            (ThemeName::Light, true) => Theme::light(),
        }
    }

    fn dark() -> Theme {
        Theme {
            name: "dark",
            base: Style::new(),
            text: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan),
            accent: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            selected: Style::new()
                .fg(Color::Cyan)
                .add_modifier(Modifier::REVERSED | Modifier::BOLD),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            right: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            wrong: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            almost: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            error: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            gauge: Style::new().fg(Color::Cyan),
            diagram: Style::new(),
            link: Style::new()
                .fg(Color::Indexed(75))
                .add_modifier(Modifier::UNDERLINED),
            suggested: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            old_task: Style::new().fg(Color::LightMagenta),
            new_task: Style::new().fg(Color::Green),
            due: Style::new().fg(Color::Green),
            learning: Style::new().fg(Color::LightRed),
            // ANSI blue is too dark on black (2.2:1 in xterm's palette): a light blue.
            new: Style::new().fg(Color::Indexed(75)),
            backdrop: Style::new().add_modifier(Modifier::DIM),
        }
    }

    fn light() -> Theme {
        // The 256-colour palette: 231 white, 235 near black, 242 grey, 245 light grey,
        // 25 blue, 127 magenta, 28 green, 160 red, 130 orange.
        let (ink, grey, rule) = (
            Color::Indexed(235),
            Color::Indexed(242),
            Color::Indexed(245),
        );
        let (blue, magenta, green, red, orange) = (
            Color::Indexed(25),
            Color::Indexed(127),
            Color::Indexed(28),
            Color::Indexed(160),
            Color::Indexed(130),
        );
        Theme {
            name: "light",
            base: Style::new().fg(ink).bg(Color::Indexed(231)),
            text: Style::new().fg(ink),
            dim: Style::new().fg(grey),
            title: Style::new().fg(blue).add_modifier(Modifier::BOLD),
            border: Style::new().fg(rule),
            border_focus: Style::new().fg(blue),
            accent: Style::new().fg(magenta).add_modifier(Modifier::BOLD),
            selected: Style::new()
                .fg(blue)
                .add_modifier(Modifier::REVERSED | Modifier::BOLD),
            key: Style::new().fg(blue).add_modifier(Modifier::BOLD),
            right: Style::new().fg(green).add_modifier(Modifier::BOLD),
            wrong: Style::new().fg(red).add_modifier(Modifier::BOLD),
            almost: Style::new().fg(orange).add_modifier(Modifier::BOLD),
            error: Style::new().fg(red).add_modifier(Modifier::BOLD),
            gauge: Style::new().fg(blue),
            diagram: Style::new().fg(ink),
            link: Style::new().fg(blue).add_modifier(Modifier::UNDERLINED),
            suggested: Style::new()
                .fg(Color::Indexed(231))
                .bg(blue)
                .add_modifier(Modifier::BOLD),
            old_task: Style::new().fg(magenta),
            new_task: Style::new().fg(green),
            due: Style::new().fg(green),
            learning: Style::new().fg(red),
            new: Style::new().fg(blue),
            backdrop: Style::new().add_modifier(Modifier::DIM),
        }
    }

    /// Modifiers only: bold, reversed, underlined. Used for `NO_COLOR` and `--color never`.
    fn mono() -> Theme {
        let plain = Style::new();
        Theme {
            name: "mono",
            base: plain,
            text: plain,
            dim: plain,
            title: plain.add_modifier(Modifier::BOLD),
            border: plain,
            border_focus: plain.add_modifier(Modifier::BOLD),
            accent: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: plain.add_modifier(Modifier::REVERSED),
            key: plain.add_modifier(Modifier::BOLD),
            right: plain.add_modifier(Modifier::BOLD),
            wrong: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            almost: plain.add_modifier(Modifier::UNDERLINED),
            error: plain.add_modifier(Modifier::BOLD),
            gauge: plain,
            diagram: plain,
            link: plain.add_modifier(Modifier::UNDERLINED),
            suggested: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            old_task: plain,
            new_task: plain.add_modifier(Modifier::UNDERLINED),
            due: plain,
            learning: plain,
            new: plain,
            backdrop: plain,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The colour a terminal draws: the 16 ANSI colours as xterm's default palette has them,
    /// the 256-colour cube and grey ramp as every terminal does. `None` for the terminal's
    /// own default.
    fn rgb(c: Color) -> Option<[u8; 3]> {
        const ANSI: [[u8; 3]; 16] = [
            [0, 0, 0],
            [205, 0, 0],
            [0, 205, 0],
            [205, 205, 0],
            [0, 0, 238],
            [205, 0, 205],
            [0, 205, 205],
            [229, 229, 229],
            [127, 127, 127],
            [255, 0, 0],
            [0, 255, 0],
            [255, 255, 0],
            [92, 92, 255],
            [255, 0, 255],
            [0, 255, 255],
            [255, 255, 255],
        ];
        let ansi = |i: usize| Some(ANSI[i]);
        match c {
            Color::Reset => None,
            Color::Black => ansi(0),
            Color::Red => ansi(1),
            Color::Green => ansi(2),
            Color::Yellow => ansi(3),
            Color::Blue => ansi(4),
            Color::Magenta => ansi(5),
            Color::Cyan => ansi(6),
            Color::Gray => ansi(7),
            Color::DarkGray => ansi(8),
            Color::LightRed => ansi(9),
            Color::LightGreen => ansi(10),
            Color::LightYellow => ansi(11),
            Color::LightBlue => ansi(12),
            Color::LightMagenta => ansi(13),
            Color::LightCyan => ansi(14),
            Color::White => ansi(15),
            Color::Rgb(r, g, b) => Some([r, g, b]),
            Color::Indexed(i) if i < 16 => ansi(i as usize),
            Color::Indexed(i) if i < 232 => {
                let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
                let i = i - 16;
                Some([level(i / 36), level(i / 6 % 6), level(i % 6)])
            }
            Color::Indexed(i) => Some([8 + 10 * (i - 232); 3]),
        }
    }

    /// WCAG relative luminance.
    fn luminance([r, g, b]: [u8; 3]) -> f64 {
        let lin = |v: u8| {
            let c = f64::from(v) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    /// WCAG contrast ratio, 1 to 21.
    fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// Every named style with the contrast it needs: 4.5 for text, 3 for lines and bars
    /// (WCAG 1.4.3 and 1.4.11).
    fn named(t: &Theme) -> Vec<(&'static str, Style, f64)> {
        vec![
            ("text", t.text, 4.5),
            ("dim", t.dim, 4.5),
            ("title", t.title, 4.5),
            ("border", t.border, 3.0),
            ("border_focus", t.border_focus, 3.0),
            ("accent", t.accent, 4.5),
            ("selected", t.selected, 4.5),
            ("key", t.key, 4.5),
            ("right", t.right, 4.5),
            ("wrong", t.wrong, 4.5),
            ("almost", t.almost, 4.5),
            ("error", t.error, 4.5),
            ("gauge", t.gauge, 3.0),
            ("diagram", t.diagram, 4.5),
            ("link", t.link, 4.5),
            ("suggested", t.suggested, 4.5),
            ("old_task", t.old_task, 3.0),
            ("new_task", t.new_task, 3.0),
            ("due", t.due, 4.5),
            ("learning", t.learning, 4.5),
            ("new", t.new, 4.5),
        ]
    }

    #[test]
    fn every_style_reads_on_the_background_it_is_drawn_on() {
        const BLACK: [u8; 3] = [0, 0, 0];
        const WHITE: [u8; 3] = [255, 255, 255];
        // The dark theme is for dark terminals; the light one must read on any terminal.
        let cases = [
            (Theme::new(ThemeName::Dark, true), vec![BLACK]),
            (Theme::new(ThemeName::Light, true), vec![BLACK, WHITE]),
        ];
        let mut low = Vec::new();
        for (theme, terminals) in cases {
            for terminal in terminals {
                for (name, style, need) in named(&theme) {
                    let bg = style.bg.or(theme.base.bg).and_then(rgb).unwrap_or(terminal);
                    // The terminal's own foreground reads on the terminal's background.
                    let Some(fg) = style.fg.or(theme.base.fg).and_then(rgb) else {
                        assert!(
                            style.bg.or(theme.base.bg).is_none(),
                            "{} {name}: the terminal's text colour on a background of its own",
                            theme.name
                        );
                        continue;
                    };
                    let ratio = contrast(fg, bg);
                    if ratio < need {
                        low.push(format!(
                            "{} {name} on {terminal:?}: {ratio:.2} < {need}",
                            theme.name
                        ));
                    }
                }
            }
        }
        assert!(low.is_empty(), "too little contrast:\n{}", low.join("\n"));
    }

    #[test]
    fn the_light_theme_has_a_background_of_its_own() {
        let t = Theme::new(ThemeName::Light, true);
        assert!(t.base.bg.is_some_and(|c| c != Color::Reset));
        assert!(t.base.fg.is_some_and(|c| c != Color::Reset));
    }

    #[test]
    fn without_colour_every_theme_is_mono() {
        for name in [ThemeName::Dark, ThemeName::Light, ThemeName::Mono] {
            let t = Theme::new(name, false);
            assert_eq!(t.name, "mono");
            for s in [t.text, t.right, t.wrong, t.selected, t.accent] {
                assert_eq!(s.fg, None);
                assert_eq!(s.bg, None);
            }
        }
        assert_eq!(Theme::new(ThemeName::Light, true).name, "light");
    }

    #[test]
    fn selection_and_answers_never_rely_on_colour_alone() {
        for t in [
            Theme::new(ThemeName::Dark, true),
            Theme::new(ThemeName::Light, true),
            Theme::new(ThemeName::Mono, true),
        ] {
            assert!(
                t.selected.add_modifier.contains(Modifier::REVERSED),
                "{}",
                t.name
            );
            assert!(t.right.add_modifier.contains(Modifier::BOLD), "{}", t.name);
            assert!(t.wrong.add_modifier.contains(Modifier::BOLD), "{}", t.name);
        }
    }
}
