//! The user's `config.toml`: looks, study settings, per-pack overrides and key bindings.
//!
//! ```toml
//! theme = "dark"            # dark | light | mono
//! color = "auto"            # auto | always | never (the --color flag wins)
//! day_starts_at = 4         # the hour (local time) a new study day starts
//! quiz_questions = 20       # questions in a quiz
//!
//! [packs.aws-containers]    # per-pack overrides of the pack's own settings
//! desired_retention = 0.85
//! new_per_day = 30
//! reviews_per_day = 300
//!
//! [keys.review]             # key overrides: context -> action -> key or keys
//! bury = ["b", "-"]
//! ```
//!
//! A missing file means the defaults. A broken file is reported (file, line, column, what is
//! wrong) and the defaults are used, so the trainer still starts.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::content::{Diagnostic, Severity, SourceFile};
use crate::srs::PackOptions;

/// The colour themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    /// No colours at all: modifiers (bold, reverse, underline) and symbols only.
    Mono,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ColorMode {
    /// Colour unless `NO_COLOR` is set.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorMode {
    /// Whether to draw colours, given the value of `NO_COLOR` (no-color.org: any non-empty
    /// value disables colour; `--color always` wins over it).
    pub fn use_color(self, no_color_env: Option<&str>) -> bool {
        match self {
            ColorMode::Always => true,
            ColorMode::Never => false,
            ColorMode::Auto => no_color_env.is_none_or(str::is_empty),
        }
    }
}

/// Keys bound to one action: one key or a list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl KeyList {
    /// The key names.
    pub fn keys(&self) -> Vec<&str> {
        match self {
            KeyList::One(k) => vec![k.as_str()],
            KeyList::Many(ks) => ks.iter().map(String::as_str).collect(),
        }
    }
}

/// The whole configuration.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub theme: ThemeName,
    pub color: ColorMode,
    /// Hour of local time when a new study day starts (0 to 23).
    pub day_starts_at: u32,
    /// Questions in a quiz.
    pub quiz_questions: usize,
    /// Per-pack settings over the packs' own.
    pub packs: BTreeMap<String, PackOptions>,
    /// Key overrides: context name -> action name -> keys.
    pub keys: BTreeMap<String, BTreeMap<String, KeyList>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: ThemeName::Dark,
            color: ColorMode::Auto,
            day_starts_at: 4,
            quiz_questions: crate::quiz::cram::DEFAULT_QUESTIONS,
            packs: BTreeMap::new(),
            keys: BTreeMap::new(),
        }
    }
}

impl Config {
    /// Parse a config file's text; problems come back as located diagnostics.
    pub fn parse(path: &str, text: &str) -> Result<Config, Box<Diagnostic>> {
        let file = SourceFile::new(path, text);
        let config: Config = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            Box::new(Diagnostic::at(
                Severity::Error,
                &file,
                span,
                e.message().trim().to_string(),
                "see the README (section Configuration) for the settings",
            ))
        })?;
        if config.day_starts_at > 23 {
            return Err(Box::new(Diagnostic::path(
                Severity::Error,
                path,
                format!("day_starts_at is {}, not an hour", config.day_starts_at),
                "use an hour from 0 to 23 (4 means a new day starts at 04:00)",
            )));
        }
        if config.quiz_questions == 0 || config.quiz_questions > 500 {
            return Err(Box::new(Diagnostic::path(
                Severity::Error,
                path,
                format!("quiz_questions is {}", config.quiz_questions),
                "use a number of questions from 1 to 500",
            )));
        }
        Ok(config)
    }

    /// Read `path`: the defaults when it does not exist; otherwise the parsed file, or the
    /// defaults and the problem when it cannot be used.
    pub fn load(path: &Path) -> (Config, Option<Diagnostic>) {
        let shown = path.display().to_string();
        match std::fs::read(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), None),
            Err(e) => (
                Config::default(),
                Some(Diagnostic::path(
                    Severity::Error,
                    shown,
                    format!("cannot read the config file: {e}"),
                    "check its permissions; the defaults are used meanwhile",
                )),
            ),
            Ok(bytes) => match String::from_utf8(bytes) {
                Err(_) => (
                    Config::default(),
                    Some(Diagnostic::path(
                        Severity::Error,
                        shown,
                        "the config file is not UTF-8 text",
                        "save it as UTF-8; the defaults are used meanwhile",
                    )),
                ),
                Ok(text) => match Config::parse(&shown, &text) {
                    Ok(c) => (c, None),
                    Err(d) => (Config::default(), Some(*d)),
                },
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_a_full_file() {
        assert_eq!(Config::parse("c.toml", "").unwrap(), Config::default());
        let c = Config::parse(
            "c.toml",
            "theme = \"mono\"\ncolor = \"never\"\nday_starts_at = 5\nquiz_questions = 10\n\
             [packs.p]\nnew_per_day = 5\n[keys.review]\nbury = [\"b\", \"-\"]\nundo = \"z\"\n",
        )
        .unwrap();
        assert_eq!(c.theme, ThemeName::Mono);
        assert_eq!(c.color, ColorMode::Never);
        assert_eq!(c.packs["p"].new_per_day, Some(5));
        assert_eq!(c.keys["review"]["bury"].keys(), vec!["b", "-"]);
        assert_eq!(c.keys["review"]["undo"].keys(), vec!["z"]);
    }

    #[test]
    fn a_typo_is_located() {
        let d = Config::parse("c.toml", "theme = \"dark\"\nthem = \"light\"\n").unwrap_err();
        assert_eq!(d.location(), "c.toml:2:1");
        assert!(d.message.contains("unknown field `them`"), "{}", d.message);
        let d = Config::parse("c.toml", "day_starts_at = 25\n").unwrap_err();
        assert!(d.message.contains("not an hour"));
    }

    #[test]
    fn no_color_rules() {
        assert!(ColorMode::Auto.use_color(None));
        assert!(ColorMode::Auto.use_color(Some("")));
        assert!(!ColorMode::Auto.use_color(Some("1")));
        assert!(ColorMode::Always.use_color(Some("1")));
        assert!(!ColorMode::Never.use_color(None));
    }

    #[test]
    fn a_missing_file_means_defaults() {
        let (c, d) = Config::load(Path::new("/no/such/config.toml"));
        assert_eq!(c, Config::default());
        assert!(d.is_none());
    }
}
