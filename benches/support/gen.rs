//! Generates a synthetic content pack of many short cards of every kind, for benchmarks and
//! for trying the loader by hand (`cargo run --example gen_pack`).

use std::fmt::Write as _;
use std::path::Path;

/// Write a folder pack of `cards` cards spread over `files` card files into `dir`.
pub fn write_pack(dir: &Path, cards: usize, files: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut manifest = String::from(
        "[pack]\nid = \"generated\"\ntitle = \"Generated\"\nversion = \"1.0.0\"\n\
         description = \"A synthetic pack for benchmarks.\"\nauthors = [\"bench\"]\nlicense = \"CC0-1.0\"\n",
    );
    for t in 0..20 {
        let _ = write!(
            manifest,
            "\n[[topics]]\nid = \"topic-{t}\"\ntitle = \"Topic {t}\"\nweight = 5\n"
        );
    }
    std::fs::write(dir.join("pack.toml"), manifest)?;
    let per_file = cards.div_ceil(files.max(1));
    for f in 0..files {
        let mut text = String::with_capacity(per_file * 300);
        let _ = write!(
            text,
            "[[diagrams]]\nid = \"d-{f}\"\ntitle = \"Diagram {f}\"\nart = '''\n┌──────┐\n│ task │\n└──────┘\n'''\n"
        );
        for i in f * per_file..((f + 1) * per_file).min(cards) {
            text.push_str(&card(i, f));
        }
        std::fs::write(dir.join(format!("cards-{f:03}.toml")), text)?;
    }
    Ok(())
}

/// One card; the kind cycles so that every kind is represented.
fn card(i: usize, file: usize) -> String {
    let topic = i % 20;
    let head = format!(
        "\n[[cards]]\nid = \"card-{i}\"\ntopic = \"topic-{topic}\"\ntags = [\"t{}\", \"bench\"]\n\
         refs = [\"https://docs.aws.amazon.com/AmazonECS/latest/developerguide/Welcome.html\"]\n\
         explain = \"Explanation of card {i}.\"\n",
        i % 7
    );
    let body = match i % 6 {
        0 => format!(
            "kind = \"basic\"\nfront = \"Question {i}: what does ECS run?\"\nback = \"Tasks, number {i}.\"\nreverse = {}\ndiagram = \"d-{file}\"\n",
            i.is_multiple_of(12)
        ),
        1 => format!(
            "kind = \"cloze\"\ntext = \"ECS runs {{{{c1::tasks}}}} on {{{{c2::Fargate::where?}}}} ({i}).\"\n"
        ),
        2 => format!(
            "kind = \"choice\"\nquestion = \"Which option is right for {i}?\"\nanswer = \"B\"\noptions = [\n  \
             {{ text = \"Option one {i}\", why = \"Wrong because one.\" }},\n  \
             {{ text = \"Option two {i}\", why = \"Right because two.\" }},\n  \
             {{ text = \"Option three {i}\", why = \"Wrong because three.\" }},\n  \
             {{ text = \"Option four {i}\", why = \"Wrong because four.\" }},\n]\n"
        ),
        3 => format!(
            "kind = \"multi\"\nquestion = \"Which two are right for {i}? (Choose two.)\"\nanswer = [\"A\", \"C\"]\noptions = [\n  \
             {{ text = \"First {i}\", why = \"Right one.\" }},\n  \
             {{ text = \"Second {i}\", why = \"Wrong two.\" }},\n  \
             {{ text = \"Third {i}\", why = \"Right three.\" }},\n  \
             {{ text = \"Fourth {i}\", why = \"Wrong four.\" }},\n]\n"
        ),
        4 => format!(
            "kind = \"typed\"\nquestion = \"Name the log driver ({i}).\"\nanswers = [\"awslogs\", \"awslogs driver\"]\n"
        ),
        _ => format!(
            "kind = \"truefalse\"\nstatement = \"Statement number {i} is true.\"\nanswer = true\n"
        ),
    };
    head + &body
}
