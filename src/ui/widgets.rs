//! Small drawing helpers shared by the panes: highlighted text, padding to a display
//! width (CJK characters take two cells), centred boxes.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// `text` as spans, with the chars at `marks` (char indices, ascending) in `hi`.
pub fn highlighted<'a>(text: &'a str, marks: &[usize], base: Style, hi: Style) -> Vec<Span<'a>> {
    if marks.is_empty() {
        return vec![Span::styled(text, base)];
    }
    let mut spans = Vec::new();
    let mut run_start = 0usize; // byte
    let mut run_hi = false;
    for (ci, (bi, _)) in text.char_indices().enumerate() {
        let is_hi = marks.binary_search(&ci).is_ok();
        if is_hi != run_hi && bi > run_start {
            spans.push(Span::styled(
                &text[run_start..bi],
                if run_hi { hi } else { base },
            ));
            run_start = bi;
        }
        if is_hi != run_hi {
            run_hi = is_hi;
            run_start = bi;
        }
    }
    if run_start < text.len() {
        spans.push(Span::styled(
            &text[run_start..],
            if run_hi { hi } else { base },
        ));
    }
    spans
}

/// Cuts `text` to at most `width` display cells, ending with `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    let mut w = 0;
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// `text` cut to `width` cells (see [`fit`]) and padded with spaces to exactly `width`.
pub fn pad(text: &str, width: usize) -> String {
    let mut s = fit(text, width);
    let w: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    // A double-width character cut at the edge can leave the text a cell short.
    s.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    s
}

/// `text` cut to `width` cells and padded on the left to exactly `width`.
pub fn pad_left(text: &str, width: usize) -> String {
    let s = fit(text, width);
    let w: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    format!("{}{s}", " ".repeat(width.saturating_sub(w)))
}

/// The display width of `text` in cells.
pub fn width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// A box of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

pub use crate::domain::text::thousands as count;

/// Thousands separators with a sign for negatives: -1,284.
pub fn count_signed(n: i64) -> String {
    let body = count(n.unsigned_abs() as usize);
    if n < 0 {
        format!("-{body}")
    } else {
        body
    }
}

/// Width of the labels in front of detail lines (`post`, `since`, …).
pub const LABEL_W: usize = 10;

/// A detail label padded to the same display width (kanji take two cells each).
pub fn label(text: &str, ui: &super::Ui) -> Span<'static> {
    Span::styled(format!("{} ", pad(text, LABEL_W - 1)), ui.theme.dim)
}

/// The room a label takes, for continuation lines.
pub fn blank() -> Span<'static> {
    Span::raw(" ".repeat(LABEL_W))
}

/// Lays `items` out as ` · `-separated runs after `first` (a label), starting a new
/// indented line when the next would not fit in `room` cells.
pub fn flow(first: Span<'static>, items: Vec<(String, Style)>, room: usize) -> Vec<Line<'static>> {
    flow_with(first, items, room, " · ")
}

/// `flow` with another separator.
pub fn flow_with(
    first: Span<'static>,
    items: Vec<(String, Style)>,
    room: usize,
    sep: &'static str,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut line: Vec<Span<'static>> = vec![first];
    let mut used = 0;
    let sep_w = width(sep);
    for (text, style) in items {
        let text = fit(&text, room);
        let w = width(&text);
        if used > 0 && used + sep_w + w > room {
            out.push(Line::from(std::mem::replace(&mut line, vec![blank()])));
            used = 0;
        }
        if used > 0 {
            line.push(Span::raw(sep));
            used += sep_w;
        }
        used += w;
        line.push(Span::styled(text, style));
    }
    if used > 0 {
        out.push(Line::from(line));
    }
    out
}

/// The start of a pane's filter (or query) line: ` / `, then the text with the
/// cursor where it is while `editing`, or `hint` while it is empty and not edited.
pub fn input_line<'a>(
    input: &'a crate::app::text_input::TextInput,
    editing: bool,
    hint: &'a str,
    th: &super::theme::Theme,
) -> Vec<Span<'a>> {
    let mut spans = vec![Span::styled(" / ", if editing { th.key } else { th.dim })];
    let text = input.text();
    if text.is_empty() && !editing {
        spans.push(Span::styled(hint, th.dim));
        return spans;
    }
    let cut = text
        .char_indices()
        .nth(input.cursor())
        .map_or(text.len(), |(b, _)| b);
    spans.push(Span::styled(&text[..cut], th.text));
    if editing {
        spans.push(Span::styled("▏", th.key));
    }
    spans.push(Span::styled(&text[cut..], th.text));
    spans
}

/// A pane's body: its detail alone when opened over the list, else the list with the
/// detail beside it (`beside`: a wide screen, detail not hidden) or the list alone.
pub fn list_and_detail(
    f: &mut ratatui::Frame,
    body: Rect,
    open: bool,
    beside: bool,
    list: impl FnOnce(&mut ratatui::Frame, Rect),
    detail: impl FnOnce(&mut ratatui::Frame, Rect),
) {
    use ratatui::layout::{Constraint, Layout};
    if open {
        detail(f, body);
    } else if beside {
        let [left, side] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(body);
        list(f, left);
        detail(f, side);
    } else {
        list(f, body);
    }
}

/// A filter line: `left` (from [`input_line`]) and `right` (counts and states) with
/// the room between them; when they do not fit, `hint` (given while the filter is
/// untouched) is cut to leave the counts whole.
pub fn spread<'a>(
    mut left: Vec<Span<'a>>,
    right: Vec<Span<'a>>,
    total: usize,
    hint: Option<(&str, Style)>,
) -> Line<'a> {
    let sum = |v: &[Span]| -> usize { v.iter().map(|s| width(&s.content)).sum() };
    let right_w = sum(&right);
    if let Some((hint, style)) = hint.filter(|_| sum(&left) + right_w > total) {
        let keep = total.saturating_sub(3 + right_w + 1);
        left.truncate(1);
        left.push(Span::styled(fit(hint, keep), style));
    }
    let gap = total.saturating_sub(sum(&left) + right_w);
    left.push(Span::raw(" ".repeat(gap)));
    left.extend(right);
    Line::from(left)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_splits_runs() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let spans = highlighted("タナカ ミサキ", &[0, 1, 2], Style::new(), bold);
        let texts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, vec!["タナカ", " ミサキ"]);
    }

    #[test]
    fn fit_counts_double_width() {
        assert_eq!(fit("情報システム室", 8), "情報シ…");
        assert_eq!(fit("abc", 8), "abc");
    }

    #[test]
    fn pad_fills_to_the_width_in_cells() {
        assert_eq!(pad("田中", 6), "田中  ");
        assert_eq!(pad("情報システム室", 8), "情報シ… ");
        assert_eq!(width(&pad("情報システム室", 8)), 8);
        assert_eq!(pad_left("1y 2m", 7), "  1y 2m");
    }

    #[test]
    fn counts_have_separators() {
        assert_eq!(count(2841), "2,841");
        assert_eq!(count(100000), "100,000");
        assert_eq!(count(12), "12");
    }
}
