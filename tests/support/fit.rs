//! Finding text cut without a sign: a word that stops at a panel's right edge (or the
//! screen's) where the source text went on, with no `…` or other marker in its place.
//!
//! A row is read cell by cell. Wherever a vertical border (or the screen's edge) stops the
//! text, the word that ends right before it (or before the one blank column of padding that
//! panels keep) is looked up: when it is not a word of the source texts but the beginning of
//! one, the text was cut there. The source texts are the loaded packs, every word drawn
//! elsewhere on the screen, and the same screen drawn very large, where nothing is cut.

use std::collections::HashSet;

use deckhand::content::{CardBody, Library};
use ratatui::buffer::Buffer;

/// The words a screen may show.
#[derive(Debug, Default, Clone)]
pub struct Corpus {
    words: HashSet<String>,
}

impl Corpus {
    /// Every word of the packs: titles, topics, cards (every field a learner can see) and
    /// diagrams.
    pub fn of_library(lib: &Library) -> Corpus {
        let mut c = Corpus::default();
        for pack in &lib.packs {
            c.add(&pack.manifest.title);
            c.add(pack.id());
            for t in &pack.topics {
                c.add(&t.title);
                c.add(&t.id);
            }
            for d in &pack.diagrams {
                c.add(&d.title);
                c.add(&d.id);
                c.add(&d.art);
            }
            for card in &pack.cards {
                c.add(&card.id);
                c.add(&card.explain);
                for r in &card.refs {
                    c.add(r);
                }
                for f in card.faces() {
                    c.add(&card.prompt(f));
                }
                c.add_body(&card.body);
            }
        }
        c
    }

    fn add_body(&mut self, body: &CardBody) {
        // The Debug form holds every string of the body (options, whys, answers).
        self.add(&format!("{body:?}").replace("\\n", " "));
    }

    /// Add the words of `text`.
    pub fn add(&mut self, text: &str) {
        for w in words(text) {
            self.words.insert(w);
        }
    }

    /// Add every word drawn in `buf`.
    pub fn add_buffer(&mut self, buf: &Buffer) {
        for row in rows(buf) {
            self.add(&row.iter().map(|(_, c)| *c).collect::<String>());
        }
    }

    fn contains(&self, w: &str) -> bool {
        self.words.contains(w)
    }

    /// Some word of the corpus is longer and starts with `w`.
    fn continues(&self, w: &str) -> Option<&String> {
        self.words
            .iter()
            .find(|x| x.len() > w.len() && x.starts_with(w))
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The words of `text`: runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The rows of `buf` as (column, char) pairs (the cell after a wide character is blank).
fn rows(buf: &Buffer) -> Vec<Vec<(u16, char)>> {
    let area = buf.area;
    (area.y..area.bottom())
        .map(|y| {
            (area.x..area.right())
                .map(|x| (x, buf[(x, y)].symbol().chars().next().unwrap_or(' ')))
                .collect()
        })
        .collect()
}

/// Vertical borders and right corners.
fn is_border(c: char) -> bool {
    matches!(
        c,
        '│' | '┐'
            | '┘'
            | '┤'
            | '║'
            | '╗'
            | '╝'
            | '╢'
            | '┃'
            | '┓'
            | '┛'
            | '╮'
            | '╯'
            | '┌'
            | '└'
            | '├'
            | '╭'
            | '╰'
    )
}

/// Whether the cell at (`x`, `y`) is the right edge of a box: a right corner, or a vertical
/// line that runs up to one. (The left edge of a window drawn over the screen covers the
/// text under it; that is not a cut.)
fn is_right_edge(buf: &Buffer, x: u16, y: u16) -> bool {
    let sym = |y: u16| buf[(x, y)].symbol().chars().next().unwrap_or(' ');
    let mut y = y;
    loop {
        match sym(y) {
            '┐' | '┘' | '┤' | '╗' | '╝' | '╢' | '┓' | '┛' | '╮' | '╯' => {
                return true;
            }
            '│' | '║' | '┃' if y > buf.area.y => y -= 1,
            _ => return false,
        }
    }
}

/// The words cut without a sign in `buf`, as `row N: "…word" (continues as "wordy")`.
/// `corpus` holds the source texts; the words drawn elsewhere in `buf` are added to it.
pub fn cut_words(buf: &Buffer, corpus: &Corpus) -> Vec<String> {
    let rows = rows(buf);
    let stops = |y: usize, row: &[(u16, char)]| -> Vec<usize> {
        (0..row.len())
            .filter(|&i| is_right_edge(buf, row[i].0, buf.area.y + y as u16))
            .chain([row.len()])
            .collect()
    };
    let mut corpus = corpus.clone();
    // Words drawn away from any edge are whole words.
    for (y, row) in rows.iter().enumerate() {
        let stops = stops(y, row);
        let mut word = String::new();
        for (i, &(_, c)) in row.iter().enumerate() {
            if is_word_char(c) {
                word.push(c);
                continue;
            }
            let touches = stops.contains(&i) || (c == ' ' && stops.contains(&(i + 1)));
            if !word.is_empty() && !touches {
                corpus.words.insert(std::mem::take(&mut word));
            }
            word.clear();
        }
    }
    let mut out = Vec::new();
    for (y, row) in rows.iter().enumerate() {
        for stop in stops(y, row) {
            // The word ends right before the stop, or before one blank column of padding.
            let mut end = stop;
            if end > 0 && row[end - 1].1 == ' ' {
                end -= 1;
            }
            let mut start = end;
            while start > 0 && is_word_char(row[start - 1].1) {
                start -= 1;
            }
            // Text that starts at a border is the tail of something a window covers.
            if start == end || (start > 0 && is_border(row[start - 1].1)) {
                continue;
            }
            let word: String = row[start..end].iter().map(|(_, c)| *c).collect();
            if corpus.contains(&word) {
                continue;
            }
            if let Some(whole) = corpus.continues(&word) {
                let line: String = row.iter().map(|(_, c)| *c).collect();
                out.push(format!(
                    "row {y}: {word:?} (continues as {whole:?}) in {:?}",
                    line.trim_end()
                ));
            }
        }
    }
    out
}
