//! The user's `config.toml`: looks, study settings, per-pack overrides and key bindings.
//!
//! ```toml
//! theme = "dark"            # dark | light | mono
//! color = "auto"            # auto | always | never (the --color flag wins)
//! day_starts_at = 4         # the hour (local time) a new study day starts
//! quiz_questions = 20       # questions in a quiz
//! mouse = true              # clicks and the wheel (false: the terminal selects text)
//! links = "auto"            # auto | always | never: references as clickable links (OSC 8)
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
//! A missing file means the defaults. Every key is checked where it is read: each mistake is
//! reported (`config.toml:line:col`, what is wrong, the valid values, "did you mean" for a
//! misspelt key) and that one setting keeps its default, so the trainer still starts. A file
//! that is not valid TOML is reported and the defaults are used. Key bindings are checked by
//! the front end, which knows the contexts and actions; it reports them at their place too.

use std::collections::BTreeMap;
use std::ops::{Range, RangeInclusive};
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::content::{Diagnostic, Severity, SourceFile, did_you_mean};
use crate::srs::PackOptions;
use crate::srs::options::{
    LEECH_THRESHOLD, MAXIMUM_INTERVAL, NEW_PER_DAY, RETENTION, REVIEWS_PER_DAY,
};

/// The colour themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    /// No colours at all: modifiers (bold, reverse, underline) and symbols only.
    Mono,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
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

/// When to draw references as terminal hyperlinks (OSC 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkMode {
    /// Where the terminal is known to show them.
    #[default]
    Auto,
    Always,
    Never,
}

/// The keys bound to one action in `config.toml`, and where they were written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    /// The key names as written (`"b"`, `"ctrl-x"`).
    pub keys: Vec<String>,
    /// Where the action's line is in the file.
    pub span: Range<usize>,
}

impl KeyOverride {
    /// The key names.
    pub fn keys(&self) -> Vec<&str> {
        self.keys.iter().map(String::as_str).collect()
    }
}

/// A key binding override: a context name, then action name to keys. Names are checked by the
/// front end.
pub type KeyOverrides = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, KeyOverride>>;

/// The whole configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub theme: ThemeName,
    pub color: ColorMode,
    /// Hour of local time when a new study day starts (0 to 23).
    pub day_starts_at: u32,
    /// Questions in a quiz.
    pub quiz_questions: usize,
    /// Take clicks and the wheel (mouse capture stops the terminal's own text selection).
    pub mouse: bool,
    /// References as hyperlinks.
    pub links: LinkMode,
    /// Per-pack settings over the packs' own.
    pub packs: BTreeMap<String, PackOptions>,
    /// Key overrides: context name -> action name -> keys.
    pub keys: KeyOverrides,
    /// The file read (path and text), for reporting problems found later at their place.
    pub source: Option<(String, String)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: ThemeName::Dark,
            color: ColorMode::Auto,
            day_starts_at: 4,
            quiz_questions: crate::quiz::cram::DEFAULT_QUESTIONS,
            mouse: true,
            links: LinkMode::Auto,
            packs: BTreeMap::new(),
            keys: BTreeMap::new(),
            source: None,
        }
    }
}

const TOP_KEYS: [&str; 8] = [
    "theme",
    "color",
    "day_starts_at",
    "quiz_questions",
    "mouse",
    "links",
    "packs",
    "keys",
];
const PACK_KEYS: [&str; 6] = [
    "desired_retention",
    "new_per_day",
    "reviews_per_day",
    "maximum_interval",
    "leech_threshold",
    "leech_suspend",
];

type Val<'i> = Spanned<DeValue<'i>>;

impl Config {
    /// Parse a config file's text. Every problem comes back as a located diagnostic; the
    /// settings with a problem keep their defaults.
    pub fn parse(path: &str, text: &str) -> (Config, Vec<Diagnostic>) {
        let file = SourceFile::new(path, text);
        let (root, errors) = DeTable::parse_recoverable(text);
        let mut cx = Check {
            file: &file,
            diags: Vec::new(),
        };
        if !errors.is_empty() {
            for e in &errors {
                cx.error(
                    e.span().unwrap_or(0..0),
                    e.message().trim().to_string(),
                    "fix the TOML syntax; until then every setting keeps its default",
                );
            }
            return (Config::default(), cx.diags);
        }
        let mut config = Config::default();
        for (key, value) in root.get_ref().iter() {
            match key.get_ref().as_ref() {
                "theme" => {
                    let names = [
                        ("dark", ThemeName::Dark),
                        ("light", ThemeName::Light),
                        ("mono", ThemeName::Mono),
                    ];
                    if let Some(t) = cx.choice(value, "theme", &names) {
                        config.theme = t;
                    }
                }
                "color" => {
                    let names = [
                        ("auto", ColorMode::Auto),
                        ("always", ColorMode::Always),
                        ("never", ColorMode::Never),
                    ];
                    if let Some(c) = cx.choice(value, "color", &names) {
                        config.color = c;
                    }
                }
                "day_starts_at" => {
                    if let Some(h) = cx.uint(value, "day_starts_at", 0..=23) {
                        config.day_starts_at = h;
                    }
                }
                "quiz_questions" => {
                    if let Some(n) = cx.uint(value, "quiz_questions", 1..=500) {
                        config.quiz_questions = n as usize;
                    }
                }
                "mouse" => {
                    if let Some(on) = cx.boolean(value, "mouse") {
                        config.mouse = on;
                    }
                }
                "links" => {
                    let names = [
                        ("auto", LinkMode::Auto),
                        ("always", LinkMode::Always),
                        ("never", LinkMode::Never),
                    ];
                    if let Some(l) = cx.choice(value, "links", &names) {
                        config.links = l;
                    }
                }
                "packs" => {
                    if let Some(packs) = cx.table(value, "packs") {
                        for (id, table) in packs.iter() {
                            let name = format!("[packs.{}]", id.get_ref());
                            if let Some(t) = cx.table(table, &name) {
                                let options = cx.pack(t, &name);
                                config.packs.insert(id.get_ref().to_string(), options);
                            }
                        }
                    }
                }
                "keys" => config.keys = cx.keys(value),
                other => cx.unknown(key.span(), other, &TOP_KEYS, "a setting"),
            }
        }
        config.source = Some((path.to_string(), text.to_string()));
        let mut diags = cx.diags;
        diags.sort_by_key(Diagnostic::sort_key);
        (config, diags)
    }

    /// Read `path`: the defaults when it does not exist; otherwise the parsed file and its
    /// problems (the defaults stand in for what cannot be used).
    pub fn load(path: &Path) -> (Config, Vec<Diagnostic>) {
        let shown = path.display().to_string();
        let problem = |message: String, help: &str| {
            vec![Diagnostic::path(Severity::Error, &shown, message, help)]
        };
        match std::fs::read(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), Vec::new()),
            Err(e) => (
                Config::default(),
                problem(
                    format!("cannot read the config file: {e}"),
                    "check its permissions; the defaults are used meanwhile",
                ),
            ),
            Ok(bytes) => match String::from_utf8(bytes) {
                Err(_) => (
                    Config::default(),
                    problem(
                        "the config file is not UTF-8 text".into(),
                        "save it as UTF-8; the defaults are used meanwhile",
                    ),
                ),
                Ok(text) => Config::parse(&shown, &text),
            },
        }
    }

    /// A problem at `span` of the config file (or about the whole file when it was not read
    /// from one).
    pub fn diagnostic(
        &self,
        span: Option<Range<usize>>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Diagnostic {
        match (&self.source, span) {
            (Some((path, text)), Some(span)) => {
                let file = SourceFile::new(path.as_str(), text.as_str());
                Diagnostic::at(Severity::Error, &file, span, message, help)
            }
            (Some((path, _)), None) => Diagnostic::path(Severity::Error, path, message, help),
            (None, _) => Diagnostic::path(Severity::Error, "config.toml", message, help),
        }
    }
}

/// Checks values and collects every problem.
struct Check<'f> {
    file: &'f SourceFile,
    diags: Vec<Diagnostic>,
}

impl Check<'_> {
    fn error(&mut self, span: Range<usize>, message: String, help: &str) {
        self.diags.push(Diagnostic::at(
            Severity::Error,
            self.file,
            span,
            message,
            format!("{help}; the default is used meanwhile"),
        ));
    }

    fn unknown(&mut self, span: Range<usize>, name: &str, known: &[&str], what: &str) {
        let help = match did_you_mean(name, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("known: {}", known.join(", ")),
        };
        self.diags.push(Diagnostic::at(
            Severity::Error,
            self.file,
            span,
            format!("unknown key `{name}`: not {what}"),
            help,
        ));
    }

    fn wrong_type(&mut self, v: &Val<'_>, name: &str, expected: &str) {
        self.error(
            v.span(),
            format!("`{name}` must be {expected}"),
            &format!("write {expected}"),
        );
    }

    fn table<'v, 'i>(&mut self, v: &'v Val<'i>, name: &str) -> Option<&'v DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.wrong_type(v, name, "a table");
                None
            }
        }
    }

    fn choice<T: Copy>(&mut self, v: &Val<'_>, name: &str, names: &[(&str, T)]) -> Option<T> {
        let listed: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
        let DeValue::String(s) = v.get_ref() else {
            self.wrong_type(v, name, &format!("one of {}", listed.join(", ")));
            return None;
        };
        match names.iter().find(|(n, _)| *n == s.as_ref()) {
            Some((_, t)) => Some(*t),
            None => {
                let hint = did_you_mean(s, listed.iter().copied())
                    .map_or_else(String::new, |m| format!(" (did you mean `{m}`?)"));
                self.error(
                    v.span(),
                    format!("`{name}` cannot be \"{s}\"{hint}"),
                    &format!("use one of {}", listed.join(", ")),
                );
                None
            }
        }
    }

    fn uint(&mut self, v: &Val<'_>, name: &str, range: RangeInclusive<u32>) -> Option<u32> {
        let DeValue::Integer(i) = v.get_ref() else {
            self.wrong_type(v, name, "a whole number");
            return None;
        };
        let digits: String = i.as_str().chars().filter(|&c| c != '_').collect();
        let digits = digits.trim_start_matches('+');
        let body = ["0x", "0o", "0b"]
            .iter()
            .find_map(|p| digits.strip_prefix(p))
            .unwrap_or(digits);
        match i64::from_str_radix(body, i.radix()) {
            Ok(n) if n >= i64::from(*range.start()) && n <= i64::from(*range.end()) => {
                Some(n as u32)
            }
            _ => {
                self.error(
                    v.span(),
                    format!("`{name}` is out of range: {}", i.as_str()),
                    &format!(
                        "use a whole number from {} to {}",
                        range.start(),
                        range.end()
                    ),
                );
                None
            }
        }
    }

    fn number(&mut self, v: &Val<'_>, name: &str, range: RangeInclusive<f64>) -> Option<f64> {
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => i.as_str().replace('_', "").parse::<f64>().ok(),
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            _ => {
                self.wrong_type(v, name, "a number");
                return None;
            }
        };
        match parsed {
            Some(x) if range.contains(&x) => Some(x),
            _ => {
                let shown = &self.file.text[v.span()];
                self.error(
                    v.span(),
                    format!("`{name}` is out of range: {shown}"),
                    &format!("use a number from {} to {}", range.start(), range.end()),
                );
                None
            }
        }
    }

    fn boolean(&mut self, v: &Val<'_>, name: &str) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(v, name, "true or false");
                None
            }
        }
    }

    /// `[packs.<id>]`.
    fn pack(&mut self, t: &DeTable<'_>, table: &str) -> PackOptions {
        let mut o = PackOptions::default();
        for (key, v) in t.iter() {
            let name = key.get_ref().as_ref();
            match name {
                "desired_retention" => o.desired_retention = self.number(v, name, RETENTION),
                "new_per_day" => o.new_per_day = self.uint(v, name, NEW_PER_DAY),
                "reviews_per_day" => o.reviews_per_day = self.uint(v, name, REVIEWS_PER_DAY),
                "maximum_interval" => o.maximum_interval = self.uint(v, name, MAXIMUM_INTERVAL),
                "leech_threshold" => o.leech_threshold = self.uint(v, name, LEECH_THRESHOLD),
                "leech_suspend" => o.leech_suspend = self.boolean(v, name),
                other => self.unknown(
                    key.span(),
                    other,
                    &PACK_KEYS,
                    &format!("a setting of {table}"),
                ),
            }
        }
        o
    }

    /// `[keys.<context>] <action> = "key" or ["keys"]`.
    fn keys(&mut self, v: &Val<'_>) -> KeyOverrides {
        let mut out = KeyOverrides::new();
        let Some(contexts) = self.table(v, "keys") else {
            return out;
        };
        for (ctx, actions) in contexts.iter() {
            let name = format!("[keys.{}]", ctx.get_ref());
            let Some(actions) = self.table(actions, &name) else {
                continue;
            };
            let mut bound = BTreeMap::new();
            for (action, keys) in actions.iter() {
                let span = action.span().start..keys.span().end;
                let names = match keys.get_ref() {
                    DeValue::String(s) => Some(vec![s.to_string()]),
                    DeValue::Array(a) => a
                        .iter()
                        .map(|k| match k.get_ref() {
                            DeValue::String(s) => Some(s.to_string()),
                            _ => None,
                        })
                        .collect(),
                    _ => None,
                };
                match names {
                    Some(keys) => {
                        let action = Spanned::new(action.span(), action.get_ref().to_string());
                        bound.insert(action, KeyOverride { keys, span });
                    }
                    None => self.wrong_type(
                        keys,
                        action.get_ref(),
                        "a key name or a list of key names (\"b\" or [\"b\", \"-\"])",
                    ),
                }
            }
            out.insert(Spanned::new(ctx.span(), ctx.get_ref().to_string()), bound);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Config, Vec<String>) {
        let (c, d) = Config::parse("c.toml", text);
        (c, d.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn defaults_and_a_full_file() {
        let (empty, problems) = parse("");
        assert!(problems.is_empty());
        assert_eq!(
            Config {
                source: None,
                ..empty
            },
            Config::default()
        );
        let (c, problems) = parse(
            "theme = \"mono\"\ncolor = \"never\"\nday_starts_at = 5\nquiz_questions = 10\n\
             mouse = false\nlinks = \"never\"\n[packs.p]\nnew_per_day = 5\nleech_suspend = false\n[keys.review]\nbury = [\"b\", \"-\"]\nundo = \"z\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(c.theme, ThemeName::Mono);
        assert!(!c.mouse);
        assert_eq!(c.links, LinkMode::Never);
        assert_eq!(c.color, ColorMode::Never);
        assert_eq!(c.packs["p"].new_per_day, Some(5));
        assert_eq!(c.packs["p"].leech_suspend, Some(false));
        let review = c
            .keys
            .iter()
            .find(|(k, _)| k.get_ref() == "review")
            .expect("review")
            .1;
        let keys: Vec<Vec<&str>> = review.values().map(KeyOverride::keys).collect();
        assert_eq!(keys, vec![vec!["b", "-"], vec!["z"]]);
    }

    #[test]
    fn every_mistake_is_located_and_the_rest_applies() {
        let (c, problems) = parse(
            "theme = \"dakr\"\nthem = \"light\"\nday_starts_at = 25\nquiz_questions = 12\n\
             [packs.p]\ndesired_retention = 1.5\nnew_per_day = \"many\"\nreviews = 3\n",
        );
        assert_eq!(problems.len(), 6, "{problems:#?}");
        assert!(
            problems[0].starts_with(
                "c.toml:1:9: error: `theme` cannot be \"dakr\" (did you mean `dark`?)"
            )
        );
        assert!(
            problems[1].contains("c.toml:2:1") && problems[1].contains("did you mean `theme`?")
        );
        assert!(problems[2].contains("c.toml:3:17") && problems[2].contains("from 0 to 23"));
        assert!(problems[3].contains("c.toml:6:21") && problems[3].contains("from 0.7 to 0.99"));
        assert!(problems[4].contains("c.toml:7:15") && problems[4].contains("a whole number"));
        assert!(
            problems[5].contains("c.toml:8:1") && problems[5].contains("unknown key `reviews`")
        );
        assert_eq!(c.quiz_questions, 12, "the valid settings apply");
        assert_eq!(c.theme, ThemeName::Dark);
        let (_, syntax) = parse("theme = \n");
        assert_eq!(syntax.len(), 1);
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
        assert!(d.is_empty());
    }
}
