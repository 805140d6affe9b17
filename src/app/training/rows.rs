//! The training pane's rows: sorting the courses, matching the filter, and laying
//! out the visible tree (or the gap view) from the model and the folds.

use super::*;

impl TrainingPane {
    pub(super) fn resort(&mut self) {
        let cs = &self.courses;
        let mut order: Vec<usize> = (0..cs.len()).collect();
        let by = self.sort;
        order.sort_by(|&a, &b| {
            let (a, b) = (&cs[a], &cs[b]);
            match by {
                TrainingSort::Id => a.id.cmp(&b.id),
                TrainingSort::Name => (&a.name, &a.id).cmp(&(&b.name, &b.id)),
                TrainingSort::Provider => (a.provider, &a.id).cmp(&(b.provider, &b.id)),
                TrainingSort::NextSession => {
                    (a.next.is_none(), a.next, &a.id).cmp(&(b.next.is_none(), b.next, &b.id))
                }
                TrainingSort::Gaps => (Reverse(a.gaps), &a.id).cmp(&(Reverse(b.gaps), &b.id)),
            }
        });
        self.order = order;
        let gs = &self.groups;
        let mut groups: Vec<usize> = (0..gs.len()).collect();
        let item = |g: &GapGroup| g.item.and_then(|i| cs.get(i));
        groups.sort_by(|&a, &b| {
            let (a, b) = (&gs[a], &gs[b]);
            let (ia, ib) = (item(a), item(b));
            match by {
                TrainingSort::Id => a.course.cmp(&b.course),
                TrainingSort::Name => (&a.name, &a.course).cmp(&(&b.name, &b.course)),
                TrainingSort::Provider => {
                    let p = |i: Option<&CourseItem>| (i.is_none(), i.map(|c| c.provider));
                    (p(ia), &a.course).cmp(&(p(ib), &b.course))
                }
                TrainingSort::NextSession => {
                    let n = |i: Option<&CourseItem>| i.and_then(|c| c.next);
                    (n(ia).is_none(), n(ia), &a.course).cmp(&(n(ib).is_none(), n(ib), &b.course))
                }
                TrainingSort::Gaps => (Reverse(a.end - a.start), &a.course)
                    .cmp(&(Reverse(b.end - b.start), &b.course)),
            }
        });
        self.group_order = groups;
    }

    pub(super) fn apply_filter(&mut self) {
        let folded = fold(self.filter.text());
        let words: Vec<&str> = folded.split_whitespace().collect();
        if words.is_empty() {
            self.matching.clear();
            self.gap_matching.clear();
            self.shown_courses = self.courses.len();
            self.shown_gaps = self.gaps.len();
            return;
        }
        let all = |hays: &[&str]| words.iter().all(|w| hays.iter().any(|h| h.contains(w)));
        self.matching = self
            .courses
            .iter()
            .map(|c| {
                let direct = all(&[&c.hay]);
                let sessions: Vec<SessionMatch> = c
                    .sessions
                    .iter()
                    .map(|x| {
                        let sdirect = direct || all(&[&c.hay, &x.hay]);
                        let enrollees: Vec<bool> = x
                            .enrollees
                            .iter()
                            .map(|e| sdirect || all(&[&c.hay, &x.hay, &e.hay]))
                            .collect();
                        SessionMatch {
                            shown: sdirect || enrollees.iter().any(|m| *m),
                            direct: sdirect,
                            enrollees,
                        }
                    })
                    .collect();
                CourseMatch {
                    shown: direct || sessions.iter().any(|s| s.shown),
                    direct,
                    sessions,
                }
            })
            .collect();
        self.shown_courses = self.matching.iter().filter(|m| m.shown).count();
        let mut gm = vec![false; self.gaps.len()];
        for g in self.groups.iter() {
            for (i, m) in gm.iter_mut().enumerate().take(g.end).skip(g.start) {
                *m = all(&[&g.hay, &self.gaps[i].hay]);
            }
        }
        self.shown_gaps = gm.iter().filter(|m| **m).count();
        self.gap_matching = gm;
    }

    /// Lays out the rows from the model, the filter, the sort and the folds.
    pub(super) fn rebuild(&mut self) {
        let filtering = self.is_filtering() && !self.matching.is_empty();
        let mut rows = Vec::new();
        if self.gap_view {
            for &gi in &self.group_order {
                let g = &self.groups[gi];
                let shown = if filtering {
                    (g.start..g.end).filter(|&i| self.gap_matching[i]).count()
                } else {
                    g.end - g.start
                };
                if shown == 0 {
                    continue;
                }
                let expanded = !self.gaps_folded.contains(&g.course);
                rows.push(TrainingRow::GapCourse {
                    group: gi,
                    expanded,
                    shown,
                });
                if expanded {
                    rows.extend(
                        (g.start..g.end)
                            .filter(|&i| !filtering || self.gap_matching[i])
                            .map(|i| TrainingRow::Gap { group: gi, gap: i }),
                    );
                }
            }
        } else {
            let folds = self.folds();
            for &ci in &self.order {
                let c = &self.courses[ci];
                let m = self.matching.get(ci).filter(|_| filtering);
                if m.is_some_and(|m| !m.shown) {
                    continue;
                }
                let expanded = folds.contains(&Fold::Course(c.id.clone()));
                rows.push(TrainingRow::Course {
                    course: ci,
                    expanded,
                });
                if !expanded {
                    continue;
                }
                for (si, x) in c.sessions.iter().enumerate() {
                    let sm = m.and_then(|m| m.sessions.get(si));
                    if sm.is_some_and(|s| !s.shown) {
                        continue;
                    }
                    let open = folds.contains(&Fold::Session(c.id.clone(), x.id.clone()));
                    rows.push(TrainingRow::Session {
                        course: ci,
                        session: si,
                        expanded: open,
                    });
                    if !open {
                        continue;
                    }
                    for ei in 0..x.enrollees.len() {
                        if sm.is_some_and(|s| !s.enrollees[ei]) {
                            continue;
                        }
                        rows.push(TrainingRow::Enrollee {
                            course: ci,
                            session: si,
                            enrollee: ei,
                        });
                    }
                }
            }
        }
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    pub(super) fn id_of(&self, row: TrainingRow) -> Option<RowId> {
        Some(match row {
            TrainingRow::Course { course, .. } => {
                RowId::Course(self.courses.get(course)?.id.clone())
            }
            TrainingRow::Session {
                course, session, ..
            } => {
                let c = self.courses.get(course)?;
                RowId::Session(c.id.clone(), c.sessions.get(session)?.id.clone())
            }
            TrainingRow::Enrollee {
                course,
                session,
                enrollee,
            } => {
                let c = self.courses.get(course)?;
                let x = c.sessions.get(session)?;
                RowId::Enrollee(
                    c.id.clone(),
                    x.id.clone(),
                    x.enrollees.get(enrollee)?.staff.clone(),
                )
            }
            TrainingRow::GapCourse { group, .. } => {
                RowId::GapCourse(self.groups.get(group)?.course.clone())
            }
            TrainingRow::Gap { gap, .. } => {
                let g = &self.gaps.get(gap)?.gap;
                RowId::Gap(g.course.clone(), g.staff.clone())
            }
        })
    }

    pub(super) fn selected_id(&self) -> Option<RowId> {
        self.id_of(self.selected_row()?)
    }

    /// The row showing `id`, if it is shown.
    pub(super) fn exact_position(&self, id: &RowId) -> Option<usize> {
        self.rows.iter().position(|r| self.row_is(*r, id))
    }

    /// Whether `row` shows `id` (without building the row's id: this runs over
    /// every row after a fold or a sort).
    pub(super) fn row_is(&self, row: TrainingRow, id: &RowId) -> bool {
        let course = |i: usize| self.courses.get(i).map(|c| &c.id);
        let session = |c: usize, s: usize| self.session_item(c, s).map(|x| &x.id);
        match (row, id) {
            (TrainingRow::Course { course: c, .. }, RowId::Course(want)) => course(c) == Some(want),
            (
                TrainingRow::Session {
                    course: c,
                    session: s,
                    ..
                },
                RowId::Session(wc, ws),
            ) => course(c) == Some(wc) && session(c, s) == Some(ws),
            (
                TrainingRow::Enrollee {
                    course: c,
                    session: s,
                    enrollee: e,
                },
                RowId::Enrollee(wc, ws, who),
            ) => {
                course(c) == Some(wc)
                    && session(c, s) == Some(ws)
                    && self
                        .session_item(c, s)
                        .and_then(|x| x.enrollees.get(e))
                        .is_some_and(|e| &e.staff == who)
            }
            (TrainingRow::GapCourse { group, .. }, RowId::GapCourse(want)) => {
                self.groups.get(group).is_some_and(|g| &g.course == want)
            }
            (TrainingRow::Gap { gap, .. }, RowId::Gap(wc, who)) => self
                .gaps
                .get(gap)
                .is_some_and(|g| &g.gap.course == wc && &g.gap.staff == who),
            _ => false,
        }
    }

    /// The row showing `id`; for one hidden in a fold, the nearest line above it.
    pub(super) fn position_of(&self, id: &RowId) -> Option<usize> {
        let mut cur = Some(id.clone());
        while let Some(k) = cur {
            if let Some(at) = self.exact_position(&k) {
                return Some(at);
            }
            cur = k.parent();
        }
        None
    }
}
