//! The legend of entity styles, drawn in the reader's bottom border.

use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::entities::EntityKind;

/// One span per entity kind, each in its own style; dimmed names when highlighting is off.
#[must_use]
pub fn legend(theme: &Theme, on: bool) -> Line<'static> {
    let mut spans = vec![Span::styled(" ", theme.border)];
    for kind in EntityKind::ALL {
        let style = if on { theme.entity(kind) } else { theme.dim };
        spans.push(Span::styled(kind.label(), style));
        spans.push(Span::styled(" ", theme.border));
    }
    if !on {
        spans.push(Span::styled("(e: off) ", theme.dim));
    }
    Line::from(spans)
}
