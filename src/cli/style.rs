//! Colour for the command line: one decision per run (`--color`, else `config.toml`, else
//! auto: a terminal and no `NO_COLOR`), applied to clap's help and errors and to every
//! subcommand's own output.

use std::ffi::OsString;
use std::io::IsTerminal;

use crate::config::ColorMode;

/// Paints labels (`error:`, `warning:`, `help:`) when colour is on; plain text otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Painter {
    on: bool,
}

impl Painter {
    /// A painter that colours when `on`.
    pub fn new(on: bool) -> Self {
        Painter { on }
    }

    /// Plain text only.
    pub fn plain() -> Self {
        Painter { on: false }
    }

    /// Whether colour is on.
    pub fn is_on(self) -> bool {
        self.on
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// `error` in bold red.
    pub fn error(self, text: &str) -> String {
        self.paint("1;31", text)
    }

    /// `warning` in bold yellow.
    pub fn warning(self, text: &str) -> String {
        self.paint("1;33", text)
    }

    /// `help` and notes in bold cyan.
    pub fn help(self, text: &str) -> String {
        self.paint("1;36", text)
    }

    /// Locations and headings in bold.
    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }
}

/// Whether to colour a stream: `mode` from the flag or config; `auto` colours a terminal unless
/// `NO_COLOR` is set.
pub fn decide(mode: ColorMode, is_terminal: bool) -> bool {
    let no_color = std::env::var("NO_COLOR").ok();
    match mode {
        ColorMode::Auto => is_terminal && mode.use_color(no_color.as_deref()),
        other => other.use_color(no_color.as_deref()),
    }
}

/// The painter for standard output.
pub fn stdout(mode: ColorMode) -> Painter {
    Painter::new(decide(mode, std::io::stdout().is_terminal()))
}

/// The painter for standard error.
pub fn stderr(mode: ColorMode) -> Painter {
    Painter::new(decide(mode, std::io::stderr().is_terminal()))
}

/// The `--color` value given on the command line, read before clap parses it so that help and
/// usage errors honour it too. The last one wins; nothing after `--` counts.
pub fn scan_color_flag(args: &[OsString]) -> Option<ColorMode> {
    use clap::ValueEnum;
    let mut found = None;
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = it.next() {
        if arg == "--" {
            break;
        }
        let value = if arg == "--color" {
            it.next().map(|v| v.into_owned())
        } else {
            arg.strip_prefix("--color=").map(str::to_string)
        };
        if let Some(v) = value.and_then(|v| ColorMode::from_str(&v, true).ok()) {
            found = Some(v);
        }
    }
    found
}

/// clap's colour setting for help and errors.
pub fn clap_choice(mode: Option<ColorMode>) -> clap::ColorChoice {
    match mode {
        Some(ColorMode::Always) => clap::ColorChoice::Always,
        Some(ColorMode::Never) => clap::ColorChoice::Never,
        // clap's auto already honours NO_COLOR and checks for a terminal.
        Some(ColorMode::Auto) | None => clap::ColorChoice::Auto,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_color_flag_is_found_anywhere_before_a_double_dash() {
        assert_eq!(scan_color_flag(&args(&["deckhand", "--help"])), None);
        assert_eq!(
            scan_color_flag(&args(&["deckhand", "check", "--color", "never", "--help"])),
            Some(ColorMode::Never)
        );
        assert_eq!(
            scan_color_flag(&args(&["deckhand", "--color=always", "check"])),
            Some(ColorMode::Always)
        );
        assert_eq!(
            scan_color_flag(&args(&["deckhand", "--", "--color=always"])),
            None
        );
        assert_eq!(
            scan_color_flag(&args(&["deckhand", "--color", "purple"])),
            None
        );
    }

    #[test]
    fn a_plain_painter_adds_nothing() {
        assert_eq!(Painter::plain().error("error"), "error");
        assert_eq!(Painter::new(true).error("error"), "\x1b[1;31merror\x1b[0m");
    }
}
