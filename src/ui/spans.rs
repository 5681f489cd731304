//! Turning a byte range of untrusted text into styled spans: every character is
//! sanitised on the way ([`shown`]), styles come from byte-range layers, and the
//! result is cut to a width with `…`.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::UnicodeWidthChar;

use crate::app::wrap::shown;

/// A style applied over a byte range (layers later in a list win).
pub type Layer = (Range<usize>, Style);

/// The spans of `text[range]` in `base` patched by every layer covering each
/// character, at most `max_width` columns wide (a cut ends with `…`).
#[must_use]
pub fn styled(
    text: &str,
    range: Range<usize>,
    base: Style,
    layers: &[Layer],
    max_width: usize,
) -> Vec<Span<'static>> {
    let here: Vec<&Layer> =
        layers.iter().filter(|(r, _)| r.start < range.end && r.end > range.start).collect();
    let total: usize =
        text[range.clone()].chars().map(|c| shown(c).map_or(0, |d| d.width().unwrap_or(0))).sum();
    let budget = if total > max_width { max_width.saturating_sub(1) } else { max_width };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut buf = String::new();
    let mut buf_style = base;
    let mut used = 0;
    for (off, c) in text[range.clone()].char_indices() {
        let Some(d) = shown(c) else { continue };
        let w = d.width().unwrap_or(0);
        if used + w > budget {
            break;
        }
        used += w;
        let at = range.start + off;
        let style = here.iter().filter(|(r, _)| r.contains(&at)).fold(base, |s, (_, l)| s.patch(*l));
        if style != buf_style && !buf.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut buf), buf_style));
        }
        buf_style = style;
        buf.push(d);
    }
    if !buf.is_empty() {
        spans.push(Span::styled(buf, buf_style));
    }
    if total > max_width && max_width > 0 {
        spans.push(Span::styled("…", base));
    }
    spans
}

/// `s` sanitised and cut to `max_width` columns (with `…`), for fields such as sources.
#[must_use]
pub fn fit(s: &str, max_width: usize) -> String {
    styled(s, 0..s.len(), Style::default(), &[], max_width)
        .into_iter()
        .map(|sp| sp.content.into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier};

    use super::*;

    #[test]
    fn layers_split_spans_and_escapes_are_neutralised() {
        let text = "ab\x1b[2Jcd";
        let red = Style::default().fg(Color::Red);
        let spans = styled(text, 0..text.len(), Style::default(), &[(6..8, red)], 80);
        let joined: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(joined, "ab\u{241b}[2Jcd");
        assert_eq!(spans.last().unwrap().style, red);
        assert_eq!(spans.last().unwrap().content, "cd");
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis_by_width() {
        assert_eq!(fit("東京都の天気", 7), "東京都…");
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("abcdef", 4), "abc…");
    }

    #[test]
    fn later_layers_win() {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let red = Style::default().fg(Color::Red);
        let spans = styled("xy", 0..2, Style::default(), &[(0..2, red), (0..1, bold)], 10);
        assert_eq!(spans[0].style, red.add_modifier(Modifier::BOLD));
        assert_eq!(spans[1].style, red);
    }
}
