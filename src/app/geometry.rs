//! Where each pane goes for a terminal size: shared by the drawing code and by
//! `update` (page sizes, mouse clicks, wrap width), so they always agree.

use ratatui::layout::Rect;

/// Terminals at least this wide show the list and the reader side by side.
pub const WIDE: u16 = 100;

/// The screen's regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    /// The article list, border included.
    pub list: Rect,
    /// The reader, border included.
    pub reader: Rect,
    /// The one-line filter bar (also the find prompt).
    pub filter: Rect,
    /// The one-line status bar.
    pub status: Rect,
}

impl Panes {
    /// Splits a terminal of `width` × `height`.
    #[must_use]
    pub fn new(width: u16, height: u16) -> Panes {
        let body_h = height.saturating_sub(2);
        let filter = Rect::new(0, body_h, width, height.min(1));
        let status = Rect::new(
            0,
            body_h.saturating_add(1).min(height.saturating_sub(1)),
            width,
            u16::from(height >= 2),
        );
        let (list, reader) = if width >= WIDE {
            let lw = (width * 9 / 20).clamp(30, 80);
            (Rect::new(0, 0, lw, body_h), Rect::new(lw, 0, width - lw, body_h))
        } else {
            let lh = (body_h * 2 / 5).max(body_h.min(5));
            (Rect::new(0, 0, width, lh), Rect::new(0, lh, width, body_h - lh))
        };
        Panes { list, reader, filter, status }
    }

    /// The rows of the list inside its border.
    #[must_use]
    pub fn list_inner(&self) -> Rect {
        inner(self.list, 0)
    }

    /// The reader's text area (see [`reader_text_in`]).
    #[must_use]
    pub fn reader_text(&self) -> Rect {
        reader_text_in(self.reader)
    }
}

/// The text area of a reader drawn in `reader`: inside its border, one column
/// of padding each side.
#[must_use]
pub fn reader_text_in(reader: Rect) -> Rect {
    inner(reader, 1)
}

/// `r` without its border and `pad` columns each side.
fn inner(r: Rect, pad: u16) -> Rect {
    let x_cut = (1 + pad).min(r.width / 2);
    let y_cut = 1.min(r.height / 2);
    Rect::new(r.x + x_cut, r.y + y_cut, r.width - 2 * x_cut, r.height - 2 * y_cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_put_panes_side_by_side() {
        let p = Panes::new(120, 40);
        assert_eq!(p.list.y, p.reader.y);
        assert_eq!(p.list.right(), p.reader.x);
        assert_eq!(p.reader.right(), 120);
        assert_eq!((p.filter.y, p.status.y), (38, 39));
    }

    #[test]
    fn narrow_terminals_stack_them() {
        let p = Panes::new(80, 24);
        assert_eq!(p.list.x, p.reader.x);
        assert_eq!(p.list.bottom(), p.reader.y);
        assert_eq!(p.reader.bottom(), 22);
        assert_eq!(p.reader_text().width, 76);
    }

    #[test]
    fn tiny_terminals_do_not_underflow() {
        for (w, h) in [(0, 0), (1, 1), (3, 2), (10, 3)] {
            let p = Panes::new(w, h);
            assert!(p.reader_text().width <= w);
            assert!(p.list_inner().height <= h);
        }
    }
}
