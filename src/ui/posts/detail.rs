//! The posts pane's detail: the post's requirements, each holder's fit, the
//! problems in words and every past holder; or a unit's summary.

use super::*;

pub(super) fn detail(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
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
