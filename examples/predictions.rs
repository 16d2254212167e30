//! Print the simulator's generated prediction cards: `cargo run --example predictions`.

fn main() {
    let pack = deckhand::quiz::predict::generated_pack();
    for card in &pack.cards {
        let deckhand::content::CardBody::Choice {
            question,
            options,
            answer,
        } = &card.body
        else {
            continue;
        };
        println!("== {}\n{question}", card.id);
        for (i, o) in options.iter().enumerate() {
            let mark = if i == *answer { "*" } else { " " };
            println!(" {mark} {}  — {}", o.text, o.why);
        }
        println!();
    }
    println!("{} cards", pack.cards.len());
}
