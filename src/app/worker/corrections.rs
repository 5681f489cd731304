//! Corrections from the entity panel, off the UI thread: the user dictionary is
//! edited, a recognizer built with it, every document's entities found again and
//! the filter engine rebuilt over them; the loop then swaps them in at once.
//! The documents are copied for this (their entities are set once): memory
//! doubles for the time of a correction, and the corpus on disk is never touched.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle;

use super::Notify;
use super::entities::Annotator;
use crate::app::update::Msg;
use crate::corpus::Document;
use crate::entities::{self, Correction, DictionaryError, Recognizer, UserDictionary};

/// Makes `correction` in the dictionary at `path` (none: reads it again) and
/// finds the entities of `docs`, corpus version `version`, again with it;
/// `notify` hears the outcome before the thread ends (and lets go of `docs`).
/// `None` when no thread could be started.
pub fn spawn(
    path: Option<PathBuf>,
    correction: Option<Correction>,
    docs: Arc<Vec<Document>>,
    version: u64,
    notify: Notify,
) -> Option<JoinHandle<()>> {
    std::thread::Builder::new()
        .name("kiosque-corrections".into())
        .spawn(move || {
            let _ = notify(correct(path, correction.as_ref(), &docs, version));
        })
        .ok()
}

fn correct(path: Option<PathBuf>, correction: Option<&Correction>, from: &[Document], version: u64) -> Msg {
    let failed = Msg::CorrectionFailed;
    let Some(path) = path else {
        return failed(
            "no config directory for entities.toml: start kiosque with --entities-dict PATH".into(),
        );
    };
    let dict = match correction {
        Some(c) => entities::correct(&path, c),
        None => match UserDictionary::load(&path) {
            Err(DictionaryError::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                Ok(UserDictionary::default())
            }
            other => other,
        },
    };
    let dict = match dict {
        Ok(dict) => dict,
        Err(e) => return failed(brief(&e)),
    };
    let recognizer = Arc::new(Recognizer::with_dictionary(dict));
    let docs: Vec<Document> = from
        .iter()
        .map(|d| {
            let mut d = d.clone();
            d.entities = OnceLock::new();
            d
        })
        .collect();
    entities::annotate(&docs, &recognizer);
    let docs = Arc::new(docs);
    let searcher = crate::app::search::engine(docs.clone());
    let note = match correction {
        Some(c) => format!("{} (entities.toml)", c.describe()),
        None => "entities found again with entities.toml".into(),
    };
    let annotator: Annotator = Arc::new(move |text: &str| recognizer.extract(text));
    Msg::Corrected { version, docs, searcher, annotator, note }
}

/// The error on one line for the status bar: the file's name and what is wrong
/// (TOML errors come as a message, a drawing of the line, then details).
fn brief(e: &DictionaryError) -> String {
    let (path, what) = match e {
        DictionaryError::Invalid { path, message } => {
            let drawing = |l: &&str| {
                let l = l.trim_start_matches(|c: char| c.is_ascii_digit());
                l.trim().is_empty() || l.starts_with(' ')
            };
            let lines: Vec<&str> = message.lines().filter(|l| !drawing(l)).collect();
            (path, lines.join(": "))
        }
        DictionaryError::Read { path, source } | DictionaryError::Write { path, source } => {
            (path, source.to_string())
        }
    };
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into());
    format!("{name} not changed: {what}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_dictionary_is_said_on_one_line_with_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("entities.toml");
        std::fs::write(&path, "# mine\nsuppress = [\"A\"\n").unwrap();
        let docs = crate::corpus::demo();
        let Msg::CorrectionFailed(why) =
            correct(Some(path), Some(&Correction::Suppress(vec!["B".into()])), &docs, 0)
        else {
            panic!("the correction is refused")
        };
        assert!(!why.contains('\n') && why.starts_with("entities.toml not changed: "), "{why}");
        assert!(why.contains("line 2") || why.contains("line 3"), "{why}");
    }

    #[test]
    fn the_corpus_comes_back_with_its_entities_found_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("entities.toml");
        let docs = crate::corpus::demo();
        entities::annotate(&docs, Recognizer::builtin());
        let names = |d: &Document| {
            d.entities.get().unwrap().iter().filter(|m| m.canonical(&d.text) == "Liis Kask").count()
        };
        let before: usize = docs.iter().map(names).sum();
        assert!(before > 0);
        let suppress = Correction::Suppress(vec!["Liis Kask".into()]);
        let Msg::Corrected { version, docs: after, note, .. } =
            correct(Some(path.clone()), Some(&suppress), &docs, 7)
        else {
            panic!("the correction is made")
        };
        assert!(version == 7 && after.len() == docs.len(), "an answer for the corpus version asked about");
        assert_eq!(after.iter().map(names).sum::<usize>(), 0);
        assert!(note.contains("Liis Kask"));
        assert!(std::fs::read_to_string(&path).unwrap().contains("Liis Kask"));
        assert_eq!(docs.iter().map(names).sum::<usize>(), before, "the old corpus is left as it was");
    }
}
