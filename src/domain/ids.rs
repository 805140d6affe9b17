//! Identifier newtypes. Ids are short printable tokens (staff numbers like `E0412`,
//! post ids like `P02`, course codes like `C-NCO-SEC`); they order as strings.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

/// The longest id accepted anywhere.
pub const MAX_ID_CHARS: usize = 40;

/// Why a string cannot be an id.
pub fn id_problem(s: &str) -> Option<String> {
    if s.is_empty() {
        return Some("is empty".into());
    }
    let n = s.chars().count();
    if n > MAX_ID_CHARS {
        return Some(format!(
            "is {n} characters long; ids are at most {MAX_ID_CHARS}"
        ));
    }
    if let Some(c) = s.chars().find(|c| {
        c.is_whitespace() || c.is_control() || crate::domain::text::is_invisible(*c) || *c == ';'
    }) {
        return Some(format!(
            "contains {} (U+{:04X}); ids have no spaces, ';' or invisible characters",
            crate::domain::text::describe_char(c),
            c as u32
        ));
    }
    None
}

macro_rules! id_type {
    ($name:ident, $what:literal) => {
        #[doc = concat!("Identifier of ", $what, ".")]
        ///
        /// The text is shared: cloning an id (every record that refers to one holds a
        /// copy, and so do the maps keyed by it) counts a reference instead of copying
        /// the text, and a load gives equal ids one shared text (see `store::codec`).
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Arc<str>);

        impl $name {
            /// Checks the id's form.
            pub fn parse(s: &str) -> Result<Self, String> {
                match id_problem(s) {
                    None => Ok(Self(Arc::from(s))),
                    Some(p) => Err(format!(
                        "{} id '{}' {}",
                        $what,
                        crate::domain::text::clip(s, 40),
                        p
                    )),
                }
            }
            /// Wraps a string already known to be valid (generated or read back from the store).
            pub fn new_unchecked(s: impl Into<String>) -> Self {
                Self(Arc::from(s.into()))
            }
            /// Wraps a shared text already known to be valid, sharing it.
            pub fn from_shared(s: Arc<str>) -> Self {
                Self(s)
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map(|s| Self(Arc::from(s)))
            }
        }
    };
}

id_type!(UnitId, "unit");
id_type!(PostId, "post");
id_type!(StaffId, "staff");
id_type!(CourseId, "course");
id_type!(SessionId, "session");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_ids() {
        assert_eq!(StaffId::parse("E0412").unwrap().as_str(), "E0412");
        assert_eq!(CourseId::parse("C-NCO-SEC").unwrap().as_str(), "C-NCO-SEC");
    }

    #[test]
    fn rejects_empty_space_and_long_ids() {
        assert_eq!(StaffId::parse("").unwrap_err(), "staff id '' is empty");
        assert!(PostId::parse("P 1").unwrap_err().contains("no spaces"));
        assert!(PostId::parse(&"P".repeat(41))
            .unwrap_err()
            .contains("at most 40"));
    }

    #[test]
    fn rejects_zero_width_characters() {
        assert!(StaffId::parse("E04\u{200B}12")
            .unwrap_err()
            .contains("U+200B"));
    }
}
