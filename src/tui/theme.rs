//! Themes are named styles: screens ask for `theme.right`, never for a colour. Every
//! meaning that colour carries is also carried by a symbol or a modifier, so the `mono` theme
//! (and `NO_COLOR`) lose nothing.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;

/// The named styles of the interface.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: &'static str,
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
    /// The suggested grade.
    pub suggested: Style,
    /// Tasks of the revision being replaced, and of the one being deployed (visualiser).
    pub old_task: Style,
    pub new_task: Style,
    /// Counts: due, learning, new.
    pub due: Style,
    pub learning: Style,
    pub new: Style,
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
        let base = Style::new().fg(Color::Gray);
        Theme {
            name: "dark",
            text: base,
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
            wrong: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            almost: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            gauge: Style::new().fg(Color::Cyan),
            diagram: Style::new().fg(Color::White),
            suggested: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            old_task: Style::new().fg(Color::Magenta),
            new_task: Style::new().fg(Color::Green),
            due: Style::new().fg(Color::Green),
            learning: Style::new().fg(Color::Red),
            new: Style::new().fg(Color::Blue),
        }
    }

    fn light() -> Theme {
        Theme {
            name: "light",
            text: Style::new().fg(Color::Black),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::Gray),
            border_focus: Style::new().fg(Color::Blue),
            accent: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            selected: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::REVERSED | Modifier::BOLD),
            key: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            right: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            wrong: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            almost: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            gauge: Style::new().fg(Color::Blue),
            diagram: Style::new().fg(Color::Black),
            suggested: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            old_task: Style::new().fg(Color::Magenta),
            new_task: Style::new().fg(Color::Green),
            due: Style::new().fg(Color::Green),
            learning: Style::new().fg(Color::Red),
            new: Style::new().fg(Color::Blue),
        }
    }

    /// Modifiers only: bold, reversed, underlined. Used for `NO_COLOR` and `--color never`.
    fn mono() -> Theme {
        let plain = Style::new();
        Theme {
            name: "mono",
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
            suggested: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            old_task: plain,
            new_task: plain.add_modifier(Modifier::UNDERLINED),
            due: plain,
            learning: plain,
            new: plain,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
