//! Anki's text files in and out: CSV, TSV and `.txt` exports (Anki's file headers
//! `#separator:`, `#html:`, `#tags:`, `#columns:`, `#notetype:`, `#deck:`, `#guid column:`,
//! `#notetype column:`, `#deck column:`, `#tags column:`), headerless spreadsheets with a
//! guessed separator, and Quizlet's export (term, tab, definition, one card a line).

use std::path::Path;

use crate::content::{Pack, Severity};

use super::Problem;
use super::mapping::{SourceNote, SourceType};
use super::notetype::{NoteKind, note_of};

/// What a text file's header lines said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Header {
    separator: Option<u8>,
    html: Option<bool>,
    tags: Vec<String>,
    columns: Vec<String>,
    notetype: Option<String>,
    deck: Option<String>,
    guid_column: Option<usize>,
    notetype_column: Option<usize>,
    deck_column: Option<usize>,
    tags_column: Option<usize>,
    /// Lines the header took.
    lines: usize,
}

fn separator_named(value: &str) -> Option<u8> {
    match value.trim_end_matches(['\r', '\n']) {
        "tab" | "Tab" | "\t" => Some(b'\t'),
        "comma" | "Comma" | "," => Some(b','),
        "semicolon" | "Semicolon" | ";" => Some(b';'),
        "space" | "Space" | " " => Some(b' '),
        "pipe" | "Pipe" | "|" => Some(b'|'),
        "colon" | "Colon" | ":" => Some(b':'),
        _ => None,
    }
}

/// Read the `#key:value` lines at the top; a value Anki would not understand is an error.
fn header(text: &str, at: &dyn Fn(usize) -> String, problems: &mut Vec<Problem>) -> Header {
    let mut h = Header::default();
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let line = raw.trim_end_matches(['\r', '\n']);
        let line = if i == 0 {
            line.trim_start_matches('\u{feff}')
        } else {
            line
        };
        if i == 0
            && let Some(tags) = line.strip_prefix("tags:")
        {
            h.tags = tags.split_whitespace().map(str::to_string).collect();
            h.lines = 1;
            continue;
        }
        let Some(rest) = line.strip_prefix('#') else {
            break;
        };
        h.lines = i + 1;
        let Some((key, value)) = rest.split_once(':') else {
            continue;
        };
        let mut bad = |what: &str| {
            problems.push(Problem::new(
                Severity::Error,
                &at(i + 1),
                format!(
                    "`#{key}:` {what}, not `{value}`",
                    key = key.trim(),
                    value = value.trim()
                ),
            ));
        };
        let column = |v: &str| v.trim().parse::<usize>().ok().filter(|&n| n >= 1);
        match key.trim().to_ascii_lowercase().as_str() {
            "separator" => match separator_named(value) {
                Some(s) => h.separator = Some(s),
                None => bad("takes tab, comma, semicolon, space, pipe or colon"),
            },
            "html" => match value.trim().to_ascii_lowercase().as_str() {
                "true" => h.html = Some(true),
                "false" => h.html = Some(false),
                _ => bad("takes true or false"),
            },
            "tags" => h.tags = value.split_whitespace().map(str::to_string).collect(),
            "columns" => h.columns = vec![value.to_string()],
            "notetype" => h.notetype = Some(value.trim().to_string()),
            "deck" => h.deck = Some(value.trim().to_string()),
            "guid column" => match column(value) {
                Some(n) => h.guid_column = Some(n),
                None => bad("takes a column number from 1"),
            },
            "notetype column" => match column(value) {
                Some(n) => h.notetype_column = Some(n),
                None => bad("takes a column number from 1"),
            },
            "deck column" => match column(value) {
                Some(n) => h.deck_column = Some(n),
                None => bad("takes a column number from 1"),
            },
            "tags column" => match column(value) {
                Some(n) => h.tags_column = Some(n),
                None => bad("takes a column number from 1"),
            },
            // Anki's duplicate handling has no meaning for a new pack.
            "match scope" | "if matches" => {}
            _ => {}
        }
    }
    h
}

/// Guess the separator of a headerless file from its first lines and its extension.
fn guess_separator(body: &str, path: &Path) -> u8 {
    let sample: Vec<&str> = body
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if ext.as_deref() == Some("tsv") {
        return b'\t';
    }
    let everywhere = |c: char| !sample.is_empty() && sample.iter().all(|l| l.contains(c));
    if everywhere('\t') {
        return b'\t';
    }
    if ext.as_deref() == Some("csv") {
        return if everywhere(';') && !everywhere(',') {
            b';'
        } else {
            b','
        };
    }
    [';', ',', '|', ':']
        .into_iter()
        .find(|&c| everywhere(c))
        .map_or(b'\t', |c| c as u8)
}

/// Is `field` a column name a spreadsheet's first row would hold?
fn is_column_label(field: &str) -> bool {
    const LABELS: [&str; 14] = [
        "front",
        "back",
        "question",
        "answer",
        "term",
        "definition",
        "text",
        "extra",
        "back extra",
        "explanation",
        "tags",
        "deck",
        "notes",
        "word",
    ];
    LABELS.contains(&field.trim().to_ascii_lowercase().as_str())
}

/// Stock Anki note types, by name.
fn stock(name: &str) -> SourceType {
    let (fields, cloze, templates): (&[&str], bool, &[&str]) = match name {
        "Basic" => (&["Front", "Back"], false, &["{{Front}}"]),
        "Basic (and reversed card)" => (&["Front", "Back"], false, &["{{Front}}", "{{Back}}"]),
        "Basic (optional reversed card)" => (
            &["Front", "Back", "Add Reverse"],
            false,
            &["{{Front}}", "{{#Add Reverse}}{{Back}}{{/Add Reverse}}"],
        ),
        "Basic (type in the answer)" => {
            (&["Front", "Back"], false, &["{{Front}}\n\n{{type:Back}}"])
        }
        "Cloze" => (&["Text", "Back Extra"], true, &["{{cloze:Text}}"]),
        _ => {
            let fields = NoteKind::from_name(name)
                .map(NoteKind::fields)
                .unwrap_or_default();
            return SourceType {
                name: name.to_string(),
                fields: fields.into_iter().map(str::to_string).collect(),
                ..Default::default()
            };
        }
    };
    SourceType {
        name: name.to_string(),
        fields: fields.iter().map(|s| s.to_string()).collect(),
        cloze,
        templates: templates.iter().map(|s| s.to_string()).collect(),
    }
}

/// Decode a text file: UTF-8 (a BOM is dropped) or UTF-16 with a BOM (Excel's "Unicode
/// text"); anything else is a located error.
fn decode(bytes: &[u8], file: &str) -> Result<String, Problem> {
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16(&units)
            .map_err(|_| Problem::new(Severity::Error, file, "not valid UTF-16 text"));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16(&units)
            .map_err(|_| Problem::new(Severity::Error, file, "not valid UTF-16 text"));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            Err(Problem::new(
                Severity::Error,
                &format!("{file}:{line}"),
                "not UTF-8 text; save the file as UTF-8 (or UTF-16 with a byte-order mark)",
            ))
        }
    }
}

/// The notes of a text file, or the problems that stop its import.
pub fn read(path: &Path, bytes: &[u8]) -> Result<(Vec<SourceNote>, Vec<Problem>), Vec<Problem>> {
    let file = path.display().to_string();
    let text = decode(bytes, &file).map_err(|p| vec![p])?;
    let at = |line: usize| format!("{file}:{line}");
    let mut problems = Vec::new();
    let mut h = header(&text, &at, &mut problems);
    if problems.iter().any(Problem::is_error) {
        return Err(problems);
    }
    let body_start: usize = text.split_inclusive('\n').take(h.lines).map(str::len).sum();
    let body = &text[body_start..];
    let separator = h.separator.unwrap_or_else(|| guess_separator(body, path));
    let columns: Vec<String> = h
        .columns
        .first()
        .map(|c| {
            c.split(char::from(separator))
                .map(|s| s.trim().to_string())
                .collect()
        })
        .unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(body.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line() as usize) + h.lines;
                rows.push((
                    line,
                    start,
                    record.iter().map(str::to_string).collect::<Vec<_>>(),
                ));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize) + h.lines;
                return Err(vec![Problem::new(
                    Severity::Error,
                    &at(line),
                    e.to_string(),
                )]);
            }
        }
    }
    // A quote that is never closed swallows the rest of the file: refuse it.
    if let Some((line, start, _)) = rows.last() {
        let rest = &body[usize::try_from(*start).unwrap_or(0).min(body.len())..];
        if rest.trim_start().starts_with('"') && rest.matches('"').count() % 2 == 1 {
            return Err(vec![Problem::new(
                Severity::Error,
                &at(*line),
                "a quoted field is never closed (a `\"` is missing)",
            )]);
        }
    }
    // A spreadsheet's first row often names its columns (`front,back`): take it as `#columns:`.
    let mut columns = columns;
    if columns.is_empty()
        && let Some((_, _, first)) = rows.first()
        && first.len() >= 2
        && first.iter().all(|f| is_column_label(f))
    {
        columns = first.iter().map(|f| f.trim().to_string()).collect();
        rows.remove(0);
        let at_label = |l: &str| {
            columns
                .iter()
                .position(|c| c.eq_ignore_ascii_case(l))
                .map(|i| i + 1)
        };
        h.tags_column = h.tags_column.or_else(|| at_label("tags"));
        h.deck_column = h.deck_column.or_else(|| at_label("deck"));
    }
    let meta = [
        h.guid_column,
        h.notetype_column,
        h.deck_column,
        h.tags_column,
    ];
    let html = h.html.unwrap_or_else(|| {
        rows.iter()
            .any(|(_, _, fields)| fields.iter().any(|f| super::html::looks_like_html(f)))
    });
    let mut notes = Vec::new();
    for (line, _, fields) in rows {
        let cell = |n: Option<usize>| {
            n.and_then(|n| fields.get(n - 1))
                .map(|s| s.trim().to_string())
        };
        for (name, n) in [
            ("guid", h.guid_column),
            ("notetype", h.notetype_column),
            ("deck", h.deck_column),
        ] {
            if let Some(n) = n.filter(|&n| n > fields.len()) {
                problems.push(Problem::new(
                    Severity::Error,
                    &at(line),
                    format!(
                        "the {name} column is {n}, but this row has {} columns",
                        fields.len()
                    ),
                ));
            }
        }
        let notetype_name = cell(h.notetype_column).or_else(|| h.notetype.clone());
        let notetype = match notetype_name {
            Some(name) => stock(&name),
            None => SourceType {
                fields: columns
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !meta.contains(&Some(i + 1)))
                    .map(|(_, c)| c.clone())
                    .collect(),
                ..Default::default()
            },
        };
        let mut tags = h.tags.clone();
        if let Some(t) = cell(h.tags_column) {
            tags.extend(t.split_whitespace().map(str::to_string));
        }
        let values: Vec<String> = fields
            .iter()
            .enumerate()
            .filter(|(i, _)| !meta.contains(&Some(i + 1)))
            .map(|(_, f)| f.clone())
            .collect();
        notes.push(SourceNote {
            at: at(line),
            guid: cell(h.guid_column).filter(|g| !g.is_empty()),
            notetype,
            deck: cell(h.deck_column)
                .or_else(|| h.deck.clone())
                .filter(|d| !d.is_empty()),
            tags,
            fields: values,
            html,
        });
    }
    if problems.iter().any(Problem::is_error) {
        return Err(problems);
    }
    Ok((notes, problems))
}

/// The pack as an Anki text file: `#separator:tab`, `#html:true`, the guid (the card id),
/// note type and deck columns first, then the fields, then the tags, as Anki writes it.
pub fn write_tsv(packs: &[&Pack], out: &mut dyn std::io::Write) -> std::io::Result<usize> {
    let notes: Vec<_> = packs
        .iter()
        .flat_map(|p| p.cards.iter().map(move |c| note_of(p, c)))
        .collect();
    let width = notes.iter().map(|n| n.fields.len()).max().unwrap_or(0);
    writeln!(out, "#separator:tab")?;
    writeln!(out, "#html:true")?;
    writeln!(out, "#guid column:1")?;
    writeln!(out, "#notetype column:2")?;
    writeln!(out, "#deck column:3")?;
    writeln!(out, "#tags column:{}", 4 + width)?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .flexible(true)
        .from_writer(out);
    for n in &notes {
        let mut row: Vec<&str> = vec![&n.guid, n.kind.name(), &n.deck];
        row.extend(n.fields.iter().map(String::as_str));
        row.resize(3 + width, "");
        let tags = n.tags.join(" ");
        row.push(&tags);
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(notes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_guessed() {
        let p = Path::new("x.txt");
        assert_eq!(guess_separator("a\tb\nc\td\n", p), b'\t');
        assert_eq!(guess_separator("a;b\nc;d\n", p), b';');
        assert_eq!(guess_separator("a,b\nc,d\n", Path::new("x.csv")), b',');
        assert_eq!(guess_separator("a;b,c\nc;d\n", Path::new("x.csv")), b';');
    }

    #[test]
    fn a_bad_header_value_is_located() {
        let mut problems = Vec::new();
        let at = |l: usize| format!("f:{l}");
        header("#separator:tab\n#html:maybe\nx\ty\n", &at, &mut problems);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].at, "f:2");
        assert!(
            problems[0].message.contains("true or false"),
            "{:?}",
            problems
        );
    }
}
