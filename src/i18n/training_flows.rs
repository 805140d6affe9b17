//! The training pane's change flows: their sentences in both languages.

/// The words of these flows, in both languages.
pub struct Words {
    ja: bool,
    pub session_full: &'static str,
    pub no_gaps: &'static str,
}

pub fn words(lang: crate::i18n::Lang) -> Words {
    if lang.is_ja() {
        Words {
            ja: true,
            session_full: "この回次は満席です",
            no_gaps: "この研修の未受講者はいません",
        }
    } else {
        Words {
            ja: false,
            session_full: "the session is full",
            no_gaps: "nobody is on this course's gap list",
        }
    }
}

impl Words {
    pub fn not_enrolled(&self, why: &str) -> String {
        if self.ja {
            format!("登録されません: {why}")
        } else {
            format!("not enrolled: {why}")
        }
    }

    pub fn nobody_fits(&self, why: &str) -> String {
        if self.ja {
            format!("登録できる人がいません: {why}")
        } else {
            format!("nobody can be enrolled: {why}")
        }
    }

    pub fn enroll_many_summary(
        &self,
        n: usize,
        session: Option<&str>,
        course: &str,
        names: &str,
    ) -> String {
        match (self.ja, session) {
            (false, Some(x)) => format!("Enroll {n} people in session {x} of {course}: {names}"),
            (false, None) => format!("Plan {course} for {n} people: {names}"),
            (true, Some(x)) => format!("{course} の回次 {x} に{n}人を受講登録: {names}"),
            (true, None) => format!("{course} を{n}人の受講予定に: {names}"),
        }
    }

    pub fn result_title(&self, who: &str, course: &str, failed: bool) -> String {
        match (self.ja, failed) {
            (false, false) => format!("{who} completed {course} on"),
            (false, true) => format!("{who} failed {course} on"),
            (true, false) => format!("{who} の {course} 修了日"),
            (true, true) => format!("{who} の {course} 未修了の日付"),
        }
    }

    pub fn move_title(&self, who: &str, course: &str, coming: &str) -> String {
        if self.ja {
            format!("{who} の {course} の回次変更（今後: {coming}）")
        } else {
            format!("Move {who} in {course} to (coming: {coming})")
        }
    }
}
