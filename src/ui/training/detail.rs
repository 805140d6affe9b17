//! The training pane's detail: a course (posts, sessions, gaps), a session (seats,
//! enrollees), a person's enrollment or gap, and the "training for post" lines the
//! staff detail shares.

use super::*;

pub(super) fn detail(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
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
pub(in crate::ui) fn post_training(
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
