//! The training pane: the filter line; the catalogue as a tree of courses (provider,
//! next session, gaps) → sessions (dates, seats, enrolled and completed) →
//! enrollees (status and date), or the gap list grouped by course; and the detail
//! of the selected line, as a column beside the tree or full screen. Only the rows
//! on screen are drawn. Also the "training for post" lines that the staff detail
//! shares.

use crate::app::action::{Action, Scope};
use crate::app::state::{Data, State};
use crate::app::training::{
    CourseItem, Enrollee, GapGroup, GapItem, SessionItem, TrainingPane, TrainingRow, TrainingSort,
};
use crate::domain::date::iso;
use crate::domain::training::{course_progress, primary_post, progress, CourseProgress, Progress};
use crate::domain::{Dataset, Date, EnrollmentStatus, StaffId};
use crate::i18n::{date_range, Lang, Texts};
use crate::ui::chrome::pretty_key;
use crate::ui::widgets::{
    fit, flow, input_line, label, list_and_detail, pad, pad_left, spread, width, LABEL_W,
};
use crate::ui::Ui;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

mod detail;

use detail::detail;
pub(super) use detail::post_training;

pub fn render(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let [line, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    filter_line(st, ui, f, line);
    let p = &st.training;
    list_and_detail(
        f,
        body,
        p.detail_open,
        st.wide() && !p.detail_hidden,
        |f, a| tree(st, ui, f, a),
        |f, a| detail(st, ui, f, a),
    );
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
    let spans = input_line(&p.filter, p.editing, t.tr_filter_hint, th);
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
    let hint = (p.filter.is_empty() && !p.editing).then_some((t.tr_filter_hint, th.dim));
    f.render_widget(spread(spans, right, area.width as usize, hint), area);
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
