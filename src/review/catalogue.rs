//! The review rules: their stable ids, severities, categories and the advice
//! each note carries. docs/review-notes.md documents the same list.

use serde::Serialize;
use std::fmt;

/// How serious a note is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; nothing to change.
    Info,
    /// Loses data or blocks the database: read it before running the script.
    Warning,
    /// The engine will reject the script: `retort check` fails.
    Error,
}

/// The families of rules, which `--deny` and `review.allow` may name too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Data is lost.
    Destructive,
    /// A table is locked or rewritten while the statement runs.
    Locking,
    /// What a failure midway leaves behind.
    Transaction,
    /// What works on one dialect and not on another.
    Portability,
    /// SQL written in the revision that reaches the script as written.
    Raw,
}

/// One review rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The stable id, kebab-case: what `--deny` and `review.allow` name.
    pub id: &'static str,
    /// How serious its notes are.
    pub severity: Severity,
    /// Its family.
    pub category: Category,
    /// What to do instead (one line; a note may say it more precisely).
    pub advice: &'static str,
}

/// `destructive-drop-table`.
pub const DROP_TABLE: &str = "destructive-drop-table";
/// `destructive-drop-column`.
pub const DROP_COLUMN: &str = "destructive-drop-column";
/// `drop-column-takes`.
pub const DROP_COLUMN_TAKES: &str = "drop-column-takes";
/// `destructive-type-change`.
pub const LOSSY_TYPE_CHANGE: &str = "destructive-type-change";
/// `destructive-downgrade`.
pub const DOWNGRADE_DROPS_DATA: &str = "destructive-downgrade";
/// `lock-index-without-concurrently`.
pub const INDEX_WITHOUT_CONCURRENTLY: &str = "lock-index-without-concurrently";
/// `lock-not-null-column-without-default`.
pub const NOT_NULL_WITHOUT_DEFAULT: &str = "lock-not-null-column-without-default";
/// `lock-not-null-checks-rows`.
pub const NOT_NULL_CHECKS_ROWS: &str = "lock-not-null-checks-rows";
/// `lock-type-change-rewrite`.
pub const TYPE_CHANGE_REWRITE: &str = "lock-type-change-rewrite";
/// `lock-constraint-without-not-valid`.
pub const CONSTRAINT_WITHOUT_NOT_VALID: &str = "lock-constraint-without-not-valid";
/// `concurrently-in-transaction`.
pub const CONCURRENTLY_IN_TRANSACTION: &str = "concurrently-in-transaction";
/// `outside-transaction`.
pub const OUTSIDE_TRANSACTION: &str = "outside-transaction";
/// `non-transactional-ddl`.
pub const NON_TRANSACTIONAL_DDL: &str = "non-transactional-ddl";
/// `execute-missing-dialect`.
pub const EXECUTE_MISSING_DIALECT: &str = "execute-missing-dialect";
/// `dialect-type-elsewhere`.
pub const DIALECT_TYPE_ELSEWHERE: &str = "dialect-type-elsewhere";
/// `identity-not-generated`.
pub const IDENTITY_NOT_GENERATED: &str = "identity-not-generated";
/// `guarded-op-changes-nothing`.
pub const GUARDED_OP_CHANGES_NOTHING: &str = "guarded-op-changes-nothing";
/// `identifier-too-long`.
pub const IDENTIFIER_TOO_LONG: &str = "identifier-too-long";
/// `raw-sql`.
pub const RAW_SQL: &str = "raw-sql";

/// Every rule, in the order notes about one op are listed.
pub const RULES: &[Rule] = &[
    Rule {
        id: DROP_TABLE,
        severity: Severity::Warning,
        category: Category::Destructive,
        advice: "back the table up or copy what must be kept first; \
                 if it is really unused, say so with `review: {allow: [destructive-drop-table], reason: ...}`",
    },
    Rule {
        id: DROP_COLUMN,
        severity: Severity::Warning,
        category: Category::Destructive,
        advice: "stop using the column in one release and drop it in a later one, \
                 after copying what must be kept",
    },
    Rule {
        id: DROP_COLUMN_TAKES,
        severity: Severity::Warning,
        category: Category::Destructive,
        advice: "drop the indexes and constraints that use the column first, in ops of their own, \
                 so that the revision says what goes",
    },
    Rule {
        id: LOSSY_TYPE_CHANGE,
        severity: Severity::Warning,
        category: Category::Destructive,
        advice: "add a new column of the new type, copy and check the values, \
                 then drop the old one; or check first that every value fits",
    },
    Rule {
        id: DOWNGRADE_DROPS_DATA,
        severity: Severity::Warning,
        category: Category::Destructive,
        advice: "make the downgrade keep the data (e.g. leave the table, or `execute` a copy first), \
                 or accept the loss with a `review: {allow: ...}` on the downgrade op",
    },
    Rule {
        id: INDEX_WITHOUT_CONCURRENTLY,
        severity: Severity::Warning,
        category: Category::Locking,
        advice: "add `concurrently: true` (the script then runs the op outside its transaction), \
                 or allow it for a small table",
    },
    Rule {
        id: NOT_NULL_WITHOUT_DEFAULT,
        severity: Severity::Warning,
        category: Category::Locking,
        advice: "add the column nullable, fill it, then `alter_column` it to `nullable: false`; \
                 or give it a `server_default`",
    },
    Rule {
        id: NOT_NULL_CHECKS_ROWS,
        severity: Severity::Warning,
        category: Category::Locking,
        advice: "fill the NULLs first (an `execute` `UPDATE ... WHERE column IS NULL`, in this \
                 revision or an earlier one); on PostgreSQL 12+, a `not_valid` check \
                 `column IS NOT NULL`, validated in an earlier revision, spares the scan",
    },
    Rule {
        id: TYPE_CHANGE_REWRITE,
        severity: Severity::Warning,
        category: Category::Locking,
        advice: "add a new column, fill it in batches, then swap the columns; \
                 or run the change in a maintenance window",
    },
    Rule {
        id: CONSTRAINT_WITHOUT_NOT_VALID,
        severity: Severity::Warning,
        category: Category::Locking,
        advice: "add it with `not_valid: true`, then `execute` `ALTER TABLE ... VALIDATE \
                 CONSTRAINT ...` in a later revision (it takes a weaker lock)",
    },
    Rule {
        id: CONCURRENTLY_IN_TRANSACTION,
        severity: Severity::Error,
        category: Category::Transaction,
        advice: "list the op under `outside_transaction` in the dialect's dialect.yaml, \
                 as the built-in postgresql does, so that the script runs it outside the transaction",
    },
    Rule {
        id: OUTSIDE_TRANSACTION,
        severity: Severity::Info,
        category: Category::Transaction,
        advice: "give the op a revision of its own, so that nothing else is committed early; \
                 after a failure, drop what it left (an INVALID index) and run the revision again",
    },
    Rule {
        id: NON_TRANSACTIONAL_DDL,
        severity: Severity::Info,
        category: Category::Transaction,
        advice: "keep one DDL statement per revision where you can, \
                 and know how to finish or undo a half-applied revision by hand",
    },
    Rule {
        id: EXECUTE_MISSING_DIALECT,
        severity: Severity::Error,
        category: Category::Portability,
        advice: "give `execute` a text for this dialect, or a `default:`",
    },
    Rule {
        id: DIALECT_TYPE_ELSEWHERE,
        severity: Severity::Error,
        category: Category::Portability,
        advice: "write the type as a mapping of dialect to type, \
                 e.g. `{postgresql: postgresql.JSONB, default: JSON}`",
    },
    Rule {
        id: IDENTITY_NOT_GENERATED,
        severity: Severity::Warning,
        category: Category::Portability,
        advice: "fill the column yourself (an `execute` after the add_column), or make it the \
                 table's primary key, or give it a per-dialect `server_default`",
    },
    Rule {
        id: GUARDED_OP_CHANGES_NOTHING,
        severity: Severity::Info,
        category: Category::Portability,
        advice: "remove the op if the databases follow the history; keep it only for databases \
                 that may not, knowing that a dialect without the guard gets no statement",
    },
    Rule {
        id: IDENTIFIER_TOO_LONG,
        severity: Severity::Error,
        category: Category::Portability,
        advice: "choose a shorter name",
    },
    Rule {
        id: RAW_SQL,
        severity: Severity::Info,
        category: Category::Raw,
        advice: "read the SQL as you would a hand-written script: retort neither quotes \
                 nor checks it",
    },
];

/// The rule of `id`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

impl Severity {
    /// Every severity, lowest first.
    pub const ALL: [Severity; 3] = [Severity::Info, Severity::Warning, Severity::Error];

    /// The name `--deny` takes: `info`, `warning`, `error`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Category {
    /// Every category.
    pub const ALL: [Category; 5] = [
        Category::Destructive,
        Category::Locking,
        Category::Transaction,
        Category::Portability,
        Category::Raw,
    ];

    /// The name `--deny` takes: `destructive`, `locking`, ...
    pub fn name(self) -> &'static str {
        match self {
            Category::Destructive => "destructive",
            Category::Locking => "locking",
            Category::Transaction => "transaction",
            Category::Portability => "portability",
            Category::Raw => "raw",
        }
    }
}

/// What `--deny` and `review.allow` name: a rule, a category or a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selector {
    /// One rule, by id.
    Rule(&'static str),
    /// Every rule of a category.
    Category(Category),
    /// Every note of this severity or worse.
    Severity(Severity),
}

/// Every name a [`Selector`] may be written as, for "did you mean".
pub fn selector_names() -> Vec<&'static str> {
    let rules = RULES.iter().map(|r| r.id);
    let categories = Category::ALL.iter().map(|c| c.name());
    let severities = Severity::ALL.iter().map(|s| s.name());
    rules.chain(categories).chain(severities).collect()
}

impl Selector {
    /// Reads a rule id, category or severity; the error says what was
    /// expected and suggests the nearest name.
    pub fn parse(text: &str) -> Result<Selector, String> {
        if let Some(rule) = rule(text) {
            return Ok(Selector::Rule(rule.id));
        }
        if let Some(category) = Category::ALL.into_iter().find(|c| c.name() == text) {
            return Ok(Selector::Category(category));
        }
        if let Some(severity) = Severity::ALL.into_iter().find(|s| s.name() == text) {
            return Ok(Selector::Severity(severity));
        }
        let names = selector_names();
        Err(format!(
            "`{text}` is no review rule, category or severity{}; see docs/review-notes.md",
            crate::suggest::did_you_mean(text, names.iter().copied())
        ))
    }

    /// Whether a note of `rule` (at its rule's severity) is selected.
    pub fn selects(self, rule: &Rule) -> bool {
        match self {
            Selector::Rule(id) => rule.id == id,
            Selector::Category(category) => rule.category == category,
            Selector::Severity(severity) => rule.severity >= severity,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_kebab_case() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        for id in ids {
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id}"
            );
        }
    }

    #[test]
    fn selectors_read_rules_categories_and_severities() {
        assert_eq!(
            Selector::parse("destructive-drop-table"),
            Ok(Selector::Rule(DROP_TABLE))
        );
        assert_eq!(
            Selector::parse("destructive"),
            Ok(Selector::Category(Category::Destructive))
        );
        assert_eq!(
            Selector::parse("warning"),
            Ok(Selector::Severity(Severity::Warning))
        );
        let error = Selector::parse("destructive-drop-tabel").unwrap_err();
        assert!(
            error.contains("did you mean `destructive-drop-table`"),
            "{error}"
        );
    }

    #[test]
    fn a_severity_selects_that_severity_and_worse() {
        let warning = Selector::Severity(Severity::Warning);
        assert!(warning.selects(rule(DROP_TABLE).unwrap()));
        assert!(warning.selects(rule(IDENTIFIER_TOO_LONG).unwrap()));
        assert!(!warning.selects(rule(NON_TRANSACTIONAL_DDL).unwrap()));
    }
}
