//! The training pane: the filter line; the catalogue as a tree of courses (provider,
//! next session, gaps) → sessions (dates, seats, enrolled and completed) →
//! enrollees (status and date), or the gap list grouped by course; and the detail
//! of the selected line, as a column beside the tree or full screen. Only the rows
//! on screen are drawn. Also the "training for post" lines that the staff detail
//! shares.

use super::chrome::pretty_key;
use super::widgets::{fit, pad, pad_left, width};
use super::Ui;
use crate::app::action::{Action, Scope};
use crate::app::state::{Data, State};
use crate::app::training::{
    CourseItem, Enrollee, GapGroup, GapItem, SessionItem, TrainingPane, TrainingRow, TrainingSort,
};
use crate::domain::date::iso;
use crate::domain::training::{course_progress, primary_post, progress, CourseProgress, Progress};
use crate::domain::{Dataset, Date, EnrollmentStatus, StaffId};
use crate::i18n::{date_range, Lang, Texts};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

pub fn render(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let [line, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    filter_line(st, ui, f, line);
    let p = &st.training;
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

fn sort_label(t: &Texts, s: TrainingSort) -> &'static str {
    match s {
        TrainingSort::Id => t.tr_sort_id,
        TrainingSort::Name => t.tr_sort_name,
        TrainingSort::Provider => t.tr_sort_provider,
        TrainingSort::NextSession => t.tr_sort_next,
        TrainingSort::Gaps => t.tr_sort_gaps,
    }
}

/// ` / 山田▏            2 of 17 courses · gaps: 40 · sorted by id · view: courses (!)`
fn filter_line(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let th = ui.theme;
    let lang = st.session.lang;
    let t = lang.texts();
    let p = &st.training;
    let mut spans = vec![Span::styled(" / ", if p.editing { th.key } else { th.dim })];
    let text = p.filter.text();
    if text.is_empty() && !p.editing {
        spans.push(Span::styled(t.tr_filter_hint, th.dim));
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
        .keys_for(Action::GapView, Scope::Training)
        .into_iter()
        .next()
        .map(|k| format!(" ({})", pretty_key(&k)))
        .unwrap_or_default();
    let mut right = vec![];
    match &st.data {
        Data::Loading => right.push(Span::styled(t.loading, th.dim)),
        Data::Failed(_) => right.push(Span::styled(t.load_failed, th.error)),
        Data::Ready(_) if !p.is_loaded() => right.push(Span::styled(t.loading, th.dim)),
        Data::Ready(_) => {
            let sep = || Span::styled(" · ", th.dim);
            if p.gap_view {
                right.push(Span::styled(
                    lang.gaps_shown(p.shown_gaps, p.gaps.len()),
                    th.dim,
                ));
            } else {
                right.push(Span::styled(
                    lang.courses_shown(p.shown_courses, p.total()),
                    th.dim,
                ));
                right.push(sep());
                right.push(Span::styled(
                    format!("{}: {}", t.tr_gaps, super::thousands(p.gaps.len())),
                    if p.gaps.is_empty() { th.dim } else { th.warn },
                ));
            }
            right.push(sep());
            let sorted = if lang.is_ja() {
                format!("{}: {}", t.sorted_by, sort_label(t, p.sort))
            } else {
                format!("{} {}", t.sorted_by, sort_label(t, p.sort))
            };
            right.push(Span::styled(sorted, th.dim));
            right.push(sep());
            let view = if p.gap_view {
                t.tr_view_gaps
            } else {
                t.tr_view_courses
            };
            right.push(Span::styled(
                format!("{}: {view}", t.tr_view),
                if p.gap_view { th.badge } else { th.dim },
            ));
            right.push(Span::styled(key, th.key));
        }
    }
    right.push(Span::raw(" "));
    let total = area.width as usize;
    let right_w: usize = right.iter().map(|s| width(&s.content)).sum();
    let left_w: usize = spans.iter().map(|s| width(&s.content)).sum();
    if left_w + right_w > total && text.is_empty() && !p.editing {
        // The hint gives way to the counts.
        let keep = total.saturating_sub(3 + right_w + 1);
        spans.truncate(1);
        spans.push(Span::styled(fit(t.tr_filter_hint, keep), th.dim));
    }
    let left_w: usize = spans.iter().map(|s| width(&s.content)).sum();
    spans.push(Span::raw(
        " ".repeat(total.saturating_sub(left_w + right_w)),
    ));
    spans.extend(right);
    f.render_widget(Line::from(spans), area);
}

/// Where the columns of a course row (and of a course in the gap view) sit.
struct CourseCols {
    /// Cells for the name.
    name: usize,
    /// The provider's column; 0 when dropped for lack of room.
    provider: usize,
}

impl CourseCols {
    const PROVIDER: usize = 10;
    const NEXT: usize = 10;
    const GAPS: usize = 8;

    fn for_width(p: &TrainingPane, w: usize) -> CourseCols {
        let lead = 3 + p.widths.course + 1;
        let mut c = CourseCols {
            name: 0,
            provider: Self::PROVIDER,
        };
        if w < lead + 12 + c.right() {
            c.provider = 0;
        }
        c.name = p
            .widths
            .course_name
            .max(8)
            .min(w.saturating_sub(lead + c.right()))
            .max(1);
        c
    }

    /// Cells after the name, separators included (two after the name).
    fn right(&self) -> usize {
        let col = |w: usize| if w > 0 { w + 1 } else { 0 };
        1 + col(self.provider) + col(Self::NEXT) + col(Self::GAPS)
    }
}

fn tree(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let th = ui.theme;
    let t = st.session.lang.texts();
    let p = &st.training;
    let title = if p.gap_view {
        t.tr_gap_title
    } else {
        t.tr_title
    };
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border)
        .title(Span::styled(format!(" {title} "), th.title));
    let legend = format!(
        " {} ",
        if p.gap_view {
            t.tr_gap_legend
        } else {
            t.tr_legend
        }
    );
    if width(&legend) + 4 <= area.width as usize {
        block = block.title_bottom(Line::styled(legend, th.dim));
    }
    let empty = match &st.data {
        Data::Loading => Some(Line::styled(t.loading, th.dim)),
        Data::Failed(e) => Some(Line::styled(format!("{}: {e}", t.load_failed), th.error)),
        Data::Ready(_) if !p.is_loaded() => Some(Line::styled(t.loading, th.dim)),
        Data::Ready(_) if p.gap_view && p.gaps.is_empty() => {
            Some(Line::styled(t.tr_no_gaps, th.ok))
        }
        Data::Ready(_) if !p.gap_view && p.total() == 0 => {
            Some(Line::styled(t.tr_no_courses, th.dim))
        }
        Data::Ready(_) if p.rows.is_empty() => Some(Line::styled(t.tr_no_match, th.dim)),
        Data::Ready(_) => None,
    };
    if let Some(msg) = empty {
        f.render_widget(
            Paragraph::new(msg).wrap(Wrap { trim: true }).block(block),
            area,
        );
        return;
    }
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    let cols = CourseCols::for_width(p, w);
    let lines: Vec<Line> = p
        .rows
        .iter()
        .enumerate()
        .skip(p.offset)
        .take(inner.height as usize)
        .map(|(i, row)| {
            let sel = i == p.selected;
            let spans = match *row {
                TrainingRow::Course { course, expanded } => {
                    course_row(st, ui, &p.courses[course], expanded, sel, &cols)
                }
                TrainingRow::Session {
                    course,
                    session,
                    expanded,
                } => session_row(
                    st,
                    ui,
                    &p.courses[course].sessions[session],
                    expanded,
                    sel,
                    w,
                ),
                TrainingRow::Enrollee {
                    course,
                    session,
                    enrollee,
                } => enrollee_row(
                    st,
                    ui,
                    &p.courses[course].sessions[session].enrollees[enrollee],
                    sel,
                    w,
                ),
                TrainingRow::GapCourse {
                    group,
                    expanded,
                    shown,
                } => gap_course_row(st, ui, &p.groups[group], expanded, shown, sel, &cols),
                TrainingRow::Gap { gap, .. } => gap_row(st, ui, &p.gaps[gap], sel, w),
            };
            finish(spans, sel, w, ui)
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}

/// Cuts a row to `w` cells and fills the rest (so a selected row shows whole).
fn finish(spans: Vec<Span<'static>>, sel: bool, w: usize, ui: &Ui) -> Line<'static> {
    let mut out = Vec::with_capacity(spans.len() + 1);
    let mut used = 0;
    for s in spans {
        let sw = width(&s.content);
        if used + sw > w {
            let rest = w.saturating_sub(used);
            if rest > 0 {
                out.push(Span::styled(fit(&s.content, rest), s.style));
                used += width(&fit(&s.content, rest));
            }
            break;
        }
        used += sw;
        out.push(s);
    }
    if used < w {
        let style = if sel {
            ui.theme.selected
        } else {
            ui.theme.text
        };
        out.push(Span::styled(" ".repeat(w - used), style));
    }
    Line::from(out)
}

fn marker(sel: bool) -> &'static str {
    if sel {
        "▶"
    } else {
        " "
    }
}

fn glyph(expanded: bool) -> &'static str {
    if expanded {
        "▾ "
    } else {
        "▸ "
    }
}

fn course_row(
    st: &State,
    ui: &Ui,
    c: &CourseItem,
    expanded: bool,
    sel: bool,
    cols: &CourseCols,
) -> Vec<Span<'static>> {
    let th = ui.theme;
    let lang = st.session.lang;
    let p = &st.training;
    let pick = |s: Style| if sel { th.selected } else { s };
    let mut spans = vec![
        Span::styled(
            format!(
                "{}{}{} ",
                marker(sel),
                glyph(expanded),
                pad(c.id.as_str(), p.widths.course)
            ),
            pick(th.dim),
        ),
        Span::styled(pad(&c.name, cols.name + 1), pick(th.title)),
    ];
    if cols.provider > 0 {
        spans.push(Span::styled(
            format!(" {}", pad(lang.provider(c.provider, true), cols.provider)),
            pick(th.text),
        ));
    }
    let next = c.next.map(iso).unwrap_or_else(|| "—".into());
    spans.push(Span::styled(
        format!(" {}", pad(&next, CourseCols::NEXT)),
        pick(if c.next.is_some() { th.text } else { th.dim }),
    ));
    spans.push(Span::styled(
        format!(" {}", pad_left(&lang.gap_count(c.gaps), CourseCols::GAPS)),
        pick(th.warn),
    ));
    spans
}

fn session_row(
    st: &State,
    ui: &Ui,
    x: &SessionItem,
    expanded: bool,
    sel: bool,
    w: usize,
) -> Vec<Span<'static>> {
    let th = ui.theme;
    let lang = st.session.lang;
    let t = lang.texts();
    let p = &st.training;
    let today = st.session.today;
    let pick = |s: Style| if sel { th.selected } else { s };
    let lead = format!("{}  {}", marker(sel), glyph(expanded));
    let Some(id) = &x.id else {
        let label = pad(t.tr_no_session, p.widths.session + 1 + p.widths.dates);
        return vec![
            Span::styled(lead, pick(th.dim)),
            Span::styled(label, pick(th.dim)),
            Span::styled(format!(" {}", lang.plans_count(x.planned)), pick(th.warn)),
        ];
    };
    let dates = match (x.start, x.end) {
        (Some(s), Some(e)) => date_range(s, e),
        _ => String::new(),
    };
    let style = if x.is_running(today) {
        th.title
    } else if x.is_over(today) {
        th.dim
    } else {
        th.text
    };
    let used = width(&lead) + p.widths.session + 1 + p.widths.dates + 1;
    let long = lang.session_counts(x.taken, x.capacity, x.enrolled, x.completed, true);
    let counts = if used + width(&long) <= w {
        long
    } else {
        lang.session_counts(x.taken, x.capacity, x.enrolled, x.completed, false)
    };
    let full = x.taken >= x.capacity as usize && x.capacity > 0;
    vec![
        Span::styled(lead, pick(th.dim)),
        Span::styled(pad(id.as_str(), p.widths.session), pick(th.dim)),
        Span::styled(format!(" {}", pad(&dates, p.widths.dates)), pick(style)),
        Span::styled(
            format!(" {counts}"),
            pick(if full && !x.is_over(today) {
                th.warn
            } else {
                style
            }),
        ),
    ]
}

/// The style of an enrollment status.
fn status_style(ui: &Ui, s: EnrollmentStatus) -> Style {
    let th = ui.theme;
    match s {
        EnrollmentStatus::Completed => th.ok,
        EnrollmentStatus::Failed => th.error,
        EnrollmentStatus::Cancelled => th.dim,
        EnrollmentStatus::Planned => th.warn,
        EnrollmentStatus::Enrolled => th.text,
    }
}

fn name_width(w: usize) -> usize {
    if w >= 100 {
        16
    } else {
        12
    }
}

fn enrollee_row(st: &State, ui: &Ui, e: &Enrollee, sel: bool, w: usize) -> Vec<Span<'static>> {
    let th = ui.theme;
    let lang = st.session.lang;
    let p = &st.training;
    let pick = |s: Style| if sel { th.selected } else { s };
    let date = e.date.map(iso).unwrap_or_default();
    vec![
        Span::styled(
            format!(
                "{}      {} ",
                marker(sel),
                pad(e.staff.as_str(), p.widths.staff)
            ),
            pick(th.dim),
        ),
        Span::styled(pad(&e.name, name_width(w)), pick(th.text)),
        Span::styled(
            format!(" {}", pad(lang.status(e.status), 10)),
            pick(status_style(ui, e.status)),
        ),
        Span::styled(format!(" {date}"), pick(th.dim)),
    ]
}

fn gap_course_row(
    st: &State,
    ui: &Ui,
    g: &GapGroup,
    expanded: bool,
    shown: usize,
    sel: bool,
    cols: &CourseCols,
) -> Vec<Span<'static>> {
    let th = ui.theme;
    let lang = st.session.lang;
    let p = &st.training;
    let pick = |s: Style| if sel { th.selected } else { s };
    vec![
        Span::styled(
            format!(
                "{}{}{} ",
                marker(sel),
                glyph(expanded),
                pad(g.course.as_str(), p.widths.course)
            ),
            pick(th.dim),
        ),
        Span::styled(pad(&g.name, cols.name + 1), pick(th.title)),
        Span::styled(format!(" {}", lang.people(shown)), pick(th.warn)),
    ]
}

/// The gap view's flags of a person, in words.
fn flags(t: &Texts, g: &GapItem) -> String {
    let mut v = Vec::new();
    if g.gap.planned {
        v.push(t.tr_flag_planned);
    }
    if g.gap.failed {
        v.push(t.tr_flag_failed);
    }
    if g.gap.away {
        v.push(t.tr_flag_away);
    }
    v.join(" · ")
}

fn gap_row(st: &State, ui: &Ui, g: &GapItem, sel: bool, w: usize) -> Vec<Span<'static>> {
    let th = ui.theme;
    let t = st.session.lang.texts();
    let p = &st.training;
    let pick = |s: Style| if sel { th.selected } else { s };
    const FLAGS: usize = 15;
    let lead = format!(
        "{}    {} ",
        marker(sel),
        pad(g.gap.staff.as_str(), p.widths.staff)
    );
    let name_w = name_width(w);
    let fixed = width(&lead) + name_w + 1 + 8 + 1 + p.widths.post + 1;
    let title_w = w.saturating_sub(fixed + 1 + FLAGS).min(30);
    let mut spans = vec![
        Span::styled(lead, pick(th.dim)),
        Span::styled(pad(&g.gap.name, name_w), pick(th.text)),
        Span::styled(format!(" {}", pad(g.gap.grade.ja(), 8)), pick(th.text)),
        Span::styled(
            format!(" {}", pad(g.gap.post.as_str(), p.widths.post)),
            pick(th.dim),
        ),
    ];
    if title_w >= 6 {
        spans.push(Span::styled(
            format!(" {}", pad(&g.gap.post_title, title_w)),
            pick(th.text),
        ));
    }
    spans.push(Span::styled(format!(" {}", flags(t, g)), pick(th.warn)));
    spans
}

// ----- detail -----------------------------------------------------------------

/// A label padded to the same display width (kanji take two cells each).
fn label(text: &str, ui: &Ui) -> Span<'static> {
    Span::styled(format!("{} ", pad(text, LABEL_W - 1)), ui.theme.dim)
}

const LABEL_W: usize = 10;

fn blank() -> Span<'static> {
    Span::raw(" ".repeat(LABEL_W))
}

fn detail(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let th = ui.theme;
    let t = st.session.lang.texts();
    let p = &st.training;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border);
    let inner_w = area.width.saturating_sub(2) as usize;
    let inner_h = area.height.saturating_sub(2) as usize;
    let shown = match (&st.data, p.selected_row()) {
        (Data::Ready(d), Some(row)) => detail_of(st, ui, &d.ds, row, inner_w, inner_h),
        _ => None,
    };
    let Some((title, mut lines)) = shown else {
        let msg = match &st.data {
            Data::Loading => t.loading,
            _ => t.tr_select,
        };
        f.render_widget(
            Paragraph::new(Line::styled(msg, th.dim))
                .wrap(Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    };
    lines.truncate(inner_h);
    let title = fit(&format!(" {title} "), inner_w.saturating_sub(1));
    let block = block.title(Span::styled(title, th.title));
    f.render_widget(Paragraph::new(lines).block(block), area);
}

/// The title and lines of the selected line's detail.
fn detail_of(
    st: &State,
    ui: &Ui,
    ds: &Dataset,
    row: TrainingRow,
    w: usize,
    h: usize,
) -> Option<(String, Vec<Line<'static>>)> {
    let p = &st.training;
    match row {
        TrainingRow::Course { course, .. } => {
            let c = p.courses.get(course)?;
            Some((course_title(c), course_lines(st, ui, c, w, h)))
        }
        TrainingRow::GapCourse { group, .. } => {
            let g = p.groups.get(group)?;
            match g.item.and_then(|i| p.courses.get(i)) {
                Some(c) => Some((course_title(c), course_lines(st, ui, c, w, h))),
                None => {
                    let lines = vec![Line::from(vec![
                        label(st.session.lang.texts().tr_gaps, ui),
                        Span::styled(st.session.lang.people(g.end - g.start), ui.theme.warn),
                    ])];
                    Some((format!("{} {}", g.course, g.name), lines))
                }
            }
        }
        TrainingRow::Session {
            course, session, ..
        } => {
            let c = p.courses.get(course)?;
            let x = c.sessions.get(session)?;
            let name = match &x.id {
                Some(id) => id.to_string(),
                None => st.session.lang.texts().tr_no_session.to_string(),
            };
            Some((
                format!("{name} · {}", c.id),
                session_lines(st, ui, c, x, w, h),
            ))
        }
        TrainingRow::Enrollee {
            course,
            session,
            enrollee,
        } => {
            let c = p.courses.get(course)?;
            let x = c.sessions.get(session)?;
            let e = x.enrollees.get(enrollee)?;
            Some((
                format!("{} {}", e.staff, e.name),
                enrollee_lines(st, ui, ds, c, x, e, w),
            ))
        }
        TrainingRow::Gap { gap, .. } => {
            let g = p.gaps.get(gap)?;
            Some((
                format!("{} {}", g.gap.staff, g.gap.name),
                gap_lines(st, ui, ds, g, w),
            ))
        }
    }
}

fn course_title(c: &CourseItem) -> String {
    format!("{} {}", c.id, c.name)
}

/// "C-SEC セキュリティ研修", or the id alone when the name is unknown.
fn course_label(id: &str, name: &str) -> String {
    if name.is_empty() {
        id.to_string()
    } else {
        format!("{id} {name}")
    }
}

fn course_lines(st: &State, ui: &Ui, c: &CourseItem, w: usize, h: usize) -> Vec<Line<'static>> {
    let th = ui.theme;
    let lang = st.session.lang;
    let t = lang.texts();
    let ja = lang.is_ja();
    let today = st.session.today;
    let room = w.saturating_sub(LABEL_W);
    let mut out = vec![Line::from(vec![
        label(t.tr_provider, ui),
        Span::raw(fit(lang.provider(c.provider, false), room)),
    ])];
    let field = if ja { c.field.ja() } else { c.field.code() };
    out.push(Line::from(vec![
        label(t.tr_field, ui),
        Span::raw(fit(field, room)),
    ]));
    let grades = if c.grades.is_empty() {
        t.tr_every_grade.to_string()
    } else {
        c.grades
            .iter()
            .map(|g| g.ja())
            .collect::<Vec<_>>()
            .join("・")
    };
    out.extend(flow(
        label(t.tr_grades, ui),
        vec![(grades, th.text), (lang.days(c.days), th.text)],
        room,
    ));
    if c.posts.is_empty() {
        out.push(Line::from(vec![
            label(t.tr_posts, ui),
            Span::styled(fit(t.tr_no_posts, room), th.dim),
        ]));
    } else {
        let posts = c
            .posts
            .iter()
            .map(|(id, title)| (format!("{id} {title}"), th.text))
            .collect();
        out.extend(flow(label(t.tr_posts, ui), posts, room));
    }
    out.push(Line::from(vec![
        label(t.tr_gaps, ui),
        Span::styled(
            lang.people(c.gaps),
            if c.gaps > 0 { th.warn } else { th.ok },
        ),
    ]));
    let scheduled = c.sessions.iter().filter(|x| x.id.is_some()).count();
    let mut head = vec![label(t.tr_sessions, ui)];
    if scheduled == 0 {
        head.push(Span::styled(t.tr_no_sessions, th.dim));
    } else {
        head.push(Span::styled(lang.sessions(scheduled), th.text));
    }
    out.push(Line::from(head));
    // The sessions, as many as fit: the oldest give way first.
    let lines: Vec<Line<'static>> = c
        .sessions
        .iter()
        .map(|x| session_summary(st, ui, x, w, today))
        .collect();
    let room_left = h.saturating_sub(out.len());
    if lines.len() <= room_left {
        out.extend(lines);
    } else if room_left > 0 {
        let keep = room_left - 1;
        let cut = lines.len() - keep;
        out.push(Line::styled(fit(&lang.more_history(cut), w), th.dim));
        out.extend(lines.into_iter().skip(cut));
    }
    out
}

/// A session on one line of a course's detail: `  S-SEC-1  2025-06-02–06-06  1/20 · 1
/// completed`; the id gives way when the line is short.
fn session_summary(st: &State, ui: &Ui, x: &SessionItem, w: usize, today: Date) -> Line<'static> {
    let th = ui.theme;
    let lang = st.session.lang;
    let t = lang.texts();
    let Some(id) = &x.id else {
        return Line::from(vec![
            Span::styled(format!("  {}  ", t.tr_no_session), th.dim),
            Span::styled(lang.plans_count(x.planned), th.warn),
        ]);
    };
    let dates = match (x.start, x.end) {
        (Some(s), Some(e)) => date_range(s, e),
        _ => String::new(),
    };
    let counts = match lang {
        Lang::En => format!("{}/{} · {} completed", x.taken, x.capacity, x.completed),
        Lang::Ja => format!("{}/{} · 修了{}", x.taken, x.capacity, x.completed),
    };
    let style = if x.is_running(today) {
        th.title
    } else if x.is_over(today) {
        th.dim
    } else {
        th.text
    };
    let sid = st.training.widths.session;
    let with_id = 2 + sid + 2 + width(&dates) + 2 + width(&counts);
    let mut spans = vec![Span::raw("  ")];
    if with_id <= w {
        spans.push(Span::styled(format!("{}  ", pad(id.as_str(), sid)), th.dim));
    }
    spans.push(Span::styled(format!("{dates}  "), style));
    spans.push(Span::styled(counts, style));
    Line::from(spans)
}

fn session_lines(
    st: &State,
    ui: &Ui,
    c: &CourseItem,
    x: &SessionItem,
    w: usize,
    h: usize,
) -> Vec<Line<'static>> {
    let th = ui.theme;
    let lang = st.session.lang;
    let t = lang.texts();
    let today = st.session.today;
    let room = w.saturating_sub(LABEL_W);
    let mut out = vec![Line::from(vec![
        label(t.tr_course, ui),
        Span::raw(fit(&course_label(c.id.as_str(), &c.name), room)),
    ])];
    if let (Some(s), Some(e)) = (x.start, x.end) {
        let (state, style) = if x.is_running(today) {
            (t.tr_running, th.title)
        } else if x.is_over(today) {
            (t.tr_ended, th.dim)
        } else {
            (t.tr_upcoming, th.text)
        };
        out.extend(flow(
            label(t.tr_dates, ui),
            vec![
                (format!("{} – {}", iso(s), iso(e)), th.text),
                (state.to_string(), style),
            ],
            room,
        ));
        let full = x.taken >= x.capacity as usize;
        out.push(Line::from(vec![
            label(t.tr_seats, ui),
            Span::styled(
                fit(&lang.seats_taken(x.taken, x.capacity), room),
                if full { th.warn } else { th.text },
            ),
        ]));
    }
    let counts: Vec<(String, Style)> = [
        (EnrollmentStatus::Enrolled, x.enrolled),
        (EnrollmentStatus::Completed, x.completed),
        (EnrollmentStatus::Planned, x.planned),
        (EnrollmentStatus::Failed, x.failed),
        (EnrollmentStatus::Cancelled, x.cancelled),
    ]
    .into_iter()
    .filter(|(s, n)| {
        *n > 0 || matches!(s, EnrollmentStatus::Enrolled | EnrollmentStatus::Completed)
    })
    .map(|(s, n)| (format!("{} {n}", lang.status(s)), status_style(ui, s)))
    .collect();
    out.extend(flow(label(t.tr_enrollees, ui), counts, room));
    if x.enrollees.is_empty() {
        out.push(Line::styled(format!("  {}", t.tr_no_enrollees), th.dim));
        return out;
    }
    let room_left = h.saturating_sub(out.len());
    let shown = if x.enrollees.len() <= room_left {
        x.enrollees.len()
    } else {
        room_left.saturating_sub(1)
    };
    let name_w = if w >= 60 { 16 } else { 12 };
    let staff_w = st.training.widths.staff;
    for e in x.enrollees.iter().take(shown) {
        let date = e.date.map(iso).unwrap_or_default();
        let line = vec![
            Span::styled(format!("  {} ", pad(e.staff.as_str(), staff_w)), th.dim),
            Span::raw(format!("{} ", pad(&e.name, name_w))),
            Span::styled(
                format!("{} ", pad(lang.status(e.status), 10)),
                status_style(ui, e.status),
            ),
            Span::styled(date, th.dim),
        ];
        out.push(cut_line(line, w));
    }
    if shown < x.enrollees.len() && room_left > 0 {
        out.push(Line::styled(
            fit(&lang.more(x.enrollees.len() - shown), w),
            th.dim,
        ));
    }
    out
}

/// A line cut to `w` cells.
fn cut_line(spans: Vec<Span<'static>>, w: usize) -> Line<'static> {
    let mut out = Vec::new();
    let mut used = 0;
    for s in spans {
        let sw = width(&s.content);
        if used + sw > w {
            let rest = w.saturating_sub(used);
            if rest > 1 {
                out.push(Span::styled(fit(&s.content, rest), s.style));
            }
            break;
        }
        used += sw;
        out.push(s);
    }
    Line::from(out)
}

/// The person's grade and the post of their primary holding, as detail lines.
fn person_lines(
    st: &State,
    ui: &Ui,
    ds: &Dataset,
    staff: &StaffId,
    w: usize,
) -> Vec<Line<'static>> {
    let th = ui.theme;
    let t = st.session.lang.texts();
    let room = w.saturating_sub(LABEL_W);
    let mut out = Vec::new();
    if let Some(s) = ds.staff.get(staff) {
        out.push(Line::from(vec![
            label(t.p_grade, ui),
            Span::raw(s.grade.ja().to_string()),
        ]));
        if s.is_away_on(st.session.today) {
            let until = s
                .status_until
                .map(|d| match st.session.lang {
                    Lang::En => format!(" ({} {})", t.d_until, iso(d)),
                    Lang::Ja => format!("（{}{}）", iso(d), t.d_until),
                })
                .unwrap_or_default();
            out.push(Line::from(vec![
                label(t.tr_flag_away, ui),
                Span::styled(fit(&format!("{}{until}", s.status.ja()), room), th.warn),
            ]));
        }
    }
    match primary_post(ds, staff, st.session.today) {
        Some(post) => out.push(Line::from(vec![
            label(t.d_post, ui),
            Span::raw(fit(&format!("{} ({})", post.title, post.id), room)),
        ])),
        None => out.push(Line::from(vec![
            label(t.d_post, ui),
            Span::styled(t.d_none, th.dim),
        ])),
    }
    out
}

fn enrollee_lines(
    st: &State,
    ui: &Ui,
    ds: &Dataset,
    c: &CourseItem,
    x: &SessionItem,
    e: &Enrollee,
    w: usize,
) -> Vec<Line<'static>> {
    let lang = st.session.lang;
    let t = lang.texts();
    let room = w.saturating_sub(LABEL_W);
    let mut out = vec![Line::from(vec![
        label(t.tr_course, ui),
        Span::raw(fit(&course_label(c.id.as_str(), &c.name), room)),
    ])];
    let session = match (&e.session, x.start, x.end) {
        (Some(id), Some(s), Some(en)) => format!("{id} · {}", date_range(s, en)),
        (Some(id), _, _) => id.to_string(),
        (None, _, _) => t.tr_no_session.to_string(),
    };
    out.push(Line::from(vec![
        label(t.tr_session, ui),
        Span::raw(fit(&session, room)),
    ]));
    let date = e.date.map(|d| format!(" {}", iso(d))).unwrap_or_default();
    out.push(Line::from(vec![
        label(t.tr_status, ui),
        Span::styled(
            format!("{}{date}", lang.status(e.status)),
            status_style(ui, e.status),
        ),
    ]));
    out.extend(person_lines(st, ui, ds, &e.staff, w));
    out.extend(post_training(st, ui, ds, &e.staff, w));
    out
}

fn gap_lines(st: &State, ui: &Ui, ds: &Dataset, g: &GapItem, w: usize) -> Vec<Line<'static>> {
    let lang = st.session.lang;
    let t = lang.texts();
    let room = w.saturating_sub(LABEL_W);
    let mut out = vec![Line::from(vec![
        label(t.tr_course, ui),
        Span::raw(fit(
            &course_label(g.gap.course.as_str(), &g.gap.course_name),
            room,
        )),
    ])];
    let standing = course_progress(ds, &g.gap.staff, &g.gap.course);
    let (_, style) = progress_mark(ui, &standing);
    out.push(Line::from(vec![
        label(t.tr_status, ui),
        Span::styled(fit(&lang.progress(&standing), room), style),
    ]));
    out.extend(person_lines(st, ui, ds, &g.gap.staff, w));
    out.extend(post_training(st, ui, ds, &g.gap.staff, w));
    out
}

/// The "training for post" section of a person: their progress in each course of
/// the post of their primary holding. Nothing when they hold no post.
pub(super) fn post_training(
    st: &State,
    ui: &Ui,
    ds: &Dataset,
    staff: &StaffId,
    w: usize,
) -> Vec<Line<'static>> {
    let today = st.session.today;
    if primary_post(ds, staff, today).is_none() {
        return Vec::new();
    }
    let t = st.session.lang.texts();
    let mut out = vec![Line::styled(t.tr_for_post, ui.theme.dim)];
    let list = progress(ds, staff, today);
    if list.is_empty() {
        out.push(Line::styled(
            fit(&format!("  {}", t.tr_post_no_courses), w),
            ui.theme.dim,
        ));
    }
    for c in &list {
        out.extend(progress_line(st.session.lang, ui, c, w));
    }
    out
}

/// The mark and style of a standing: ✓ completed, ● enrolled, ○ planned, ✗ missing.
fn progress_mark(ui: &Ui, p: &Progress) -> (&'static str, Style) {
    let th = ui.theme;
    match p {
        Progress::Completed { .. } => ("✓", th.ok),
        Progress::Enrolled { .. } => ("●", th.text),
        Progress::Planned { .. } => ("○", th.warn),
        Progress::Missing { .. } => ("✗", th.error),
    }
}

/// `  ✓ C-SEC セキュリティ研修  completed 2025-06-06`; the standing goes to a second
/// line when both do not fit.
fn progress_line(lang: Lang, ui: &Ui, c: &CourseProgress, w: usize) -> Vec<Line<'static>> {
    let (mark, style) = progress_mark(ui, &c.progress);
    let name = course_label(c.course.as_str(), &c.name);
    let state = lang.progress(&c.progress);
    let lead = Span::styled(format!("  {mark} "), style);
    let one = 4 + width(&name) + 2 + width(&state);
    if one <= w {
        return vec![Line::from(vec![
            lead,
            Span::raw(format!("{name}  ")),
            Span::styled(state, style),
        ])];
    }
    let room = w.saturating_sub(4);
    vec![
        Line::from(vec![lead, Span::raw(fit(&name, room))]),
        Line::from(vec![
            Span::raw("    "),
            Span::styled(fit(&state, room), style),
        ]),
    ]
}

/// Lays `items` out as ` · `-separated runs after `first` (a label), starting a new
/// indented line when the next would not fit in `room` cells.
fn flow(first: Span<'static>, items: Vec<(String, Style)>, room: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut line: Vec<Span<'static>> = vec![first];
    let mut used = 0;
    for (text, style) in items {
        let text = fit(&text, room);
        let w = width(&text);
        if used > 0 && used + 3 + w > room {
            out.push(Line::from(std::mem::replace(&mut line, vec![blank()])));
            used = 0;
        }
        if used > 0 {
            line.push(Span::raw(" · "));
            used += 3;
        }
        used += w;
        line.push(Span::styled(text, style));
    }
    if used > 0 {
        out.push(Line::from(line));
    }
    out
}
