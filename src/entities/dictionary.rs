//! The user dictionary, `entities.toml`: names to add with their kind and aliases,
//! aliases to merge under a known canonical name, and false names to suppress.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::EntityKind;
use super::gazetteer::kind_from_str;

/// A user's additions to the built-in gazetteers, read from `entities.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserDictionary {
    /// Names to add, or to merge into a known name.
    pub entities: Vec<UserEntity>,
    /// Surface forms never reported, whatever rule found them.
    pub suppress: Vec<String>,
}

/// One name of the user dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserEntity {
    /// The canonical name; when it (or an alias) is already known, the aliases are
    /// merged into the known entry.
    pub name: String,
    /// Its kind; may be left out when merging into a known name.
    pub kind: Option<EntityKind>,
    /// Other surface forms of the same entity.
    pub aliases: Vec<String>,
}

/// Why a user dictionary could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum DictionaryError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The corrected file could not be written (the old one is still there).
    #[error("{path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not valid TOML of the documented schema.
    #[error("{path}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong, with its place in the file.
        message: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDictionary {
    #[serde(default)]
    entity: Vec<RawEntity>,
    #[serde(default)]
    suppress: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    name: String,
    kind: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

impl UserDictionary {
    /// Reads and checks `entities.toml` at `path`.
    ///
    /// # Errors
    /// [`DictionaryError::Read`] when the file cannot be read, [`DictionaryError::Invalid`]
    /// when it is not TOML of the schema (unknown keys and unknown kinds included).
    pub fn load(path: impl AsRef<Path>) -> Result<UserDictionary, DictionaryError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .map_err(|source| DictionaryError::Read { path: path.to_path_buf(), source })?;
        Self::parse(&text).map_err(|message| DictionaryError::Invalid { path: path.to_path_buf(), message })
    }

    /// Parses the TOML text of a dictionary.
    ///
    /// # Errors
    /// A message saying what is wrong.
    pub fn parse(text: &str) -> Result<UserDictionary, String> {
        let raw: RawDictionary = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut entities = Vec::with_capacity(raw.entity.len());
        for e in raw.entity {
            if e.name.trim().is_empty() {
                return Err("an [[entity]] has an empty name".to_string());
            }
            let kind = match e.kind.as_deref() {
                None => None,
                Some(k) => Some(kind_from_str(k).ok_or_else(|| {
                    format!(
                        "entity {:?}: unknown kind {k:?} (PER, ORG, LOC, MISC, DATE, MONEY, QUANTITY)",
                        e.name
                    )
                })?),
            };
            entities.push(UserEntity { name: e.name.trim().to_string(), kind, aliases: e.aliases });
        }
        Ok(UserDictionary { entities, suppress: raw.suppress })
    }

    /// Where kiosque looks for `entities.toml` when no `--entities-dict` is given.
    #[must_use]
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "kiosque").map(|d| d.config_dir().join("entities.toml"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entities_and_suppressions() {
        let d = UserDictionary::parse(
            "suppress = [\"Alliance\"]\n[[entity]]\nname = \"Ouest Horizon\"\nkind = \"org\"\naliases = [\"OH\"]\n\
             [[entity]]\nname = \"OTAN\"\naliases = [\"Alliance atlantique nord\"]\n",
        )
        .unwrap();
        assert_eq!(d.suppress, ["Alliance"]);
        assert_eq!(d.entities[0].kind, Some(EntityKind::Org));
        assert_eq!(d.entities[1].kind, None);
    }

    #[test]
    fn rejects_unknown_kinds_and_keys() {
        assert!(
            UserDictionary::parse("[[entity]]\nname = \"X\"\nkind = \"THING\"\n")
                .unwrap_err()
                .contains("THING")
        );
        assert!(UserDictionary::parse("names = []\n").is_err());
    }
}
