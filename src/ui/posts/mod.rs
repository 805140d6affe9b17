//! The posts pane: the filter line, the organisation tree (units, and under them
//! their posts with holder, start, tenure and warning marks; only the rows on screen
//! are drawn) and the post detail, as a column beside the tree or full screen.

use crate::app::action::{Action, Scope};
use crate::app::posts::{HolderFit, Mark, PostDetail, PostItem, PostsPane, TreeRow};
use crate::app::state::{Data, State};
use crate::domain::date::{iso, tenure_label};
use crate::domain::fit::{CourseStanding, Problem};
use crate::domain::Date;
use crate::i18n::{Lang, Texts};
use crate::ui::chrome::pretty_key;
use crate::ui::widgets::{
    blank, fit, flow, flow_with, input_line, label, list_and_detail, pad, pad_left, spread, width,
    LABEL_W,
};
use crate::ui::Ui;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

mod detail;

use detail::detail;

pub fn render(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let [line, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    filter_line(st, ui, f, line);
    let p = &st.posts;
    list_and_detail(
        f,
        body,
        p.detail_open,
        st.wide() && !p.detail_hidden,
        |f, a| tree(st, ui, f, a),
        |f, a| detail(st, ui, f, a),
    );
}

/// ` / 特許▏                         2 of 3 posts · problems only: off (!)`
fn filter_line(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let th = ui.theme;
    let lang = st.session.lang;
    let t = lang.texts();
    let p = &st.posts;
    let spans = input_line(&p.filter, p.editing, t.p_filter_hint, th);
    let key = ui
        .keymap
        .keys_for(Action::ProblemsOnly, Scope::Posts)
        .into_iter()
        .next()
        .map(|k| format!(" ({})", pretty_key(&k)))
        .unwrap_or_default();
    let state = if p.problems_only { t.p_on } else { t.p_off };
    let mut right = vec![];
    match &st.data {
        Data::Loading => right.push(Span::styled(t.loading, th.dim)),
        Data::Failed(_) => right.push(Span::styled(t.load_failed, th.error)),
        Data::Ready(_) if !p.is_loaded() => right.push(Span::styled(t.loading, th.dim)),
        Data::Ready(_) => {
            right.push(Span::styled(lang.posts_shown(p.shown, p.total()), th.dim));
            right.push(Span::styled(" · ", th.dim));
            right.push(Span::styled(
                format!("{}: {state}", t.p_problems_only),
                if p.problems_only { th.badge } else { th.dim },
            ));
            right.push(Span::styled(key, th.key));
        }
    }
    right.push(Span::raw(" "));
    let hint = (p.filter.is_empty() && !p.editing).then_some((t.p_filter_hint, th.dim));
    f.render_widget(spread(spans, right, area.width as usize, hint), area);
}

/// The legend of the mark column, for the tree's bottom border.
fn legend(t: &Texts) -> String {
    let words = [t.m_vacant, t.m_grade, t.m_course, t.m_skills, t.m_due];
    let parts: Vec<String> = Mark::ALL
        .iter()
        .zip(words)
        .map(|(m, w)| format!("{} {w}", m.letter()))
        .collect();
    format!(" {} ", parts.join(" · "))
}

/// The widths of a post row's columns after the title; a column is 0 when dropped
/// for lack of room.
struct Columns {
    holder: usize,
    start: usize,
    tenure: usize,
}

impl Columns {
    const MARKS: usize = 5;

    fn for_width(inner: usize, id_w: usize) -> Columns {
        let holder = if inner >= 100 { 16 } else { 12 };
        let mut c = Columns {
            holder,
            start: 7,
            tenure: 7,
        };
        // Room for the title of a post two levels in; narrower screens drop the
        // start, then the tenure.
        let left = 1 + 4 + id_w + 1;
        if inner < left + 12 + c.right() {
            c.start = 0;
        }
        if inner < left + 10 + c.right() {
            c.tenure = 0;
        }
        c
    }

    /// Cells from the title's end to the row's end, separators included.
    fn right(&self) -> usize {
        let col = |w: usize| if w > 0 { w + 1 } else { 0 };
        col(self.holder) + col(self.start) + col(self.tenure) + 1 + Self::MARKS
    }
}

fn tree(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let th = ui.theme;
    let lang = st.session.lang;
    let t = lang.texts();
    let p = &st.posts;
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border)
        .title(Span::styled(format!(" {} ", t.p_title), th.title));
    let legend = legend(t);
    if width(&legend) + 4 <= area.width as usize {
        block = block.title_bottom(Line::styled(legend, th.dim));
    }
    let empty = match &st.data {
        Data::Loading => Some(Line::styled(t.loading, th.dim)),
        Data::Failed(e) => Some(Line::styled(format!("{}: {e}", t.load_failed), th.error)),
        Data::Ready(_) if !p.is_loaded() => Some(Line::styled(t.loading, th.dim)),
        Data::Ready(_) if p.total() == 0 => Some(Line::styled(t.p_no_posts, th.dim)),
        Data::Ready(_) if p.rows.is_empty() => Some(Line::styled(t.p_no_match, th.dim)),
        Data::Ready(_) => None,
    };
    if let Some(msg) = empty {
        f.render_widget(Paragraph::new(msg).block(block), area);
        return;
    }
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    let cols = Columns::for_width(w, p.id_width);
    // The columns after the title start just after the longest title, or as far
    // right as the screen allows; unit counts end where the mark column ends.
    let start = (1 + p.id_width + 1 + p.title_span + 1).min(w.saturating_sub(cols.right()));
    let row_end = (start + cols.right()).min(w);
    let lines: Vec<Line> = p
        .rows
        .iter()
        .enumerate()
        .skip(p.offset)
        .take(inner.height as usize)
        .map(|(i, row)| {
            let sel = i == p.selected;
            match *row {
                TreeRow::Unit {
                    unit,
                    expanded,
                    posts,
                    problems,
                } => unit_row(
                    ui,
                    lang,
                    p,
                    unit,
                    expanded,
                    (posts, problems),
                    sel,
                    (row_end, w),
                ),
                TreeRow::Post { post, depth } => {
                    post_row(st, ui, &p.posts[post], depth, sel, (start, w), &cols)
                }
            }
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}

#[allow(clippy::too_many_arguments)]
fn unit_row<'a>(
    ui: &Ui,
    lang: Lang,
    p: &PostsPane,
    unit: usize,
    expanded: bool,
    (posts, problems): (usize, usize),
    sel: bool,
    (end, w): (usize, usize),
) -> Line<'a> {
    let th = ui.theme;
    let u = &p.units[unit];
    let base = if sel { th.selected } else { th.title };
    let dim = if sel { th.selected } else { th.dim };
    let indent = " ".repeat(2 * u.depth as usize);
    let marker = if sel { "▶" } else { " " };
    let glyph = if expanded { "▾ " } else { "▸ " };
    let counts = lang.unit_counts(posts, problems);
    let lead = 1 + indent.len() + 2;
    // The name may run past the columns' start when it is long; the counts follow it.
    let end = end.max((lead + width(&u.name) + 2 + width(&counts)).min(w));
    let name_room = end.saturating_sub(lead + width(&counts) + 2);
    let name = fit(&u.name, name_room);
    let gap = end.saturating_sub(lead + width(&name) + width(&counts));
    let count_style = if problems > 0 && !sel { th.warn } else { dim };
    let mut spans = vec![
        Span::styled(format!("{marker}{indent}{glyph}"), dim),
        Span::styled(name, base),
        Span::styled(" ".repeat(gap), dim),
        Span::styled(counts, count_style),
    ];
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    if used < w {
        spans.push(Span::styled(" ".repeat(w - used), dim));
    }
    Line::from(spans)
}

fn post_row<'a>(
    st: &State,
    ui: &Ui,
    item: &PostItem,
    depth: u16,
    sel: bool,
    (start, w): (usize, usize),
    cols: &Columns,
) -> Line<'a> {
    let th = ui.theme;
    let t = st.session.lang.texts();
    let p = &st.posts;
    let pick = |s: Style| if sel { th.selected } else { s };
    let indent = 2 * depth as usize;
    let marker = if sel { "▶" } else { " " };
    let lead = 1 + indent + p.id_width + 1;
    let title_w = start.saturating_sub(lead + 1).max(1);
    let mut spans = vec![
        Span::styled(
            format!(
                "{marker}{}{} ",
                " ".repeat(indent),
                pad(item.id.as_str(), p.id_width)
            ),
            pick(th.dim),
        ),
        Span::styled(
            pad(&item.title, title_w),
            pick(if item.is_closed_on(st.session.today) {
                th.dim
            } else {
                th.text
            }),
        ),
        Span::styled(" ", pick(th.text)),
    ];
    let first = item.holders.first();
    let closed = item.is_closed_on(st.session.today);
    let holder = match first {
        None if closed => Span::styled(pad(t.p_closed_cell, cols.holder), pick(th.dim)),
        None => Span::styled(pad(t.p_vacant, cols.holder), pick(th.warn)),
        Some(h) if item.holders.len() > 1 => {
            let more = format!(" +{}", item.holders.len() - 1);
            let name = fit(&h.name, cols.holder.saturating_sub(width(&more)));
            Span::styled(pad(&format!("{name}{more}"), cols.holder), pick(th.text))
        }
        Some(h) => Span::styled(pad(&h.name, cols.holder), pick(th.text)),
    };
    spans.push(holder);
    spans.push(Span::styled(" ", pick(th.text)));
    if cols.start > 0 {
        let start = first.map(|h| month(h.start)).unwrap_or_default();
        spans.push(Span::styled(pad(&start, cols.start), pick(th.dim)));
        spans.push(Span::styled(" ", pick(th.text)));
    }
    if cols.tenure > 0 {
        let tenure = first.map(|h| tenure_label(h.months)).unwrap_or_default();
        spans.push(Span::styled(pad_left(&tenure, cols.tenure), pick(th.text)));
        spans.push(Span::styled(" ", pick(th.text)));
    }
    for m in Mark::ALL {
        let (c, style) = if item.marks.has(m) {
            let s = if m == Mark::Vacant { th.error } else { th.warn };
            (m.letter(), s)
        } else {
            (' ', th.text)
        };
        spans.push(Span::styled(c.to_string(), pick(style)));
    }
    // Fill the rest of a selected row, so the whole line shows as selected.
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    if used < w {
        spans.push(Span::styled(" ".repeat(w - used), pick(th.text)));
    }
    Line::from(spans)
}

/// `2023-04`.
fn month(d: Date) -> String {
    let s = iso(d);
    s.get(..7).unwrap_or(&s).to_string()
}
