//! `kiosque mark`: record review actions from a script (read, star, labels, note).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgGroup, Args};

use super::{InputArgs, exit, fail};
use crate::review::{self, Action, ArticleMeta, Store};

/// Arguments of `kiosque mark`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("action").required(true).multiple(true)))]
pub struct MarkArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Mark as read.
    #[arg(long, group = "action", conflicts_with = "unread")]
    read: bool,
    /// Mark as unread.
    #[arg(long, group = "action")]
    unread: bool,
    /// Star.
    #[arg(long, group = "action", conflicts_with = "unstar")]
    star: bool,
    /// Remove the star.
    #[arg(long, group = "action")]
    unstar: bool,
    /// Add a label (repeatable).
    #[arg(long, value_name = "L", group = "action")]
    label: Vec<String>,
    /// Remove a label (repeatable).
    #[arg(long, value_name = "L", group = "action")]
    unlabel: Vec<String>,
    /// Set the note (an empty TEXT removes it).
    #[arg(long, value_name = "TEXT", group = "action")]
    note: Option<String>,
    #[command(flatten)]
    state: StateArg,
}

/// The `--state FILE` option shared by the review subcommands.
#[derive(Debug, Args)]
pub struct StateArg {
    /// The review state file [default: $KIOSQUE_STATE, else state.sqlite3 in kiosque's data directory].
    #[arg(long = "state", value_name = "FILE")]
    pub path: Option<PathBuf>,
}

impl StateArg {
    /// The state file to use.
    ///
    /// # Errors
    /// Exit 2 when no state file can be determined.
    pub fn resolve(&self) -> Result<PathBuf, ExitCode> {
        review::resolve_path(self.path.as_deref()).map_err(|e| fail(exit::USAGE, e))
    }
}

impl MarkArgs {
    /// The actions asked for, in a fixed order; each is its own transaction.
    fn actions(&self) -> Vec<Action> {
        let mut actions = Vec::new();
        if self.read || self.unread {
            actions.push(Action::SetRead(self.read));
        }
        if self.star || self.unstar {
            actions.push(Action::SetStarred(self.star));
        }
        actions.extend(self.label.iter().cloned().map(Action::AddLabel));
        actions.extend(self.unlabel.iter().cloned().map(Action::RemoveLabel));
        if let Some(note) = &self.note {
            actions.push(Action::SetNote(Some(note.clone())));
        }
        actions
    }
}

pub(super) fn run(args: &MarkArgs) -> Result<ExitCode, ExitCode> {
    let docs = args.input.load()?;
    let path = args.state.resolve()?;
    let articles: Vec<ArticleMeta> = docs.iter().map(ArticleMeta::from).collect();
    let mut store = Store::open(&path).map_err(|e| fail(exit::USAGE, e))?;
    for action in args.actions() {
        store.apply(&articles, &action).map_err(|e| fail(exit::USAGE, e))?;
    }
    Ok(ExitCode::SUCCESS)
}
