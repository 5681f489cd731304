//! The user's `config.toml` (in the config dir, e.g. `~/.config/kiosque/`):
//! key binding overrides and the theme. User themes live beside it in `themes/`.
//!
//! ```toml
//! theme = "light"
//! [keys.list]
//! "ctrl-n" = "move_down"
//! [keys.global]
//! "q" = "none"   # unbind
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::app::keymap::Keymap;
use crate::ui::theme::{BUILTIN, Theme};

/// What `config.toml` may hold.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The theme's name (a built-in one or `themes/NAME.toml` in the config dir).
    pub theme: Option<String>,
    /// Per mode (`global`, `list`, `reader`, `filter`, `find`, `help`): key → action name.
    #[serde(default)]
    pub keys: BTreeMap<String, BTreeMap<String, String>>,
    /// Whether opening an article marks it read (default: yes).
    pub mark_read_on_open: Option<bool>,
}

/// The config dir (`ProjectDirs`' config dir for kiosque), when the platform has one.
#[must_use]
pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kiosque").map(|d| d.config_dir().to_path_buf())
}

impl Config {
    /// Reads `config.toml` from `dir`; a missing file is the defaults.
    ///
    /// # Errors
    /// A message naming the file when it cannot be read or parsed.
    pub fn load(dir: Option<&Path>) -> Result<Config, String> {
        let Some(path) = dir.map(|d| d.join("config.toml")) else { return Ok(Config::default()) };
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// The default keymap with this config's overrides.
    ///
    /// # Errors
    /// A message naming the bad binding.
    pub fn keymap(&self) -> Result<Keymap, String> {
        let mut km = Keymap::default();
        km.apply(&self.keys).map_err(|e| format!("config.toml: {e}"))?;
        Ok(km)
    }
}

/// The theme called `name` (default `dark`): the user's `themes/NAME.toml` in
/// `dir` first, then the built-in ones. `no_colour` strips colours (`NO_COLOR`).
///
/// # Errors
/// A message listing the known themes, or the theme file's error.
pub fn theme(name: Option<&str>, dir: Option<&Path>, no_colour: bool) -> Result<Theme, String> {
    let name = name.unwrap_or("dark");
    let user = dir.map(|d| d.join("themes").join(format!("{name}.toml")));
    let theme = match user.filter(|p| p.is_file()) {
        Some(path) => {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            Theme::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => Theme::builtin(name).ok_or_else(|| {
            let known: Vec<_> = BUILTIN.iter().map(|(n, _)| *n).collect();
            format!("unknown theme `{name}` (built in: {})", known.join(", "))
        })?,
    };
    Ok(if no_colour { theme.without_colour() } else { theme })
}

/// Whether the `NO_COLOR` convention asks for no colour (set and not empty).
#[must_use]
pub fn no_colour_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_config_is_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let c = Config::load(Some(dir.path())).unwrap();
        assert!(c.theme.is_none() && c.keys.is_empty());
        assert_eq!(c.keymap().unwrap(), Keymap::default());
    }

    #[test]
    fn config_sets_theme_and_keys() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "theme = \"light\"\n[keys.list]\n\"x\" = \"quit\"\n")
            .unwrap();
        let c = Config::load(Some(dir.path())).unwrap();
        assert_eq!(c.theme.as_deref(), Some("light"));
        assert_ne!(c.keymap().unwrap(), Keymap::default());
    }

    #[test]
    fn bad_config_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "colour = 3\n").unwrap();
        assert!(Config::load(Some(dir.path())).unwrap_err().contains("config.toml"));
    }

    #[test]
    fn user_themes_come_first_and_unknown_ones_list_the_builtins() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("themes")).unwrap();
        std::fs::write(dir.path().join("themes/mine.toml"), "[styles]\ntitle = { fg = \"red\" }\n").unwrap();
        let t = theme(Some("mine"), Some(dir.path()), false).unwrap();
        assert_eq!(t.title.fg, Some(ratatui::style::Color::Red));
        let err = theme(Some("nope"), Some(dir.path()), false).unwrap_err();
        assert!(err.contains("nope") && err.contains("high-contrast"));
        assert_eq!(theme(None, None, false).unwrap(), Theme::builtin("dark").unwrap());
    }
}
