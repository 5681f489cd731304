//! A problem with one input, reported without stopping the load.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A warning about one file (and line), printed as `PATH[:LINE]: message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// The file, as the user named it.
    pub path: String,
    /// The 1-based line, when the problem is on one line.
    pub line: Option<usize>,
    /// What went wrong, for a person to read.
    pub message: String,
}

impl Warning {
    /// A warning about a whole file.
    pub fn file(path: impl Into<String>, message: impl Into<String>) -> Self {
        Warning { path: path.into(), line: None, message: message.into() }
    }

    /// A warning about one line of a file.
    pub fn line(path: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Warning { path: path.into(), line: Some(line), message: message.into() }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = crate::text::sanitize::sanitize_line(&self.path);
        match self.line {
            Some(line) => write!(f, "{path}:{line}: {}", self.message),
            None => write!(f, "{path}: {}", self.message),
        }
    }
}
