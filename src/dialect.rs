//! Dialects as data: `dialects/<name>/dialect.yaml` (the facts) and the
//! MiniJinja templates beside it.
//!
//! The repository's `dialects/` folder is compiled into the binary. A template
//! is looked up in three layers, the first that has it wins: the project's own
//! `dialects/<name>/` folder, the built-in `dialects/<name>/`, then the built-in
//! `dialects/common/`, which holds the templates every dialect writes alike.
//! So one of a project's templates replaces the built-in template of the same
//! name (shared or not), its `dialect.yaml` replaces the built-in facts, and a
//! folder with a name no built-in dialect has adds a dialect that gets the
//! shared templates, all without recompiling. `common` is not a dialect.

use camino::{Utf8Path, Utf8PathBuf};
use include_dir::{include_dir, Dir};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

mod add_column;
mod casts;
mod ddl_limits;
mod foreign_keys;
mod index_methods;
mod row_rules;
pub use add_column::AddColumnNeed;
pub use casts::{Conversion, KindPairs, TypeChangeCasts};
pub use ddl_limits::{BlobKeys, DdlLimits};
pub use foreign_keys::{ForeignKeyRules, ForeignKeyTarget};
pub use index_methods::{IndexMethod, IndexMethods};
pub use row_rules::RowRules;

/// The built-in dialect folders, and the shared templates' folder.
static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/dialects");

/// The folder of `dialects/` with the templates shared by every dialect, looked
/// at after the dialect's own folders; not a dialect, so not a dialect name.
pub const SHARED_TEMPLATES: &str = "common";

/// The file of a dialect folder that holds its facts.
pub const FACTS_FILE: &str = "dialect.yaml";

/// What `dialect.yaml` says of a dialect.
///
/// Every field is a fact the script layout or the templates read; templates see
/// the whole struct as `dialect`. New facts are added as fields with a
/// `#[serde(default)]`, so that existing project `dialect.yaml` files still load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DialectFacts {
    /// The dialect's name, as `--dialect` takes it.
    pub name: String,
    /// Whether DDL runs inside a transaction (Alembic frames the script in one).
    pub transactional_ddl: bool,
    /// The statement that opens a transaction, without terminator (`BEGIN`).
    #[serde(default)]
    pub begin: Option<String>,
    /// The statement that ends a transaction, without terminator (`COMMIT`).
    #[serde(default)]
    pub commit: Option<String>,
    /// Written right after every statement: `;`, or empty (Oracle).
    pub statement_terminator: String,
    /// A line written after every statement, followed by a blank line
    /// (`GO` on SQL Server, `/` on Oracle); `null` for none.
    #[serde(default)]
    pub batch_separator: Option<String>,
    /// Whether the batch separator also follows the `begin` statement
    /// (Alembic writes none after SQL Server's `BEGIN TRANSACTION;`).
    #[serde(default)]
    pub separator_after_begin: bool,
    /// How identifiers are quoted.
    pub identifier_quote: IdentifierQuote,
    /// Characters legal in an unquoted identifier besides ASCII letters and digits.
    pub legal_characters: String,
    /// Characters that force quoting when an identifier starts with them.
    pub illegal_initial_characters: String,
    /// Longest identifier the engine accepts, in `identifier_length_unit`s;
    /// longer names are errors (engines such as PostgreSQL would truncate them).
    pub max_identifier_length: usize,
    /// What `max_identifier_length` counts: characters (the default), UTF-8
    /// bytes (PostgreSQL, Oracle) or UTF-16 code units (SQL Server).
    #[serde(default)]
    pub identifier_length_unit: LengthUnit,
    /// Names the engine, or the client a DBA runs the script with, cannot take
    /// exactly: each is refused with its reason rather than changed.
    #[serde(default)]
    pub identifier_refusals: Vec<TextRefusal>,
    /// How the engine names a table's files after the table (MariaDB), so
    /// that a table name whose file name would be too long is refused.
    #[serde(default)]
    pub table_file_name: Option<TableFileName>,
    /// Table names the engine refuses (SQLite keeps `sqlite_` for itself).
    #[serde(default)]
    pub table_name_refusals: Vec<TextRefusal>,
    /// Words quoted wherever they are identifiers (lower case).
    pub reserved_words: BTreeSet<String>,
    /// How booleans are written as literals.
    pub boolean_literals: BooleanLiterals,
    /// Whether string literals double backslashes as well as quotes (MySQL).
    #[serde(default)]
    pub backslash_escapes: bool,
    /// Characters written otherwise inside a string literal's quotes
    /// (`"\r": "\\r"` on MySQL, whose client drops a CR before a line end).
    #[serde(default)]
    pub string_escapes: BTreeMap<char, String>,
    /// Characters that cannot be written inside the quotes at all, each with
    /// the SQL expression of it; a literal with one becomes a parenthesised
    /// concatenation with `concatenation`: `('a' || char(13) || 'b')`.
    #[serde(default)]
    pub string_characters_as_expressions: BTreeMap<char, String>,
    /// The string concatenation operator (`||`), for the above.
    #[serde(default)]
    pub concatenation: Option<String>,
    /// String values the engine or its client cannot store exactly: each is
    /// refused with its reason rather than changed.
    #[serde(default)]
    pub string_refusals: Vec<TextRefusal>,
    /// Comments (table and column) the engine cannot store exactly, besides
    /// `string_refusals` (MySQL keeps comments in utf8mb3).
    #[serde(default)]
    pub comment_refusals: Vec<TextRefusal>,
    /// The schema assumed where the dialect's SQL must name one and the op
    /// gives none (SQL Server's comment procedures); `null` for none.
    #[serde(default)]
    pub default_schema: Option<String>,
    /// Ops this dialect's `ALTER TABLE` cannot do, compiled as a table
    /// rebuild ("move and copy", SQLite); empty for most dialects.
    #[serde(default)]
    pub table_rebuild_for: Vec<String>,
    /// Where `add_column` is in `table_rebuild_for`: the columns `ADD
    /// COLUMN` cannot add, which a rebuild adds (by default the primary key,
    /// unique and foreign key columns).
    #[serde(default = "add_column::default_add_column_needs")]
    pub add_column_rebuild_when: Vec<AddColumnNeed>,
    /// Ops that cannot run inside a transaction block (PostgreSQL's
    /// `CREATE INDEX CONCURRENTLY`): where the script is in a transaction, it
    /// commits before such an op and begins again after it, as Alembic's
    /// `autocommit_block()` does offline.
    #[serde(default)]
    pub outside_transaction: Vec<OpCondition>,
    /// How the engine names a constraint created without a name; `None`
    /// where it keeps no name (SQLite).
    #[serde(default)]
    pub unnamed_constraints: Option<crate::schema::engine_names::UnnamedConstraints>,
    /// What `DROP COLUMN` does to the indexes and constraints using the
    /// column; `None`: the engine refuses the drop while anything uses it.
    #[serde(default)]
    pub drop_column_takes: Option<crate::schema::drop_takes::DropColumnTakes>,
    /// What `DROP TABLE` refuses; `None`: the model refuses a drop of a
    /// table that other tables' foreign keys reference, with no engine reason.
    #[serde(default)]
    pub drop_table: Option<crate::schema::drop_table::DropTableFacts>,
    /// What the review notes of `retort check` need to know of the engine.
    #[serde(default)]
    pub review: ReviewFacts,
    /// How the engine's command-line client is run so that the first error
    /// stops the script (`psql -v ON_ERROR_STOP=1`), as compiled scripts'
    /// headers say.
    #[serde(default)]
    pub client: Option<String>,
    /// Statements every script starts with, before `begin`, so that the
    /// engine's stock client runs it as written (MySQL's `SET NAMES
    /// utf8mb4`: the `mariadb` client otherwise talks utf8mb3 and refuses
    /// a character outside the Basic Multilingual Plane).
    #[serde(default)]
    pub session_setup: Vec<String>,
    /// How `ALTER COLUMN ... TYPE` converts the values, where the engine
    /// needs `USING` for some changes (PostgreSQL); `null` for none.
    #[serde(default)]
    pub type_change_casts: Option<TypeChangeCasts>,
    /// What the engine requires of a new foreign key; the schema model
    /// refuses the rest at compile time.
    #[serde(default)]
    pub foreign_keys: ForeignKeyRules,
    /// Whether a primary key or unique constraint is an index of its own
    /// name, in the schema's one namespace of index names (PostgreSQL:
    /// "relation already exists"), so that the model refuses a key named
    /// like an index or another key of the schema.
    #[serde(default)]
    pub keys_are_named_indexes: bool,
    /// What the engine's DDL cannot express or refuses outright (expression
    /// indexes, checks on some columns...); the schema model refuses it.
    #[serde(default)]
    pub ddl_limits: DdlLimits,
    /// What the engine does with existing rows when the schema changes.
    #[serde(default)]
    pub rows: RowRules,
    /// What an index of each `postgresql_using` method can be, and the
    /// column types each has an operator class for; the schema model
    /// refuses the rest.
    #[serde(default)]
    pub index_methods: IndexMethods,
    /// `alter_column`'s `autoincrement` reaches the engine (MySQL's `MODIFY
    /// ... AUTO_INCREMENT`); elsewhere Alembic writes nothing for it, and
    /// the schema model leaves the column as it was.
    #[serde(default)]
    pub alter_column_autoincrement: bool,
}

/// An op, by name, and optionally a boolean key of it that must be true:
/// `{op: create_index, when: concurrently}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpCondition {
    /// The op's YAML name.
    pub op: String,
    /// A key of the op that must be `true` for the condition to hold.
    #[serde(default)]
    pub when: Option<String>,
}

impl OpCondition {
    /// Whether `op` is this op, with the `when` key true.
    pub fn matches(&self, op: &crate::revision::Op) -> bool {
        if op.name() != self.op {
            return false;
        }
        let Some(key) = &self.when else {
            return true;
        };
        serde_json::to_value(op).is_ok_and(|fields| fields[key.as_str()] == true)
    }
}

/// The facts `dialect.yaml` gives under `review:`, read by the review rules
/// (`retort check`); every one is false when absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReviewFacts {
    /// `CREATE`/`DROP INDEX CONCURRENTLY` exist, and the plain forms block
    /// writes to the table while they run (PostgreSQL).
    pub concurrent_index: bool,
    /// `ADD CONSTRAINT ... NOT VALID` exists, and without it the constraint
    /// is checked against every row under a lock that blocks writes (PostgreSQL).
    pub not_valid_constraints: bool,
    /// A column type change rewrites the table under an exclusive lock,
    /// except for binary-compatible widenings (PostgreSQL).
    pub type_change_rewrites_table: bool,
    /// A generated (identity, AUTO_INCREMENT) column must be a key, so one
    /// added to an existing table without being its primary key generates
    /// no values (MySQL, MariaDB).
    pub identity_needs_key: bool,
}

/// A table's file name, as an engine that stores a table in files named
/// after it writes it: some characters as they are, any other escaped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableFileName {
    /// Characters written as they are besides ASCII letters and digits.
    pub plain_characters: String,
    /// The most bytes any other character takes (MariaDB's `@XXXX`: 5).
    pub escaped_bytes: usize,
    /// The most bytes the file name may have (without its extension).
    pub max_bytes: usize,
}

impl TableFileName {
    /// The most bytes the file name of table `name` can take.
    pub fn worst_length(&self, name: &str) -> usize {
        name.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || self.plain_characters.contains(c) {
                    1
                } else {
                    self.escaped_bytes
                }
            })
            .sum()
    }
}

/// What `max_identifier_length` counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LengthUnit {
    /// Unicode characters (MySQL/MariaDB).
    #[default]
    Characters,
    /// Bytes of UTF-8 (PostgreSQL's NAMEDATALEN, Oracle).
    Bytes,
    /// UTF-16 code units (SQL Server's `sysname`).
    Utf16Units,
}

impl LengthUnit {
    /// The length of `text` in this unit.
    pub fn measure(self, text: &str) -> usize {
        match self {
            LengthUnit::Characters => text.chars().count(),
            LengthUnit::Bytes => text.len(),
            LengthUnit::Utf16Units => text.encode_utf16().count(),
        }
    }

    /// The unit's name in messages, plural.
    pub fn name(self) -> &'static str {
        match self {
            LengthUnit::Characters => "characters",
            LengthUnit::Bytes => "bytes",
            LengthUnit::Utf16Units => "UTF-16 code units",
        }
    }
}

/// A kind of text (a name, a string value) an engine cannot store exactly:
/// text that `contains` something, `starts_with_ignoring_case` something,
/// whose last character is one of `ends_with_one_of`, or with a character
/// above `max_code_point`. Any one condition given makes the rule apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextRefusal {
    /// Refused when the text contains this.
    #[serde(default)]
    pub contains: Option<String>,
    /// Refused when the text starts with this, ignoring ASCII case.
    #[serde(default)]
    pub starts_with_ignoring_case: Option<String>,
    /// Refused when the text's last character is one of these.
    #[serde(default)]
    pub ends_with_one_of: Option<String>,
    /// Refused when a character of the text is above this code point.
    #[serde(default)]
    pub max_code_point: Option<u32>,
    /// Why, for the message: what the engine or client does with such text.
    pub reason: String,
}

impl TextRefusal {
    /// What in `text` this rule refuses, described for a message, or `None`.
    pub fn find(&self, text: &str) -> Option<String> {
        if let Some(part) = self.contains.as_deref().filter(|p| text.contains(p)) {
            return Some(format!("contains {}", describe_characters(part)));
        }
        if let Some(start) = self.starts_with_ignoring_case.as_deref().filter(|start| {
            text.get(..start.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(start))
        }) {
            return Some(format!("starts with `{start}`"));
        }
        let last = text.chars().next_back();
        if let Some(last) = last.filter(|c| {
            self.ends_with_one_of
                .as_ref()
                .is_some_and(|s| s.contains(*c))
        }) {
            return Some(format!(
                "ends with {}",
                describe_characters(&last.to_string())
            ));
        }
        let max = self.max_code_point?;
        let c = text.chars().find(|c| u32::from(*c) > max)?;
        Some(format!("contains {}", describe_characters(&c.to_string())))
    }
}

/// `"\r\n"` as `U+000D U+000A`: code points, since the characters at issue
/// are mostly invisible.
fn describe_characters(text: &str) -> String {
    text.chars()
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` for a message: control and other invisible characters escaped
/// (`\\n`, `\\u{1e}`), everything else as it is.
fn shown(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') {
                c.escape_debug().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The quote characters of identifiers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentifierQuote {
    /// Opening quote (`"`, `` ` ``, `[`).
    pub open: String,
    /// Closing quote; doubled when it appears inside an identifier.
    pub close: String,
}

/// The literals of `true` and `false`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BooleanLiterals {
    /// `true` or `1`.
    #[serde(rename = "true")]
    pub true_: String,
    /// `false` or `0`.
    #[serde(rename = "false")]
    pub false_: String,
}

impl DialectFacts {
    /// Whether the script runs `op` outside its transaction
    /// ([`DialectFacts::outside_transaction`]); never on a dialect without one.
    pub fn runs_outside_transaction(&self, op: &crate::revision::Op) -> bool {
        self.transactional_ddl && self.outside_transaction.iter().any(|c| c.matches(op))
    }

    /// Quotes `name` exactly where SQLAlchemy's `IdentifierPreparer` does:
    /// a reserved word, upper-case letters, a character outside the legal set,
    /// or an illegal first character.
    pub fn quote_identifier(&self, name: &str) -> String {
        if self.requires_quotes(name) {
            let close = &self.identifier_quote.close;
            let escaped = name.replace(close.as_str(), &close.repeat(2));
            format!("{}{}{}", self.identifier_quote.open, escaped, close)
        } else {
            name.to_owned()
        }
    }

    fn requires_quotes(&self, name: &str) -> bool {
        let Some(first) = name.chars().next() else {
            return true;
        };
        let lower = name.to_lowercase();
        self.reserved_words.contains(&lower)
            || self.illegal_initial_characters.contains(first)
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || self.legal_characters.contains(c))
            || lower != name
    }

    /// Why `name` cannot be an identifier on this dialect: empty, longer than
    /// `max_identifier_length`, or refused by `identifier_refusals`; `None` if it can.
    pub fn identifier_problem(&self, name: &str) -> Option<String> {
        if name.is_empty() {
            return Some("an identifier cannot be empty".into());
        }
        let unit = self.identifier_length_unit;
        let length = unit.measure(name);
        if length > self.max_identifier_length {
            return Some(format!(
                "identifier `{}` is {length} {unit} long; {} allows at most {} {unit}",
                shown(name),
                self.name,
                self.max_identifier_length,
                unit = unit.name(),
            ));
        }
        self.identifier_refusals.iter().find_map(|rule| {
            let found = rule.find(name)?;
            Some(format!(
                "identifier `{}` {found}, which {} cannot take in a name: {}",
                shown(name),
                self.name,
                rule.reason
            ))
        })
    }

    /// Why `name` cannot name a table: [`DialectFacts::identifier_problem`],
    /// one of `table_name_refusals`, or a file name after it
    /// (`table_file_name`) that could be too long.
    pub fn table_name_problem(&self, name: &str) -> Option<String> {
        if let Some(problem) = self.identifier_problem(name) {
            return Some(problem);
        }
        if let Some(problem) = self.table_name_refusals.iter().find_map(|rule| {
            let found = rule.find(name)?;
            Some(format!(
                "table name `{}` {found}, which {} refuses: {}",
                shown(name),
                self.name,
                rule.reason
            ))
        }) {
            return Some(problem);
        }
        let file = self.table_file_name.as_ref()?;
        let length = file.worst_length(name);
        (length > file.max_bytes).then(|| {
            format!(
                "table name `{}` may need a file name of {length} bytes; {} names a table's \
                 files after it, with at most {} bytes, writing each character other than \
                 ASCII letters, digits and `{}` in up to {} bytes",
                shown(name),
                self.name,
                file.max_bytes,
                file.plain_characters,
                file.escaped_bytes
            )
        })
    }

    /// A string literal: quotes doubled, backslashes too where the dialect
    /// treats them as escapes, `string_escapes` applied, and characters that
    /// have no place inside the quotes written as expressions and concatenated.
    /// Text the engine cannot store (`string_refusals`) is an error.
    pub fn string_literal(&self, text: &str) -> Result<String, String> {
        for rule in &self.string_refusals {
            if let Some(found) = rule.find(text) {
                return Err(format!(
                    "string `{}` {found}, which {} cannot store: {}",
                    shown(text),
                    self.name,
                    rule.reason
                ));
            }
        }
        let mut pieces: Vec<String> = Vec::new();
        let mut quoted = String::new();
        for c in text.chars() {
            if let Some(expression) = self.string_characters_as_expressions.get(&c) {
                if !quoted.is_empty() {
                    pieces.push(format!("'{}'", std::mem::take(&mut quoted)));
                }
                pieces.push(expression.clone());
                continue;
            }
            match (c, self.string_escapes.get(&c)) {
                ('\'', _) => quoted.push_str("''"),
                ('\\', _) if self.backslash_escapes => quoted.push_str("\\\\"),
                (_, Some(escape)) => quoted.push_str(escape),
                (c, None) => quoted.push(c),
            }
        }
        if pieces.is_empty() {
            return Ok(format!("'{quoted}'"));
        }
        if !quoted.is_empty() {
            pieces.push(format!("'{quoted}'"));
        }
        let operator = self.concatenation.as_deref().ok_or_else(|| {
            format!(
                "dialect {} writes some characters as expressions but has no `concatenation`",
                self.name
            )
        })?;
        Ok(format!("({})", pieces.join(&format!(" {operator} "))))
    }

    /// Why `text` cannot be a comment on this dialect (`comment_refusals`).
    pub fn comment_problem(&self, text: &str) -> Option<String> {
        self.comment_refusals.iter().find_map(|rule| {
            let found = rule.find(text)?;
            Some(format!(
                "comment `{}` {found}, which {} cannot store in a comment: {}",
                shown(text),
                self.name,
                rule.reason
            ))
        })
    }

    /// [`DialectFacts::string_literal`] where SQL takes only a constant:
    /// text with a character the dialect writes as an expression is an error.
    pub fn constant_string_literal(&self, text: &str) -> Result<String, String> {
        let Some((c, expression)) = text
            .chars()
            .find_map(|c| Some((c, self.string_characters_as_expressions.get(&c)?)))
        else {
            return self.string_literal(text);
        };
        Err(format!(
            "string `{}` contains {}, which {} writes only as an expression ({expression}), \
             and here SQL takes only a plain string constant",
            shown(text),
            describe_characters(&c.to_string()),
            self.name
        ))
    }

    /// The literal of a boolean.
    pub fn boolean_literal(&self, value: bool) -> &str {
        if value {
            &self.boolean_literals.true_
        } else {
            &self.boolean_literals.false_
        }
    }
}

/// A dialect could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum DialectError {
    /// No built-in dialect and no project folder of that name.
    #[error("unknown dialect `{name}`{hint}; known dialects: {known}")]
    Unknown {
        /// The name asked for.
        name: String,
        /// A "did you mean" or nothing.
        hint: String,
        /// The known names, comma-separated.
        known: String,
    },
    /// A name that cannot be a folder name under `dialects/` and `out/`.
    #[error(
        "`{0}` is not a dialect name; expected 1 to 64 letters, digits, `_` or `-` \
         (it names a folder under dialects/ and out/)"
    )]
    BadName(String),
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: Utf8PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// `dialect.yaml` is not valid.
    #[error("{0}")]
    Facts(crate::diagnostic::Diagnostic),
}

/// A dialect: its facts and where its templates come from.
#[derive(Debug, Clone)]
pub struct Dialect {
    /// The facts of `dialect.yaml`.
    pub facts: DialectFacts,
    /// The project's folder for this dialect, looked at before the built-in one.
    override_dir: Option<Utf8PathBuf>,
    /// The built-in folder, if the dialect is built in; the shared templates
    /// come after it.
    built_in: Option<&'static Dir<'static>>,
}

impl Dialect {
    /// Loads dialect `name`: the project's `overrides/<name>/` first (if
    /// `overrides` is given and the folder exists), then the built-in folder,
    /// then (for templates only) the shared templates.
    pub fn load(name: &str, overrides: Option<&Utf8Path>) -> Result<Dialect, DialectError> {
        check_name(name)?;
        let override_dir = overrides
            .map(|dir| dir.join(name))
            .filter(|dir| dir.is_dir());
        let built_in = built_in_dialect(name);
        if name == SHARED_TEMPLATES || (override_dir.is_none() && built_in.is_none()) {
            let known = known_dialects(overrides);
            return Err(DialectError::Unknown {
                name: name.to_owned(),
                hint: crate::suggest::did_you_mean(name, known.iter().map(String::as_str)),
                known: known.join(", "),
            });
        }
        let mut dialect = Dialect {
            facts: placeholder_facts(name),
            override_dir,
            built_in,
        };
        let (path, text) = dialect.file(FACTS_FILE)?.ok_or_else(|| {
            DialectError::Facts(crate::diagnostic::Diagnostic::new(
                crate::location::Location::new(format!("dialects/{name}/{FACTS_FILE}"), 1, 1),
                "a dialect folder needs a dialect.yaml of facts",
            ))
        })?;
        dialect.facts = serde_yaml::from_str(&text).map_err(|e| {
            DialectError::Facts(crate::diagnostic::Diagnostic::from_yaml(&path, &e))
        })?;
        Ok(dialect)
    }

    /// The text of one of the dialect's files (`create_table.sql`) and where
    /// it is from: the project's folder if it has it, else the built-in one,
    /// else the shared templates; `None` if none has it.
    pub fn file(&self, name: &str) -> Result<Option<(Utf8PathBuf, String)>, DialectError> {
        if let Some(dir) = &self.override_dir {
            let path = dir.join(name);
            if path.is_file() {
                let text = std::fs::read_to_string(&path).map_err(|source| DialectError::Io {
                    path: path.clone(),
                    source,
                })?;
                return Ok(Some((path, text)));
            }
        }
        // The facts are the dialect's own: the shared folder has none to give.
        let shared = BUILT_IN
            .get_dir(SHARED_TEMPLATES)
            .filter(|_| name != FACTS_FILE);
        let built_in = [self.built_in, shared]
            .into_iter()
            .flatten()
            .find_map(|dir| dir.get_file(dir.path().join(name)));
        Ok(built_in.map(|file| {
            let path = Utf8PathBuf::from(format!("<built-in>/{}", file.path().display()));
            (path, String::from_utf8_lossy(file.contents()).into_owned())
        }))
    }
}

/// The built-in folder of dialect `name`, if there is one.
fn built_in_dialect(name: &str) -> Option<&'static Dir<'static>> {
    BUILT_IN.get_dir(name).filter(|_| name != SHARED_TEMPLATES)
}

/// A dialect name names a folder under `dialects/` and `out/`: 1 to 64
/// ASCII letters, digits, `_` or `-`, so it cannot lead anywhere else.
pub fn check_name(name: &str) -> Result<(), DialectError> {
    let valid = (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if valid {
        Ok(())
    } else {
        Err(DialectError::BadName(name.to_owned()))
    }
}

/// Facts used only while `dialect.yaml` itself is being read.
fn placeholder_facts(name: &str) -> DialectFacts {
    DialectFacts {
        name: name.to_owned(),
        transactional_ddl: false,
        begin: None,
        commit: None,
        statement_terminator: String::new(),
        batch_separator: None,
        separator_after_begin: false,
        identifier_quote: IdentifierQuote {
            open: "\"".into(),
            close: "\"".into(),
        },
        legal_characters: "_".into(),
        illegal_initial_characters: String::new(),
        max_identifier_length: usize::MAX,
        identifier_length_unit: LengthUnit::Characters,
        identifier_refusals: Vec::new(),
        table_file_name: None,
        table_name_refusals: Vec::new(),
        reserved_words: BTreeSet::new(),
        boolean_literals: BooleanLiterals {
            true_: "true".into(),
            false_: "false".into(),
        },
        backslash_escapes: false,
        string_escapes: BTreeMap::new(),
        string_characters_as_expressions: BTreeMap::new(),
        concatenation: None,
        string_refusals: Vec::new(),
        comment_refusals: Vec::new(),
        default_schema: None,
        table_rebuild_for: Vec::new(),
        add_column_rebuild_when: add_column::default_add_column_needs(),
        outside_transaction: Vec::new(),
        unnamed_constraints: None,
        drop_column_takes: None,
        drop_table: None,
        review: ReviewFacts::default(),
        client: None,
        session_setup: Vec::new(),
        type_change_casts: None,
        foreign_keys: ForeignKeyRules::default(),
        keys_are_named_indexes: false,
        ddl_limits: DdlLimits::default(),
        rows: RowRules::default(),
        index_methods: IndexMethods::default(),
        alter_column_autoincrement: false,
    }
}

/// The built-in dialect names, then any project dialect folders, sorted.
pub fn known_dialects(overrides: Option<&Utf8Path>) -> Vec<String> {
    let mut names: BTreeSet<String> = BUILT_IN
        .dirs()
        .filter_map(|dir| dir.path().file_name()?.to_str().map(String::from))
        .collect();
    if let Some(Ok(entries)) = overrides.map(std::fs::read_dir) {
        for entry in entries.flatten() {
            if entry.path().join(FACTS_FILE).is_file() {
                if let Some(name) = entry.file_name().to_str() {
                    names.insert(name.to_owned());
                }
            }
        }
    }
    names.remove(SHARED_TEMPLATES);
    names.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(name: &str) -> DialectFacts {
        Dialect::load(name, None).unwrap().facts
    }

    #[test]
    fn every_built_in_dialect_loads() {
        for name in ["postgresql", "sqlite", "mysql", "mssql", "oracle"] {
            assert_eq!(facts(name).name, name);
        }
    }

    #[test]
    fn dialect_names_are_folder_names() {
        for name in [
            "",
            "../postgresql",
            "a/b",
            "a\\b",
            "..",
            ".",
            "x\0",
            &"a".repeat(65),
        ] {
            let e = Dialect::load(name, Some(Utf8Path::new("dialects"))).unwrap_err();
            assert!(matches!(e, DialectError::BadName(_)), "{name:?}: {e}");
        }
    }

    #[test]
    fn unknown_dialect_suggests_a_name() {
        let err = Dialect::load("postgres", None).unwrap_err().to_string();
        assert!(err.contains("did you mean `postgresql`"), "{err}");
    }

    const BUILT_IN_NAMES: [&str; 5] = ["mssql", "mysql", "oracle", "postgresql", "sqlite"];

    /// A project's `dialects/` folder holding `files` (path under it, text).
    fn project_dialects(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    fn source(dialect: &Dialect, template: &str) -> String {
        dialect.file(template).unwrap().unwrap().0.into_string()
    }

    #[test]
    fn every_built_in_dialect_gets_the_shared_templates() {
        for name in BUILT_IN_NAMES {
            let dialect = Dialect::load(name, None).unwrap();
            assert_eq!(
                source(&dialect, "drop_table.sql"),
                "<built-in>/common/drop_table.sql"
            );
            assert_eq!(
                source(&dialect, "create_table.sql"),
                format!("<built-in>/{name}/create_table.sql")
            );
        }
    }

    #[test]
    fn a_project_template_wins_over_a_shared_one() {
        let project = project_dialects(&[("postgresql/drop_table.sql", "DROP TABLE x CASCADE\n")]);
        let dialects = Utf8Path::from_path(project.path()).unwrap();
        let dialect = Dialect::load("postgresql", Some(dialects)).unwrap();
        let (path, text) = dialect.file("drop_table.sql").unwrap().unwrap();
        assert_eq!(path, dialects.join("postgresql/drop_table.sql"));
        assert_eq!(text, "DROP TABLE x CASCADE\n");
        assert_eq!(
            source(&dialect, "version_update.sql"),
            "<built-in>/common/version_update.sql"
        );
        // Another dialect of the project still has the shared one.
        let mysql = Dialect::load("mysql", Some(dialects)).unwrap();
        assert_eq!(
            source(&mysql, "drop_table.sql"),
            "<built-in>/common/drop_table.sql"
        );
    }

    #[test]
    fn a_new_project_dialect_gets_the_shared_templates() {
        let sqlite = BUILT_IN.get_file("sqlite/dialect.yaml").unwrap();
        let facts =
            String::from_utf8_lossy(sqlite.contents()).replace("name: sqlite", "name: duckish");
        let project = project_dialects(&[("duckish/dialect.yaml", &facts)]);
        let dialects = Utf8Path::from_path(project.path()).unwrap();
        let dialect = Dialect::load("duckish", Some(dialects)).unwrap();
        assert_eq!(dialect.facts.name, "duckish");
        assert_eq!(
            source(&dialect, "version_delete.sql"),
            "<built-in>/common/version_delete.sql"
        );
        // Only the shared templates: no built-in dialect's.
        assert!(dialect.file("create_table.sql").unwrap().is_none());
    }

    #[test]
    fn the_shared_templates_are_not_a_dialect() {
        // A project folder named `common`, even with facts, is no dialect either.
        let project = project_dialects(&[("common/dialect.yaml", "name: common\n")]);
        let dialects = Utf8Path::from_path(project.path()).unwrap();
        for overrides in [None, Some(dialects), Some(Utf8Path::new("dialects"))] {
            let err = Dialect::load(SHARED_TEMPLATES, overrides).unwrap_err();
            assert!(matches!(err, DialectError::Unknown { .. }), "{err}");
            assert_eq!(known_dialects(overrides), BUILT_IN_NAMES);
        }
        assert!(BUILT_IN.get_dir(SHARED_TEMPLATES).is_some());
    }

    /// Keeps a template that every dialect writes alike in one place: it is
    /// in `dialects/common/`, and no dialect folder repeats a shared one.
    #[test]
    fn a_template_alike_in_every_dialect_is_shared() {
        let shared = BUILT_IN.get_dir(SHARED_TEMPLATES).unwrap();
        assert!(shared.get_file(shared.path().join(FACTS_FILE)).is_none());
        let mut texts: BTreeMap<String, BTreeSet<&[u8]>> = BTreeMap::new();
        let mut copies: BTreeMap<String, usize> = BTreeMap::new();
        for name in BUILT_IN_NAMES {
            for file in built_in_dialect(name).unwrap().files() {
                let template = file
                    .path()
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                let shared_copy = shared.get_file(shared.path().join(&template));
                assert!(
                    shared_copy.is_none_or(|copy| copy.contents() != file.contents()),
                    "{name}/{template} repeats the shared template"
                );
                texts
                    .entry(template.clone())
                    .or_default()
                    .insert(file.contents());
                *copies.entry(template).or_default() += 1;
            }
        }
        for (template, count) in copies {
            let alike = texts[&template].len() == 1;
            assert!(
                count < BUILT_IN_NAMES.len() || !alike,
                "{template} is the same in every dialect: move it to dialects/common/"
            );
        }
    }

    // Expected quoting from out/probes/<dialect>.sql (real Alembic output):
    // "User", "order", "CamelCol", "select"; MySQL also quotes `blob`.
    #[test]
    fn quotes_as_sqlalchemy_does() {
        let pg = facts("postgresql");
        assert_eq!(pg.quote_identifier("User"), "\"User\"");
        assert_eq!(pg.quote_identifier("order"), "\"order\"");
        assert_eq!(pg.quote_identifier("CamelCol"), "\"CamelCol\"");
        assert_eq!(pg.quote_identifier("select"), "\"select\"");
        assert_eq!(pg.quote_identifier("blob"), "blob");
        assert_eq!(pg.quote_identifier("audit_log"), "audit_log");
        assert_eq!(pg.quote_identifier("a\"b"), "\"a\"\"b\"");
        assert_eq!(pg.quote_identifier("1abc"), "\"1abc\"");
        let mysql = facts("mysql");
        assert_eq!(mysql.quote_identifier("blob"), "`blob`");
        assert_eq!(mysql.quote_identifier("User"), "`User`");
        assert_eq!(mysql.quote_identifier("a`b"), "`a``b`");
        let mssql = facts("mssql");
        assert_eq!(mssql.quote_identifier("User"), "[User]");
        assert_eq!(mssql.quote_identifier("blob"), "blob");
        assert_eq!(mssql.quote_identifier("a]b"), "[a]]b]");
        let oracle = facts("oracle");
        assert_eq!(oracle.quote_identifier("order"), "\"order\"");
        assert_eq!(oracle.quote_identifier("_x"), "\"_x\"");
        assert_eq!(facts("sqlite").quote_identifier("select"), "\"select\"");
    }

    // Limits in the engines' own units: PostgreSQL's 63 bytes (NAMEDATALEN),
    // MySQL's 64 characters, SQL Server's 128 UTF-16 units, Oracle's 128 bytes.
    #[test]
    fn identifier_limits_count_the_engines_units() {
        let fits = |dialect: &str, name: &str| facts(dialect).identifier_problem(name).is_none();
        assert!(fits("postgresql", &"x".repeat(63)));
        assert!(!fits("postgresql", &"é".repeat(32)));
        assert!(fits("mysql", &"é".repeat(64)));
        assert!(!fits("mysql", &"x".repeat(65)));
        assert!(fits("mssql", &"😀".repeat(64)));
        assert!(!fits("mssql", &"😀".repeat(65)));
        assert!(fits("oracle", &"é".repeat(64)));
        assert!(!fits("oracle", &"é".repeat(65)));
        let problem = facts("postgresql")
            .identifier_problem(&"é".repeat(32))
            .unwrap();
        assert!(problem.contains("64 bytes long; postgresql allows at most 63 bytes"));
    }

    #[test]
    fn names_the_engine_would_change_are_refused() {
        let problem = |dialect: &str, name: &str| facts(dialect).identifier_problem(name);
        let nul = problem("postgresql", "a\0b").unwrap();
        assert!(nul.contains("`a\\0b` contains U+0000"), "{nul}");
        assert!(problem("mysql", "a ")
            .unwrap()
            .contains("cannot end with a space"));
        assert!(problem("mysql", "a😀").unwrap().contains("U+1F600"));
        assert!(problem("sqlite", "a\r\nb")
            .unwrap()
            .contains("U+000D U+000A"));
        assert!(problem("oracle", "a\"b").unwrap().contains("U+0022"));
        assert!(problem("mssql", "a$(b)").unwrap().contains("sqlcmd"));
        let mssql = facts("mssql");
        assert!(mssql
            .string_literal("cost $(price)")
            .unwrap_err()
            .contains("sqlcmd"));
        let continued = mssql.string_literal("a\\\nb").unwrap_err();
        assert!(continued.contains("line continuation"), "{continued}");
        assert_eq!(mssql.string_literal("a\\b\n$5").unwrap(), "'a\\b\n$5'");
        assert!(problem("postgresql", "a ").is_none());
        assert!(problem("mysql", "a\rb").is_none());
        let long = "/".repeat(51);
        assert!(problem("mysql", &long).is_none());
        let table = facts("mysql").table_name_problem(&long).unwrap();
        assert!(
            table.contains("255 bytes") || table.contains("at most 251 bytes"),
            "{table}"
        );
        assert!(facts("mysql").table_name_problem(&"/".repeat(50)).is_none());
        let sqlite = facts("sqlite");
        assert!(sqlite
            .table_name_problem("SQLite_x")
            .unwrap()
            .contains("starts with `sqlite_`"));
        assert!(sqlite.identifier_problem("sqlite_x").is_none());
        assert!(sqlite.table_name_problem("é").is_none());
    }

    #[test]
    fn string_literals_the_client_keeps() {
        assert_eq!(
            facts("mysql").string_literal("a\r\n\0\u{1a}").unwrap(),
            "'a\\r\n\\0\\Z'"
        );
        assert_eq!(
            facts("sqlite").string_literal("a\r\nb").unwrap(),
            "('a' || char(13) || '\nb')"
        );
        assert_eq!(facts("sqlite").string_literal("\0").unwrap(), "(char(0))");
        let nul = facts("postgresql").string_literal("a\0").unwrap_err();
        assert!(
            nul.contains("contains U+0000, which postgresql cannot store"),
            "{nul}"
        );
        assert_eq!(
            facts("postgresql").string_literal("a\tb").unwrap(),
            "'a\tb'"
        );
        // SQL*Plus: no & and no line break inside an Oracle literal.
        let oracle = facts("oracle");
        assert_eq!(
            oracle.string_literal("R&D\n").unwrap(),
            "('R' || CHR(38) || 'D' || CHR(10))"
        );
        assert_eq!(oracle.constant_string_literal("it's").unwrap(), "'it''s'");
        let mysql = facts("mysql");
        assert!(mysql.comment_problem("ok ✓").is_none());
        assert!(mysql.comment_problem("a😀").unwrap().contains("utf8mb3"));
        assert!(facts("postgresql").comment_problem("a😀").is_none());
        let comment = oracle.constant_string_literal("R&D").unwrap_err();
        assert!(
            comment.contains("U+0026") && comment.contains("CHR(38)"),
            "{comment}"
        );
    }

    // Expected from the bulk_insert probes: 'a''b\c' everywhere, 'a''b\\c' on MySQL.
    #[test]
    fn escapes_string_literals() {
        assert_eq!(
            facts("postgresql").string_literal("a'b\\c").unwrap(),
            "'a''b\\c'"
        );
        assert_eq!(
            facts("mysql").string_literal("a'b\\c").unwrap(),
            "'a''b\\\\c'"
        );
    }
}
