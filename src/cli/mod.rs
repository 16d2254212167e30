//! The command line: `deckhand` opens the trainer; subcommands serve scripts and authors.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::config::ColorMode;
use crate::paths::Paths;

pub mod bar;
pub mod cards;
pub mod check;
pub mod exam;
pub mod export;
pub mod import;
pub mod logging;
pub mod optimize;
pub mod pack;
pub mod plan;
mod ready;
pub mod shell;
pub mod sim;
pub mod stats;
pub mod style;
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
    /// Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins.
    #[arg(
        long,
        short = 'v',
        global = true,
        action = clap::ArgAction::Count,
        help_heading = "Global options"
    )]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate content packs (the built-in one when no path is given).
    Check(check::CheckArgs),
    /// Find cards by text, id, topic, tag, kind and state; --flagged lists learners' flags.
    Cards(cards::CardsArgs),
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
    /// Import an Anki package or text file as a pack, or restore progress from a JSON export.
    Import(import::ImportArgs),
    /// Export packs to Anki (.apkg), Anki's text format or JSON.
    Export(export::ExportArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(shell::CompletionsArgs),
    /// Print the man page (roff): deckhand(1), or a subcommand's own page.
    Man(shell::ManArgs),
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

impl Context {
    /// The colour mode of this run: the flag, else `config.toml`, else auto.
    pub fn color_mode(&self) -> ColorMode {
        self.color.unwrap_or_else(|| {
            crate::config::Config::load(&self.paths.config_file())
                .0
                .color
        })
    }
}

/// Parse the command line (help and usage errors coloured as `--color` says), run, and map
/// the outcome to an exit code.
pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let flag = style::scan_color_flag(&args);
    let matches = Cli::command()
        .color(style::clap_choice(flag))
        .get_matches_from(args);
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let ctx = Context {
        paths: Paths::resolve(cli.data_dir.as_deref(), cli.config_dir.as_deref()),
        packs: cli.packs,
        color: cli.color,
    };
    // The trainer and an import write into the data directory anyway: make it now, so their
    // start is logged on a fresh machine too. Other commands log only where it exists.
    if matches!(cli.command, None | Some(Command::Import(_))) {
        let _ = std::fs::create_dir_all(&ctx.paths.data_dir);
    }
    let logging = match &cli.command {
        // Printing text for the shell or the man reader needs no log.
        Some(Command::Completions(_) | Command::Man(_)) => false,
        _ => logging::init(&ctx.paths.data_dir, cli.verbose),
    };
    if logging {
        tracing::info!(
            version = env!("CARGO_PKG_VERSION"),
            command = command_name(cli.command.as_ref()),
            "deckhand starts"
        );
    }
    let mode = ctx.color_mode();
    // Not locked: the trainer restores the terminal from a signal thread through stdout.
    let mut stdout = std::io::stdout();
    let result = match cli.command {
        Some(Command::Check(args)) => check::run(args, &mut stdout, style::stdout(mode)),
        Some(Command::Cards(args)) => cards::run(&ctx, args, &mut stdout),
        Some(Command::Sim(args)) => sim::run(&ctx, *args),
        Some(Command::Optimize(args)) => optimize::run(&ctx, args),
        Some(Command::Pack(args)) => pack::run(args, &mut stdout),
        Some(Command::AnswerLoop(args)) => optimize::answer_loop(&ctx, args),
        Some(Command::Paths) => paths(&ctx, &mut stdout),
        Some(Command::Stats(args)) => stats::run(&ctx, args, &mut stdout),
        Some(Command::Plan(args)) => plan::run(&ctx, args, &mut stdout),
        Some(Command::Exam(args)) => exam::run(&ctx, args, &mut stdout),
        Some(Command::Completions(args)) => shell::completions(&args, &mut stdout),
        Some(Command::Man(args)) => shell::man(&args, &mut stdout),
        Some(Command::Import(args)) => import::run(&ctx, args, style::stderr(mode)),
        Some(Command::Export(args)) => export::run(&ctx, args, style::stderr(mode)),
        None => trainer::run(&ctx),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // The reader went away (`deckhand sim ... | head`): not an error.
        Err(err) if is_broken_pipe(&err) => ExitCode::from(EXIT_OK),
        Err(err) => {
            tracing::error!("{err:#}");
            let paint = style::stderr(mode);
            eprintln!(
                "{}: {}",
                paint.error("error"),
                crate::interop::printable(&format!("{err:#}"))
            );
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

/// The subcommand's name, for the log.
fn command_name(command: Option<&Command>) -> &'static str {
    match command {
        None => "trainer",
        Some(Command::Check(_)) => "check",
        Some(Command::Cards(_)) => "cards",
        Some(Command::Sim(_)) => "sim",
        Some(Command::Paths) => "paths",
        Some(Command::Optimize(_)) => "optimize",
        Some(Command::Pack(_)) => "pack",
        Some(Command::Stats(_)) => "stats",
        Some(Command::Plan(_)) => "plan",
        Some(Command::Exam(_)) => "exam",
        Some(Command::AnswerLoop(_)) => "answer-loop",
        Some(Command::Completions(_)) => "completions",
        Some(Command::Man(_)) => "man",
        Some(Command::Import(_)) => "import",
        Some(Command::Export(_)) => "export",
    }
}

fn paths(ctx: &Context, out: &mut dyn Write) -> anyhow::Result<u8> {
    let p = &ctx.paths;
    let today = chrono::Utc::now().date_naive();
    writeln!(out, "data dir   {}", p.data_dir.display())?;
    writeln!(out, "database   {}", p.database().display())?;
    writeln!(out, "packs      {}", p.packs_dir().display())?;
    writeln!(out, "config     {}", p.config_file().display())?;
    writeln!(
        out,
        "log file   {}",
        logging::log_file(&p.data_dir, today).display()
    )?;
    Ok(EXIT_OK)
}

/// Log every pack problem (one line each) at warn level.
pub(crate) fn log_problems(diagnostics: &[crate::content::Diagnostic]) {
    for d in diagnostics {
        if d.is_error() {
            tracing::warn!(location = %d.location(), "pack error: {}", d.message);
        } else {
            tracing::info!(location = %d.location(), "pack warning: {}", d.message);
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
