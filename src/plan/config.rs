//! The planner's settings: the standard term and the weight of every scoring term.
//! The defaults are `default_config.toml`, built into the program (which documents
//! every key); `jinzai plan --config FILE` reads a file of the same form over them.
//! A bad file is refused with `FILE:LINE: why`; an unknown key names the nearest
//! valid one.

use std::fmt;

/// The built-in settings file.
pub const DEFAULT_CONFIG: &str = include_str!("default_config.toml");

/// Top-level keys: (name, lowest, highest).
const TOP: &[(&str, i64, i64)] = &[("term_months", 1, 240), ("overstay_after_months", 0, 240)];

/// The largest weight accepted either way.
pub const MAX_WEIGHT: i64 = 10_000;

macro_rules! weights {
    ($($name:ident),+ $(,)?) => {
        /// Points of each scoring term (see `default_config.toml` for what each means).
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
        pub struct Weights { $(pub $name: i64),+ }

        /// How many weights there are.
        pub const WEIGHT_COUNT: usize = [$(stringify!($name)),+].len();

        impl Weights {
            /// The keys of `[weights]`, in file order.
            pub const KEYS: &'static [&'static str] = &[$(stringify!($name)),+];

            fn slot(&mut self, key: &str) -> Option<&mut i64> {
                match key { $(stringify!($name) => Some(&mut self.$name),)+ _ => None }
            }

            /// Every weight as (key, value).
            pub fn entries(&self) -> Vec<(&'static str, i64)> {
                vec![$((stringify!($name), self.$name)),+]
            }
        }
    };
}

weights!(
    fill,
    skill_met,
    skill_gap,
    course_completed,
    course_enrolled,
    course_missing,
    breadth_bureau,
    breadth_unit,
    breadth_field,
    candidate,
    candidate_step,
    high_impact_experience,
    high_impact_novice,
    generation,
    wish_post,
    wish_unit,
    wish_field,
    stability,
    overstay,
);

/// The planner's settings.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Config {
    /// Months in a post after which the holder is due to rotate.
    pub term_months: u32,
    /// Months past the term after which a due holder's staying is penalised.
    pub overstay_after_months: u32,
    pub weights: Weights,
}

/// Why a settings file was refused: where (1-based line, when known) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub origin: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}: {}", self.origin, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Default for Config {
    fn default() -> Config {
        let zero = Weights {
            fill: 0,
            skill_met: 0,
            skill_gap: 0,
            course_completed: 0,
            course_enrolled: 0,
            course_missing: 0,
            breadth_bureau: 0,
            breadth_unit: 0,
            breadth_field: 0,
            candidate: 0,
            candidate_step: 0,
            high_impact_experience: 0,
            high_impact_novice: 0,
            generation: 0,
            wish_post: 0,
            wish_unit: 0,
            wish_field: 0,
            stability: 0,
            overstay: 0,
        };
        let mut c = Config {
            term_months: 24,
            overstay_after_months: 12,
            weights: zero,
        };
        c.overlay(DEFAULT_CONFIG, "default_config.toml")
            .expect("the built-in planner settings parse");
        c
    }
}

impl Config {
    /// The defaults with `text` (a settings file named `origin` in messages) over them.
    pub fn parse(text: &str, origin: &str) -> Result<Config, ConfigError> {
        let mut c = Config::default();
        c.overlay(text, origin)?;
        Ok(c)
    }

    /// Sets every key `text` gives.
    fn overlay(&mut self, text: &str, origin: &str) -> Result<(), ConfigError> {
        let fail = |line: Option<usize>, message: String| ConfigError {
            origin: origin.to_string(),
            line,
            message,
        };
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let line = e.span().map(|s| line_at(text, s.start));
            fail(line, e.message().trim().to_string())
        })?;
        for (key, value) in &table {
            if key == "weights" {
                let Some(inner) = value.as_table() else {
                    return Err(fail(
                        locate(text, None, key),
                        "weights must be a table: write [weights] and the weights below it".into(),
                    ));
                };
                for (k, v) in inner {
                    let line = locate(text, Some("weights"), k);
                    let n = integer(v, &format!("weights.{k}"), -MAX_WEIGHT, MAX_WEIGHT)
                        .map_err(|m| fail(line, m))?;
                    match self.weights.slot(k) {
                        Some(slot) => *slot = n,
                        None => return Err(fail(line, unknown(&format!("weights.{k}"), k))),
                    }
                }
                continue;
            }
            let line = locate(text, None, key);
            let Some((_, lo, hi)) = TOP.iter().find(|(name, _, _)| name == key) else {
                return Err(fail(line, unknown(key, key)));
            };
            let n = integer(value, key, *lo, *hi).map_err(|m| fail(line, m))? as u32;
            match key.as_str() {
                "term_months" => self.term_months = n,
                _ => self.overstay_after_months = n,
            }
        }
        Ok(())
    }
}

/// Every valid key, as written at the top level (`weights.fill` for a weight).
pub fn all_keys() -> Vec<String> {
    let mut v: Vec<String> = TOP.iter().map(|(k, _, _)| k.to_string()).collect();
    v.extend(Weights::KEYS.iter().map(|k| format!("weights.{k}")));
    v
}

fn integer(v: &toml::Value, key: &str, lo: i64, hi: i64) -> Result<i64, String> {
    let Some(n) = v.as_integer() else {
        return Err(format!(
            "{key} must be a whole number, not {} {v}",
            v.type_str()
        ));
    };
    if !(lo..=hi).contains(&n) {
        return Err(format!("{key} is {n}; it must be from {lo} to {hi}"));
    }
    Ok(n)
}

/// "unknown key 'weights.fil'; did you mean 'weights.fill'?"
fn unknown(full: &str, bare: &str) -> String {
    let keys = all_keys();
    let best = keys
        .iter()
        .map(|k| {
            let short = k.strip_prefix("weights.").unwrap_or(k);
            (distance(full, k).min(distance(bare, short)), k)
        })
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    match best {
        Some((_, k)) => format!("unknown key '{full}'; did you mean '{k}'?"),
        None => format!("unknown key '{full}'"),
    }
}

/// Levenshtein distance over chars.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The 1-based line of a byte offset.
fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The line where `key` is set in `section` (None: the top level; a dotted
/// `weights.key` there counts too).
fn locate(text: &str, section: Option<&str>, key: &str) -> Option<usize> {
    let mut current: Option<String> = None;
    let unquote = |s: &str| s.trim().trim_matches('"').trim_matches('\'').to_string();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let name = rest.split(']').next().unwrap_or("");
            current = Some(unquote(name));
            continue;
        }
        let Some((lhs, _)) = line.split_once('=') else {
            continue;
        };
        let parts: Vec<String> = lhs.split('.').map(unquote).collect();
        let mut full: Vec<String> = current.iter().cloned().collect();
        full.extend(parts);
        let want: Vec<String> = section
            .iter()
            .map(|s| s.to_string())
            .chain([key.to_string()])
            .collect();
        if full == want || (full.len() == 1 && full[0] == key && section.is_none()) {
            return Some(i + 1);
        }
        // A table header written as `weights = {...}` or a dotted key's table.
        if section.is_none() && full.first().map(String::as_str) == Some(key) {
            return Some(i + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_come_from_the_built_in_file_and_set_every_key() {
        let c = Config::default();
        assert_eq!(c.term_months, 24);
        assert_eq!(c.overstay_after_months, 12);
        assert_eq!(c.weights.fill, 30);
        assert_eq!(c.weights.course_completed, 20);
        // Every weight is documented and set in the built-in file.
        for k in Weights::KEYS {
            assert!(
                locate(DEFAULT_CONFIG, Some("weights"), k).is_some(),
                "default_config.toml does not set weights.{k}"
            );
        }
        for (k, _, _) in TOP {
            assert!(locate(DEFAULT_CONFIG, None, k).is_some(), "{k} not set");
        }
    }

    #[test]
    fn a_file_overrides_only_what_it_sets() {
        let c = Config::parse("term_months = 36\n[weights]\nfill = 5\n", "p.toml").unwrap();
        assert_eq!(c.term_months, 36);
        assert_eq!(c.weights.fill, 5);
        assert_eq!(c.weights.wish_post, Config::default().weights.wish_post);
        let c = Config::parse("weights.stability = -3\n", "p.toml").unwrap();
        assert_eq!(c.weights.stability, -3);
    }

    #[test]
    fn unknown_keys_name_the_nearest() {
        let e = Config::parse("term_months = 24\n\n[weights]\nfil = 3\n", "p.toml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "p.toml:4: unknown key 'weights.fil'; did you mean 'weights.fill'?"
        );
        let e = Config::parse("term_month = 3\n", "p.toml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "p.toml:1: unknown key 'term_month'; did you mean 'term_months'?"
        );
        let e = Config::parse("overstay = 3\n", "p.toml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "p.toml:1: unknown key 'overstay'; did you mean 'weights.overstay'?"
        );
    }

    #[test]
    fn bad_values_and_syntax_say_where_and_why() {
        let e = Config::parse("[weights]\nfill = \"lots\"\n", "p.toml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "p.toml:2: weights.fill must be a whole number, not string \"lots\""
        );
        let e = Config::parse("term_months = 0\n", "p.toml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "p.toml:1: term_months is 0; it must be from 1 to 240"
        );
        let e = Config::parse("# x\n[weights\nfill = 1\n", "p.toml").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        let e = Config::parse("weights = 3\n", "p.toml").unwrap_err();
        assert!(e
            .to_string()
            .starts_with("p.toml:1: weights must be a table"));
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("fil", "fill"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
    }
}
