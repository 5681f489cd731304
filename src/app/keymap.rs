//! Which key does what, per mode: defaults beside their tests, overridable from
//! `config.toml` (`[keys.list]`, `[keys.reader]`, ..., `"ctrl-n" = "move_down"`,
//! `"q" = "none"` to unbind).

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where a key is looked up. Text-input modes (filter, find, help) send unbound
/// keys to their text field; the others fall back to [`Mode::Global`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// Everywhere outside a text field.
    Global,
    /// The article list has the focus.
    List,
    /// The reader has the focus.
    Reader,
    /// Typing in the filter bar.
    Filter,
    /// Typing a find inside the article.
    Find,
    /// The help overlay is open.
    Help,
    /// The saved views are listed.
    Views,
    /// Typing the name of a view to save.
    ViewName,
    /// Typing a label.
    Labels,
    /// Editing a note (multi-line).
    Note,
    /// Choosing an action for every article of the filter.
    Bulk,
    /// Answering a yes/no question.
    Confirm,
    /// The entity panel.
    Entities,
    /// The related articles.
    Related,
    /// The timeline.
    Timeline,
    /// Choosing another kind for an entity.
    Retag,
}

impl Mode {
    /// Every mode, in the order the help overlay lists bindings.
    pub const ALL: &'static [Mode] = &[
        Mode::Global,
        Mode::List,
        Mode::Reader,
        Mode::Filter,
        Mode::Find,
        Mode::Help,
        Mode::Views,
        Mode::ViewName,
        Mode::Labels,
        Mode::Note,
        Mode::Bulk,
        Mode::Confirm,
        Mode::Entities,
        Mode::Related,
        Mode::Timeline,
        Mode::Retag,
    ];

    /// The name of its table in `config.toml` (`[keys.NAME]`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::List => "list",
            Mode::Reader => "reader",
            Mode::Filter => "filter",
            Mode::Find => "find",
            Mode::Help => "help",
            Mode::Views => "views",
            Mode::ViewName => "view_name",
            Mode::Labels => "labels",
            Mode::Note => "note",
            Mode::Bulk => "bulk",
            Mode::Confirm => "confirm",
            Mode::Entities => "entities",
            Mode::Related => "related",
            Mode::Timeline => "timeline",
            Mode::Retag => "retag",
        }
    }

    /// Whether unbound keys are typed into a text field.
    #[must_use]
    pub fn is_text(self) -> bool {
        matches!(self, Mode::Filter | Mode::Find | Mode::Help | Mode::ViewName | Mode::Labels | Mode::Note)
    }

    /// Whether keys unbound here fall back to the global table (only the panes do:
    /// an overlay keeps its keys to itself).
    #[must_use]
    pub fn falls_back(self) -> bool {
        matches!(self, Mode::Global | Mode::List | Mode::Reader)
    }
}

/// A key with its modifiers, normalised so that `G` and `shift-g` are the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    code: KeyCodeOrd,
    ctrl: bool,
    alt: bool,
    shift: bool,
}

/// The key codes kiosque binds, ordered so that keys sort in the help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum KeyCodeOrd {
    Char(char),
    F(u8),
    Named(&'static str),
}

/// Named keys: config spelling and crossterm code.
const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("insert", KeyCode::Insert),
];

impl Key {
    /// The key of a terminal key event, or `None` for keys kiosque cannot bind.
    #[must_use]
    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        let m = ev.modifiers;
        let code = match ev.code {
            KeyCode::Char(c) => KeyCodeOrd::Char(c),
            KeyCode::F(n) => KeyCodeOrd::F(n),
            other => KeyCodeOrd::Named(NAMED.iter().find(|(_, c)| *c == other)?.0),
        };
        // A typed capital or symbol already carries its shift.
        let shift = m.contains(KeyModifiers::SHIFT) && !matches!(code, KeyCodeOrd::Char(_));
        Some(Key { code, ctrl: m.contains(KeyModifiers::CONTROL), alt: m.contains(KeyModifiers::ALT), shift })
    }

    /// Parses the config spelling: `j`, `G`, `?`, `space`, `ctrl-d`, `alt-x`,
    /// `shift-tab`, `pagedown`, `f1`.
    ///
    /// # Errors
    /// A message naming the key when it is not understood.
    pub fn parse(s: &str) -> Result<Key, String> {
        let bad = || format!("unknown key `{s}`");
        let mut key = Key { code: KeyCodeOrd::Char(' '), ctrl: false, alt: false, shift: false };
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.len() > 2 && lower.starts_with("ctrl-") {
                key.ctrl = true;
                rest = &rest[5..];
            } else if lower.len() > 2 && lower.starts_with("alt-") {
                key.alt = true;
                rest = &rest[4..];
            } else if lower.len() > 2 && lower.starts_with("shift-") {
                key.shift = true;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCodeOrd::Char(c),
            _ => {
                let lower = rest.to_ascii_lowercase();
                if lower == "space" {
                    KeyCodeOrd::Char(' ')
                } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    KeyCodeOrd::F(n)
                } else {
                    let name = match lower.as_str() {
                        "pgdn" => "pagedown",
                        "pgup" => "pageup",
                        "escape" => "esc",
                        "return" => "enter",
                        other => other,
                    };
                    KeyCodeOrd::Named(NAMED.iter().find(|(n, _)| *n == name).ok_or_else(bad)?.0)
                }
            }
        };
        if let KeyCodeOrd::Char(c) = key.code {
            if key.shift && c.is_ascii_lowercase() {
                key.code = KeyCodeOrd::Char(c.to_ascii_uppercase());
            }
            key.shift = false;
        }
        if key.shift && key.code == KeyCodeOrd::Named("tab") {
            key = Key { code: KeyCodeOrd::Named("backtab"), shift: false, ..key };
        }
        Ok(key)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        if self.shift {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCodeOrd::Char(' ') => f.write_str("space"),
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::F(n) => write!(f, "f{n}"),
            KeyCodeOrd::Named(n) => f.write_str(n),
        }
    }
}

/// The default bindings, `(mode, key, action)`.
const DEFAULTS: &[(Mode, &str, Action)] = &[
    (Mode::Global, "q", Action::Quit),
    (Mode::Global, "ctrl-c", Action::Quit),
    (Mode::Global, "j", Action::MoveDown),
    (Mode::Global, "down", Action::MoveDown),
    (Mode::Global, "k", Action::MoveUp),
    (Mode::Global, "up", Action::MoveUp),
    (Mode::Global, "ctrl-d", Action::PageDown),
    (Mode::Global, "pagedown", Action::PageDown),
    (Mode::Global, "space", Action::PageDown),
    (Mode::List, "space", Action::ToggleRead),
    (Mode::Global, "ctrl-u", Action::PageUp),
    (Mode::Global, "pageup", Action::PageUp),
    (Mode::Global, "g", Action::Top),
    (Mode::Global, "home", Action::Top),
    (Mode::Global, "G", Action::Bottom),
    (Mode::Global, "end", Action::Bottom),
    (Mode::Global, "tab", Action::SwitchPane),
    (Mode::Global, "backtab", Action::SwitchPane),
    (Mode::Global, "/", Action::FocusFilter),
    (Mode::Global, "f", Action::Find),
    (Mode::Global, "n", Action::NextMatch),
    (Mode::Global, "N", Action::PrevMatch),
    (Mode::Global, "e", Action::ToggleEntities),
    (Mode::Global, "]", Action::NextMention),
    (Mode::Global, "[", Action::PrevMention),
    (Mode::Global, "?", Action::Help),
    (Mode::Global, "esc", Action::Back),
    (Mode::List, "enter", Action::Open),
    (Mode::List, "right", Action::Open),
    (Mode::Reader, "h", Action::Back),
    (Mode::Reader, "left", Action::Back),
    (Mode::Filter, "enter", Action::FilterAccept),
    (Mode::Filter, "esc", Action::FilterCancel),
    (Mode::Filter, "ctrl-u", Action::FilterClear),
    (Mode::Filter, "ctrl-c", Action::Quit),
    (Mode::Filter, "up", Action::HistoryOlder),
    (Mode::Filter, "down", Action::HistoryNewer),
    (Mode::Find, "enter", Action::FindAccept),
    (Mode::Find, "esc", Action::FindCancel),
    (Mode::Find, "ctrl-c", Action::Quit),
    (Mode::Global, "V", Action::Views),
    (Mode::Global, "x", Action::ToggleRead),
    (Mode::Global, "s", Action::ToggleStar),
    (Mode::Global, "l", Action::EditLabels),
    (Mode::Global, "a", Action::EditNote),
    (Mode::Global, "u", Action::Undo),
    (Mode::Global, "*", Action::ApplyToFilter),
    (Mode::List, "v", Action::SelectRange),
    (Mode::Labels, "enter", Action::LabelAccept),
    (Mode::Labels, "tab", Action::LabelComplete),
    (Mode::Labels, "esc", Action::Close),
    (Mode::Labels, "ctrl-c", Action::Quit),
    (Mode::Note, "ctrl-s", Action::NoteSave),
    (Mode::Note, "esc", Action::NoteCancel),
    (Mode::Bulk, "x", Action::ToggleRead),
    (Mode::Bulk, "space", Action::ToggleRead),
    (Mode::Bulk, "s", Action::ToggleStar),
    (Mode::Bulk, "l", Action::EditLabels),
    (Mode::Bulk, "esc", Action::Close),
    (Mode::Bulk, "q", Action::Close),
    (Mode::Bulk, "ctrl-c", Action::Quit),
    (Mode::Confirm, "y", Action::ConfirmYes),
    (Mode::Confirm, "enter", Action::ConfirmYes),
    (Mode::Confirm, "n", Action::Close),
    (Mode::Confirm, "esc", Action::Close),
    (Mode::Entities, "j", Action::MoveDown),
    (Mode::Entities, "down", Action::MoveDown),
    (Mode::Entities, "k", Action::MoveUp),
    (Mode::Entities, "up", Action::MoveUp),
    (Mode::Entities, "enter", Action::LookupAccept),
    (Mode::Entities, "esc", Action::Close),
    (Mode::Entities, "q", Action::Close),
    (Mode::Entities, "ctrl-c", Action::Quit),
    (Mode::Related, "j", Action::MoveDown),
    (Mode::Related, "down", Action::MoveDown),
    (Mode::Related, "k", Action::MoveUp),
    (Mode::Related, "up", Action::MoveUp),
    (Mode::Related, "enter", Action::LookupAccept),
    (Mode::Related, "esc", Action::Close),
    (Mode::Related, "q", Action::Close),
    (Mode::Related, "ctrl-c", Action::Quit),
    (Mode::Timeline, "j", Action::MoveDown),
    (Mode::Timeline, "down", Action::MoveDown),
    (Mode::Timeline, "k", Action::MoveUp),
    (Mode::Timeline, "up", Action::MoveUp),
    (Mode::Timeline, "enter", Action::LookupAccept),
    (Mode::Timeline, "esc", Action::Close),
    (Mode::Timeline, "q", Action::Close),
    (Mode::Timeline, "ctrl-c", Action::Quit),
    (Mode::Global, "E", Action::EntityPanel),
    (Mode::Global, "r", Action::Related),
    (Mode::Global, "t", Action::Timeline),
    (Mode::Global, "y", Action::CopyArticle),
    (Mode::Global, "o", Action::OpenPager),
    (Mode::Global, "O", Action::OpenBrowser),
    (Mode::Entities, "E", Action::Close),
    (Mode::Entities, "y", Action::CopyArticle),
    (Mode::Entities, "d", Action::SuppressEntity),
    (Mode::Entities, "K", Action::RetagEntity),
    (Mode::Entities, "m", Action::MarkEntity),
    (Mode::Entities, "M", Action::MergeEntity),
    (Mode::Retag, "j", Action::MoveDown),
    (Mode::Retag, "down", Action::MoveDown),
    (Mode::Retag, "k", Action::MoveUp),
    (Mode::Retag, "up", Action::MoveUp),
    (Mode::Retag, "enter", Action::LookupAccept),
    (Mode::Retag, "esc", Action::Close),
    (Mode::Retag, "q", Action::Close),
    (Mode::Retag, "ctrl-c", Action::Quit),
    (Mode::Related, "r", Action::Close),
    (Mode::Timeline, "t", Action::Close),
    (Mode::Timeline, "h", Action::MoveUp),
    (Mode::Timeline, "left", Action::MoveUp),
    (Mode::Timeline, "l", Action::MoveDown),
    (Mode::Timeline, "right", Action::MoveDown),
    (Mode::Global, "S", Action::SaveView),
    (Mode::Filter, "ctrl-s", Action::SaveView),
    (Mode::Help, "esc", Action::Close),
    (Mode::Help, "?", Action::Close),
    (Mode::Help, "ctrl-c", Action::Quit),
    (Mode::Help, "down", Action::MoveDown),
    (Mode::Help, "up", Action::MoveUp),
    (Mode::Help, "pagedown", Action::PageDown),
    (Mode::Help, "pageup", Action::PageUp),
    (Mode::Views, "j", Action::MoveDown),
    (Mode::Views, "down", Action::MoveDown),
    (Mode::Views, "k", Action::MoveUp),
    (Mode::Views, "up", Action::MoveUp),
    (Mode::Views, "enter", Action::OpenView),
    (Mode::Views, "d", Action::DeleteView),
    (Mode::Views, "delete", Action::DeleteView),
    (Mode::Views, "esc", Action::Close),
    (Mode::Views, "V", Action::Close),
    (Mode::Views, "q", Action::Close),
    (Mode::Views, "ctrl-c", Action::Quit),
    (Mode::ViewName, "enter", Action::ViewNameAccept),
    (Mode::ViewName, "esc", Action::Close),
    (Mode::ViewName, "ctrl-c", Action::Quit),
];

/// Key bindings per mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// Each binding with its rank: defaults in the order written, overrides after.
    map: BTreeMap<(Mode, Key), (Action, usize)>,
}

impl Default for Keymap {
    fn default() -> Self {
        let map = DEFAULTS
            .iter()
            .enumerate()
            .map(|(rank, (mode, key, action))| {
                ((*mode, Key::parse(key).unwrap_or_else(|e| panic!("default keymap: {e}"))), (*action, rank))
            })
            .collect();
        Keymap { map }
    }
}

impl Keymap {
    /// Applies overrides from `config.toml`: mode name → key → action name or `none`.
    ///
    /// # Errors
    /// A message naming the bad mode, key or action.
    pub fn apply(&mut self, overrides: &BTreeMap<String, BTreeMap<String, String>>) -> Result<(), String> {
        for (mode_name, keys) in overrides {
            let mode = Mode::ALL
                .iter()
                .copied()
                .find(|m| m.name() == mode_name)
                .ok_or_else(|| format!("unknown key table `keys.{mode_name}`"))?;
            for (key, action) in keys {
                let key = Key::parse(key)?;
                if action == "none" {
                    self.map.remove(&(mode, key));
                } else {
                    let rank = self.map.len() + DEFAULTS.len();
                    self.map.insert((mode, key), (action.parse()?, rank));
                }
            }
        }
        Ok(())
    }

    /// The action of `ev` in `mode`; outside text fields, unbound keys fall back to
    /// the global table. `None` means: not a command (typed text, or nothing).
    #[must_use]
    pub fn lookup(&self, mode: Mode, ev: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(ev)?;
        if let Some((a, _)) = self.map.get(&(mode, key)) {
            return Some(*a);
        }
        if mode.falls_back() { self.map.get(&(Mode::Global, key)).map(|(a, _)| *a) } else { None }
    }

    /// The keys bound to `action` in `mode`, the main one first (the order of the
    /// defaults, then overrides), for the help overlay and the status bar.
    #[must_use]
    pub fn keys_for(&self, mode: Mode, action: Action) -> Vec<Key> {
        let mut keys: Vec<(usize, Key)> = self
            .map
            .iter()
            .filter(|((m, _), (a, _))| *m == mode && *a == action)
            .map(|((_, k), (_, rank))| (*rank, *k))
            .collect();
        keys.sort_unstable();
        keys.into_iter().map(|(_, k)| k).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn vim_and_arrow_keys_do_the_same() {
        let km = Keymap::default();
        let none = KeyModifiers::NONE;
        for mode in [Mode::List, Mode::Reader] {
            assert_eq!(km.lookup(mode, &ev(KeyCode::Char('j'), none)), Some(Action::MoveDown));
            assert_eq!(km.lookup(mode, &ev(KeyCode::Down, none)), Some(Action::MoveDown));
            assert_eq!(km.lookup(mode, &ev(KeyCode::Char('k'), none)), Some(Action::MoveUp));
            assert_eq!(km.lookup(mode, &ev(KeyCode::Home, none)), Some(Action::Top));
            assert_eq!(km.lookup(mode, &ev(KeyCode::Char('g'), none)), Some(Action::Top));
            assert_eq!(km.lookup(mode, &ev(KeyCode::End, none)), Some(Action::Bottom));
            assert_eq!(km.lookup(mode, &ev(KeyCode::PageDown, none)), Some(Action::PageDown));
            let ctrl_d = ev(KeyCode::Char('d'), KeyModifiers::CONTROL);
            assert_eq!(km.lookup(mode, &ctrl_d), Some(Action::PageDown));
        }
    }

    #[test]
    fn shifted_letters_match_their_capital() {
        let km = Keymap::default();
        let g = ev(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(km.lookup(Mode::List, &g), Some(Action::Bottom));
        assert_eq!(Key::parse("shift-g"), Key::parse("G"));
        assert_eq!(Key::parse("shift-tab"), Key::parse("backtab"));
    }

    #[test]
    fn text_modes_type_letters_but_keep_their_own_keys() {
        let km = Keymap::default();
        assert_eq!(km.lookup(Mode::Filter, &ev(KeyCode::Char('q'), KeyModifiers::NONE)), None);
        assert_eq!(
            km.lookup(Mode::Filter, &ev(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Action::FilterAccept)
        );
        let ctrl_u = ev(KeyCode::Char('u'), KeyModifiers::CONTROL);
        assert_eq!(km.lookup(Mode::Filter, &ctrl_u), Some(Action::FilterClear));
        let ctrl_c = ev(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(km.lookup(Mode::Help, &ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn config_overrides_rebind_and_unbind() {
        let mut km = Keymap::default();
        let mut list = BTreeMap::new();
        list.insert("ctrl-n".to_string(), "move_down".to_string());
        let mut global = BTreeMap::new();
        global.insert("q".to_string(), "none".to_string());
        let overrides = BTreeMap::from([("list".to_string(), list), ("global".to_string(), global)]);
        km.apply(&overrides).unwrap();
        let ctrl_n = ev(KeyCode::Char('n'), KeyModifiers::CONTROL);
        assert_eq!(km.lookup(Mode::List, &ctrl_n), Some(Action::MoveDown));
        assert_eq!(km.lookup(Mode::List, &ev(KeyCode::Char('q'), KeyModifiers::NONE)), None);
    }

    #[test]
    fn bad_overrides_say_what_is_wrong() {
        let mut km = Keymap::default();
        let bad_action =
            BTreeMap::from([("list".to_string(), BTreeMap::from([("x".to_string(), "fly".to_string())]))]);
        assert!(km.apply(&bad_action).unwrap_err().contains("fly"));
        let bad_key = BTreeMap::from([(
            "list".to_string(),
            BTreeMap::from([("hyper-x".to_string(), "quit".to_string())]),
        )]);
        assert!(km.apply(&bad_key).unwrap_err().contains("hyper-x"));
        let bad_mode = BTreeMap::from([("menu".to_string(), BTreeMap::new())]);
        assert!(km.apply(&bad_mode).unwrap_err().contains("menu"));
    }

    #[test]
    fn keys_print_as_they_are_written_in_config() {
        for s in ["ctrl-d", "G", "?", "space", "pagedown", "f5", "alt-x", "backtab"] {
            assert_eq!(Key::parse(s).unwrap().to_string(), s);
        }
    }
}
