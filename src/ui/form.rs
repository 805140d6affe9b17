//! Drawing a [`Form`] as a centred box over the screen: a label column, a value
//! column with the cursor in the focused field, each field's error under it in the
//! error style, the focused field's hint and the keys. Widths count CJK characters as
//! two cells. When the fields do not fit, the box scrolls to keep the focused field
//! (and its error) in view.

use super::theme::Theme;
use super::widgets::{centered, fit, pad, width};
use crate::app::form::{FieldKind, Form, FormField};
use crate::app::forms::{pick, text};
use crate::i18n::Lang;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthChar;

/// The widest box drawn.
const MAX_WIDTH: u16 = 90;
/// At most this many lines of one error.
const MAX_ERROR_LINES: usize = 3;

/// Draws `form` centred in `area` (usually the whole screen).
pub fn draw_form(f: &mut Frame, area: Rect, form: &Form, lang: Lang, theme: &Theme) {
    let box_w = area
        .width
        .saturating_sub(2)
        .clamp(20.min(area.width), MAX_WIDTH);
    let inner_w = box_w.saturating_sub(2) as usize;
    let label_w = label_width(form, lang, inner_w);
    // 1 marker cell, the label column, 1 gap, then the value.
    let value_w = inner_w.saturating_sub(label_w + 2).max(1);

    let top: Vec<Line> = match &form.error {
        Some(e) => wrap(
            &format!("⚠ {e}"),
            inner_w.saturating_sub(1),
            MAX_ERROR_LINES,
        )
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), theme.error))
        .collect(),
        None => Vec::new(),
    };
    let mut rows: Vec<Row> = Vec::new();
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        rows.push(Row {
            field: i,
            line: field_line(field, focused, label_w, value_w, lang, theme),
            cursor: if focused {
                cursor_x(field, value_w).map(|x| x + label_w + 2)
            } else {
                None
            },
        });
        if let Some(e) = &field.error {
            for l in wrap(&format!("⚠ {e}"), value_w, MAX_ERROR_LINES) {
                rows.push(Row {
                    field: i,
                    line: Line::from(vec![
                        Span::raw(" ".repeat(label_w + 2)),
                        Span::styled(l, theme.error),
                    ]),
                    cursor: None,
                });
            }
        }
    }
    // Title and borders, the form's error, the fields, a blank line, hint and keys.
    let wanted = 2 + top.len() + rows.len() + 3;
    let box_h = (wanted as u16).min(area.height.saturating_sub(2).max(area.height.min(5)));
    let boxed = centered(area, box_w, box_h);
    let field_h = (box_h as usize).saturating_sub(2 + top.len() + 3).max(1);
    let (first, last) = window(&rows, form.focus, field_h);

    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.key)
        .title(Span::styled(
            format!(" {} ", fit(&form.title, inner_w.saturating_sub(2))),
            theme.title,
        ));
    if first > 0 {
        block = block.title_top(
            Line::styled(format!(" {} ", pick(text::MORE_ABOVE, lang)), theme.dim).right_aligned(),
        );
    }
    if last < rows.len() {
        block = block.title_bottom(
            Line::styled(format!(" {} ", pick(text::MORE_BELOW, lang)), theme.dim).right_aligned(),
        );
    }
    let inner = block.inner(boxed);
    f.render_widget(Clear, boxed);
    f.render_widget(block, boxed);

    let mut lines: Vec<Line> = top;
    let fields_y = inner.y + lines.len() as u16;
    for (n, row) in rows[first..last].iter().enumerate() {
        if let Some(x) = row.cursor {
            let pos = Position::new(inner.x + x as u16, fields_y + n as u16);
            if inner.contains(pos) {
                f.set_cursor_position(pos);
            }
        }
    }
    lines.extend(rows.drain(first..last).map(|r| r.line));
    let pad_to = (inner.height as usize).saturating_sub(2);
    while lines.len() < pad_to {
        lines.push(Line::raw(""));
    }
    let w = inner_w.saturating_sub(1);
    lines.push(match form.focused() {
        Some(fl) if !fl.locked && matches!(fl.kind, FieldKind::Choice(_)) => {
            choices_line(fl, w, lang, theme)
        }
        fl => Line::styled(
            format!(
                " {}",
                fit(fl.and_then(|fl| fl.hint_text(lang)).unwrap_or(""), w)
            ),
            theme.dim,
        ),
    });
    lines.push(Line::styled(
        format!(" {}", fit(pick(text::KEYS, lang), w)),
        theme.key,
    ));
    f.render_widget(Paragraph::new(lines), inner);
}

/// The hint of a focused choice: every choice (codes in English, words in
/// Japanese), the current one marked, while they fit in `w`; then the keys.
fn choices_line(field: &FormField, w: usize, lang: Lang, th: &Theme) -> Line<'static> {
    let FieldKind::Choice(choices) = field.kind else {
        return Line::raw("");
    };
    let current = field.choice_index();
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (i, (code, ja)) in choices.iter().enumerate() {
        let word = if lang.is_ja() { *ja } else { *code };
        let sep = if i == 0 { "" } else { " · " };
        if used + width(sep) + width(word) > w {
            spans.push(Span::styled("…", th.dim));
            return Line::from(spans);
        }
        used += width(sep) + width(word);
        spans.push(Span::styled(sep, th.dim));
        let style = if current == Some(i) {
            th.selected
        } else {
            th.dim
        };
        spans.push(Span::styled(word, style));
    }
    let keys = format!("   {}", pick(text::H_CHOICE, lang));
    if used + width(&keys) <= w {
        spans.push(Span::styled(keys, th.dim));
    }
    Line::from(spans)
}

/// One line of the field list: a field's label and value, or a line of its error.
struct Row {
    field: usize,
    line: Line<'static>,
    /// The cursor's column within the inner area, on the focused field's line.
    cursor: Option<usize>,
}

/// The label column: the widest label (with its `*`), at most a third of the box.
fn label_width(form: &Form, lang: Lang, inner_w: usize) -> usize {
    let widest = form
        .fields
        .iter()
        .map(|f| width(&label_text(f, lang)))
        .max()
        .unwrap_or(0);
    widest.min(inner_w / 3).max(1)
}

fn label_text(f: &FormField, lang: Lang) -> String {
    if f.required && !f.locked {
        format!("{} *", f.label(lang))
    } else {
        f.label(lang).to_string()
    }
}

/// The rows `[first, last)` to show in `height` lines: from the top while the focused
/// field and its error fit, otherwise scrolled so that they end at the bottom.
fn window(rows: &[Row], focus: usize, height: usize) -> (usize, usize) {
    if rows.len() <= height {
        return (0, rows.len());
    }
    let start = rows.iter().position(|r| r.field == focus).unwrap_or(0);
    let end = rows
        .iter()
        .rposition(|r| r.field == focus)
        .map_or(start + 1, |i| i + 1);
    let mut first = end.saturating_sub(height).min(start);
    // Start at a field's own line rather than the tail of an error above it.
    while first > 0 && first < start && rows[first].field == rows[first - 1].field {
        first += 1;
    }
    (first, (first + height).min(rows.len()))
}

/// How a character of a value is shown: line breaks and tabs as visible marks.
fn shown(c: char) -> char {
    match c {
        '\n' => '↵',
        '\t' => '⇥',
        c if c.is_control() => '\u{FFFD}',
        c => c,
    }
}

fn cell_width(c: char) -> usize {
    shown(c).width().unwrap_or(0)
}

/// The first char shown so that the cursor (and one cell after it) fits in `w`.
fn scroll_start(chars: &[char], cursor: usize, w: usize) -> usize {
    let mut start = 0;
    let mut used: usize = chars[..cursor]
        .iter()
        .map(|c| cell_width(*c))
        .sum::<usize>()
        + 1;
    while used > w && start < cursor {
        used -= cell_width(chars[start]);
        start += 1;
    }
    start
}

/// Where the cursor is drawn, relative to the value column (text-like fields).
fn cursor_x(field: &FormField, value_w: usize) -> Option<usize> {
    if field.locked {
        return None;
    }
    match field.kind {
        FieldKind::YesNo => Some(1),
        _ => {
            let chars: Vec<char> = field.value().chars().collect();
            let cursor = field.input.cursor().min(chars.len());
            let start = scroll_start(&chars, cursor, value_w);
            Some(chars[start..cursor].iter().map(|c| cell_width(*c)).sum())
        }
    }
}

fn field_line(
    field: &FormField,
    focused: bool,
    label_w: usize,
    value_w: usize,
    lang: Lang,
    th: &Theme,
) -> Line<'static> {
    let (marker, label_style) = if focused {
        ("›", th.key)
    } else {
        (" ", th.text)
    };
    let mut spans = vec![
        Span::styled(marker, th.key),
        Span::styled(pad(&label_text(field, lang), label_w), label_style),
        Span::raw(" "),
    ];
    spans.extend(value_spans(field, focused, value_w, lang, th));
    Line::from(spans)
}

fn value_spans(
    field: &FormField,
    focused: bool,
    w: usize,
    lang: Lang,
    th: &Theme,
) -> Vec<Span<'static>> {
    if field.locked {
        return vec![Span::styled(fit(&visible(field.value()), w), th.dim)];
    }
    match field.kind {
        FieldKind::YesNo => {
            let yes = field.is_yes();
            let mark = if yes { "x" } else { " " };
            let word = pick(if yes { text::YES } else { text::NO }, lang);
            let mark_style = if focused { th.selected } else { th.text };
            vec![
                Span::raw("["),
                Span::styled(mark, mark_style),
                Span::raw("] "),
                Span::styled(fit(word, w.saturating_sub(4)), th.text),
            ]
        }
        FieldKind::Choice(choices) => {
            let other = field.choice_index().map(|i| choices[i]);
            if !focused {
                if let Some((code, ja)) = other {
                    let (a, b) = if lang.is_ja() { (ja, code) } else { (code, ja) };
                    let mut s = vec![Span::styled(fit(a, w), th.text)];
                    let rest = w.saturating_sub(width(a) + 1);
                    if rest > 1 {
                        s.push(Span::styled(format!(" {}", fit(b, rest)), th.dim));
                    }
                    return s;
                }
            }
            let mut s = typed_spans(field, focused, w, th);
            let used: usize = s.iter().map(|sp| width(&sp.content)).sum();
            let note = match other {
                Some((code, ja)) => {
                    let typed = field.value().trim();
                    let word = if typed == code { ja } else { code };
                    format!(" {word}  ←→")
                }
                None => "  ←→".to_string(),
            };
            if focused && used + width(&note) <= w {
                s.push(Span::styled(note, th.dim));
            }
            s
        }
        _ => typed_spans(field, focused, w, th),
    }
}

fn visible(s: &str) -> String {
    s.chars().map(shown).collect()
}

/// The typed text, cut to `w` cells; when focused, scrolled to the cursor with the
/// cursor's cell reversed.
fn typed_spans(field: &FormField, focused: bool, w: usize, th: &Theme) -> Vec<Span<'static>> {
    if !focused {
        return vec![Span::styled(fit(&visible(field.value()), w), th.text)];
    }
    let chars: Vec<char> = field.value().chars().collect();
    let cursor = field.input.cursor().min(chars.len());
    let start = scroll_start(&chars, cursor, w);
    let before: String = chars[start..cursor].iter().map(|c| shown(*c)).collect();
    let mut used = width(&before);
    let mut spans = vec![Span::styled(before, th.text)];
    match chars.get(cursor) {
        Some(c) => {
            used += cell_width(*c);
            spans.push(Span::styled(shown(*c).to_string(), th.selected));
            let mut after = String::new();
            for c in &chars[cursor + 1..] {
                let cw = cell_width(*c);
                if used + cw > w {
                    break;
                }
                used += cw;
                after.push(shown(*c));
            }
            spans.push(Span::styled(after, th.text));
        }
        None => spans.push(Span::styled(" ", th.selected)),
    }
    spans
}

/// `text` broken into lines of at most `w` cells, at spaces where it can, at most
/// `max` lines (the last ending in `…` when cut).
fn wrap(text: &str, w: usize, max: usize) -> Vec<String> {
    let w = w.max(2);
    let mut lines: Vec<String> = Vec::new();
    let mut cur: Vec<char> = Vec::new();
    let mut cur_w = 0;
    for c in text.chars().map(shown) {
        let cw = c.width().unwrap_or(0);
        if cur_w + cw > w {
            // Break at the last space of the line when there is one.
            // (A space that overflows breaks right where it is.)
            let cut = if c == ' ' {
                None
            } else {
                cur.iter().rposition(|c| *c == ' ').filter(|i| *i > 0)
            };
            let rest: Vec<char> = match cut {
                Some(i) => cur.split_off(i + 1),
                None => Vec::new(),
            };
            lines.push(cur.iter().collect::<String>().trim_end().to_string());
            cur = rest;
            cur_w = cur.iter().map(|c| c.width().unwrap_or(0)).sum();
        }
        if !(cur.is_empty() && c == ' ') {
            cur.push(c);
            cur_w += cw;
        }
    }
    if !cur.is_empty() {
        lines.push(cur.into_iter().collect());
    }
    if lines.len() > max {
        let rest = lines.split_off(max - 1).join(" ");
        lines.push(fit(&rest, w));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_counts_cjk() {
        assert_eq!(wrap("aaa bbb ccc", 7, 3), vec!["aaa bbb", "ccc"]);
        assert_eq!(wrap("情報システム室", 6, 3), vec!["情報シ", "ステム", "室"]);
        let w = wrap("one two three four five six", 5, 2);
        assert_eq!(w.len(), 2);
        assert!(w[1].ends_with('…'));
        assert!(w.iter().all(|l| width(l) <= 5));
    }

    #[test]
    fn scroll_keeps_the_cursor_in_view() {
        let chars: Vec<char> = "abcdefghij".chars().collect();
        assert_eq!(scroll_start(&chars, 10, 5), 6);
        assert_eq!(scroll_start(&chars, 2, 5), 0);
    }
}
