//! The posts tree worked out once per data load (off the UI thread): the units as
//! a tree, each post with its holders on the day, its history and the problems it
//! has, marked by letter.

use super::*;

/// A kind of warning mark: one letter in the tree's mark column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    Vacant,
    Grade,
    Course,
    Skills,
    Due,
}

impl Mark {
    /// In the order of the mark column.
    pub const ALL: [Mark; 5] = [
        Mark::Vacant,
        Mark::Grade,
        Mark::Course,
        Mark::Skills,
        Mark::Due,
    ];

    /// The mark's letter in the tree (the same in both languages; the legend names it).
    pub fn letter(self) -> char {
        match self {
            Mark::Vacant => 'V',
            Mark::Grade => 'G',
            Mark::Course => 'C',
            Mark::Skills => 'S',
            Mark::Due => 'D',
        }
    }

    pub fn of(p: &Problem) -> Mark {
        match p {
            Problem::Vacant { .. } => Mark::Vacant,
            Problem::GradeMismatch { .. } => Mark::Grade,
            Problem::MissingCourse { .. } => Mark::Course,
            Problem::SkillsBelow { .. } => Mark::Skills,
            Problem::Due { .. } => Mark::Due,
        }
    }

    pub(super) fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// The set of marks a post carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks(u8);

impl Marks {
    pub fn from_problems(ps: &[Problem]) -> Marks {
        Marks(ps.iter().fold(0, |acc, p| acc | Mark::of(p).bit()))
    }

    pub fn has(self, m: Mark) -> bool {
        self.0 & m.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// A unit in the tree. Units are kept in depth-first order (children by id), so a
/// unit's subtree is the run `[its index, end)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitNode {
    pub id: UnitId,
    pub name: String,
    pub name_en: String,
    pub depth: u16,
    pub parent: Option<usize>,
    /// The posts directly in this unit (indices into [`PostsPane::posts`]), by id.
    pub posts: Vec<usize>,
    /// One past the last unit of this unit's subtree.
    pub end: usize,
}

/// Someone holding a post on today's date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub staff: StaffId,
    pub name: String,
    pub kana: String,
    pub start: Date,
    pub end: Option<Date>,
    /// Months in the post up to today.
    pub months: i32,
    pub concurrent: bool,
}

/// A holding of a post, past, present or to come, kept compactly for the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Holding {
    /// Index into `PostsPane::staff_ids`.
    pub(super) staff: u32,
    pub(super) start: Date,
    pub(super) end: Option<Date>,
    pub(super) concurrent: bool,
}

/// A post as the tree shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostItem {
    pub id: PostId,
    pub title: String,
    /// Index into [`PostsPane::units`].
    pub unit: usize,
    pub seats: u16,
    /// The day the post closed (廃止), if it has.
    pub closed: Option<Date>,
    /// Holders on today's date: primary holders first, then concurrent ones, each by
    /// start date.
    pub holders: Vec<Holder>,
    /// What is wrong with the post today.
    pub problems: Vec<Problem>,
    pub marks: Marks,
    /// Id, title, unit path and holders, folded for the filter.
    pub(super) hay: String,
    /// Every holding, newest start first.
    pub(super) history: Vec<Holding>,
}

/// A holder measured against the post, for the detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolderFit {
    pub holder: Holder,
    pub fit: Option<Fit>,
}

/// A line of a post's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastHolding {
    pub staff: StaffId,
    pub name: String,
    pub start: Date,
    pub end: Option<Date>,
    pub concurrent: bool,
}

/// Everything the detail shows about the selected post, worked out when the selection
/// lands on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostDetail {
    /// Index into [`PostsPane::posts`].
    pub post: usize,
    /// Unit names from the top of the organisation down to the post's unit.
    pub unit_path: Vec<String>,
    pub grade: Grade,
    pub field: Field,
    pub impact: Impact,
    pub seats: u16,
    /// The day the post closed (廃止), if it has.
    pub closed: Option<Date>,
    pub skills: Vec<(String, u8)>,
    /// The post's courses with their names (empty when the course is unknown).
    pub courses: Vec<(CourseId, String)>,
    pub holders: Vec<HolderFit>,
    /// The day after the last holding ended, when a seat is empty.
    pub vacant_since: Option<Date>,
    pub history: Vec<PastHolding>,
    /// Staff id → name, for the problems' sentences.
    pub names: BTreeMap<String, String>,
}

impl PostItem {
    /// Whether the post has closed by `date`.
    pub fn is_closed_on(&self, date: Date) -> bool {
        self.closed.is_some_and(|c| c <= date)
    }
}

impl PostDetail {
    /// The name of the person a problem is about (the id when unknown).
    pub fn name_of<'a>(&'a self, staff: &'a str) -> &'a str {
        self.names.get(staff).map_or(staff, String::as_str)
    }

    /// A course's name, or "" when unknown.
    pub fn course_name(&self, course: &str) -> &str {
        self.courses
            .iter()
            .find(|(c, _)| c.as_str() == course)
            .map_or("", |(_, n)| n.as_str())
    }
}

/// The units in depth-first order, children by id. A unit whose parent is missing
/// (or that sits in a loop of parents) is treated as a top unit; a post's unit that
/// does not exist gets a top unit of its own, named by its id.
pub(super) fn build_units(ds: &Dataset) -> Vec<UnitNode> {
    let mut raw: BTreeMap<&UnitId, (&str, &str, Option<&UnitId>)> = ds
        .units
        .values()
        .map(|u| {
            let parent = u
                .parent
                .as_ref()
                .filter(|p| *p != &u.id && ds.units.contains_key(*p));
            (&u.id, (u.name.as_str(), u.name_en.as_str(), parent))
        })
        .collect();
    for p in ds.posts.values() {
        raw.entry(&p.unit).or_insert((p.unit.as_str(), "", None));
    }
    let mut kids: BTreeMap<&UnitId, Vec<&UnitId>> = BTreeMap::new();
    let mut roots: Vec<&UnitId> = Vec::new();
    for (id, (_, _, parent)) in &raw {
        match parent {
            Some(p) => kids.entry(*p).or_default().push(*id),
            None => roots.push(*id),
        }
    }
    let mut out: Vec<UnitNode> = Vec::with_capacity(raw.len());
    let mut seen: BTreeSet<&UnitId> = BTreeSet::new();
    let node = |id: &UnitId, depth: u16, parent: Option<usize>| {
        let (name, name_en, _) = raw[id];
        UnitNode {
            id: id.clone(),
            name: name.to_string(),
            name_en: name_en.to_string(),
            depth,
            parent,
            posts: Vec::new(),
            end: 0,
        }
    };
    // Top units first; then any unit left over, which sits in a loop of parents.
    let starts: Vec<&UnitId> = roots.iter().copied().chain(raw.keys().copied()).collect();
    for root in starts {
        if !seen.insert(root) {
            continue;
        }
        out.push(node(root, 0, None));
        let mut stack: Vec<(usize, usize)> = vec![(out.len() - 1, 0)];
        while let Some((i, k)) = stack.last_mut() {
            let i = *i;
            let child = kids.get(&out[i].id).and_then(|v| v.get(*k)).copied();
            *k += 1;
            match child {
                Some(c) => {
                    if seen.insert(c) {
                        let depth = out[i].depth.saturating_add(1);
                        out.push(node(c, depth, Some(i)));
                        stack.push((out.len() - 1, 0));
                    }
                }
                None => {
                    out[i].end = out.len();
                    stack.pop();
                }
            }
        }
    }
    out
}

/// The tree's data, worked out from the records once per load or change: units,
/// posts with their holders, problems and history. Built off the UI thread (the
/// loader and the data worker do it, see `Loaded::new`); cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct PostsModel {
    pub units: Arc<Vec<UnitNode>>,
    pub posts: Arc<Vec<PostItem>>,
    pub(super) staff_ids: Arc<Vec<StaffId>>,
    pub(super) id_width: usize,
    pub(super) title_span: usize,
    pub(super) with_problems: usize,
    /// The day and standard term it was worked out for.
    pub today: Date,
    pub term_months: u32,
}

impl PostsModel {
    /// Works out the tree from the records: every post's holders on `today`, its
    /// problems and its history.
    pub fn build(ds: &Dataset, today: Date, term_months: u32) -> PostsModel {
        let mut units = build_units(ds);
        let unit_index: BTreeMap<&UnitId, usize> =
            units.iter().enumerate().map(|(i, u)| (&u.id, i)).collect();
        // Unit paths, folded, for matching posts by the names of their units.
        let mut unit_hay: Vec<String> = Vec::with_capacity(units.len());
        for u in &units {
            let own = fold(&format!("{} {} {}", u.id, u.name, u.name_en));
            let hay = match u.parent {
                Some(p) => format!("{} {own}", unit_hay[p]),
                None => own,
            };
            unit_hay.push(hay);
        }
        // Every post's holdings, newest start first (as `fit::holdings_by_post` gives
        // them), each with its person's place in the staff list. The assignments are
        // kept in staff order, so one pass walks the staff list alongside them: no
        // lookup per assignment (at 500k assignments those cost more than the rest).
        let post_pos: HashMap<&PostId, usize> =
            ds.posts.keys().enumerate().map(|(i, k)| (k, i)).collect();
        let staff: Vec<&Staff> = ds.staff.values().collect();
        let mut staff_ids: Vec<StaffId> = ds.staff.keys().cloned().collect();
        let mut extra: BTreeMap<StaffId, u32> = BTreeMap::new();
        let mut by_post: Vec<Vec<(&Assignment, u32)>> = vec![Vec::new(); ds.posts.len()];
        let mut cursor = 0usize;
        for a in ds.assignments.values() {
            while cursor < staff.len() && staff[cursor].id < a.staff {
                cursor += 1;
            }
            let who = if cursor < staff.len() && staff[cursor].id == a.staff {
                cursor as u32
            } else {
                let next = (staff.len() + extra.len()) as u32;
                *extra.entry(a.staff.clone()).or_insert(next)
            };
            if let Some(&p) = post_pos.get(&a.post) {
                by_post[p].push((a, who));
            }
        }
        let mut posts = Vec::with_capacity(ds.posts.len());
        let mut unit_posts: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
        let mut history: Vec<&Assignment> = Vec::new();
        for ((pi, post), mut held) in ds.posts.values().enumerate().zip(by_post) {
            held.sort_by(|(a, _), (b, _)| (b.start, &b.staff).cmp(&(a.start, &a.staff)));
            history.clear();
            history.extend(held.iter().map(|(a, _)| *a));
            let probs = problems(ds, post, &history, today, term_months);
            // Holders today (as `fit::holders_on`): primary ones first, each by start.
            let mut holders: Vec<Holder> = held
                .iter()
                .filter(|(a, _)| a.covers(today))
                .map(|(a, who)| {
                    let s = staff.get(*who as usize);
                    Holder {
                        staff: a.staff.clone(),
                        name: s.map_or_else(|| a.staff.to_string(), |s| s.name.clone()),
                        kana: s.map(|s| s.kana.clone()).unwrap_or_default(),
                        start: a.start,
                        end: a.end,
                        months: tenure_months(a, today),
                        concurrent: a.concurrent,
                    }
                })
                .collect();
            holders.sort_by(|a, b| {
                (a.concurrent, a.start, &a.staff).cmp(&(b.concurrent, b.start, &b.staff))
            });
            let unit = unit_index.get(&post.unit).copied().unwrap_or(0);
            let mut hay = format!("{} {} ", post.id, post.title);
            for h in &holders {
                hay.push_str(&format!("{} {} {} ", h.staff, h.name, h.kana));
            }
            let hay = format!("{} {}", fold(&hay), unit_hay.get(unit).map_or("", |s| s));
            let history = held
                .iter()
                .map(|(a, who)| Holding {
                    staff: *who,
                    start: a.start,
                    end: a.end,
                    concurrent: a.concurrent,
                })
                .collect();
            if let Some(u) = unit_posts.get_mut(unit) {
                u.push(pi);
            }
            posts.push(PostItem {
                id: post.id.clone(),
                title: post.title.clone(),
                unit,
                seats: post.capacity,
                closed: post.closed,
                holders,
                marks: Marks::from_problems(&probs),
                problems: probs,
                hay,
                history,
            });
        }
        for (u, list) in units.iter_mut().zip(unit_posts) {
            u.posts = list;
        }
        // People in assignments but not in the staff list (a damaged store) get ids
        // after the staff's.
        let mut extra: Vec<(u32, StaffId)> = extra.into_iter().map(|(s, i)| (i, s)).collect();
        extra.sort();
        staff_ids.extend(extra.into_iter().map(|(_, s)| s));
        let id_width = posts
            .iter()
            .map(|p| p.id.as_str().width())
            .max()
            .unwrap_or(0)
            .min(12);
        let title_span = posts
            .iter()
            .map(|p| {
                let depth = units.get(p.unit).map_or(0, |u| u.depth as usize + 1);
                2 * depth + p.title.width()
            })
            .max()
            .unwrap_or(0);
        let with_problems = posts.iter().filter(|p| !p.problems.is_empty()).count();
        PostsModel {
            units: Arc::new(units),
            posts: Arc::new(posts),
            staff_ids: Arc::new(staff_ids),
            id_width,
            title_span,
            with_problems,
            today,
            term_months,
        }
    }
}
