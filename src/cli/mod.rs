//! The command line: `deckhand` opens the trainer; subcommands serve scripts and authors.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::ColorMode;
use crate::paths::Paths;

pub mod check;
pub mod exam;
pub mod optimize;
pub mod pack;
pub mod plan;
mod ready;
pub mod sim;
pub mod stats;
mod trainer;

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: the command ran and found a problem (a pack error, a failed operation).
pub const EXIT_FAILURE: u8 = 1;
/// Exit code: bad usage (unknown flag, invalid value).
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "deckhand",
    version,
    about = "Terminal study trainer for AWS container services exams"
)]
pub struct Cli {
    /// Where progress and user packs live (default: the platform data directory).
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        help_heading = "Global options"
    )]
    pub data_dir: Option<PathBuf>,
    /// Where config.toml lives (default: the platform config directory).
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        help_heading = "Global options"
    )]
    pub config_dir: Option<PathBuf>,
    /// Also load this pack in the trainer (a .toml file or a folder with pack.toml); repeatable.
    #[arg(long = "pack", value_name = "PATH")]
    pub packs: Vec<PathBuf>,
    /// When to use colours (default: config.toml, else auto; auto honours NO_COLOR).
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        help_heading = "Global options"
    )]
    pub color: Option<ColorMode>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate content packs (the built-in one when no path is given).
    Check(check::CheckArgs),
    /// Simulate an ECS rolling update or service auto scaling, headless.
    Sim(Box<sim::SimArgs>),
    /// Print where deckhand keeps progress, packs and config.
    Paths,
    /// Fit FSRS parameters to your own review log and store them per pack.
    Optimize(optimize::OptimizeArgs),
    /// Tools for pack authors: what changed between two releases.
    Pack(pack::PackArgs),
    /// Your statistics: today, reviews per day, retention, topics, streak, exams.
    Stats(stats::StatsArgs),
    /// Set the exam date of a pack and see the plan to it.
    Plan(plan::PlanArgs),
    /// The mock exams the packs offer, or (--history) how they went.
    Exam(exam::ExamArgs),
    /// Test helper: answer items in a loop, acknowledging each committed answer.
    #[command(name = "__answer-loop", hide = true)]
    AnswerLoop(optimize::AnswerLoopArgs),
}

/// What every subcommand may need from the run: the resolved paths and global flags.
#[derive(Debug, Clone)]
pub struct Context {
    pub paths: Paths,
    pub packs: Vec<PathBuf>,
    pub color: Option<ColorMode>,
}

/// Parse the command line, run, and map the outcome to an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = Context {
        paths: Paths::resolve(cli.data_dir.as_deref(), cli.config_dir.as_deref()),
        packs: cli.packs,
        color: cli.color,
    };
    let result = match cli.command {
        Some(Command::Check(args)) => check::run(args, &mut std::io::stdout().lock()),
        Some(Command::Sim(args)) => sim::run(&ctx, *args),
        Some(Command::Optimize(args)) => optimize::run(&ctx, args),
        Some(Command::Pack(args)) => pack::run(args, &mut std::io::stdout().lock()),
        Some(Command::AnswerLoop(args)) => optimize::answer_loop(&ctx, args),
        Some(Command::Paths) => paths(&ctx),
        Some(Command::Stats(args)) => stats::run(&ctx, args, &mut std::io::stdout().lock()),
        Some(Command::Plan(args)) => plan::run(&ctx, args, &mut std::io::stdout().lock()),
        Some(Command::Exam(args)) => exam::run(&ctx, args, &mut std::io::stdout().lock()),
        None => trainer::run(&ctx),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // The reader went away (`deckhand sim ... | head`): not an error.
        Err(err) if is_broken_pipe(&err) => ExitCode::from(EXIT_OK),
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

fn paths(ctx: &Context) -> anyhow::Result<u8> {
    let p = &ctx.paths;
    writeln!(std::io::stdout(), "data dir   {}", p.data_dir.display())?;
    writeln!(std::io::stdout(), "database   {}", p.database().display())?;
    writeln!(std::io::stdout(), "packs      {}", p.packs_dir().display())?;
    writeln!(
        std::io::stdout(),
        "config     {}",
        p.config_file().display()
    )?;
    Ok(EXIT_OK)
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
