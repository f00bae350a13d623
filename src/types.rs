//! Column types, written as SQLAlchemy's type constructors (`String(255)`,
//! `Numeric(10, 2)`, `Enum('a', 'b', name='x')`, `postgresql.JSONB`).
//!
//! The parser turns that text into [`ColumnType`]; the dialect templates
//! render it (`dialects/<name>/macros.sql`).

use crate::per_dialect::PerDialect;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A column type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind")]
pub enum ColumnType {
    /// `Integer`.
    Integer,
    /// `SmallInteger`.
    SmallInteger,
    /// `BigInteger`.
    BigInteger,
    /// `String`, `String(255)`, `String(255, collation='C')`.
    String {
        /// Length, if given.
        length: Option<u32>,
        /// `collation=`: the column's collation, written after the type.
        collation: Option<String>,
    },
    /// `Text`, `Text(1000)`.
    Text {
        /// Length, if given.
        length: Option<u32>,
        /// `collation=`.
        collation: Option<String>,
    },
    /// `Unicode(50)`.
    Unicode {
        /// Length, if given.
        length: Option<u32>,
        /// `collation=`.
        collation: Option<String>,
    },
    /// `UnicodeText`.
    UnicodeText,
    /// `Boolean`, `Boolean(create_constraint=True, name='ck')`.
    Boolean {
        /// `create_constraint=True`: a `CHECK (c IN (0, 1))` on dialects
        /// without a native boolean (MySQL, SQLite), as SQLAlchemy writes.
        create_constraint: bool,
        /// `name=`: the name of that check.
        name: Option<String>,
    },
    /// `Float`, `Float(53)`.
    Float {
        /// Binary precision, if given.
        precision: Option<u32>,
    },
    /// `Numeric`, `Numeric(10, 2)`.
    Numeric {
        /// Precision.
        precision: Option<u32>,
        /// Scale.
        scale: Option<u32>,
    },
    /// `Date`.
    Date,
    /// `DateTime`, `DateTime(timezone=True)`.
    DateTime {
        /// With time zone.
        timezone: bool,
    },
    /// `Time`, `Time(timezone=True)`.
    Time {
        /// With time zone.
        timezone: bool,
    },
    /// `Interval`.
    Interval,
    /// `LargeBinary`, `LargeBinary(1024)`.
    LargeBinary {
        /// Length, if given.
        length: Option<u32>,
    },
    /// `JSON`.
    #[serde(rename = "JSON")]
    Json,
    /// `Uuid`.
    Uuid,
    /// `Enum('a', 'b', name='x')`, and `postgresql.ENUM(...)`.
    Enum {
        /// The allowed values, in order.
        values: Vec<String>,
        /// The type name (PostgreSQL `CREATE TYPE`).
        name: Option<String>,
        /// `create_constraint=True`: a CHECK on dialects without native enums.
        create_constraint: bool,
        /// `native_enum=False`: always a VARCHAR.
        native_enum: bool,
        /// `length=n`: the VARCHAR's length where the enum is not native
        /// (else the longest value's).
        length: Option<u32>,
        /// `postgresql.ENUM(..., create_type=False)`: `create_table` does not
        /// create the type, which must exist already.
        create_type: bool,
    },
    /// A dialect type: `postgresql.JSONB`, `mysql.TINYINT(1)`, `postgresql.ARRAY(Integer)`.
    Dialect {
        /// The dialect it belongs to.
        dialect: String,
        /// The type name, as written (`JSONB`).
        name: String,
        /// Positional arguments.
        args: Vec<TypeArg>,
        /// The keyword arguments that change the SQL (`timezone=True`,
        /// `collation='utf8mb4_bin'`), by keyword; those that change only
        /// Python's side (`as_uuid`, `astext_type`) are dropped when parsed.
        options: BTreeMap<String, TypeArg>,
    },
    /// SQLAlchemy's uppercase types (`VARCHAR(10)`, `TIMESTAMP(timezone=True)`,
    /// `DECIMAL(10, 2)`, `DOUBLE`) and `Double`: written by their own name,
    /// as SQLAlchemy writes them on each dialect (or refused where the
    /// engine has no such type). The model treats each as its generic kin
    /// ([`ColumnType::generic_kin`]).
    Upper {
        /// The name as written (`VARCHAR`, `Double`).
        name: String,
        /// Length of a character type.
        length: Option<u32>,
        /// Precision of `DECIMAL`, `NUMERIC`, `FLOAT`.
        precision: Option<u32>,
        /// Scale of `DECIMAL`, `NUMERIC`.
        scale: Option<u32>,
        /// `TIMESTAMP(timezone=True)`, `TIME(timezone=True)`.
        timezone: bool,
        /// `collation=` of a character type.
        collation: Option<String>,
    },
    /// A mapping of dialect name to type; resolved before rendering.
    PerDialect {
        /// Type per dialect; `default` is the fallback.
        types: PerDialect<ColumnType>,
    },
    /// `{sql: "TSVECTOR"}`: raw SQL type text.
    Sql {
        /// The text, verbatim.
        sql: String,
    },
}

/// An argument of a dialect type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum TypeArg {
    /// A number.
    Int(i64),
    /// `True` or `False` (a keyword argument's).
    Bool(bool),
    /// A quoted string.
    Str(String),
    /// A nested type (`ARRAY(Integer)`).
    Type(Box<ColumnType>),
}

/// The generic type names, for "did you mean".
pub const TYPE_NAMES: &[&str] = &[
    "Integer",
    "SmallInteger",
    "BigInteger",
    "String",
    "Text",
    "Unicode",
    "UnicodeText",
    "Boolean",
    "Float",
    "Numeric",
    "Date",
    "DateTime",
    "Time",
    "Interval",
    "LargeBinary",
    "JSON",
    "Uuid",
    "Enum",
];

/// SQLAlchemy's uppercase type names retort takes, and `Double`.
pub const UPPER_TYPE_NAMES: &[&str] = &[
    "VARCHAR",
    "CHAR",
    "NVARCHAR",
    "TEXT",
    "CLOB",
    "INTEGER",
    "BIGINT",
    "SMALLINT",
    "TIMESTAMP",
    "DATETIME",
    "DECIMAL",
    "NUMERIC",
    "REAL",
    "FLOAT",
    "DOUBLE",
    "DOUBLE_PRECISION",
    "Double",
    "BOOLEAN",
    "DATE",
    "TIME",
    "BLOB",
    "JSON",
    "UUID",
];

impl ColumnType {
    /// The generic type an uppercase type behaves as in the model (what
    /// values it takes, what a change of it loses); any other type is itself.
    pub fn generic_kin(&self) -> ColumnType {
        let ColumnType::Upper {
            name,
            length,
            precision,
            scale,
            timezone,
            collation,
        } = self
        else {
            return self.clone();
        };
        let collation = collation.clone();
        match name.as_str() {
            "VARCHAR" | "CHAR" | "NVARCHAR" => ColumnType::String {
                length: *length,
                collation,
            },
            "TEXT" | "CLOB" => ColumnType::Text {
                length: *length,
                collation,
            },
            "INTEGER" => ColumnType::Integer,
            "BIGINT" => ColumnType::BigInteger,
            "SMALLINT" => ColumnType::SmallInteger,
            "TIMESTAMP" | "DATETIME" => ColumnType::DateTime {
                timezone: *timezone,
            },
            "DECIMAL" | "NUMERIC" => ColumnType::Numeric {
                precision: *precision,
                scale: *scale,
            },
            "BOOLEAN" => ColumnType::Boolean {
                create_constraint: false,
                name: None,
            },
            "DATE" => ColumnType::Date,
            "TIME" => ColumnType::Time {
                timezone: *timezone,
            },
            "BLOB" => ColumnType::LargeBinary { length: None },
            "JSON" => ColumnType::Json,
            "UUID" => ColumnType::Uuid,
            _ => ColumnType::Float {
                precision: *precision,
            },
        }
    }

    /// Whether `self` and `other` are the same column type on the engine,
    /// however spelled: a dialect's or SQLAlchemy's uppercase `VARCHAR(63)`
    /// is `String(63)`, `TEXT` is `Text`, `INTEGER` is `Integer` (so that an
    /// `existing_type: mysql.VARCHAR(length=63)` describes a `String(63)`
    /// column). Anything a spelling adds (a character set, a display
    /// width, `CHAR`'s padding) keeps them apart.
    pub fn same_as(&self, other: &ColumnType) -> bool {
        self.plain_spelling() == other.plain_spelling()
    }

    /// The generic type an uppercase or dialect type is with nothing added
    /// (no arguments but a length, no options but a collation); any other
    /// type is itself.
    fn plain_spelling(&self) -> ColumnType {
        let (name, length, collation) = match self {
            ColumnType::Upper {
                name,
                length,
                precision: None,
                scale: None,
                timezone: false,
                collation,
            } => (name.as_str(), *length, collation.clone()),
            ColumnType::Dialect {
                name,
                args,
                options,
                ..
            } if options.keys().all(|k| k == "collation") => {
                let length = match args.as_slice() {
                    [] => None,
                    [TypeArg::Int(n)] => match u32::try_from(*n) {
                        Ok(n) => Some(n),
                        Err(_) => return self.clone(),
                    },
                    _ => return self.clone(),
                };
                let collation = match options.get("collation") {
                    Some(TypeArg::Str(c)) => Some(c.clone()),
                    Some(_) => return self.clone(),
                    None => None,
                };
                (name.as_str(), length, collation)
            }
            _ => return self.clone(),
        };
        let bare = length.is_none() && collation.is_none();
        match name {
            "VARCHAR" if length.is_some() => ColumnType::String { length, collation },
            "TEXT" => ColumnType::Text { length, collation },
            "INTEGER" if bare => ColumnType::Integer,
            "BIGINT" if bare => ColumnType::BigInteger,
            "SMALLINT" if bare => ColumnType::SmallInteger,
            "DATE" if bare => ColumnType::Date,
            _ => self.clone(),
        }
    }

    /// Parses SQLAlchemy-style type text.
    pub fn parse(text: &str) -> Result<ColumnType, TypeError> {
        let mut parser = Parser {
            text,
            pos: 0,
            depth: 0,
        };
        let ty = parser.parse_type()?;
        parser.skip_ws();
        if parser.pos != text.len() {
            return Err(parser.error("unexpected text after the type"));
        }
        Ok(ty)
    }

    /// The type for `dialect`: a `PerDialect` mapping picks its entry (or `default`).
    pub fn for_dialect(&self, dialect: &str) -> Option<&ColumnType> {
        match self {
            ColumnType::PerDialect { types } => types.for_dialect(dialect),
            other => Some(other),
        }
    }
}

/// A type text that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid type `{text}`: {message}")]
pub struct TypeError {
    /// The whole type text.
    pub text: String,
    /// What is wrong, with a suggestion where there is one.
    pub message: String,
}

/// How deep types may nest in one another (`ARRAY(ARRAY(Integer))` is 2):
/// the parser, and everything after it that walks a type, recurses once
/// per level, so an unbounded depth let a long type text overflow the stack.
pub const MAX_TYPE_DEPTH: usize = 32;

/// What a dialect type's keyword argument is to retort.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keyword {
    /// It changes only what Python reads back (`as_uuid`, `astext_type`):
    /// the SQL is the same without it, so it is dropped.
    PythonSide,
    /// The type's first positional argument, spelled as a keyword
    /// (`mysql.VARCHAR(length=63)` is `mysql.VARCHAR(63)`).
    FirstPositional,
    /// `True` or `False`, kept for the templates.
    Flag,
    /// A whole number, kept for the templates.
    Number,
    /// A collation or character set name, kept for the templates.
    Name,
}

impl Keyword {
    fn expected(self) -> &'static str {
        match self {
            Keyword::PythonSide => "anything",
            Keyword::FirstPositional | Keyword::Number => "a whole number",
            Keyword::Flag => "True or False",
            Keyword::Name => "a quoted name",
        }
    }
}

/// Some dialect types and the keyword arguments they take:
/// (dialect, type names, keywords).
type KeywordsOf = (
    &'static str,
    &'static [&'static str],
    &'static [(&'static str, Keyword)],
);

/// The keyword arguments of dialect types retort takes, as SQLAlchemy's
/// classes take them.
const DIALECT_KEYWORDS: &[KeywordsOf] = &[
    ("postgresql", &["UUID"], &[("as_uuid", Keyword::PythonSide)]),
    (
        "postgresql",
        &["JSON", "JSONB"],
        &[
            ("astext_type", Keyword::PythonSide),
            ("none_as_null", Keyword::PythonSide),
        ],
    ),
    (
        "postgresql",
        &["TIMESTAMP", "TIME"],
        &[("timezone", Keyword::Flag), ("precision", Keyword::Number)],
    ),
    (
        "postgresql",
        &["ARRAY"],
        &[
            ("dimensions", Keyword::Number),
            ("as_tuple", Keyword::PythonSide),
            ("zero_indexes", Keyword::PythonSide),
        ],
    ),
    (
        "postgresql",
        &["DOUBLE_PRECISION", "REAL"],
        &[
            // PostgreSQL's DOUBLE PRECISION and REAL take no precision.
            ("precision", Keyword::PythonSide),
            ("asdecimal", Keyword::PythonSide),
            ("decimal_return_scale", Keyword::PythonSide),
        ],
    ),
    (
        "mysql",
        &[
            "VARCHAR",
            "CHAR",
            "NVARCHAR",
            "NCHAR",
            "TEXT",
            "TINYTEXT",
            "MEDIUMTEXT",
            "LONGTEXT",
        ],
        &[
            ("length", Keyword::FirstPositional),
            ("collation", Keyword::Name),
            ("charset", Keyword::Name),
        ],
    ),
    (
        "mysql",
        &["INTEGER", "BIGINT", "SMALLINT", "TINYINT", "MEDIUMINT"],
        &[
            ("display_width", Keyword::FirstPositional),
            ("unsigned", Keyword::Flag),
            ("zerofill", Keyword::Flag),
        ],
    ),
    (
        "mysql",
        &["DATETIME", "TIMESTAMP", "TIME"],
        &[
            ("fsp", Keyword::FirstPositional),
            // MySQL's DATETIME and TIMESTAMP have no time zone.
            ("timezone", Keyword::PythonSide),
        ],
    ),
];

fn dialect_keyword(dialect: &str, name: &str, keyword: &str) -> Option<Keyword> {
    DIALECT_KEYWORDS
        .iter()
        .filter(|(d, names, _)| *d == dialect && names.contains(&name))
        .flat_map(|(_, _, keywords)| keywords.iter())
        .find(|(k, _)| *k == keyword)
        .map(|(_, takes)| *takes)
}

/// A collation or character set name: written into the SQL unquoted on
/// MySQL and SQL Server, as SQLAlchemy writes it, so only letters, digits
/// and `_ . -`.
fn check_sql_word(word: &str) -> Result<(), String> {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if plain {
        Ok(())
    } else {
        Err(format!(
            "`{word}` is not a collation or character set name (letters, digits, `_`, `.`, `-`)"
        ))
    }
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    /// How many types enclose the one being parsed.
    depth: usize,
}

/// Positional and keyword arguments, as written.
type RawArgs = (Vec<RawArg>, Vec<(String, RawArg)>);

/// An argument as written, before it is given a meaning by the type name.
enum RawArg {
    Int(i64),
    Str(String),
    Bool(bool),
    Type(ColumnType),
}

impl<'a> Parser<'a> {
    fn error(&self, message: impl Into<String>) -> TypeError {
        TypeError {
            text: self.text.to_owned(),
            message: message.into(),
        }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn skip_ws(&mut self) {
        let trimmed = self.rest().trim_start();
        self.pos = self.text.len() - trimmed.len();
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_ws();
        if self.rest().starts_with(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> Option<&'a str> {
        self.skip_ws();
        let rest = self.rest();
        let len = rest
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_'))
            .map_or(rest.len(), |(i, _)| i);
        if len == 0 || rest.as_bytes()[0].is_ascii_digit() {
            return None;
        }
        self.pos += len;
        Some(&rest[..len])
    }

    fn parse_type(&mut self) -> Result<ColumnType, TypeError> {
        let first = self
            .ident()
            .ok_or_else(|| self.error("expected a type name such as `String(255)`"))?;
        let (dialect, name) = if self.eat('.') {
            let name = self
                .ident()
                .ok_or_else(|| self.error(format!("expected a type name after `{first}.`")))?;
            // `sa.String(10)`, as autogenerate writes it, is `String(10)`.
            match first {
                "sa" | "sqlalchemy" => (None, name),
                _ => (Some(first), name),
            }
        } else {
            (None, first)
        };
        let (args, kwargs) = if self.eat('(') {
            self.parse_args()?
        } else {
            (Vec::new(), Vec::new())
        };
        match dialect {
            Some(dialect) => self.dialect_type(dialect, name, args, kwargs),
            None => self.generic_type(name, args, kwargs),
        }
    }

    fn parse_args(&mut self) -> Result<RawArgs, TypeError> {
        let mut args = Vec::new();
        let mut kwargs = Vec::new();
        if self.eat(')') {
            return Ok((args, kwargs));
        }
        loop {
            self.skip_ws();
            let save = self.pos;
            let keyword = match self.ident() {
                Some(word) if self.eat('=') => Some(word.to_owned()),
                _ => {
                    self.pos = save;
                    None
                }
            };
            let value = self.parse_arg()?;
            match keyword {
                Some(k) => kwargs.push((k, value)),
                None if !kwargs.is_empty() => {
                    return Err(self.error("a positional argument follows a keyword argument"))
                }
                None => args.push(value),
            }
            if self.eat(')') {
                return Ok((args, kwargs));
            }
            if !self.eat(',') {
                return Err(self.error("expected `,` or `)`"));
            }
            if self.eat(')') {
                return Ok((args, kwargs));
            }
        }
    }

    fn parse_arg(&mut self) -> Result<RawArg, TypeError> {
        self.skip_ws();
        let rest = self.rest();
        let quote = rest.chars().next();
        if let Some(q @ ('\'' | '"')) = quote {
            let body = &rest[1..];
            let end = body
                .find(q)
                .ok_or_else(|| self.error("a string argument is not closed"))?;
            self.pos += end + 2;
            return Ok(RawArg::Str(body[..end].to_owned()));
        }
        let digits = rest
            .char_indices()
            .find(|(i, c)| !(c.is_ascii_digit() || (*i == 0 && *c == '-')))
            .map_or(rest.len(), |(i, _)| i);
        if digits > 0 {
            let number = rest[..digits]
                .parse()
                .map_err(|_| self.error(format!("`{}` is not a number", &rest[..digits])))?;
            self.pos += digits;
            return Ok(RawArg::Int(number));
        }
        let save = self.pos;
        match self.ident() {
            Some("True") => return Ok(RawArg::Bool(true)),
            Some("False") => return Ok(RawArg::Bool(false)),
            Some("None") => return Err(self.error("`None` is not needed: leave the argument out")),
            _ => self.pos = save,
        }
        if self.depth >= MAX_TYPE_DEPTH {
            return Err(self.error(format!("types nest more than {MAX_TYPE_DEPTH} deep")));
        }
        self.depth += 1;
        let nested = self.parse_type()?;
        self.depth -= 1;
        Ok(RawArg::Type(nested))
    }

    fn dialect_type(
        &self,
        dialect: &str,
        name: &str,
        args: Vec<RawArg>,
        kwargs: Vec<(String, RawArg)>,
    ) -> Result<ColumnType, TypeError> {
        if (dialect, name) == ("postgresql", "ENUM") {
            let mut sig = Signature {
                parser: self,
                name: "postgresql.ENUM",
                args,
                kwargs,
            };
            let ty = sig.enum_type()?;
            sig.finish()?;
            return Ok(ty);
        }
        let mut args = args
            .into_iter()
            .map(|arg| match arg {
                RawArg::Bool(_) => {
                    Err(self.error("a dialect type takes numbers, strings or types"))
                }
                arg => self.type_arg(arg),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut options = BTreeMap::new();
        for (keyword, value) in kwargs {
            let Some(takes) = dialect_keyword(dialect, name, &keyword) else {
                return Err(self.error(format!(
                    "`{dialect}.{name}` takes no keyword argument `{keyword}` retort knows; \
                     write the type as {{sql: ...}}"
                )));
            };
            let value = self.type_arg(value)?;
            match (takes, &value) {
                (Keyword::PythonSide, _) => {}
                (Keyword::FirstPositional, TypeArg::Int(_)) if args.is_empty() => args.push(value),
                (Keyword::FirstPositional, TypeArg::Int(_)) => {
                    return Err(self.error(format!(
                        "`{keyword}` is given twice: by position and by keyword"
                    )))
                }
                (Keyword::Flag, TypeArg::Bool(_))
                | (Keyword::Number, TypeArg::Int(_))
                | (Keyword::Name, TypeArg::Str(_)) => {
                    options.insert(keyword, value);
                }
                (kind, _) => {
                    return Err(self.error(format!(
                        "`{keyword}` of `{dialect}.{name}` must be {}",
                        kind.expected()
                    )))
                }
            }
        }
        if let Some(TypeArg::Str(word)) = options.get("collation").or(options.get("charset")) {
            check_sql_word(word).map_err(|m| self.error(m))?;
        }
        Ok(ColumnType::Dialect {
            dialect: dialect.to_owned(),
            name: name.to_owned(),
            args,
            options,
        })
    }

    fn type_arg(&self, arg: RawArg) -> Result<TypeArg, TypeError> {
        Ok(match arg {
            RawArg::Int(n) => TypeArg::Int(n),
            RawArg::Str(s) => TypeArg::Str(s),
            RawArg::Type(t) => TypeArg::Type(Box::new(t)),
            RawArg::Bool(b) => TypeArg::Bool(b),
        })
    }

    fn generic_type(
        &self,
        name: &str,
        args: Vec<RawArg>,
        kwargs: Vec<(String, RawArg)>,
    ) -> Result<ColumnType, TypeError> {
        let mut sig = Signature {
            parser: self,
            name,
            args,
            kwargs,
        };
        let ty = match name {
            "Integer" => ColumnType::Integer,
            "SmallInteger" => ColumnType::SmallInteger,
            "BigInteger" => ColumnType::BigInteger,
            "String" => ColumnType::String {
                length: sig.uint(0, "length")?,
                collation: sig.collation(1)?,
            },
            "Text" => ColumnType::Text {
                length: sig.uint(0, "length")?,
                collation: sig.collation(1)?,
            },
            "Unicode" => ColumnType::Unicode {
                length: sig.uint(0, "length")?,
                collation: sig.collation(1)?,
            },
            "UnicodeText" => ColumnType::UnicodeText,
            "Boolean" => ColumnType::Boolean {
                create_constraint: sig.flag("create_constraint")?,
                name: sig.name()?,
            },
            "Float" => ColumnType::Float {
                precision: sig.uint(0, "precision")?,
            },
            "Numeric" => ColumnType::Numeric {
                precision: sig.uint(0, "precision")?,
                scale: sig.uint(1, "scale")?,
            },
            "Date" => ColumnType::Date,
            "DateTime" => ColumnType::DateTime {
                timezone: sig.flag("timezone")?,
            },
            "Time" => ColumnType::Time {
                timezone: sig.flag("timezone")?,
            },
            "Interval" => ColumnType::Interval,
            "LargeBinary" => ColumnType::LargeBinary {
                length: sig.uint(0, "length")?,
            },
            // A pickled Python object: SQLAlchemy stores it in a LargeBinary.
            "PickleType" => ColumnType::LargeBinary { length: None },
            "JSON" => ColumnType::Json,
            "Uuid" => {
                // `as_uuid` changes only what Python reads back.
                sig.flag("as_uuid")?;
                ColumnType::Uuid
            }
            "Enum" => sig.enum_type()?,
            upper if UPPER_TYPE_NAMES.contains(&upper) => sig.upper_type()?,
            unknown => {
                let hint = crate::suggest::did_you_mean(unknown, TYPE_NAMES.iter().copied());
                return Err(self.error(format!(
                    "unknown type `{unknown}`{hint}; dialect types take their prefix \
                     (`postgresql.JSONB`), and {{sql: ...}} writes any type verbatim"
                )));
            }
        };
        sig.finish()?;
        Ok(ty)
    }
}

/// The arguments of one generic type, consumed as the type's signature asks.
struct Signature<'p, 'a> {
    parser: &'p Parser<'a>,
    name: &'p str,
    args: Vec<RawArg>,
    kwargs: Vec<(String, RawArg)>,
}

impl Signature<'_, '_> {
    fn take(&mut self, position: usize, keyword: &str) -> Option<RawArg> {
        if let Some(i) = self.kwargs.iter().position(|(k, _)| k == keyword) {
            return Some(self.kwargs.remove(i).1);
        }
        if position < self.args.len() {
            // Replace to keep later positions stable; `finish` ignores placeholders.
            return Some(std::mem::replace(
                &mut self.args[position],
                RawArg::Bool(false),
            ));
        }
        None
    }

    fn uint(&mut self, position: usize, keyword: &str) -> Result<Option<u32>, TypeError> {
        match self.take(position, keyword) {
            None => Ok(None),
            Some(RawArg::Int(n)) if n >= 0 && n <= u32::MAX as i64 => Ok(Some(n as u32)),
            Some(_) => Err(self.parser.error(format!(
                "`{keyword}` of `{}` must be a non-negative whole number",
                self.name
            ))),
        }
    }

    fn flag(&mut self, keyword: &str) -> Result<bool, TypeError> {
        self.flag_or(keyword, false)
    }

    /// A `True`/`False` keyword, `default` when absent.
    fn flag_or(&mut self, keyword: &str, default: bool) -> Result<bool, TypeError> {
        match self.take(usize::MAX, keyword) {
            None => Ok(default),
            Some(RawArg::Bool(b)) => Ok(b),
            Some(_) => Err(self
                .parser
                .error(format!("`{keyword}` must be True or False"))),
        }
    }

    /// `collation='C'`, the character types' second positional argument.
    fn collation(&mut self, position: usize) -> Result<Option<String>, TypeError> {
        match self.take(position, "collation") {
            None => Ok(None),
            Some(RawArg::Str(s)) => {
                check_sql_word(&s).map_err(|m| self.parser.error(m))?;
                Ok(Some(s))
            }
            Some(_) => Err(self.parser.error("`collation` must be a quoted name")),
        }
    }

    /// `name='x'`.
    fn name(&mut self) -> Result<Option<String>, TypeError> {
        match self.take(usize::MAX, "name") {
            None => Ok(None),
            Some(RawArg::Str(s)) => Ok(Some(s)),
            Some(_) => Err(self.parser.error("`name` must be a quoted string")),
        }
    }

    fn enum_type(&mut self) -> Result<ColumnType, TypeError> {
        let mut values = Vec::new();
        for arg in std::mem::take(&mut self.args) {
            match arg {
                RawArg::Str(s) => values.push(s),
                _ => {
                    return Err(self
                        .parser
                        .error("Enum values must be quoted strings: Enum('a', 'b', name='x')"))
                }
            }
        }
        if values.is_empty() {
            return Err(self.parser.error("Enum needs at least one value"));
        }
        let name = self.name()?;
        let create_constraint = self.flag("create_constraint")?;
        let native_enum = self.flag_or("native_enum", true)?;
        let length = self.uint(usize::MAX, "length")?;
        if let Some(length) = length {
            let longest = values.iter().map(|v| v.chars().count()).max().unwrap_or(0);
            if (length as usize) < longest {
                return Err(self.parser.error(format!(
                    "`length={length}` is shorter than the longest value ({longest} characters)"
                )));
            }
        }
        // Only postgresql.ENUM takes `create_type`.
        let create_type = if self.name == "postgresql.ENUM" {
            self.flag_or("create_type", true)?
        } else {
            true
        };
        Ok(ColumnType::Enum {
            values,
            name,
            create_constraint,
            native_enum,
            length,
            create_type,
        })
    }

    /// An uppercase type: a length, a precision and scale, or a time zone,
    /// as its SQLAlchemy class takes them.
    fn upper_type(&mut self) -> Result<ColumnType, TypeError> {
        let name = self.name.to_owned();
        let (mut length, mut precision, mut scale, mut timezone) = (None, None, None, false);
        let mut collation = None;
        match name.as_str() {
            "VARCHAR" | "CHAR" | "NVARCHAR" | "TEXT" | "CLOB" => {
                length = self.uint(0, "length")?;
                collation = self.collation(1)?;
            }
            "UUID" => {
                self.flag("as_uuid")?;
            }
            "DECIMAL" | "NUMERIC" => {
                precision = self.uint(0, "precision")?;
                scale = self.uint(1, "scale")?;
            }
            "FLOAT" => precision = self.uint(0, "precision")?,
            "TIMESTAMP" | "DATETIME" | "TIME" => timezone = self.flag("timezone")?,
            _ => {}
        }
        Ok(ColumnType::Upper {
            name,
            length,
            precision,
            scale,
            timezone,
            collation,
        })
    }

    fn finish(self) -> Result<(), TypeError> {
        if let Some((key, _)) = self.kwargs.first() {
            return Err(self
                .parser
                .error(format!("`{}` takes no argument `{key}`", self.name)));
        }
        let expected = match self.name {
            "Numeric" | "DECIMAL" | "NUMERIC" | "String" | "Text" | "Unicode" | "VARCHAR"
            | "CHAR" | "NVARCHAR" | "TEXT" | "CLOB" => 2,
            "Float" | "LargeBinary" | "FLOAT" => 1,
            _ => 0,
        };
        if self.args.len() > expected {
            return Err(self.parser.error(format!(
                "`{}` takes at most {expected} positional argument(s)",
                self.name
            )));
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for ColumnType {
    /// `String(255)`, `{sql: "TSVECTOR"}`, or `{postgresql: JSONB, default: JSON}`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ColumnType;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a type such as `String(255)`, {sql: \"...\"}, or a mapping of dialect to type",
                )
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<ColumnType, E> {
                ColumnType::parse(text).map_err(|e| E::custom(e.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ColumnType, A::Error> {
                let mut types = PerDialect::default();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "sql" {
                        let sql: String = map.next_value()?;
                        if !types.is_empty() {
                            return Err(de::Error::custom(
                                "`sql:` cannot be mixed with dialect keys",
                            ));
                        }
                        if let Some(extra) = map.next_key::<String>()? {
                            return Err(de::Error::custom(format!(
                                "`sql:` cannot be mixed with other keys (`{extra}`)"
                            )));
                        }
                        return Ok(ColumnType::Sql { sql });
                    }
                    let ty: ColumnType = map.next_value()?;
                    types.insert(key, ty);
                }
                if types.is_empty() {
                    return Err(de::Error::custom("an empty mapping is not a type"));
                }
                Ok(ColumnType::PerDialect { types })
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_type_is_the_same_however_spelled_and_not_when_a_spelling_adds_something() {
        let same = |a: &str, b: &str| {
            ColumnType::parse(a)
                .unwrap()
                .same_as(&ColumnType::parse(b).unwrap())
        };
        assert!(same("mysql.VARCHAR(length=63)", "String(63)"));
        assert!(same("VARCHAR(63)", "String(length=63)"));
        assert!(same("mysql.TEXT", "Text"));
        assert!(same("postgresql.INTEGER", "Integer"));
        assert!(same(
            "mysql.VARCHAR(63, collation='utf8mb4_bin')",
            "String(63, collation='utf8mb4_bin')"
        ));
        assert!(!same("mysql.VARCHAR(63)", "String(64)"));
        assert!(!same("mysql.VARCHAR(63, charset='latin1')", "String(63)"));
        assert!(!same("mysql.INTEGER(11)", "Integer"));
        assert!(!same("CHAR(63)", "String(63)"));
        assert!(!same("mysql.VARCHAR(63)", "Text"));
    }

    #[test]
    fn parses_sized_and_keyword_types() {
        assert_eq!(
            ColumnType::parse("String(255)").unwrap(),
            ColumnType::String {
                length: Some(255),
                collation: None
            }
        );
        assert_eq!(
            ColumnType::parse("String").unwrap(),
            ColumnType::String {
                length: None,
                collation: None
            }
        );
        assert_eq!(
            ColumnType::parse("Numeric(10, 2)").unwrap(),
            ColumnType::Numeric {
                precision: Some(10),
                scale: Some(2)
            }
        );
        assert_eq!(
            ColumnType::parse("DateTime(timezone=True)").unwrap(),
            ColumnType::DateTime { timezone: true }
        );
        assert_eq!(
            ColumnType::parse("String(length=36)").unwrap(),
            ColumnType::String {
                length: Some(36),
                collation: None
            }
        );
    }

    #[test]
    fn the_sa_prefix_and_uppercase_types() {
        assert_eq!(
            ColumnType::parse("sa.String(10)").unwrap(),
            ColumnType::String {
                length: Some(10),
                collation: None
            }
        );
        assert_eq!(
            ColumnType::parse("sa.Integer()").unwrap(),
            ColumnType::Integer
        );
        let upper = |name: &str, length, precision, scale, timezone| ColumnType::Upper {
            name: name.into(),
            length,
            precision,
            scale,
            timezone,
            collation: None,
        };
        assert_eq!(
            ColumnType::parse("VARCHAR(40)").unwrap(),
            upper("VARCHAR", Some(40), None, None, false)
        );
        assert_eq!(
            ColumnType::parse("sa.DECIMAL(12, 2)").unwrap(),
            upper("DECIMAL", None, Some(12), Some(2), false)
        );
        assert_eq!(
            ColumnType::parse("TIMESTAMP(timezone=True)").unwrap(),
            upper("TIMESTAMP", None, None, None, true)
        );
        assert_eq!(
            ColumnType::parse("sa.Double()").unwrap(),
            upper("Double", None, None, None, false)
        );
        // The model treats each as its generic kin.
        assert_eq!(
            upper("TIMESTAMP", None, None, None, true).generic_kin(),
            ColumnType::DateTime { timezone: true }
        );
        assert_eq!(
            upper("CHAR", Some(3), None, None, false).generic_kin(),
            ColumnType::String {
                length: Some(3),
                collation: None
            }
        );
        assert!(ColumnType::parse("BIGINT(5)").is_err());
        assert!(ColumnType::parse("VARCHAR(timezone=True)").is_err());
    }

    #[test]
    fn parses_enums() {
        assert_eq!(
            ColumnType::parse("Enum('s3', 'gcs', \"azure\", name='source_type')").unwrap(),
            ColumnType::Enum {
                values: vec!["s3".into(), "gcs".into(), "azure".into()],
                name: Some("source_type".into()),
                create_constraint: false,
                native_enum: true,
                length: None,
                create_type: true,
            }
        );
    }

    #[test]
    fn parses_dialect_types() {
        assert_eq!(
            ColumnType::parse("postgresql.ARRAY(Integer)").unwrap(),
            ColumnType::Dialect {
                dialect: "postgresql".into(),
                name: "ARRAY".into(),
                args: vec![TypeArg::Type(Box::new(ColumnType::Integer))],
                options: BTreeMap::new(),
            }
        );
        assert_eq!(
            ColumnType::parse("mysql.TINYINT(1)").unwrap(),
            ColumnType::Dialect {
                dialect: "mysql".into(),
                name: "TINYINT".into(),
                args: vec![TypeArg::Int(1)],
                options: BTreeMap::new(),
            }
        );
    }

    #[test]
    fn keyword_arguments_as_autogenerate_writes_them() {
        let dialect = |d: &str, name: &str, args: Vec<TypeArg>, options: &[(&str, TypeArg)]| {
            ColumnType::Dialect {
                dialect: d.into(),
                name: name.into(),
                args,
                options: options
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), v.clone()))
                    .collect(),
            }
        };
        // Keywords that change only Python's side are dropped.
        assert_eq!(
            ColumnType::parse("postgresql.UUID(as_uuid=True)").unwrap(),
            dialect("postgresql", "UUID", vec![], &[])
        );
        assert_eq!(
            ColumnType::parse("postgresql.JSONB(astext_type=sa.Text())").unwrap(),
            dialect("postgresql", "JSONB", vec![], &[])
        );
        assert_eq!(
            ColumnType::parse("postgresql.TIMESTAMP(timezone=True, precision=3)").unwrap(),
            dialect(
                "postgresql",
                "TIMESTAMP",
                vec![],
                &[
                    ("precision", TypeArg::Int(3)),
                    ("timezone", TypeArg::Bool(true))
                ]
            )
        );
        // A first positional argument spelled as a keyword is positional.
        assert_eq!(
            ColumnType::parse("mysql.VARCHAR(length=63, collation='utf8mb4_bin')").unwrap(),
            dialect(
                "mysql",
                "VARCHAR",
                vec![TypeArg::Int(63)],
                &[("collation", TypeArg::Str("utf8mb4_bin".into()))]
            )
        );
        assert_eq!(
            ColumnType::parse("mysql.INTEGER(display_width=11)").unwrap(),
            dialect("mysql", "INTEGER", vec![TypeArg::Int(11)], &[])
        );
        assert_eq!(
            ColumnType::parse("String(10, collation='C')").unwrap(),
            ColumnType::String {
                length: Some(10),
                collation: Some("C".into())
            }
        );
        assert_eq!(
            ColumnType::parse("Boolean(create_constraint=True)").unwrap(),
            ColumnType::Boolean {
                create_constraint: true,
                name: None
            }
        );
        assert_eq!(
            ColumnType::parse("sa.PickleType()").unwrap(),
            ColumnType::LargeBinary { length: None }
        );
        assert_eq!(
            ColumnType::parse("Uuid(as_uuid=True)").unwrap(),
            ColumnType::Uuid
        );
        assert_eq!(
            ColumnType::parse("UUID(as_uuid=True)")
                .unwrap()
                .generic_kin(),
            ColumnType::Uuid
        );
        let ColumnType::Enum {
            length,
            create_type,
            native_enum,
            name,
            ..
        } = ColumnType::parse("postgresql.ENUM('a', 'b', name='e', create_type=False)").unwrap()
        else {
            panic!("postgresql.ENUM is an Enum");
        };
        assert_eq!((length, create_type, native_enum), (None, false, true));
        assert_eq!(name.as_deref(), Some("e"));
        let ColumnType::Enum { length, .. } =
            ColumnType::parse("Enum('a', 'bb', native_enum=False, length=10)").unwrap()
        else {
            panic!("an Enum");
        };
        assert_eq!(length, Some(10));
    }

    #[test]
    fn keyword_arguments_retort_does_not_know_are_refused() {
        for (text, says) in [
            (
                "postgresql.UUID(bogus=True)",
                "takes no keyword argument `bogus`",
            ),
            ("postgresql.TIMESTAMP(timezone=3)", "must be True or False"),
            ("mysql.VARCHAR(63, length=63)", "given twice"),
            ("String(10, collation='a b')", "not a collation"),
            ("mysql.VARCHAR(10, collation='x; DROP')", "not a collation"),
            (
                "Enum('abc', native_enum=False, length=2)",
                "shorter than the longest value",
            ),
            (
                "Enum('a', create_type=False)",
                "takes no argument `create_type`",
            ),
        ] {
            let err = ColumnType::parse(text).unwrap_err();
            assert!(err.message.contains(says), "{text}: {err}");
        }
    }

    #[test]
    fn unknown_type_suggests_the_nearest_name() {
        let err = ColumnType::parse("Strng(20)").unwrap_err();
        assert!(err.message.contains("did you mean `String`"), "{err}");
    }

    #[test]
    fn rejects_bad_arguments() {
        assert!(ColumnType::parse("String(abc)").is_err());
        assert!(ColumnType::parse("String(1, 2)").is_err());
        assert!(ColumnType::parse("DateTime(tz=True)").is_err());
        assert!(ColumnType::parse("Numeric(10, 2").is_err());
        assert!(ColumnType::parse("Integer junk").is_err());
        assert!(ColumnType::parse("Enum()").is_err());
    }

    #[test]
    fn nesting_is_limited() {
        let nested = |depth: usize| format!("{}Integer{}", "a.B(".repeat(depth), ")".repeat(depth));
        assert!(ColumnType::parse(&nested(MAX_TYPE_DEPTH)).is_ok());
        let err = ColumnType::parse(&nested(MAX_TYPE_DEPTH + 1)).unwrap_err();
        assert!(err.message.contains("nest more than 32 deep"), "{err}");
        // once overflowed the stack
        assert!(ColumnType::parse(&nested(200_000)).is_err());
    }
}
