//! Themes: named styles read from TOML (`themes/*.toml`, embedded in the binary,
//! plus the user's own in the config dir). With `NO_COLOR` the colours go but
//! every highlight keeps a visible attribute (bold, underline, reverse).

use std::collections::BTreeMap;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::entities::EntityKind;

/// The themes shipped inside the binary: name and TOML.
pub const BUILTIN: &[(&str, &str)] = &[
    ("dark", include_str!("../../themes/dark.toml")),
    ("light", include_str!("../../themes/light.toml")),
    ("high-contrast", include_str!("../../themes/high-contrast.toml")),
    ("ansi16", include_str!("../../themes/ansi16.toml")),
];

/// Declares [`Theme`]'s roles with their no-colour attribute, once.
macro_rules! roles {
    ($($role:ident => $mono:expr, $doc:literal;)+) => {
        /// Named styles for every part of the screen.
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct Theme {
            $(#[doc = $doc] pub $role: Style,)+
            /// Entity mentions, by kind (see [`EntityKind::ALL`]).
            pub entities: [Style; 7],
        }

        /// Role names as written under `[styles]`.
        const ROLES: &[&str] = &[$(stringify!($role),)+];

        impl Theme {
            fn role_mut(&mut self, name: &str) -> Option<&mut Style> {
                match name {
                    $(stringify!($role) => Some(&mut self.$role),)+
                    _ => None,
                }
            }

            /// Without colours; highlights keep (or gain) an attribute so they stay visible.
            #[must_use]
            pub fn without_colour(&self) -> Theme {
                let strip = |s: Style, m: Modifier| {
                    Style::default().add_modifier(s.add_modifier | m).remove_modifier(s.sub_modifier)
                };
                let mut t = Theme { $($role: strip(self.$role, $mono),)+ entities: self.entities };
                // Kinds get only their own attributes, so they stay apart without colour.
                for (i, kind) in EntityKind::ALL.iter().enumerate() {
                    t.entities[i] = Style::default().add_modifier(mono_entity(*kind));
                }
                t
            }
        }
    };
}

roles! {
    base => Modifier::empty(), "Body text and the panes' background.";
    dim => Modifier::DIM, "Secondary text: dates, sources, hints.";
    title => Modifier::BOLD, "The article's title in the reader.";
    heading => Modifier::BOLD, "Heading paragraphs.";
    credit => Modifier::DIM, "Photo credits.";
    meta => Modifier::DIM, "The reader's meta line.";
    border => Modifier::empty(), "Pane borders.";
    border_focused => Modifier::BOLD, "The focused pane's border and title.";
    selected => Modifier::REVERSED, "The selected row of the list when it has the focus.";
    selected_unfocused => Modifier::UNDERLINED, "The selected row when the reader has the focus.";
    filter_match => Modifier::BOLD.union(Modifier::UNDERLINED), "Where the filter matches.";
    find_match => Modifier::UNDERLINED, "Occurrences of the find.";
    current => Modifier::REVERSED, "The occurrence, match or mention jumped to.";
    bar => Modifier::empty(), "The filter bar.";
    status => Modifier::empty(), "The status bar.";
    status_key => Modifier::BOLD, "Keys named in the status bar.";
    error => Modifier::BOLD, "Errors (a malformed filter).";
    unread => Modifier::BOLD, "The mark of an unread article in the list.";
    star => Modifier::BOLD, "The star of a starred article.";
    label => Modifier::ITALIC, "Review labels in the list and the meta line.";
    in_range => Modifier::UNDERLINED, "Rows of the range selection (`v`).";
}

/// The no-colour attributes of each entity kind: all different, all visible.
fn mono_entity(kind: EntityKind) -> Modifier {
    match kind {
        EntityKind::Per => Modifier::BOLD | Modifier::UNDERLINED,
        EntityKind::Org => Modifier::ITALIC | Modifier::UNDERLINED,
        EntityKind::Loc => Modifier::UNDERLINED,
        EntityKind::Misc => Modifier::BOLD | Modifier::ITALIC,
        EntityKind::Date => Modifier::ITALIC,
        EntityKind::Money => Modifier::BOLD,
        EntityKind::Quantity => Modifier::BOLD | Modifier::ITALIC | Modifier::UNDERLINED,
    }
}

/// A style as written in a theme file.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<String>,
    bg: Option<String>,
    #[serde(default)]
    modifiers: Vec<String>,
}

/// A theme file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    #[serde(default)]
    styles: BTreeMap<String, StyleSpec>,
    #[serde(default)]
    entities: BTreeMap<String, StyleSpec>,
}

impl StyleSpec {
    fn to_style(&self) -> Result<Style, String> {
        let colour = |s: &str| Color::from_str(s).map_err(|_| format!("unknown colour `{s}`"));
        let mut style = Style::default();
        if let Some(fg) = &self.fg {
            style = style.fg(colour(fg)?);
        }
        if let Some(bg) = &self.bg {
            style = style.bg(colour(bg)?);
        }
        for m in &self.modifiers {
            style = style.add_modifier(match m.as_str() {
                "bold" => Modifier::BOLD,
                "dim" => Modifier::DIM,
                "italic" => Modifier::ITALIC,
                "underlined" => Modifier::UNDERLINED,
                "reversed" => Modifier::REVERSED,
                "crossed_out" => Modifier::CROSSED_OUT,
                other => return Err(format!("unknown modifier `{other}`")),
            });
        }
        Ok(style)
    }
}

impl Theme {
    /// Parses a theme file.
    ///
    /// # Errors
    /// A message naming the unknown role, kind, colour or modifier, or the TOML error.
    pub fn parse(toml_text: &str) -> Result<Theme, String> {
        let file: ThemeFile = toml::from_str(toml_text).map_err(|e| e.to_string())?;
        let mut theme = Theme::default();
        for (name, spec) in &file.styles {
            let style = spec.to_style().map_err(|e| format!("styles.{name}: {e}"))?;
            let slot = theme
                .role_mut(name)
                .ok_or_else(|| format!("unknown style `{name}` (known: {})", ROLES.join(", ")))?;
            *slot = style;
        }
        for (name, spec) in &file.entities {
            let i = EntityKind::ALL
                .iter()
                .position(|k| k.label().eq_ignore_ascii_case(name))
                .ok_or_else(|| format!("unknown entity kind `{name}`"))?;
            theme.entities[i] = spec.to_style().map_err(|e| format!("entities.{name}: {e}"))?;
        }
        Ok(theme)
    }

    /// An embedded theme by name.
    #[must_use]
    pub fn builtin(name: &str) -> Option<Theme> {
        BUILTIN.iter().find(|(n, _)| *n == name).and_then(|(_, text)| Theme::parse(text).ok())
    }

    /// The style of an entity kind.
    #[must_use]
    pub fn entity(&self, kind: EntityKind) -> Style {
        self.entities[EntityKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_theme_parses_and_styles_every_kind() {
        for (name, text) in BUILTIN {
            let t = Theme::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            for (i, kind) in EntityKind::ALL.iter().enumerate() {
                assert_ne!(t.entities[i], Style::default(), "{name} has no style for {kind:?}");
            }
            assert_ne!(t.selected, Style::default(), "{name}: selection invisible");
        }
    }

    #[test]
    fn entity_kinds_look_different_in_every_theme() {
        for (name, _) in BUILTIN {
            let t = Theme::builtin(name).unwrap();
            for theme in [t.clone(), t.without_colour()] {
                for (i, a) in theme.entities.iter().enumerate() {
                    for b in &theme.entities[i + 1..] {
                        assert_ne!(a, b, "{name}: two kinds share a style");
                    }
                }
            }
        }
    }

    #[test]
    fn ansi16_uses_only_the_sixteen_colours() {
        let t = Theme::builtin("ansi16").unwrap();
        let all = [t.base, t.dim, t.title, t.selected, t.filter_match, t.current, t.status].into_iter();
        for s in all.chain(t.entities) {
            for c in [s.fg, s.bg].into_iter().flatten() {
                assert!(!matches!(c, Color::Rgb(..) | Color::Indexed(_)), "{c:?} is not one of the 16");
            }
        }
    }

    #[test]
    fn no_colour_keeps_highlights_visible() {
        let t = Theme::builtin("dark").unwrap().without_colour();
        for s in [t.selected, t.filter_match, t.find_match, t.current].into_iter().chain(t.entities) {
            assert!(s.fg.is_none() && s.bg.is_none());
            assert!(!s.add_modifier.is_empty(), "{s:?} would be invisible");
        }
    }

    #[test]
    fn mistakes_are_named() {
        assert!(Theme::parse("[styles]\nbogus = {}").unwrap_err().contains("bogus"));
        assert!(Theme::parse("[styles]\nbase = { fg = \"nocolour\" }").unwrap_err().contains("nocolour"));
        assert!(Theme::parse("[entities]\nper = { modifiers = [\"blink\"] }").unwrap_err().contains("blink"));
        assert!(Theme::parse("[entities]\nthing = {}").unwrap_err().contains("thing"));
    }
}
