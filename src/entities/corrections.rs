//! Corrections made from the reader's entity panel, written into the user
//! dictionary (`entities.toml`), never into the corpus: a false name to suppress,
//! a name given another kind, another name merged into one as its alias.
//!
//! The file is edited as text, so that the user's own entries, comments and
//! layout stay as they were: a suppression goes into the `suppress` array (made
//! at the top when missing), a name is appended as a new `[[entity]]` table (the
//! recognizer reads entries in order, a later one amending an earlier one). The
//! result is checked, then written through a temporary file renamed over the old
//! one, so that a crash never leaves half a file; a malformed file is left untouched.

use std::path::Path;

use serde::Deserialize;

use super::dictionary::{DictionaryError, UserDictionary, UserEntity};
use super::gazetteer::fold;

/// One correction of the recognizer's output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Correction {
    /// Never report these surface forms again (compared without case or accents).
    Suppress(Vec<String>),
    /// Give a name another kind; its aliases (other surface forms) take it too.
    Retag(UserEntity),
    /// Merge other names (the aliases, the first one the other entity's name)
    /// into a name, which stays canonical.
    Merge(UserEntity),
}

impl Correction {
    /// What the correction does, for the status bar.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Correction::Suppress(forms) => format!("suppressed {}", quoted(forms)),
            Correction::Retag(UserEntity { name, kind, .. }) => {
                format!("“{name}” is now {}", kind.map_or("?", |k| k.label()))
            }
            Correction::Merge(UserEntity { name, aliases, .. }) => {
                format!("{} merged into “{name}”", quoted(&aliases[..aliases.len().min(1)]))
            }
        }
    }
}

fn quoted(names: &[String]) -> String {
    names.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>().join(", ")
}

/// Where the `suppress` array sits in the file, if it has one.
#[derive(Deserialize)]
struct SuppressSpan {
    suppress: Option<toml::Spanned<toml::Value>>,
}

/// A TOML basic string holding `s`, quotes and escapes included.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The text of a dictionary with `correction` made, or the same text when the
/// dictionary already says it.
///
/// # Errors
/// What is wrong with `text` when it is not a valid dictionary (it is then not edited).
pub fn corrected_text(text: &str, correction: &Correction) -> Result<String, String> {
    let dict = UserDictionary::parse(text)?;
    let out = match correction {
        Correction::Suppress(forms) => {
            let mut known: Vec<String> = dict.suppress.iter().map(|s| fold(s)).collect();
            let mut new = Vec::new();
            for f in forms.iter().map(|f| f.trim()).filter(|f| !f.is_empty()) {
                if !known.contains(&fold(f)) {
                    known.push(fold(f));
                    new.push(toml_string(f));
                }
            }
            if new.is_empty() {
                return Ok(text.to_string());
            }
            let span: SuppressSpan = toml::from_str(text).map_err(|e| e.to_string())?;
            match span.suppress {
                // A top-level key must come before the first table: the top of the file is.
                None => format!("suppress = [{}]\n{text}", new.join(", ")),
                Some(array) => {
                    let open = array.span().start;
                    if text.as_bytes().get(open) != Some(&b'[') {
                        return Err("`suppress` is not an array".to_string());
                    }
                    // New forms go first, right after `[`: valid whatever follows
                    // (items, a trailing comma, comments).
                    let empty = array.get_ref().as_array().is_some_and(Vec::is_empty);
                    let sep = if empty { "" } else { ", " };
                    format!("{}{}{sep}{}", &text[..=open], new.join(", "), &text[open + 1..])
                }
            }
        }
        Correction::Retag(e) | Correction::Merge(e) => {
            let mut table = format!("[[entity]]\nname = {}\n", toml_string(&e.name));
            if let Some(kind) = e.kind {
                table.push_str(&format!("kind = {}\n", toml_string(kind.label())));
            }
            if !e.aliases.is_empty() {
                let aliases: Vec<String> = e.aliases.iter().map(|a| toml_string(a)).collect();
                table.push_str(&format!("aliases = [{}]\n", aliases.join(", ")));
            }
            let sep = match text {
                "" => "",
                t if t.ends_with("\n\n") => "",
                t if t.ends_with('\n') => "\n",
                _ => "\n\n",
            };
            format!("{text}{sep}{table}")
        }
    };
    // The edit must leave a dictionary kiosque reads back.
    UserDictionary::parse(&out).map_err(|e| format!("the corrected dictionary would not parse: {e}"))?;
    Ok(out)
}

/// Makes `correction` in the dictionary at `path` (created, with its directory,
/// when missing) and returns the dictionary as it is now.
///
/// # Errors
/// [`DictionaryError::Read`] or [`DictionaryError::Write`] on I/O failure,
/// [`DictionaryError::Invalid`] when the file is not a valid dictionary: it is then
/// left as it was.
pub fn correct(path: &Path, correction: &Correction) -> Result<UserDictionary, DictionaryError> {
    let invalid = |message| DictionaryError::Invalid { path: path.to_path_buf(), message };
    let write_err = |source| DictionaryError::Write { path: path.to_path_buf(), source };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => return Err(DictionaryError::Read { path: path.to_path_buf(), source }),
    };
    let new = corrected_text(&text, correction).map_err(invalid)?;
    if new != text {
        crate::atomic_file::write(path, &new).map_err(write_err)?;
    }
    UserDictionary::parse(&new).map_err(invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityKind;

    const MINE: &str = "# my names\nsuppress = [\n  \"Alliance\", # too vague\n]\n\n\
                        [[entity]]\nname = \"Ouest Horizon\" # the paper\nkind = \"ORG\"\naliases = [\"OH\"]\n";

    fn retag(name: &str, kind: EntityKind) -> Correction {
        Correction::Retag(UserEntity { name: name.into(), kind: Some(kind), aliases: Vec::new() })
    }

    #[test]
    fn corrections_round_trip_through_the_parser() {
        let text = corrected_text("", &Correction::Suppress(vec!["Le Point".into()])).unwrap();
        let text = corrected_text(&text, &retag("Quai \"Nord\"", EntityKind::Loc)).unwrap();
        let merge = Correction::Merge(UserEntity {
            name: "OTAN".into(),
            kind: Some(EntityKind::Org),
            aliases: vec!["l'Alliance".into(), "Alliance nord-atlantique".into()],
        });
        let text = corrected_text(&text, &merge).unwrap();
        let d = UserDictionary::parse(&text).unwrap();
        assert_eq!(d.suppress, ["Le Point"]);
        let quai = UserEntity { name: "Quai \"Nord\"".into(), kind: Some(EntityKind::Loc), aliases: vec![] };
        assert_eq!(d.entities[0], quai);
        assert_eq!(d.entities[1].aliases, ["l'Alliance", "Alliance nord-atlantique"]);
    }

    #[test]
    fn corrections_say_what_they_do() {
        let entity = |aliases: &[&str]| UserEntity {
            name: "Liis Kask".into(),
            kind: Some(EntityKind::Loc),
            aliases: aliases.iter().map(|a| (*a).to_string()).collect(),
        };
        assert_eq!(Correction::Retag(entity(&["Kask"])).describe(), "“Liis Kask” is now LOC");
        assert_eq!(
            Correction::Merge(entity(&["L. Kask", "Kask"])).describe(),
            "“L. Kask” merged into “Liis Kask”"
        );
        assert_eq!(Correction::Suppress(vec!["A".into(), "B".into()]).describe(), "suppressed “A”, “B”");
    }

    #[test]
    fn the_users_entries_and_comments_are_kept() {
        let text = corrected_text(MINE, &Correction::Suppress(vec!["Le Point".into()])).unwrap();
        let text = corrected_text(&text, &retag("Tallinn", EntityKind::Org)).unwrap();
        assert!(text.contains("# my names") && text.contains("# too vague") && text.contains("# the paper"));
        let d = UserDictionary::parse(&text).unwrap();
        let before = UserDictionary::parse(MINE).unwrap();
        assert_eq!(d.suppress, ["Le Point", "Alliance"]);
        assert_eq!(d.entities[0], before.entities[0]);
        assert_eq!(d.entities[1].name, "Tallinn");
        assert_eq!(d.entities[1].kind, Some(EntityKind::Org));
    }

    #[test]
    fn a_suppression_already_there_changes_nothing() {
        let same = corrected_text(MINE, &Correction::Suppress(vec!["ALLIANCE".into()])).unwrap();
        assert_eq!(same, MINE);
        let empty = corrected_text("suppress = []\n", &Correction::Suppress(vec!["X".into()])).unwrap();
        assert_eq!(UserDictionary::parse(&empty).unwrap().suppress, ["X"]);
    }

    #[test]
    fn a_malformed_file_is_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("entities.toml");
        for bad in ["suppress = [\"A\"\n", "[[entity]]\nname = \"X\"\nkind = \"THING\"\n"] {
            std::fs::write(&path, bad).unwrap();
            let err = correct(&path, &Correction::Suppress(vec!["B".into()])).unwrap_err();
            assert!(matches!(err, DictionaryError::Invalid { .. }), "{err}");
            assert!(err.to_string().contains("entities.toml"));
            assert_eq!(std::fs::read_to_string(&path).unwrap(), bad);
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");
    }

    #[test]
    fn apply_creates_the_file_and_its_directory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kiosque").join("entities.toml");
        let d = correct(&path, &retag("Nordvik-1", EntityKind::Misc)).unwrap();
        assert_eq!(d.entities[0].name, "Nordvik-1");
        assert_eq!(UserDictionary::load(&path).unwrap(), d);
        let d = correct(&path, &Correction::Suppress(vec!["Tallinn".into()])).unwrap();
        assert_eq!((d.suppress.len(), d.entities.len()), (1, 1));
    }
}
