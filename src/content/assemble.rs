//! Assembling one pack from its parsed files: the manifest, topics, diagrams, cards and
//! exam profiles, with the checks that span files (duplicate ids, references to topics,
//! diagrams and replaced cards).

use std::collections::HashMap;

use super::diag::{Diagnostic, Severity, did_you_mean};
use super::disk::PackFiles;
use super::replaces::{self, Known};
use super::report::{CheckOptions, Omitted, Report};
use super::schema::{self, FileItems, Role, Span};
use super::source::SourceFile;
use super::{Card, Diagram, Origin, Pack, Topic};

/// Parse one pack's files and check what spans files: duplicate ids and references.
pub(super) fn assemble(
    source: PackFiles,
    report: &mut Report,
    owners: &mut HashMap<String, String>,
    options: &CheckOptions,
    omitted: &mut Omitted,
) -> Option<Pack> {
    let diags = &mut report.diagnostics;
    let start = diags.len();
    report.files += source.files.len();
    let parsed = read_files(&source.files, diags, |diags| {
        // Trim as files are read, so thousands of broken cards never pile up.
        omitted.trim(diags, start, options.max_diagnostics)
    });
    report.cards += parsed.iter().map(|p| p.cards.len()).sum::<usize>();
    let incomplete = parsed.iter().any(|p| p.syntax_errors);
    let mut manifest = None;
    let mut topics: Vec<Topic> = Vec::new();
    let mut topic_at: HashMap<String, String> = HashMap::new();
    let mut diagrams: Vec<Diagram> = Vec::new();
    // Diagram id -> (file index, id span, location text).
    let mut diagram_at: HashMap<String, (usize, Span, String)> = HashMap::new();
    let mut pending = Vec::new();
    let mut broken_diagrams: Vec<String> = Vec::new();
    let mut exams = Vec::new();
    for (index, ((file, _), items)) in source.files.iter().zip(parsed).enumerate() {
        if let Some((m, span)) = items.manifest {
            manifest = Some((m, index, span));
        }
        exams.extend(items.exams);
        for (topic, span) in items.topics {
            if let Some(first) = topic_at.get(&topic.id) {
                diags.push(
                    Diagnostic::at(
                        Severity::Error,
                        file,
                        span,
                        format!("duplicate topic id `{}`", topic.id),
                        "give each topic its own id",
                    )
                    .with_note(format!("first declared at {first}")),
                );
                continue;
            }
            topic_at.insert(
                topic.id.clone(),
                format!("{}:{}", file.path, file.line_of(span.start)),
            );
            topics.push(topic);
        }
        for (diagram, span) in items.diagrams {
            if let Some((_, _, first)) = diagram_at.get(&diagram.id) {
                diags.push(
                    Diagnostic::at(
                        Severity::Error,
                        file,
                        span,
                        format!("duplicate diagram id `{}`", diagram.id),
                        "give each diagram its own id",
                    )
                    .with_note(format!("first defined at {first}")),
                );
                continue;
            }
            diagram_at.insert(
                diagram.id.clone(),
                (index, span, diagram.location.to_string()),
            );
            diagrams.push(diagram);
        }
        broken_diagrams.extend(items.broken_diagrams);
        for card in items.cards {
            pending.push((file, card));
        }
    }
    let (manifest, manifest_index, id_span) = manifest?;
    let manifest_file = &source.files[manifest_index].0;
    if let Some(owner) = owners.get(&manifest.id) {
        diags.push(Diagnostic::at(
            Severity::Error,
            manifest_file,
            id_span,
            format!("pack id `{}` is already used by {owner}", manifest.id),
            "give this pack its own id; progress is keyed on it, so ids must be unique",
        ));
        return None;
    }
    let owner = match &source.origin {
        Origin::Builtin => "the built-in pack".to_string(),
        Origin::Generated => "a generated pack".to_string(),
        Origin::Path(_) => format!("the pack at {}", manifest_file.path),
    };
    owners.insert(manifest.id.clone(), owner);
    if topics.is_empty() && !incomplete {
        diags.push(Diagnostic::at(
            Severity::Error,
            manifest_file,
            id_span.clone(),
            format!("pack `{}` declares no topics", manifest.id),
            "add `[[topics]]` with an `id` and a `title` to pack.toml; every card names one",
        ));
    }
    let mut card_at: HashMap<String, (&SourceFile, usize)> = HashMap::with_capacity(pending.len());
    let mut cards: Vec<Card> = Vec::with_capacity(pending.len());
    let mut used_diagrams: HashMap<&str, bool> =
        diagrams.iter().map(|d| (d.id.as_str(), false)).collect();
    let known = match options.previous.get(&manifest.id) {
        _ if !options.strict => Known::Lenient,
        Some(ids) => Known::Ids(ids),
        None => Known::Nothing,
    };
    let bad_replaces = replaces::check(&pending, &manifest.id, known, diags);
    for (index, (file, p)) in pending.into_iter().enumerate() {
        let mut ok = p.card.is_ok();
        let name = p.id().unwrap_or("without an id");
        if let Some(id) = p.id() {
            if let Some(&(first_file, first_at)) = card_at.get(id) {
                let first: &SourceFile = first_file;
                diags.push(
                    Diagnostic::at(
                        Severity::Error,
                        file,
                        p.id_span.clone(),
                        format!("duplicate card id `{id}`"),
                        "card ids must be unique within a pack: progress is stored under them",
                    )
                    .with_note(format!(
                        "first defined at {}:{}",
                        first.path,
                        first.line_of(first_at)
                    )),
                );
                ok = false;
            } else {
                card_at.insert(id.to_string(), (file, p.id_span.start));
            }
        }
        if let Some((topic, span)) = p.topic()
            && !topic_at.contains_key(topic)
        {
            let help = match did_you_mean(topic, topics.iter().map(|t| t.id.as_str())) {
                Some(t) => format!("did you mean `{t}`?"),
                None if topics.is_empty() => {
                    "declare the topic in pack.toml with `[[topics]]`".to_string()
                }
                None => format!(
                    "declared topics are {}",
                    topics
                        .iter()
                        .map(|t| format!("`{}`", t.id))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            if !incomplete {
                diags.push(Diagnostic::at(
                    Severity::Error,
                    file,
                    span,
                    format!("unknown topic `{topic}` in card `{name}`"),
                    help,
                ));
            }
            ok = false;
        }
        let mut drop_diagram = false;
        if let Some((d, span)) = p.diagram() {
            match used_diagrams.get_mut(d) {
                Some(used) => *used = true,
                // The diagram has errors of its own, reported where it is defined: keep the
                // card, without the diagram.
                None if broken_diagrams.iter().any(|b| b == d) => drop_diagram = true,
                None => {
                    let help = match did_you_mean(d, diagrams.iter().map(|x| x.id.as_str())) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => {
                            "define it with `[[diagrams]]` (`id`, `art`) in any file of the pack"
                                .to_string()
                        }
                    };
                    let mut diag = Diagnostic::at(
                        Severity::Error,
                        file,
                        span,
                        format!("card `{name}` names diagram `{d}`, which does not exist"),
                        help,
                    );
                    if incomplete {
                        diag = diag.with_note(
                            "some files of this pack have syntax errors; the diagram may be defined there",
                        );
                    }
                    diags.push(diag);
                    ok = false;
                }
            }
        }
        if ok && let Ok(mut card) = p.card {
            // A replacement in error moves no progress until the author fixes it.
            card.replaces
                .retain(|old| !bad_replaces.contains(&(index, old.clone())));
            if drop_diagram {
                card.diagram = None;
            }
            cards.push(card);
        }
    }
    if !incomplete {
        for d in &diagrams {
            if used_diagrams.get(d.id.as_str()) == Some(&false)
                && let Some((index, span, _)) = diagram_at.get(&d.id)
            {
                diags.push(Diagnostic::at(
                    Severity::Warning,
                    &source.files[*index].0,
                    span.clone(),
                    format!("diagram `{}` is not shown by any card", d.id),
                    format!(
                        "add `diagram = \"{}\"` to a card that explains it, or remove the diagram",
                        d.id
                    ),
                ));
            }
        }
    }
    let exams = if incomplete {
        Vec::new()
    } else {
        super::exams::check(exams, manifest_file, &topics, &cards, diags)
    };
    Some(Pack {
        manifest,
        topics,
        diagrams,
        cards: cards.into(),
        exams,
        origin: source.origin,
        files: source.files.len(),
    })
}

/// Parse the files of a pack, each on its own, their diagnostics added in file order with
/// `merged` called after each file's. Packs of many files are parsed by a few threads (the
/// first start of a 100-file pack spends most of its time here); the result is the same as
/// parsing them one after the other.
pub(super) fn read_files(
    files: &[(SourceFile, Role)],
    diags: &mut Vec<Diagnostic>,
    merged: impl FnMut(&mut Vec<Diagnostic>),
) -> Vec<FileItems> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(4)
        .min(files.len() / 8);
    read_files_on(threads, files, diags, merged)
}

/// [`read_files`] on `threads` threads (one after the other below 2).
fn read_files_on(
    threads: usize,
    files: &[(SourceFile, Role)],
    diags: &mut Vec<Diagnostic>,
    mut merged: impl FnMut(&mut Vec<Diagnostic>),
) -> Vec<FileItems> {
    if threads < 2 {
        return files
            .iter()
            .map(|(file, role)| {
                let items = schema::read_file(file, *role, diags);
                merged(diags);
                items
            })
            .collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (done, results) = std::sync::mpsc::channel();
    let mut parsed: Vec<Option<FileItems>> = (0..files.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let done = done.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some((file, role)) = files.get(i) else {
                        break;
                    };
                    let mut own = Vec::new();
                    let items = schema::read_file(file, *role, &mut own);
                    if done.send((i, items, own)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done);
        // Each file's diagnostics in file order, as soon as the files before it are in.
        let mut waiting: HashMap<usize, Vec<Diagnostic>> = HashMap::new();
        let mut upto = 0;
        for (i, items, own) in results {
            parsed[i] = Some(items);
            waiting.insert(i, own);
            while let Some(own) = waiting.remove(&upto) {
                diags.extend(own);
                merged(diags);
                upto += 1;
            }
        }
    });
    parsed.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files parsed on several threads give what parsing them in order gives: the same items
    /// and the same diagnostics in the same order, merged after each file.
    #[test]
    fn files_read_on_threads_are_read_as_in_order() {
        let files: Vec<(SourceFile, Role)> = (0..40)
            .map(|i| {
                let mut text = String::new();
                for c in 0..(i % 7 + 1) {
                    text.push_str(&format!(
                        "[[cards]]\nid = \"f{i}-c{c}\"\ntopic = \"t\"\nkind = \"basic\"\n\
                         front = \"Q {i} {c}\"\nback = \"A\"\n"
                    ));
                }
                if i % 3 == 0 {
                    text.push_str("[[cards]]\nid = \"broken\"\nkind = \"nope\"\n");
                }
                if i % 11 == 0 {
                    text.push_str("this is not toml = = \n");
                }
                (
                    SourceFile::new(format!("cards/{i:02}.toml"), text),
                    Role::Cards,
                )
            })
            .collect();
        let run = |threads| {
            let mut diags = Vec::new();
            let mut merges = Vec::new();
            let items = read_files_on(threads, &files, &mut diags, |d| merges.push(d.len()));
            (format!("{items:?}"), format!("{diags:?}"), merges)
        };
        let in_order = run(1);
        assert!(in_order.1.contains("broken") && in_order.2.len() == files.len());
        for threads in [2, 3, 4] {
            assert_eq!(run(threads), in_order, "{threads} threads");
        }
    }
}
