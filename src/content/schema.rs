//! The pack schema: walks a parsed TOML tree (with spans) into the pack model, reporting
//! every problem it meets instead of stopping at the first, the way a compiler does.
//!
//! This is deliberately not serde: `#[derive(Deserialize)]` stops at the first unknown or
//! missing field of a file, and authors want all of them at once.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::cloze::ClozeText;
use super::diag::{Diagnostic, Severity, did_you_mean};
use super::source::SourceFile;
use super::{AnswerOption, Card, CardBody, CardKind, Diagram, Location, Manifest, Topic};

type Val<'i> = Spanned<DeValue<'i>>;
type Key<'i> = Spanned<std::borrow::Cow<'i, str>>;
pub(crate) type Span = Range<usize>;

/// The widest a diagram may be, in terminal columns.
pub const MAX_DIAGRAM_WIDTH: usize = 100;
/// The longest text a card or diagram may hold.
const MAX_TEXT_BYTES: usize = 16 * 1024;
/// The most options a choice or multi card may have (one letter each).
const MAX_OPTIONS: usize = 26;

/// Which file of a pack is being read: the manifest file may hold `[pack]` and `[[topics]]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// `pack.toml`, or a single-file pack.
    Manifest,
    /// Any other file of a folder pack.
    Cards,
}

/// A card as read, with what its pack-level checks need (duplicates, references). A card
/// with errors keeps what could be read of its id, topic and diagram, which are still checked.
#[derive(Debug)]
pub(crate) struct PendingCard {
    pub card: Result<Card, Partial>,
    pub id_span: Span,
    pub topic_span: Option<Span>,
    pub diagram_span: Option<Span>,
    /// The ids of `replaces`, each with its span (read even when the card has errors).
    pub replaces: Vec<(String, Span)>,
}

/// What could be read of a card that has errors.
#[derive(Debug)]
pub(crate) struct Partial {
    pub id: Option<String>,
    pub topic: Option<String>,
    pub diagram: Option<String>,
}

impl PendingCard {
    pub fn id(&self) -> Option<&str> {
        match &self.card {
            Ok(c) => Some(&c.id),
            Err(p) => p.id.as_deref(),
        }
    }

    pub fn topic(&self) -> Option<(&str, Span)> {
        let topic = match &self.card {
            Ok(c) => Some(c.topic.as_str()),
            Err(p) => p.topic.as_deref(),
        };
        topic.zip(self.topic_span.clone())
    }

    pub fn diagram(&self) -> Option<(&str, Span)> {
        let diagram = match &self.card {
            Ok(c) => c.diagram.as_deref(),
            Err(p) => p.diagram.as_deref(),
        };
        diagram.zip(self.diagram_span.clone())
    }
}

/// Everything one file defines.
#[derive(Debug, Default)]
pub(crate) struct FileItems {
    pub manifest: Option<(Manifest, Span)>,
    pub topics: Vec<(Topic, Span)>,
    pub diagrams: Vec<(Diagram, Span)>,
    /// Ids of diagrams that had errors (already reported).
    pub broken_diagrams: Vec<String>,
    pub cards: Vec<PendingCard>,
    /// The `[[exams]]` profiles (manifest only).
    pub exams: Vec<super::exams::PendingExam>,
    /// The file did not parse as TOML; what it defines is incomplete.
    pub syntax_errors: bool,
}

/// The most TOML syntax errors reported for one file (later ones are mostly knock-on errors).
const MAX_SYNTAX_ERRORS: usize = 5;

/// Parse and check one file of a pack.
pub(crate) fn read_file(file: &SourceFile, role: Role, diags: &mut Vec<Diagnostic>) -> FileItems {
    let mut items = FileItems::default();
    let (root, mut errors) = DeTable::parse_recoverable(&file.text);
    if !errors.is_empty() {
        items.syntax_errors = true;
        errors.sort_by_key(|e| e.span().map_or(0, |s| s.start));
        let total = errors.len();
        for e in errors.iter().take(MAX_SYNTAX_ERRORS) {
            let (message, help) = syntax_help(e.message());
            let span = e.span().unwrap_or(0..0);
            let mut d = Diagnostic::at(Severity::Error, file, span, message, help);
            if total > MAX_SYNTAX_ERRORS && std::ptr::eq(e, &errors[MAX_SYNTAX_ERRORS - 1]) {
                d = d.with_note(format!(
                    "{} more syntax errors in this file are not shown; most follow from the first",
                    total - MAX_SYNTAX_ERRORS
                ));
            }
            diags.push(d);
        }
        return items;
    }
    let mut cx = Cx { file, diags };
    let root_span = root.span();
    let root = root.get_ref();
    let mut seen_any = false;
    for (key, value) in root.iter() {
        match key.get_ref().as_ref() {
            "pack" => {
                seen_any = true;
                if role == Role::Cards {
                    cx.error(
                        key.span(),
                        "`[pack]` belongs in pack.toml",
                        "move the manifest to pack.toml; other files hold only [[cards]] and [[diagrams]]",
                    );
                } else {
                    items.manifest = cx.manifest(value);
                }
            }
            "topics" => {
                seen_any = true;
                if role == Role::Cards {
                    cx.error(
                        key.span(),
                        "`[[topics]]` belong in pack.toml",
                        "declare topics next to the [pack] manifest in pack.toml",
                    );
                } else if let Some(list) = cx.table_list(value, "topics", "[[topics]]") {
                    items.topics = list
                        .into_iter()
                        .filter_map(|(t, s)| cx.topic(t, s))
                        .collect();
                }
            }
            "diagrams" => {
                seen_any = true;
                if let Some(list) = cx.table_list(value, "diagrams", "[[diagrams]]") {
                    for (t, s) in list {
                        match cx.diagram(t, s) {
                            Ok(d) => items.diagrams.push(d),
                            Err(Some(id)) => items.broken_diagrams.push(id),
                            Err(None) => {}
                        }
                    }
                }
            }
            "exams" if role == Role::Manifest => {
                if let Some(list) = cx.table_list(value, "exams", "[[exams]]") {
                    items.exams = list
                        .into_iter()
                        .filter_map(|(t, s)| super::exams::read(&mut cx, t, s))
                        .collect();
                }
            }
            "exams" => cx.error(
                key.span(),
                "`[[exams]]` belong in pack.toml",
                "declare exam profiles next to the [pack] manifest in pack.toml",
            ),
            "cards" => {
                seen_any = true;
                if let Some(list) = cx.table_list(value, "cards", "[[cards]]") {
                    for (i, (t, s)) in list.into_iter().enumerate() {
                        items.cards.push(cx.card(t, s, i + 1));
                    }
                }
            }
            other => {
                let allowed: &[&str] = match role {
                    Role::Manifest => &["pack", "topics", "exams", "cards", "diagrams"],
                    Role::Cards => &["cards", "diagrams"],
                };
                let help = match did_you_mean(other, allowed.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "a pack file holds only {}",
                        allowed
                            .iter()
                            .map(|a| format!("`{a}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                cx.error(key.span(), format!("unknown top-level key `{other}`"), help);
            }
        }
    }
    if role == Role::Manifest && items.manifest.is_none() && !root.contains_key("pack") {
        cx.error(
            root_span.start..root_span.start,
            "missing the `[pack]` manifest",
            "start the file with `[pack]` and its `id`, `title` and `version` (see docs/authoring.md)",
        );
    } else if role == Role::Cards && !seen_any {
        cx.warn(
            0..0,
            "this file defines no cards or diagrams",
            "add `[[cards]]` tables, or remove the file from the pack",
        );
    }
    items
}

fn syntax_help(message: &str) -> (String, String) {
    let help = if message.contains("duplicate key") {
        "each key may appear once per table; remove or rename one of them"
    } else if message.contains("recursion") {
        "tables or arrays are nested too deeply; a pack never needs more than a few levels"
    } else if message.contains("quoted") {
        "put text values in quotes: `front = \"text\"`, or `'''` for several lines"
    } else if message.contains("unclosed") || message.contains("expected `]`") {
        "close the array or table header with `]`"
    } else if message.contains("literal string") || message.contains("basic string") {
        "close the string with the same quote it opens with"
    } else {
        "fix the TOML syntax here; see https://toml.io for the format"
    };
    (format!("invalid TOML: {message}"), help.to_string())
}

/// Fields of a card, by kind, for unknown-field checks and suggestions.
const COMMON_FIELDS: &[&str] = &[
    "id",
    "kind",
    "topic",
    "tags",
    "refs",
    "explain",
    "diagram",
    "diagram_after",
    "sim",
    "replaces",
];

fn kind_fields(kind: CardKind) -> &'static [&'static str] {
    match kind {
        CardKind::Basic => &["front", "back", "reverse"],
        CardKind::Cloze => &["text"],
        CardKind::Choice | CardKind::Multi => &["question", "options", "answer"],
        CardKind::Typed => &["question", "answers"],
        CardKind::TrueFalse => &["statement", "answer"],
    }
}

const ALL_KIND_FIELDS: &[&str] = &[
    "front",
    "back",
    "reverse",
    "text",
    "question",
    "options",
    "answer",
    "answers",
    "statement",
];

/// The checking context of one file: every problem goes to `diags` (also used by
/// [`super::exams`]).
pub(super) struct Cx<'a> {
    file: &'a SourceFile,
    diags: &'a mut Vec<Diagnostic>,
}

/// The name a card goes by in messages.
fn card_name(id: Option<&str>, index: usize) -> String {
    match id {
        Some(id) => format!("card `{id}`"),
        None => format!("card #{index} of this file"),
    }
}

fn describe(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// Is `id` a valid pack, topic, card or diagram id?
pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
}

fn slug(id: &str) -> String {
    let mut out = String::new();
    for c in id.trim().chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() { "my-id".into() } else { out }
}

impl Cx<'_> {
    pub(super) fn error(
        &mut self,
        span: Span,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.diags.push(Diagnostic::at(
            Severity::Error,
            self.file,
            span,
            message,
            help,
        ));
    }

    fn warn(&mut self, span: Span, message: impl Into<String>, help: impl Into<String>) {
        self.diags.push(Diagnostic::at(
            Severity::Warning,
            self.file,
            span,
            message,
            help,
        ));
    }

    pub(super) fn wrong_type(
        &mut self,
        v: &Val<'_>,
        what: &dyn std::fmt::Display,
        expected: &str,
        example: &str,
    ) {
        self.error(
            v.span(),
            format!("{what} must be {expected}, found {}", describe(v.get_ref())),
            format!("write it as {example}"),
        );
    }

    /// `[[name]]` as a list of tables.
    fn table_list<'v, 'i>(
        &mut self,
        v: &'v Val<'i>,
        name: &str,
        header: &str,
    ) -> Option<Vec<(&'v DeTable<'i>, Span)>> {
        let DeValue::Array(arr) = v.get_ref() else {
            self.wrong_type(
                v,
                &format_args!("`{name}`"),
                "an array of tables",
                &format!("`{header}` sections"),
            );
            return None;
        };
        let mut out = Vec::with_capacity(arr.len());
        for elem in arr.iter() {
            match elem.get_ref() {
                DeValue::Table(t) => out.push((t, elem.span())),
                _ => self.wrong_type(
                    elem,
                    &format_args!("each entry of `{name}`"),
                    "a table",
                    &format!("a `{header}` section"),
                ),
            }
        }
        Some(out)
    }

    /// A required, non-empty string.
    pub(super) fn text(&mut self, v: &Val<'_>, what: &dyn std::fmt::Display) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) if s.trim().is_empty() => {
                self.error(
                    v.span(),
                    format!("{what} is empty"),
                    "write the text, or remove the field if it is optional",
                );
                None
            }
            DeValue::String(s) if s.len() > MAX_TEXT_BYTES => {
                self.error(
                    v.span(),
                    format!(
                        "{what} is {} KB long, more than a card can show",
                        s.len() / 1024
                    ),
                    format!(
                        "cards hold one fact each: keep texts under {} KB",
                        MAX_TEXT_BYTES / 1024
                    ),
                );
                None
            }
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.wrong_type(
                    v,
                    what,
                    "a string",
                    "`\"text\"` (or `'''` for several lines)",
                );
                None
            }
        }
    }

    fn boolean(&mut self, v: &Val<'_>, what: &dyn std::fmt::Display) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(
                    v,
                    what,
                    "true or false",
                    "`true` or `false`, without quotes",
                );
                None
            }
        }
    }

    /// A whole number within `range`.
    pub(super) fn uint(
        &mut self,
        v: &Val<'_>,
        what: &dyn std::fmt::Display,
        range: std::ops::RangeInclusive<u32>,
    ) -> Option<u32> {
        let DeValue::Integer(i) = v.get_ref() else {
            self.wrong_type(
                v,
                what,
                "a whole number",
                &format!("a number such as `{}`", range.start()),
            );
            return None;
        };
        match int_value(i) {
            Some(n) if n >= i64::from(*range.start()) && n <= i64::from(*range.end()) => {
                Some(n as u32)
            }
            _ => {
                self.error(
                    v.span(),
                    format!("{what} is out of range: {}", i.as_str()),
                    format!(
                        "use a whole number from {} to {}",
                        range.start(),
                        range.end()
                    ),
                );
                None
            }
        }
    }

    /// A number (integer or float) within `[lo, hi]`.
    pub(super) fn number(
        &mut self,
        v: &Val<'_>,
        what: &dyn std::fmt::Display,
        lo: f64,
        hi: f64,
    ) -> Option<f64> {
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => i.as_str().replace('_', "").parse::<f64>().ok(),
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            _ => {
                self.wrong_type(v, what, "a number", &format!("a number such as `{lo}`"));
                return None;
            }
        };
        match parsed {
            Some(x) if x.is_finite() && x >= lo && x <= hi => Some(x),
            _ => {
                self.error(
                    v.span(),
                    format!("{what} is out of range"),
                    format!("use a number from {lo} to {hi}"),
                );
                None
            }
        }
    }

    /// An array of non-empty strings.
    pub(super) fn string_list(
        &mut self,
        v: &Val<'_>,
        what: &dyn std::fmt::Display,
        example: &str,
    ) -> Option<Vec<String>> {
        let DeValue::Array(arr) = v.get_ref() else {
            self.wrong_type(v, what, "an array of strings", example);
            return None;
        };
        let mut out = Vec::with_capacity(arr.len());
        let mut ok = true;
        for elem in arr.iter() {
            match self.text(elem, &format_args!("an entry of {what}")) {
                Some(s) => out.push(s),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    pub(super) fn id(&mut self, v: &Val<'_>, what: &dyn std::fmt::Display) -> Option<String> {
        let id = self.text(v, what)?;
        if valid_id(&id) {
            Some(id)
        } else {
            self.error(
                v.span(),
                format!("{what} `{id}` may only hold lowercase letters, digits, `-`, `_` and `.`"),
                format!("write it as `\"{}\"`", slug(&id)),
            );
            None
        }
    }

    /// Report keys of `table` not in `allowed`, with a suggestion.
    pub(super) fn unknown_keys(&mut self, table: &DeTable<'_>, allowed: &[&str], owner: &str) {
        for (key, _) in table.iter() {
            let k = key.get_ref().as_ref();
            if !allowed.contains(&k) {
                self.unknown_field(key, allowed, owner);
            }
        }
    }

    fn unknown_field(&mut self, key: &Key<'_>, allowed: &[&str], owner: &str) {
        let k = key.get_ref().as_ref();
        let help = match did_you_mean(k, allowed.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!(
                "the fields of {owner} are {}",
                allowed
                    .iter()
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        self.error(key.span(), format!("unknown field `{k}` in {owner}"), help);
    }

    pub(super) fn missing(&mut self, span: &Span, field: &str, owner: &str, example: &str) {
        self.error(
            span.clone(),
            format!("{owner} is missing the required field `{field}`"),
            format!("add `{field} = {example}`"),
        );
    }

    fn manifest(&mut self, v: &Val<'_>) -> Option<(Manifest, Span)> {
        let DeValue::Table(t) = v.get_ref() else {
            self.wrong_type(v, &"`pack`", "a table", "a `[pack]` section");
            return None;
        };
        let owner = "the [pack] manifest";
        self.unknown_keys(
            t,
            &[
                "id",
                "title",
                "version",
                "description",
                "authors",
                "license",
                "desired_retention",
                "new_per_day",
                "reviews_per_day",
            ],
            owner,
        );
        let span = v.span();
        let get = |k: &str| t.get(k);
        let mut ok = true;
        let mut req = |cx: &mut Self, k: &str, example: &str| -> Option<String> {
            match get(k) {
                Some(val) => {
                    let r = if k == "id" {
                        cx.id(val, &"the pack `id`")
                    } else {
                        cx.text(val, &format_args!("the pack `{k}`"))
                    };
                    ok &= r.is_some();
                    r
                }
                None => {
                    cx.missing(&span, k, owner, example);
                    ok = false;
                    None
                }
            }
        };
        let id = req(self, "id", "\"my-pack\"");
        let title = req(self, "title", "\"My pack\"");
        let version = req(self, "version", "\"1.0.0\"");
        let id_span = get("id").map_or(span.clone(), |v| v.span());
        let opt_text = |cx: &mut Self, k: &str| {
            get(k).and_then(|v| cx.text(v, &format_args!("the pack `{k}`")))
        };
        let description = opt_text(self, "description").unwrap_or_default();
        let license = opt_text(self, "license").unwrap_or_default();
        let authors = get("authors")
            .and_then(|v| self.string_list(v, &"`authors`", "`authors = [\"Ada Lovelace\"]`"))
            .unwrap_or_default();
        use crate::srs::options::{NEW_PER_DAY, RETENTION, REVIEWS_PER_DAY};
        let (lo, hi) = (*RETENTION.start(), *RETENTION.end());
        let desired_retention =
            get("desired_retention").and_then(|v| self.number(v, &"`desired_retention`", lo, hi));
        let new_per_day =
            get("new_per_day").and_then(|v| self.uint(v, &"`new_per_day`", NEW_PER_DAY));
        let reviews_per_day = get("reviews_per_day")
            .and_then(|v| self.uint(v, &"`reviews_per_day`", REVIEWS_PER_DAY));
        if !ok {
            return None;
        }
        Some((
            Manifest {
                id: id?,
                title: title?,
                version: version?,
                description,
                authors,
                license,
                options: crate::srs::PackOptions {
                    desired_retention,
                    new_per_day,
                    reviews_per_day,
                    ..Default::default()
                },
            },
            id_span,
        ))
    }

    fn topic(&mut self, t: &DeTable<'_>, span: Span) -> Option<(Topic, Span)> {
        let owner = "a topic";
        self.unknown_keys(t, &["id", "title", "description", "weight"], owner);
        let id = match t.get("id") {
            Some(v) => self.id(v, &"the topic `id`"),
            None => {
                self.missing(&span, "id", owner, "\"ecs-launch-types\"");
                None
            }
        };
        let title = match t.get("title") {
            Some(v) => self.text(v, &"the topic `title`"),
            None => {
                self.missing(&span, "title", owner, "\"ECS launch types\"");
                None
            }
        };
        let description = t
            .get("description")
            .and_then(|v| self.text(v, &"the topic `description`"))
            .unwrap_or_default();
        let weight = t
            .get("weight")
            .and_then(|v| self.number(v, &"the topic `weight`", 0.0, 1000.0));
        let id_span = t.get("id").map_or(span, |v| v.span());
        Some((
            Topic {
                id: id?,
                title: title?,
                description,
                weight,
            },
            id_span,
        ))
    }

    /// A diagram, or (when it has errors) its id if that could be read, so that cards
    /// naming it are not reported a second time.
    fn diagram(&mut self, t: &DeTable<'_>, span: Span) -> Result<(Diagram, Span), Option<String>> {
        let owner = "a diagram";
        self.unknown_keys(t, &["id", "title", "art"], owner);
        let id = match t.get("id") {
            Some(v) => self.id(v, &"the diagram `id`"),
            None => {
                self.missing(&span, "id", owner, "\"ecs-cluster\"");
                None
            }
        };
        let title = t
            .get("title")
            .and_then(|v| self.text(v, &"the diagram `title`"))
            .unwrap_or_default();
        let art = match t.get("art") {
            Some(v) => self
                .text(v, &"the diagram `art`")
                .and_then(|art| self.check_art(v, art)),
            None => {
                self.missing(&span, "art", owner, "'''<the drawing>'''");
                None
            }
        };
        let id_span = t.get("id").map_or(span.clone(), |v| v.span());
        let location = Location {
            file: self.file.path.clone(),
            line: self.file.line_of(span.start),
        };
        match (id, art) {
            (Some(id), Some(art)) => Ok((
                Diagram {
                    id,
                    title,
                    art,
                    location,
                },
                id_span,
            )),
            (id, _) => Err(id),
        }
    }

    /// Diagrams: no tabs, at most [`MAX_DIAGRAM_WIDTH`] columns. Problems point at the exact
    /// line of the drawing.
    fn check_art(&mut self, v: &Val<'_>, art: String) -> Option<String> {
        let art = art.trim_end_matches(['\n', '\r']).to_string();
        let mut ok = true;
        for line in art.lines() {
            if let Some(tab) = line.find('\t') {
                let at = self.locate(v.span(), line, tab);
                self.error(
                    at..at + 1,
                    "diagram contains a tab",
                    "tabs display at different widths in different terminals; use spaces",
                );
                ok = false;
            }
            let width = unicode_width::UnicodeWidthStr::width(line);
            if width > MAX_DIAGRAM_WIDTH {
                // Point at the first character past the limit.
                let mut cols = 0;
                let mut cut = line.len();
                for (i, c) in line.char_indices() {
                    cols += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                    if cols > MAX_DIAGRAM_WIDTH {
                        cut = i;
                        break;
                    }
                }
                let at = self.locate(v.span(), line, cut);
                self.error(
                    at..at + 1,
                    format!("diagram line is {width} columns wide, more than {MAX_DIAGRAM_WIDTH}"),
                    format!("redraw it within {MAX_DIAGRAM_WIDTH} columns so it fits a terminal"),
                );
                ok = false;
            }
        }
        ok.then_some(art)
    }

    /// The source offset of byte `at` of `line`, a line of a string value: found by searching
    /// the value's source text, so escapes elsewhere in the string do not shift it.
    fn locate(&self, value: Span, line: &str, at: usize) -> usize {
        let src = &self.file.text[value.clone()];
        if line.is_empty() {
            return value.start;
        }
        if let Some(found) = src.find(line) {
            return value.start + found + at;
        }
        // A basic string may spell characters as escapes (`\t`): look for the escaped form.
        let escaped = escape(line);
        match src.find(&escaped) {
            Some(found) => value.start + found + escape(&line[..at]).len(),
            None => value.start,
        }
    }

    fn card(&mut self, t: &DeTable<'_>, span: Span, index: usize) -> PendingCard {
        let id_val = t.get("id");
        let id = match id_val {
            Some(v) => self.id(v, &"the card `id`"),
            None => {
                self.missing(&span, "id", &card_name(None, index), "\"a-stable-id\"");
                None
            }
        };
        let name = card_name(id.as_deref(), index);
        let kind = match t.get("kind") {
            None => {
                self.missing(&span, "kind", &name, "\"basic\"");
                None
            }
            Some(v) => match v.get_ref() {
                DeValue::String(s) => match CardKind::from_name(s) {
                    Some(k) => Some(k),
                    None => {
                        let names = CardKind::ALL.map(CardKind::name);
                        let help = match did_you_mean(s, names) {
                            Some(n) => format!("did you mean `{n}`?"),
                            None => format!("card kinds are {}", names.join(", ")),
                        };
                        self.error(v.span(), format!("unknown card kind `{s}`"), help);
                        None
                    }
                },
                _ => {
                    self.wrong_type(v, &"the card `kind`", "a string", "`kind = \"basic\"`");
                    None
                }
            },
        };
        // Unknown fields: judged against the card's kind when it is known.
        for (key, _) in t.iter() {
            let k = key.get_ref().as_ref();
            if COMMON_FIELDS.contains(&k) {
                continue;
            }
            match kind {
                Some(kind) if kind_fields(kind).contains(&k) => {}
                Some(kind) if ALL_KIND_FIELDS.contains(&k) => {
                    let fields: Vec<String> =
                        kind_fields(kind).iter().map(|f| format!("`{f}`")).collect();
                    self.error(
                        key.span(),
                        format!(
                            "field `{k}` does not apply to a `{}` card ({name})",
                            kind.name()
                        ),
                        format!("a {} card has {}", kind.name(), fields.join(", ")),
                    );
                }
                Some(kind) => {
                    let allowed: Vec<&str> = COMMON_FIELDS
                        .iter()
                        .chain(kind_fields(kind))
                        .copied()
                        .collect();
                    self.unknown_field(key, &allowed, &name);
                }
                None if ALL_KIND_FIELDS.contains(&k) => {}
                None => {
                    let allowed: Vec<&str> = COMMON_FIELDS
                        .iter()
                        .chain(ALL_KIND_FIELDS)
                        .copied()
                        .collect();
                    self.unknown_field(key, &allowed, &name);
                }
            }
        }
        let topic_val = t.get("topic");
        let topic = match topic_val {
            Some(v) => self.id(v, &format_args!("the `topic` of {name}")),
            None => {
                self.missing(&span, "topic", &name, "\"<a topic id from pack.toml>\"");
                None
            }
        };
        let tags = t
            .get("tags")
            .map(|v| self.string_list(v, &"`tags`", "`tags = [\"fargate\", \"pricing\"]`"))
            .unwrap_or(Some(Vec::new()));
        let refs = match t.get("refs") {
            Some(v) => self.refs(v),
            None => Some(Vec::new()),
        };
        let explain = match t.get("explain") {
            Some(v) => self.text(v, &format_args!("the `explain` of {name}")),
            None => {
                self.warn(
                    span.clone(),
                    format!("{name} has no `explain`"),
                    "add `explain = \"...\"`: learners read it after answering",
                );
                Some(String::new())
            }
        };
        let diagram_val = t.get("diagram");
        let diagram = match diagram_val {
            Some(v) => self.id(v, &"the `diagram` id").map(Some),
            None => Some(None),
        };
        let diagram_after = match t.get("diagram_after") {
            Some(v) => match self.boolean(v, &"`diagram_after`") {
                Some(true) if diagram_val.is_none() => {
                    self.error(
                        v.span(),
                        format!("{name} sets `diagram_after` but has no `diagram`"),
                        "name the diagram to show after answering (`diagram = \"id\"`), or remove `diagram_after`",
                    );
                    None
                }
                other => other,
            },
            None => Some(false),
        };
        let sim = match t.get("sim") {
            Some(v) => self.sim(v).map(|p| Some(Box::new(p))),
            None => Some(None),
        };
        let replaces = match t.get("replaces") {
            Some(v) => self.replaces(v, &name),
            None => Some(Vec::new()),
        };
        let body = kind.and_then(|k| self.body(k, t, &span, &name));
        let location = Location {
            file: self.file.path.clone(),
            line: self.file.line_of(span.start),
        };
        let id_span = id_val.map_or(span.clone(), |v| v.span());
        let topic_span = topic_val.map(|v| v.span());
        let diagram_span = diagram_val.map(|v| v.span());
        // `replaces` is kept for the pack-level checks even when the card has errors; a bad
        // entry leaves the card out.
        let (replaces, replaces_ok) = match replaces {
            Some(r) => (r, true),
            None => (Vec::new(), false),
        };
        let fields = (id, topic, tags, refs, explain, diagram, sim, body);
        let card = match (fields, diagram_after, replaces_ok) {
            (
                (
                    Some(id),
                    Some(topic),
                    Some(tags),
                    Some(refs),
                    Some(explain),
                    Some(diagram),
                    Some(sim),
                    Some(body),
                ),
                Some(diagram_after),
                true,
            ) => Ok(Card {
                id,
                topic,
                tags,
                refs,
                explain,
                diagram,
                diagram_after,
                sim,
                replaces: replaces.iter().map(|(r, _)| r.clone()).collect(),
                body,
                location,
            }),
            ((id, topic, _, _, _, diagram, _, _), _, _) => Err(Partial {
                id,
                topic,
                diagram: diagram.flatten(),
            }),
        };
        PendingCard {
            card,
            id_span,
            topic_span,
            diagram_span,
            replaces,
        }
    }

    /// `replaces = ["old-id", ...]`: valid ids, each listed once. A card with a bad entry
    /// is left out (its progress would otherwise silently not carry over).
    fn replaces(&mut self, v: &Val<'_>, name: &str) -> Option<Vec<(String, Span)>> {
        let example = "`replaces = [\"old-id\"]`";
        let DeValue::Array(arr) = v.get_ref() else {
            self.wrong_type(v, &"`replaces`", "an array of card ids", example);
            return None;
        };
        let mut out: Vec<(String, Span)> = Vec::with_capacity(arr.len());
        let mut ok = true;
        for elem in arr.iter() {
            let Some(id) = self.id(elem, &"the replaced id") else {
                ok = false;
                continue;
            };
            if out.iter().any(|(seen, _)| *seen == id) {
                self.error(
                    elem.span(),
                    format!("`{id}` is listed twice in the `replaces` of {name}"),
                    "list each old id once",
                );
                ok = false;
                continue;
            }
            out.push((id, elem.span()));
        }
        ok.then_some(out)
    }

    fn refs(&mut self, v: &Val<'_>) -> Option<Vec<String>> {
        let list = self.string_list(
            v,
            &"`refs`",
            "`refs = [\"https://docs.aws.amazon.com/...\"]`",
        )?;
        let mut ok = true;
        if let DeValue::Array(arr) = v.get_ref() {
            for (url, elem) in list.iter().zip(arr.iter()) {
                let rest = url
                    .strip_prefix("https://")
                    .or_else(|| url.strip_prefix("http://"));
                if rest.is_none_or(|r| r.is_empty() || r.contains(char::is_whitespace)) {
                    self.error(
                        elem.span(),
                        format!("`{url}` is not a web address"),
                        "refs are documentation links such as `https://docs.aws.amazon.com/AmazonECS/latest/developerguide/Welcome.html`",
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(list)
    }

    /// A required text field of the card body.
    fn req_text(
        &mut self,
        t: &DeTable<'_>,
        field: &str,
        span: &Span,
        name: &str,
        example: &str,
    ) -> Option<String> {
        match t.get(field) {
            Some(v) => self.text(v, &format_args!("the `{field}` of {name}")),
            None => {
                self.missing(span, field, name, example);
                None
            }
        }
    }

    fn body(
        &mut self,
        kind: CardKind,
        t: &DeTable<'_>,
        span: &Span,
        name: &str,
    ) -> Option<CardBody> {
        match kind {
            CardKind::Basic => {
                let front = self.req_text(t, "front", span, name, "\"the question side\"");
                let back = self.req_text(t, "back", span, name, "\"the answer side\"");
                let reverse = match t.get("reverse") {
                    Some(v) => self.boolean(v, &"`reverse`"),
                    None => Some(false),
                };
                Some(CardBody::Basic {
                    front: front?,
                    back: back?,
                    reverse: reverse?,
                })
            }
            CardKind::Cloze => {
                let v = match t.get("text") {
                    Some(v) => v,
                    None => {
                        self.missing(span, "text", name, "\"ECS runs {{c1::tasks}}\"");
                        return None;
                    }
                };
                let text = self.text(v, &format_args!("the `text` of {name}"))?;
                match ClozeText::parse(&text) {
                    Ok(c) => Some(CardBody::Cloze { text: c }),
                    Err(errors) => {
                        for e in errors {
                            let fragment = text.get(e.span.clone()).unwrap_or_default();
                            let at = self.locate(v.span(), fragment, 0);
                            let len = if at == v.span().start {
                                v.span().len()
                            } else {
                                fragment.len()
                            };
                            self.error(at..at + len, format!("{} in {name}", e.message), e.help);
                        }
                        None
                    }
                }
            }
            CardKind::Choice | CardKind::Multi => {
                let question = self.req_text(t, "question", span, name, "\"Which ...?\"");
                let options = match t.get("options") {
                    Some(v) => self.options(v, name),
                    None => {
                        self.missing(
                            span,
                            "options",
                            name,
                            "[{ text = \"...\", why = \"...\" }, ...]",
                        );
                        None
                    }
                };
                let answers = match t.get("answer") {
                    Some(v) => {
                        // Range-check letters even when an option had its own error.
                        let count = match t.get("options").map(|o| o.get_ref()) {
                            Some(DeValue::Array(a)) => Some(a.len()),
                            _ => None,
                        };
                        self.answer_letters(v, kind, count, name)
                    }
                    None => {
                        let ex = if kind == CardKind::Choice {
                            "\"B\""
                        } else {
                            "[\"A\", \"C\"]"
                        };
                        self.missing(span, "answer", name, ex);
                        None
                    }
                };
                let (question, options, answers) = (question?, options?, answers?);
                Some(if kind == CardKind::Choice {
                    CardBody::Choice {
                        question,
                        options,
                        answer: answers[0],
                    }
                } else {
                    CardBody::Multi {
                        question,
                        options,
                        answers,
                    }
                })
            }
            CardKind::Typed => {
                let question = self.req_text(t, "question", span, name, "\"Which ...?\"");
                let answers = match t.get("answers") {
                    Some(v) => {
                        let list = self.string_list(v, &"`answers`", "`answers = [\"awsvpc\"]`");
                        match list {
                            Some(l) if l.is_empty() => {
                                self.error(
                                    v.span(),
                                    format!("{name} accepts no answer"),
                                    "list at least one accepted answer: `answers = [\"awslogs\"]`",
                                );
                                None
                            }
                            other => other,
                        }
                    }
                    None => {
                        self.missing(
                            span,
                            "answers",
                            name,
                            "[\"the answer\", \"another accepted spelling\"]",
                        );
                        None
                    }
                };
                Some(CardBody::Typed {
                    question: question?,
                    answers: answers?,
                })
            }
            CardKind::TrueFalse => {
                let statement = self.req_text(t, "statement", span, name, "\"ECS is ...\"");
                let answer = match t.get("answer") {
                    Some(v) => self.boolean(v, &"the `answer` of a truefalse card"),
                    None => {
                        self.missing(span, "answer", name, "true");
                        None
                    }
                };
                Some(CardBody::TrueFalse {
                    statement: statement?,
                    answer: answer?,
                })
            }
        }
    }

    fn options(&mut self, v: &Val<'_>, name: &str) -> Option<Vec<AnswerOption>> {
        let DeValue::Array(arr) = v.get_ref() else {
            self.wrong_type(
                v,
                &"`options`",
                "an array of tables",
                "`options = [{ text = \"...\", why = \"...\" }, ...]`",
            );
            return None;
        };
        if arr.len() < 2 || arr.len() > MAX_OPTIONS {
            self.error(
                v.span(),
                format!("{name} has {} options", arr.len()),
                format!("give between 2 and {MAX_OPTIONS} options (exam questions have 4 or 5)"),
            );
            return None;
        }
        let mut out = Vec::with_capacity(arr.len());
        let mut seen: Vec<(&str, char)> = Vec::with_capacity(arr.len());
        let mut ok = true;
        for (i, elem) in arr.iter().enumerate() {
            let letter = (b'A' + i as u8) as char;
            let DeValue::Table(t) = elem.get_ref() else {
                self.wrong_type(
                    elem,
                    &format_args!("option {letter}"),
                    "a table",
                    "`{ text = \"...\", why = \"...\" }`",
                );
                ok = false;
                continue;
            };
            let owner = format!("option {letter} of {name}");
            for (key, _) in t.iter() {
                let k = key.get_ref().as_ref();
                if k == "correct" {
                    self.error(
                        key.span(),
                        format!("unknown field `correct` in {owner}"),
                        "mark the right options with the card's `answer` field, e.g. `answer = \"B\"`",
                    );
                    ok = false;
                } else if k != "text" && k != "why" {
                    self.unknown_field(key, &["text", "why"], &owner);
                    ok = false;
                }
            }
            let text = match t.get("text") {
                Some(tv) => {
                    let text = self.text(tv, &format_args!("the `text` of {owner}"));
                    if let Some(text) = &text {
                        if let Some((_, first)) =
                            seen.iter().find(|(other, _)| same_text(other, text))
                        {
                            self.error(
                                tv.span(),
                                format!("option {letter} repeats option {first} of {name}"),
                                "every option must differ; replace it with another plausible distractor",
                            );
                            ok = false;
                        }
                        if let DeValue::String(raw) = tv.get_ref() {
                            seen.push((raw, letter));
                        }
                    }
                    text
                }
                None => {
                    self.missing(&elem.span(), "text", &owner, "\"...\"");
                    None
                }
            };
            let why = match t.get("why") {
                Some(wv) => self.text(wv, &format_args!("the `why` of {owner}")),
                None => {
                    self.error(
                        elem.span(),
                        format!("{owner} has no `why`"),
                        "explain why this option is right or wrong: `why = \"...\"`",
                    );
                    None
                }
            };
            match (text, why) {
                (Some(text), Some(why)) => out.push(AnswerOption { text, why }),
                _ => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// `answer = "B"` (choice) or `answer = ["A", "C"]` (multi), as option indexes.
    fn answer_letters(
        &mut self,
        v: &Val<'_>,
        kind: CardKind,
        options: Option<usize>,
        name: &str,
    ) -> Option<Vec<usize>> {
        let mut letters: Vec<(String, Span)> = Vec::new();
        match v.get_ref() {
            DeValue::String(s) => letters.push((s.to_string(), v.span())),
            DeValue::Array(arr) => {
                for elem in arr.iter() {
                    match elem.get_ref() {
                        DeValue::String(s) => letters.push((s.to_string(), elem.span())),
                        _ => {
                            self.wrong_type(elem, &"an answer", "an option letter", "`\"A\"`");
                            return None;
                        }
                    }
                }
            }
            _ => {
                let ex = if kind == CardKind::Choice {
                    "`answer = \"B\"`"
                } else {
                    "`answer = [\"A\", \"C\"]`"
                };
                self.wrong_type(v, &"`answer`", "option letters", ex);
                return None;
            }
        }
        let mut out = Vec::with_capacity(letters.len());
        let mut ok = true;
        for (letter, span) in &letters {
            let l = letter.trim();
            let index = match l.as_bytes() {
                [b] if b.is_ascii_alphabetic() => usize::from(b.to_ascii_uppercase() - b'A'),
                _ => {
                    self.error(
                        span.clone(),
                        format!("`{letter}` is not an option letter"),
                        "answers name options by letter: `\"A\"` is the first option",
                    );
                    ok = false;
                    continue;
                }
            };
            if let Some(n) = options
                && index >= n
            {
                let last = (b'A' + n as u8 - 1) as char;
                self.error(
                    span.clone(),
                    format!(
                        "answer `{}` is out of range: {name} has {n} options (A-{last})",
                        l.to_ascii_uppercase()
                    ),
                    format!("name one of the options A to {last}"),
                );
                ok = false;
                continue;
            }
            if out.contains(&index) {
                self.error(
                    span.clone(),
                    format!("answer `{}` is listed twice", l.to_ascii_uppercase()),
                    "list each correct option once",
                );
                ok = false;
                continue;
            }
            out.push(index);
        }
        if !ok {
            return None;
        }
        match kind {
            CardKind::Choice if out.len() != 1 => {
                self.error(
                    v.span(),
                    format!(
                        "a choice card has exactly one correct answer; {name} has {}",
                        out.len()
                    ),
                    if out.is_empty() {
                        "name the correct option: `answer = \"B\"`"
                    } else {
                        "use `kind = \"multi\"` for a question with several correct answers"
                    },
                );
                None
            }
            CardKind::Multi if out.len() < 2 => {
                self.error(
                    v.span(),
                    format!(
                        "a multi card needs at least two correct answers; {name} has {}",
                        out.len()
                    ),
                    "use `kind = \"choice\"` for a question with one correct answer",
                );
                None
            }
            CardKind::Multi if options.is_some_and(|n| out.len() >= n) => {
                self.error(
                    v.span(),
                    format!("every option of {name} is correct"),
                    "a multi card needs at least one wrong option to choose against",
                );
                None
            }
            _ => {
                out.sort_unstable();
                Some(out)
            }
        }
    }

    /// A simulator preset: deserialized into the simulator's own preset type, then its
    /// configuration is checked, so a card can only name a scenario the simulator can run.
    fn sim(&mut self, v: &Val<'_>) -> Option<crate::sim::Preset> {
        if !matches!(v.get_ref(), DeValue::Table(_)) {
            self.wrong_type(
                v,
                &"`sim`",
                "a table",
                "`sim = { kind = \"rolling\", desired = 10 }`",
            );
            return None;
        }
        let help = "see the `sim` fields in docs/authoring.md (kind = \"rolling\" or \"scaling\")";
        let preset: crate::sim::Preset = match to_value(v.get_ref()).try_into() {
            Ok(p) => p,
            Err(e) => {
                let message = e.to_string();
                let message = message.trim();
                // serde says "unknown field `x`, expected one of `a`, `b`": suggest the nearest.
                let names: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
                let suggestion = match names.split_first() {
                    Some((unknown, known)) if message.starts_with("unknown field") => {
                        did_you_mean(unknown, known.iter().copied())
                            .map(|s| format!("did you mean `{s}`?"))
                    }
                    _ => None,
                };
                self.error(
                    v.span(),
                    format!("invalid `sim` preset: {message}"),
                    suggestion.unwrap_or_else(|| help.to_string()),
                );
                return None;
            }
        };
        // Building the simulation also places the initial tasks.
        match crate::sim::Simulation::from_preset(&preset) {
            Ok(_) => Some(preset),
            Err(e) => {
                self.error(v.span(), format!("the `sim` preset cannot run: {e}"), help);
                None
            }
        }
    }
}

/// How a TOML basic string spells `s`.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out
}

/// Option texts compare without case, surrounding space or repeated spaces.
fn same_text(a: &str, b: &str) -> bool {
    let mut x = a.split_whitespace();
    let mut y = b.split_whitespace();
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q))
                if p.chars()
                    .flat_map(char::to_lowercase)
                    .eq(q.chars().flat_map(char::to_lowercase)) => {}
            _ => return false,
        }
    }
}

/// A spanned TOML value as a plain `toml::Value` (for serde).
fn to_value(v: &DeValue<'_>) -> toml::Value {
    match v {
        DeValue::String(s) => toml::Value::String(s.to_string()),
        DeValue::Integer(i) => int_value(i).map_or_else(
            || toml::Value::String(i.as_str().to_string()),
            toml::Value::Integer,
        ),
        DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().map_or_else(
            |_| toml::Value::String(f.as_str().to_string()),
            toml::Value::Float,
        ),
        DeValue::Boolean(b) => toml::Value::Boolean(*b),
        DeValue::Datetime(d) => toml::Value::Datetime(*d),
        DeValue::Array(a) => toml::Value::Array(a.iter().map(|e| to_value(e.get_ref())).collect()),
        DeValue::Table(t) => toml::Value::Table(
            t.iter()
                .map(|(k, e)| (k.get_ref().to_string(), to_value(e.get_ref())))
                .collect(),
        ),
    }
}

/// The value of a TOML integer (`1_000`, `+5`, `-3`, `0xff`, `0o7`, `0b1`); `None` when it
/// does not fit an `i64`.
fn int_value(i: &toml::de::DeInteger<'_>) -> Option<i64> {
    let digits: String = i.as_str().chars().filter(|&c| c != '_').collect();
    let digits = digits.trim_start_matches('+');
    let body = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0o"))
        .or_else(|| digits.strip_prefix("0b"))
        .unwrap_or(digits);
    i64::from_str_radix(body, i.radix()).ok()
}
