//! Calendar dates: ISO `YYYY-MM-DD` (and `YYYY/MM/DD` as Excel writes it) and the
//! Japanese era forms (令和7年9月30日, R7.9.30, 令和元年5月1日).

pub use jiff::civil::Date;

/// A Japanese era: its kanji, its Latin initial and the day it began.
struct Era {
    kanji: &'static str,
    initial: char,
    start: (i16, i8, i8),
}

const ERAS: &[Era] = &[
    Era {
        kanji: "令和",
        initial: 'R',
        start: (2019, 5, 1),
    },
    Era {
        kanji: "平成",
        initial: 'H',
        start: (1989, 1, 8),
    },
    Era {
        kanji: "昭和",
        initial: 'S',
        start: (1926, 12, 25),
    },
    Era {
        kanji: "大正",
        initial: 'T',
        start: (1912, 7, 30),
    },
    Era {
        kanji: "明治",
        initial: 'M',
        start: (1868, 10, 23),
    },
];

/// Builds a date, saying why when the day does not exist.
pub fn ymd(y: i64, m: i64, d: i64) -> Result<Date, String> {
    if !(1800..=2200).contains(&y) {
        return Err(format!("year {y} is out of range"));
    }
    if !(1..=12).contains(&m) {
        return Err(format!("month {m} does not exist"));
    }
    let not_a_day = || format!("{y:04}-{m:02}-{d:02} is not a day in the calendar");
    // Checked before narrowing: day 257 must not wrap around to day 1.
    let d = i8::try_from(d).map_err(|_| not_a_day())?;
    Date::new(y as i16, m as i8, d).map_err(|_| not_a_day())
}

/// Parses a date in any accepted form.
pub fn parse_date(raw: &str) -> Result<Date, String> {
    let s = crate::domain::vocab::fold(raw);
    if s.is_empty() {
        return Err("date is empty".into());
    }
    if let Some(r) = parse_western(&s) {
        return r;
    }
    if let Some(r) = parse_era(&s) {
        return r;
    }
    Err(format!(
        "'{}' is not a date; use YYYY-MM-DD or an era form like 令和7年9月30日 or R7.9.30",
        crate::domain::text::clip(raw.trim(), 30)
    ))
}

/// Formats a date as ISO.
pub fn iso(d: Date) -> String {
    d.strftime("%Y-%m-%d").to_string()
}

fn numbers(s: &str, seps: &[char]) -> Option<Vec<i64>> {
    let parts: Vec<&str> = s
        .split(|c| seps.contains(&c))
        .filter(|p| !p.is_empty())
        .collect();
    let mut out = Vec::new();
    for p in parts {
        if p == "元" {
            out.push(1);
        } else if p.chars().all(|c| c.is_ascii_digit()) && p.len() <= 4 {
            out.push(p.parse().ok()?);
        } else {
            return None;
        }
    }
    Some(out)
}

fn parse_western(s: &str) -> Option<Result<Date, String>> {
    let first = s.chars().next()?;
    if !first.is_ascii_digit() {
        return None;
    }
    let n = numbers(s.trim_end_matches('日'), &['-', '/', '.', '年', '月'])?;
    if n.len() != 3 || s.split(['-', '/', '.', '年']).next()?.len() != 4 {
        return None;
    }
    Some(ymd(n[0], n[1], n[2]))
}

fn parse_era(s: &str) -> Option<Result<Date, String>> {
    let (era, rest) = ERAS.iter().find_map(|e| {
        if let Some(rest) = s.strip_prefix(e.kanji) {
            Some((e, rest))
        } else {
            let mut cs = s.chars();
            let c = cs.next()?.to_ascii_uppercase();
            (c == e.initial).then_some((e, cs.as_str()))
        }
    })?;
    let n = numbers(rest.trim_end_matches('日'), &['.', '/', '-', '年', '月'])?;
    if n.len() != 3 {
        return None;
    }
    Some(era_date(era, n[0], n[1], n[2]))
}

fn era_date(era: &Era, year: i64, m: i64, d: i64) -> Result<Date, String> {
    if year < 1 {
        return Err(format!("{} year {year} does not exist", era.kanji));
    }
    let date = ymd(era.start.0 as i64 + year - 1, m, d)?;
    let start = Date::new(era.start.0, era.start.1, era.start.2).map_err(|e| e.to_string())?;
    if date < start {
        return Err(format!(
            "{}{}年{}月{}日 is before the {} era began ({})",
            era.kanji,
            year,
            m,
            d,
            era.kanji,
            iso(start)
        ));
    }
    if let Some(next) = ERAS.iter().rev().find(|e| e.start > era.start) {
        let next_start =
            Date::new(next.start.0, next.start.1, next.start.2).map_err(|e| e.to_string())?;
        if date >= next_start {
            return Err(format!(
                "{}{}年{}月{}日 is after the {} era ended; write it as {}",
                era.kanji, year, m, d, era.kanji, next.kanji
            ));
        }
    }
    Ok(date)
}

/// Parses a birth year: `1991`, or an era year such as `平成3年`, `H3` or `昭和60`.
pub fn parse_year(raw: &str) -> Result<i16, String> {
    let s = crate::domain::vocab::fold(raw);
    let s = s.trim_end_matches('年');
    if s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()) {
        let y: i16 = s.parse().map_err(|_| format!("'{s}' is not a year"))?;
        if (1900..=2100).contains(&y) {
            return Ok(y);
        }
        return Err(format!("year {y} is out of range"));
    }
    for era in ERAS {
        let rest = s.strip_prefix(era.kanji).or_else(|| {
            let mut cs = s.chars();
            (cs.next()?.to_ascii_uppercase() == era.initial).then_some(cs.as_str())
        });
        if let Some(rest) = rest {
            let n: i64 = if rest == "元" {
                1
            } else {
                rest.parse()
                    .map_err(|_| format!("'{}' is not a year", raw.trim()))?
            };
            if n < 1 {
                return Err(format!("'{}' is not a year", raw.trim()));
            }
            // In i64, range-checked before narrowing: 令和99999 must neither
            // overflow nor wrap around to some other year.
            let y = n.saturating_add(i64::from(era.start.0) - 1);
            if !(1900..=2100).contains(&y) {
                return Err(format!("year {y} is out of range"));
            }
            return Ok(y as i16);
        }
    }
    Err(format!(
        "'{}' is not a year; use 1991 or an era year like 平成3年",
        crate::domain::text::clip(raw.trim(), 20)
    ))
}

/// Whole months from `from` to `to` (0 when `to` is earlier).
pub fn months_between(from: Date, to: Date) -> i32 {
    if to < from {
        return 0;
    }
    let mut m =
        (to.year() as i32 - from.year() as i32) * 12 + (to.month() as i32 - from.month() as i32);
    if to.day() < from.day() {
        m -= 1;
    }
    m.max(0)
}

/// Tenure as people say it: `2y 11m`.
pub fn tenure_label(months: i32) -> String {
    format!("{}y {}m", months / 12, months % 12)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> String {
        iso(parse_date(s).unwrap())
    }

    #[test]
    fn iso_and_slashes() {
        assert_eq!(d("2024-04-01"), "2024-04-01");
        assert_eq!(d("2024/4/1"), "2024-04-01");
    }

    #[test]
    fn invalid_day_is_refused() {
        assert_eq!(
            parse_date("2024-02-30").unwrap_err(),
            "2024-02-30 is not a day in the calendar"
        );
    }

    #[test]
    fn era_forms() {
        assert_eq!(d("令和7年9月30日"), "2025-09-30");
        assert_eq!(d("R7.9.30"), "2025-09-30");
        assert_eq!(d("r7.9.30"), "2025-09-30");
        assert_eq!(d("令和元年5月1日"), "2019-05-01");
        assert_eq!(d("平成31年4月30日"), "2019-04-30");
        assert_eq!(d("Ｒ７．９．３０"), "2025-09-30");
    }

    #[test]
    fn era_bounds_are_checked() {
        assert!(parse_date("令和元年4月30日")
            .unwrap_err()
            .contains("before the 令和 era began"));
        assert!(parse_date("平成31年5月1日")
            .unwrap_err()
            .contains("write it as 令和"));
    }

    #[test]
    fn garbage_is_not_a_date() {
        assert!(parse_date("next tuesday")
            .unwrap_err()
            .contains("is not a date"));
        assert!(parse_date("2024-13-01").unwrap_err().contains("month 13"));
    }

    #[test]
    fn years() {
        assert_eq!(parse_year("1991").unwrap(), 1991);
        assert_eq!(parse_year("平成3年").unwrap(), 1991);
        assert_eq!(parse_year("S60").unwrap(), 1985);
        assert!(parse_year("abc").is_err());
    }

    #[test]
    fn months() {
        let a = parse_date("2023-04-01").unwrap();
        assert_eq!(months_between(a, parse_date("2026-03-31").unwrap()), 35);
        assert_eq!(months_between(a, parse_date("2026-04-01").unwrap()), 36);
        assert_eq!(tenure_label(35), "2y 11m");
    }
}
