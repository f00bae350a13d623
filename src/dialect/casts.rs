//! How an engine converts a column's values when its type changes
//! (`dialect.yaml`'s `type_change_casts`): PostgreSQL's `ALTER COLUMN ...
//! TYPE` converts only where an assignment cast exists, and otherwise needs
//! `USING`, which retort derives from these facts.

use serde::{Deserialize, Serialize};

/// What `type_change_casts` says: which changes of a column's type the
/// engine makes by itself, which need an explicit cast, and the type a value
/// goes through when there is no direct cast. Types are named by their
/// generic kind (`Integer`, `String`, `Enum`...); a non-native `Enum` is a
/// `String`; `any` matches every kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeChangeCasts {
    /// Changes the engine converts without `USING` (assignment casts).
    pub automatic: Vec<KindPairs>,
    /// Changes with a direct explicit cast: `USING col::type`.
    pub direct: Vec<KindPairs>,
    /// The type every other change goes through: `USING col::text::type`.
    pub via: String,
}

/// Every kind of `from` to every kind of `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindPairs {
    /// The kinds of the old type.
    pub from: Vec<String>,
    /// The kinds of the new type.
    pub to: Vec<String>,
}

/// The word of `KindPairs` that matches every kind.
const ANY_KIND: &str = "any";

/// How a type change converts the column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conversion {
    /// The engine converts by itself: no `USING`.
    Automatic,
    /// `USING col::type`.
    Direct,
    /// `USING col::<via>::type`.
    Via,
    /// A kind the facts do not know (a raw or dialect type): nothing derived.
    Unknown,
}

impl Conversion {
    /// The word templates compare with.
    pub fn as_str(self) -> &'static str {
        match self {
            Conversion::Automatic => "automatic",
            Conversion::Direct => "direct",
            Conversion::Via => "via",
            Conversion::Unknown => "unknown",
        }
    }
}

/// The generic kinds a conversion can be derived for: every generic type.
const KNOWN_KINDS: &[&str] = crate::types::TYPE_NAMES;

impl KindPairs {
    /// Whether `from` is one of the `from` kinds and `to` one of the `to` kinds.
    pub fn covers(&self, from: &str, to: &str) -> bool {
        let has = |kinds: &[String], kind: &str| kinds.iter().any(|k| k == kind || k == ANY_KIND);
        has(&self.from, from) && has(&self.to, to)
    }
}

impl TypeChangeCasts {
    /// How a change from kind `from` to kind `to` converts; `same_type` when
    /// the two types are equal (a change that only repeats the type).
    pub fn conversion(&self, from: &str, to: &str, same_type: bool) -> Conversion {
        if !KNOWN_KINDS.contains(&from) || !KNOWN_KINDS.contains(&to) {
            return Conversion::Unknown;
        }
        if same_type || self.automatic.iter().any(|p| p.covers(from, to)) {
            Conversion::Automatic
        } else if self.direct.iter().any(|p| p.covers(from, to)) {
            Conversion::Direct
        } else {
            Conversion::Via
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(from: &[&str], to: &[&str]) -> KindPairs {
        let owned = |kinds: &[&str]| kinds.iter().map(|k| (*k).to_owned()).collect();
        KindPairs {
            from: owned(from),
            to: owned(to),
        }
    }

    #[test]
    fn automatic_then_direct_then_via() {
        let casts = TypeChangeCasts {
            automatic: vec![pairs(&["any"], &["String"])],
            direct: vec![pairs(&["String"], &["any"])],
            via: "text".into(),
        };
        assert_eq!(
            casts.conversion("Integer", "String", false),
            Conversion::Automatic
        );
        assert_eq!(
            casts.conversion("String", "Integer", false),
            Conversion::Direct
        );
        assert_eq!(casts.conversion("Date", "Integer", false), Conversion::Via);
        assert_eq!(
            casts.conversion("Enum", "Enum", true),
            Conversion::Automatic
        );
        assert_eq!(casts.conversion("Enum", "Enum", false), Conversion::Via);
        assert_eq!(
            casts.conversion("Sql", "Integer", false),
            Conversion::Unknown
        );
    }
}
