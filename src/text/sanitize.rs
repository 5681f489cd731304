//! Neutralising untrusted text before it reaches a terminal.
//!
//! Corpus text comes from scrapers: it may hold escape sequences (CSI, OSC 52
//! clipboard writes, OSC 8 links), C1 controls and bidi overrides that would act on
//! the user's terminal or disguise what is shown. Each such character is replaced
//! by a visible stand-in, one character for one, so that a reader can still see that
//! something was there and so that widths stay predictable.

use std::borrow::Cow;

/// What to show in place of one character of corpus text.
#[must_use]
pub fn display_char(c: char) -> Option<char> {
    match c {
        // Newlines and tabs are layout, handled by the caller.
        '\n' | '\t' => Some(c),
        // C0 controls and DEL: the Unicode "control pictures" (ESC shows as ␛).
        '\0'..='\x1f' => char::from_u32(0x2400 + c as u32),
        '\x7f' => Some('\u{2421}'),
        // C1 controls (an 8-bit CSI is U+009B).
        '\u{80}'..='\u{9f}' => Some('\u{fffd}'),
        // Bidi embeddings, overrides and isolates: they reorder what follows.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}' => None,
        _ => Some(c),
    }
}

/// Whether `c` is shown as something other than itself.
#[must_use]
pub fn is_unsafe(c: char) -> bool {
    display_char(c) != Some(c)
}

/// `s` with every unsafe character replaced (see [`display_char`]); newlines and
/// tabs become spaces, since this is for single-line output such as titles.
#[must_use]
pub fn sanitize_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) || c == '\n' || c == '\t' || c == '\r') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\n' | '\t' | '\r' => Some(' '),
                _ => display_char(c),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_made_visible() {
        let s = "a\x1b[2Jb\x1b]52;c;aGVsbG8=\x07c";
        let out = sanitize_line(s);
        assert!(!out.contains('\x1b'));
        assert!(!out.contains('\x07'));
        assert!(out.contains('\u{241b}'));
        assert!(out.starts_with('a'));
    }

    #[test]
    fn c1_and_bidi_controls_are_neutralised() {
        let out = sanitize_line("x\u{9b}31my\u{202e}z");
        assert_eq!(out, "x\u{fffd}31myz");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(sanitize_line("Kyiv, «été»"), Cow::Borrowed(_)));
    }

    #[test]
    fn newlines_become_spaces_in_a_line() {
        assert_eq!(sanitize_line("a\nb\r\tc"), "a b  c");
    }
}
