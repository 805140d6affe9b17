//! The staff search pane: the query line, the results table (only the visible rows
//! are built) and the detail column or full-screen detail.

use super::widgets::{count, fit, highlighted};
use super::{detail, Ui};
use crate::app::state::{Data, State};
use crate::domain::date::tenure_label;
use crate::search::SortKey;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

pub fn render(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let [query, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    query_line(st, ui, f, query);
    let s = &st.staff;
    crate::ui::widgets::list_and_detail(
        f,
        body,
        s.detail_open,
        st.wide() && !s.detail_hidden,
        |f, a| table(st, ui, f, a),
        |f, a| detail::render(st, ui, f, a),
    );
}

fn sort_label(st: &State) -> &'static str {
    let t = st.session.lang.texts();
    match st.staff.sort.0 {
        SortKey::Score => t.sort_score,
        SortKey::Id => t.sort_id,
        SortKey::Name => t.sort_name,
        SortKey::Grade => t.sort_grade,
        SortKey::Unit => t.sort_unit,
        SortKey::Tenure => t.sort_tenure,
        SortKey::BirthYear => t.sort_birth,
    }
}

/// ` / tanaka grade:係長▏                      12 of 2,841 · sorted by score`
fn query_line(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let th = ui.theme;
    let t = st.session.lang.texts();
    let s = &st.staff;
    let mut spans = crate::ui::widgets::input_line(&s.query, s.editing, t.filter_hint, th);
    let right = match (&st.data, &s.query_error) {
        (_, Some(e)) => Span::styled(format!("{}: {e} ", t.bad_query), th.error),
        (Data::Loading, _) => Span::styled(format!("{} ", t.loading), th.dim),
        (Data::Failed(_), _) => Span::styled(format!("{} ", t.load_failed), th.error),
        (Data::Ready(d), _) => {
            let rev = if s.reverse {
                format!(" ({})", t.reversed)
            } else {
                String::new()
            };
            let text = if st.session.lang.is_ja() {
                format!(
                    "{}{}{}件 · {}: {}{rev} ",
                    count(d.index.len()),
                    t.of,
                    count(s.total),
                    t.sorted_by,
                    sort_label(st)
                )
            } else {
                format!(
                    "{} {} {} · {} {}{rev} ",
                    count(s.total),
                    t.of,
                    count(d.index.len()),
                    t.sorted_by,
                    sort_label(st)
                )
            };
            Span::styled(text, th.dim)
        }
    };
    // The hint gives way to the counts when the line is short.
    let right_w = right.content.width();
    let mut left_w: usize = spans.iter().map(|s| s.content.width()).sum();
    if left_w + right_w > area.width as usize && s.query.is_empty() && !s.editing {
        if let Some(last) = spans.last_mut() {
            let keep = (area.width as usize).saturating_sub(3 + right_w + 1);
            *last = Span::styled(fit(t.filter_hint, keep), th.dim);
        }
        left_w = spans.iter().map(|s| s.content.width()).sum();
    }
    let room = (area.width as usize).saturating_sub(left_w + right_w);
    spans.push(Span::raw(" ".repeat(room)));
    spans.push(right);
    f.render_widget(Line::from(spans), area);
}

fn table(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let th = ui.theme;
    let t = st.session.lang.texts();
    let s = &st.staff;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border);
    let Data::Ready(data) = &st.data else {
        let msg = match &st.data {
            Data::Failed(e) => Line::styled(format!("{}: {e}", t.load_failed), th.error),
            _ => Line::styled(t.loading, th.dim),
        };
        f.render_widget(Paragraph::new(msg).block(block), area);
        return;
    };
    if s.total == 0 || s.hits.is_empty() {
        f.render_widget(
            Paragraph::new(Line::styled(t.no_match, th.dim)).block(block),
            area,
        );
        return;
    }
    let inner_h = area.height.saturating_sub(3) as usize; // borders + header
    let unit_w = (area.width as usize)
        .saturating_sub(2 + 2 + 7 + 12 + 16 + 8 + 7 + 3 + 7)
        .clamp(6, 30);
    let rows: Vec<Row> = s
        .hits
        .iter()
        .enumerate()
        .skip(s.offset)
        .take(inner_h)
        .map(|(i, h)| {
            let r = &data.index.rows()[h.row];
            let sel = i == s.selected;
            let base = if sel { th.selected } else { th.text };
            let hi = if sel {
                th.selected.patch(th.matched)
            } else {
                th.matched
            };
            let marker = if sel { "▶" } else { " " };
            let tenure = r.tenure_months.map(tenure_label).unwrap_or_default();
            let due = if r.due { "due" } else { "" };
            Row::new(vec![
                Cell::from(marker),
                Cell::from(Line::from(highlighted(
                    r.id.as_str(),
                    &h.id_match,
                    base,
                    hi,
                ))),
                Cell::from(Line::from(highlighted(&r.name, &h.name_match, base, hi))),
                Cell::from(Line::from(highlighted(&r.kana, &h.kana_match, base, hi))),
                Cell::from(r.grade.ja()),
                Cell::from(fit(r.unit_name.as_deref().unwrap_or("—"), unit_w)),
                Cell::from(tenure),
                Cell::from(Span::styled(due, if sel { base } else { th.warn })),
            ])
            .style(base)
        })
        .collect();
    let header = Row::new(vec![
        "",
        t.col_id,
        t.col_name,
        t.col_kana,
        t.col_grade,
        t.col_unit,
        t.col_tenure,
        "",
    ])
    .style(th.header);
    let widths = [
        Constraint::Length(1),
        Constraint::Length(7),
        Constraint::Length(12),
        Constraint::Length(16),
        Constraint::Length(8),
        Constraint::Length(unit_w as u16),
        Constraint::Length(7),
        Constraint::Length(3),
    ];
    f.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(block)
            .column_spacing(1),
        area,
    );
}
