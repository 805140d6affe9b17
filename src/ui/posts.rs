//! The posts pane: the filter line, the organisation tree (units, and under them
//! their posts with holder, start, tenure and warning marks; only the rows on screen
//! are drawn) and the post detail, as a column beside the tree or full screen.

use super::chrome::pretty_key;
use super::widgets::{blank, fit, flow, flow_with, label, pad, pad_left, width, LABEL_W};
use super::Ui;
use crate::app::action::{Action, Scope};
use crate::app::posts::{HolderFit, Mark, PostDetail, PostItem, PostsPane, TreeRow};
use crate::app::state::{Data, State};
use crate::domain::date::{iso, tenure_label};
use crate::domain::fit::{CourseStanding, Problem};
use crate::domain::Date;
use crate::i18n::{Lang, Texts};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

pub fn render(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let [line, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    filter_line(st, ui, f, line);
    let p = &st.posts;
    if p.detail_open {
        detail(st, ui, f, body);
        return;
    }
    if st.wide() && !p.detail_hidden {
        let [list, side] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(body);
        tree(st, ui, f, list);
        detail(st, ui, f, side);
    } else {
        tree(st, ui, f, body);
    }
}

/// ` / 特許▏                         2 of 3 posts · problems only: off (!)`
fn filter_line(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let th = ui.theme;
    let lang = st.session.lang;
    let t = lang.texts();
    let p = &st.posts;
    let mut spans = vec![Span::styled(" / ", if p.editing { th.key } else { th.dim })];
    let text = p.filter.text();
    if text.is_empty() && !p.editing {
        spans.push(Span::styled(t.p_filter_hint, th.dim));
    } else {
        let cut = text
            .char_indices()
            .nth(p.filter.cursor())
            .map_or(text.len(), |(b, _)| b);
        spans.push(Span::styled(&text[..cut], th.text));
        if p.editing {
            spans.push(Span::styled("▏", th.key));
        }
        spans.push(Span::styled(&text[cut..], th.text));
    }
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
    let right_w: usize = right.iter().map(|s| width(&s.content)).sum();
    let left_w: usize = spans.iter().map(|s| width(&s.content)).sum();
    let total = area.width as usize;
    if left_w + right_w > total && text.is_empty() && !p.editing {
        // The hint gives way to the counts.
        let keep = total.saturating_sub(3 + right_w + 1);
        spans.truncate(1);
        spans.push(Span::styled(fit(t.p_filter_hint, keep), th.dim));
    }
    let left_w: usize = spans.iter().map(|s| width(&s.content)).sum();
    spans.push(Span::raw(
        " ".repeat(total.saturating_sub(left_w + right_w)),
    ));
    spans.extend(right);
    f.render_widget(Line::from(spans), area);
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

fn detail(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let th = ui.theme;
    let t = st.session.lang.texts();
    let p = &st.posts;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border);
    let inner_w = area.width.saturating_sub(2) as usize;
    if let (Some(d), Some(item)) = (&p.detail, p.selected_item()) {
        let title = fit(
            &format!(" {} {} ", item.id, item.title),
            inner_w.saturating_sub(1),
        );
        let block = block.title(Span::styled(title, th.title));
        let inner_h = area.height.saturating_sub(2) as usize;
        let lines = post_lines(st, ui, d, item, inner_w, inner_h);
        f.render_widget(Paragraph::new(lines).block(block), area);
        return;
    }
    if let (
        Some(u),
        Some(TreeRow::Unit {
            posts, problems, ..
        }),
    ) = (p.selected_unit(), p.rows.get(p.selected))
    {
        let title = fit(&format!(" {} ", u.name), inner_w.saturating_sub(1));
        let block = block.title(Span::styled(title, th.title));
        let mut path = Vec::new();
        let mut cur = u.parent;
        while let Some(i) = cur {
            path.push(p.units[i].name.as_str());
            cur = p.units[i].parent;
        }
        path.reverse();
        path.push(u.name.as_str());
        let room = inner_w.saturating_sub(LABEL_W);
        let mut lines = vec![Line::from(vec![
            label(t.p_unit, ui),
            Span::raw(fit(&path.join(" › "), room)),
        ])];
        if !st.session.lang.is_ja() && !u.name_en.is_empty() {
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(LABEL_W)),
                Span::styled(fit(&u.name_en, room), th.dim),
            ]));
        }
        lines.push(Line::from(vec![
            Span::raw(" ".repeat(LABEL_W)),
            Span::styled(
                st.session.lang.unit_counts(*posts, *problems),
                if *problems > 0 { th.warn } else { th.text },
            ),
        ]));
        lines.push(Line::raw(""));
        lines.push(Line::styled(t.p_select, th.dim));
        f.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(block),
            area,
        );
        return;
    }
    let msg = match &st.data {
        Data::Loading => t.loading,
        _ => t.p_select,
    };
    f.render_widget(
        Paragraph::new(Line::styled(msg, th.dim))
            .wrap(Wrap { trim: true })
            .block(block),
        area,
    );
}

/// The post's detail, at most `height` lines: when the history does not fit, its
/// oldest entries give way to a line saying how many more there are.
fn post_lines(
    st: &State,
    ui: &Ui,
    d: &PostDetail,
    item: &PostItem,
    width_cells: usize,
    height: usize,
) -> Vec<Line<'static>> {
    let th = ui.theme;
    let lang = st.session.lang;
    let t = lang.texts();
    let ja = lang.is_ja();
    let room = width_cells.saturating_sub(LABEL_W);
    let mut out = Vec::new();
    // unit path
    out.push(Line::from(vec![
        label(t.p_unit, ui),
        Span::raw(fit(&d.unit_path.join(" › "), room)),
    ]));
    // grade · field · impact · seats, on one line when it fits
    let field = if ja { d.field.ja() } else { d.field.code() };
    let impact = if ja { d.impact.ja() } else { d.impact.code() };
    let facts = vec![
        (d.grade.ja().to_string(), th.title),
        (field.to_string(), th.text),
        (format!("{} {impact}", t.p_impact), th.text),
        (format!("{} {}", t.p_seats, d.seats), th.text),
    ];
    out.extend(flow(label(t.p_grade, ui), facts, room));
    // requirements
    let skills: Vec<(String, Style)> = d
        .skills
        .iter()
        .map(|(k, v)| (format!("{k} {v}"), th.text))
        .collect();
    if skills.is_empty() {
        out.push(Line::from(vec![label(t.p_needs, ui), Span::raw("—")]));
    }
    out.extend(flow(label(t.p_needs, ui), skills, room));
    let courses: Vec<(String, Style)> = d
        .courses
        .iter()
        .map(|(c, name)| {
            let text = if name.is_empty() {
                c.to_string()
            } else {
                format!("{c} {name}")
            };
            (text, th.text)
        })
        .collect();
    if courses.is_empty() {
        out.push(Line::from(vec![label(t.d_courses, ui), Span::raw("—")]));
    }
    out.extend(flow(label(t.d_courses, ui), courses, room));
    // holders
    for (i, h) in d.holders.iter().enumerate() {
        let first = if i == 0 {
            label(t.p_holders, ui)
        } else {
            blank()
        };
        out.extend(holder_lines(st, ui, h, first, room));
    }
    let held = d.holders.len().min(u16::MAX as usize) as u16;
    let closed = d.closed.filter(|c| *c <= st.session.today);
    if let Some(c) = closed {
        let first = if d.holders.is_empty() {
            label(t.p_holders, ui)
        } else {
            blank()
        };
        out.push(Line::from(vec![
            first,
            Span::styled(fit(&lang.closed_on(c), room), th.dim),
        ]));
    } else if let Some(c) = d.closed {
        out.push(Line::from(vec![
            label(t.p_closes, ui),
            Span::styled(iso(c), th.warn),
        ]));
    }
    if held < d.seats && closed.is_none() {
        let first = if d.holders.is_empty() {
            label(t.p_holders, ui)
        } else {
            blank()
        };
        let vacant = match d.vacant_since {
            Some(since) => lang.vacant_since(since),
            None => t.p_vacant.to_string(),
        };
        let parts = vec![
            (vacant, th.warn),
            (lang.seats_filled(held, d.seats), th.dim),
        ];
        out.extend(flow(first, parts, room));
    }
    // problems, each in words with its mark's letter
    if item.problems.is_empty() {
        out.push(Line::from(vec![
            label(t.p_problems, ui),
            Span::styled(t.p_no_problems, th.ok),
        ]));
    } else {
        out.push(Line::styled(t.p_problems, th.dim));
        for pr in &item.problems {
            let m = Mark::of(pr);
            let who = match pr {
                Problem::Vacant { .. } => "",
                Problem::GradeMismatch { staff, .. }
                | Problem::MissingCourse { staff, .. }
                | Problem::SkillsBelow { staff, .. }
                | Problem::Due { staff, .. } => d.name_of(staff),
            };
            let course = match pr {
                Problem::MissingCourse { course, .. } => d.course_name(course),
                _ => "",
            };
            let style = if m == Mark::Vacant { th.error } else { th.warn };
            let text = lang.problem(pr, who, course, st.session.term_months);
            for (i, part) in wrap(&text, width_cells.saturating_sub(4))
                .into_iter()
                .enumerate()
            {
                let lead = if i == 0 {
                    Span::styled(format!("  {} ", m.letter()), style)
                } else {
                    Span::raw("    ")
                };
                out.push(Line::from(vec![lead, Span::raw(part)]));
            }
        }
    }
    // history, newest first, as much as fits
    out.push(Line::styled(t.p_history, th.dim));
    if d.history.is_empty() {
        out.push(Line::styled(format!("  {}", t.p_never_held), th.dim));
    }
    let room_left = height.saturating_sub(out.len());
    let shown = if d.history.len() <= room_left {
        d.history.len()
    } else {
        room_left.saturating_sub(1)
    };
    let today = st.session.today;
    for h in d.history.iter().take(shown) {
        let end = match h.end {
            _ if h.start > today => t.p_upcoming.to_string(),
            Some(e) => month(e),
            None => t.d_now.to_string(),
        };
        let when = format!("  {} ── {}  ", month(h.start), pad(&end, 8));
        let conc = if h.concurrent {
            format!(" ({})", t.d_concurrent)
        } else {
            String::new()
        };
        let who = fit(
            &format!("{}{conc}", h.name),
            width_cells.saturating_sub(width(&when)),
        );
        let current = h.start <= today && h.end.is_none_or(|e| e >= today);
        out.push(Line::from(vec![
            Span::styled(when, th.dim),
            Span::styled(who, if current { th.title } else { th.text }),
        ]));
    }
    if shown < d.history.len() && room_left > 0 {
        out.push(Line::styled(
            fit(&lang.more_history(d.history.len() - shown), width_cells),
            th.dim,
        ));
    }
    out
}

fn holder_lines(
    st: &State,
    ui: &Ui,
    hf: &HolderFit,
    first: Span<'static>,
    room: usize,
) -> Vec<Line<'static>> {
    let th = ui.theme;
    let lang = st.session.lang;
    let t = lang.texts();
    let h = &hf.holder;
    let conc = if h.concurrent {
        format!(" ({})", t.d_concurrent)
    } else {
        String::new()
    };
    let who = vec![
        (h.name.clone(), th.title),
        (format!("{}{conc}", h.staff), th.dim),
        (lang.held_since(h.start, h.months), th.text),
    ];
    let mut out = flow_with(first, who, room, " ");
    if h.concurrent {
        out.push(Line::from(vec![
            blank(),
            Span::styled(fit(t.p_concurrent_note, room), th.dim),
        ]));
        return out;
    }
    let Some(fit_) = &hf.fit else { return out };
    let ok = |b: bool| if b { "✓" } else { "✗" };
    let good = |b: bool| if b { th.ok } else { th.error };
    let mut items: Vec<(String, Style)> = vec![(
        format!(
            "{} {} {}",
            t.p_grade,
            fit_.grade.ja(),
            ok(fit_.grade_matches())
        ),
        good(fit_.grade_matches()),
    )];
    for (skill, have, need) in &fit_.skills {
        let met = have >= need;
        items.push((format!("{skill} {have}/{need} {}", ok(met)), good(met)));
    }
    for (c, standing) in &fit_.courses {
        let (word, style) = match standing {
            CourseStanding::Completed => (t.cs_completed, th.ok),
            CourseStanding::Planned => (t.cs_planned, th.warn),
            CourseStanding::Missing => (t.cs_missing, th.error),
        };
        items.push((format!("{c} {word}"), style));
    }
    out.extend(flow(blank(), items, room));
    out
}

/// Breaks `text` into lines of at most `room` cells, so that a continuation can be
/// indented: English at spaces; a run of Japanese (no spaces) anywhere, as Japanese
/// text is broken.
fn wrap(text: &str, room: usize) -> Vec<String> {
    let room = room.max(4);
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    let mut flush = |line: &mut String, used: &mut usize| {
        out.push(line.trim_end().to_string());
        line.clear();
        *used = 0;
    };
    for word in text.split_inclusive(' ') {
        let trimmed = width(word.trim_end());
        if used + trimmed <= room {
            line.push_str(word);
            used += width(word);
            continue;
        }
        let japanese = word.chars().any(|c| width(c.encode_utf8(&mut [0; 4])) > 1);
        if !japanese && used > 0 {
            flush(&mut line, &mut used);
            if trimmed <= room {
                line.push_str(word);
                used += width(word);
                continue;
            }
        }
        // Break between characters, filling the line.
        for c in word.chars() {
            let cw = width(c.encode_utf8(&mut [0; 4]));
            if used + cw > room && c != ' ' {
                // A closing bracket or stop may not start a line (kinsoku): the
                // character before it moves down with it.
                let carry = if "）」』】、。・：,.)".contains(c) {
                    line.pop().filter(|p| *p != ' ')
                } else {
                    None
                };
                flush(&mut line, &mut used);
                if let Some(p) = carry {
                    line.push(p);
                    used += width(p.encode_utf8(&mut [0; 4]));
                }
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.trim().is_empty() {
        out.push(line.trim_end().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_then_between_characters() {
        assert_eq!(wrap("due: a b c", 6), vec!["due: a", "b c"]);
        assert_eq!(
            wrap(
                "course: 木村 has not completed C-DA-SEC 情報システム統一研修",
                24
            ),
            vec![
                "course: 木村 has not",
                "completed C-DA-SEC 情報",
                "システム統一研修"
            ]
        );
        assert_eq!(
            wrap("情報システム統一研修", 8),
            vec!["情報シス", "テム統一", "研修"]
        );
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        // A closing bracket does not start a line: the character before it comes along.
        assert_eq!(
            wrap("スキル: 伊藤 の security は 1（必要4）", 12),
            vec!["スキル: 伊藤", "の security", "は 1（必要", "4）"]
        );
        for line in wrap("異動時期: 伊藤 美穂 は在任 2y 1m（標準在任 24か月）", 20)
        {
            assert!(width(&line) <= 20, "{line}");
        }
    }
}
