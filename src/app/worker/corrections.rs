//! Corrections from the entity panel, off the UI thread: the user dictionary is
//! edited, a recognizer built with it, every document's entities found again and
//! the filter engine rebuilt over them; the loop then swaps them in at once.
//! The documents are copied for this (their entities are set once): memory
//! doubles for the time of a correction, and the corpus on disk is never touched.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use super::Notify;
use super::entities::Annotator;
use crate::app::update::Msg;
use crate::corpus::Document;
use crate::entities::{self, Correction, DictionaryError, Recognizer, UserDictionary};

/// Makes `correction` in the dictionary at `path` (none: reads it again) and
/// finds the entities of `docs` again with it; `notify` hears the outcome.
pub fn spawn(
    path: Option<PathBuf>,
    correction: Option<Correction>,
    docs: Arc<Vec<Document>>,
    notify: Notify,
) {
    let _ = std::thread::Builder::new().name("kiosque-corrections".into()).spawn(move || {
        let _ = notify(correct(path, correction.as_ref(), docs));
    });
}

fn correct(path: Option<PathBuf>, correction: Option<&Correction>, from: Arc<Vec<Document>>) -> Msg {
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
        Err(e) => return failed(format!("entities.toml was not changed: {e}")),
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
    Msg::Corrected { from, docs, searcher, annotator, note }
}
