//! SQLAlchemy objects as retort YAML: types, columns, table constraints,
//! server defaults, literal values.

use super::eval::{person, surface, Call, Unconvertible, Val};
use serde_yaml::{Mapping, Value};

/// A YAML mapping from pairs, in order.
pub fn map<K: Into<String>>(pairs: impl IntoIterator<Item = (K, Value)>) -> Value {
    let mut m = Mapping::new();
    for (k, v) in pairs {
        m.insert(Value::String(k.into()), v);
    }
    Value::Mapping(m)
}

/// A string argument, or why not.
pub fn string(v: &Val, what: &str) -> Result<String, Unconvertible> {
    match v {
        Val::Str(s) => Ok(s.clone()),
        other => Err(person(format!(
            "{what} is {}, not a string",
            other.describe()
        ))),
    }
}

/// An optional string argument (`None` is absent).
pub fn opt_string(v: Option<&Val>, what: &str) -> Result<Option<String>, Unconvertible> {
    match v {
        None | Some(Val::None) => Ok(None),
        Some(v) => string(v, what).map(Some),
    }
}

/// A boolean argument.
pub fn boolean(v: &Val, what: &str) -> Result<bool, Unconvertible> {
    match v {
        Val::Bool(b) => Ok(*b),
        other => Err(person(format!(
            "{what} is {}, not True or False",
            other.describe()
        ))),
    }
}

/// A list of strings (a lone string is a list of one, as SQLAlchemy takes it).
pub fn strings(v: &Val, what: &str) -> Result<Vec<String>, Unconvertible> {
    match v {
        Val::Str(s) => Ok(vec![s.clone()]),
        Val::List(items) | Val::Tuple(items) => items.iter().map(|i| string(i, what)).collect(),
        other => Err(person(format!(
            "{what} is {}, not a list of names",
            other.describe()
        ))),
    }
}

/// YAML for a list of strings.
pub fn string_list(items: &[String]) -> Value {
    Value::Sequence(items.iter().cloned().map(Value::String).collect())
}

/// A scalar literal as YAML: `bulk_insert` values and the like.
pub fn literal(v: &Val) -> Result<Value, Unconvertible> {
    Ok(match v {
        Val::None => Value::Null,
        Val::Bool(b) => Value::Bool(*b),
        Val::Int(n) => Value::Number((*n).into()),
        Val::Float(f) => {
            serde_yaml::from_str(f).map_err(|_| person("a float retort cannot write"))?
        }
        Val::Str(s) => Value::String(s.clone()),
        Val::Call(call) => Value::String(date_literal(call)?),
        other => return Err(person(format!("a value that is {}", other.describe()))),
    })
}

/// `datetime.date(2020, 1, 2)` → `2020-01-02`; `datetime.datetime(...)` →
/// `2020-01-02 03:04:05`, as SQLAlchemy's literal renders them.
fn date_literal(call: &Call) -> Result<String, Unconvertible> {
    let ints: Option<Vec<i64>> = call
        .args
        .iter()
        .map(|a| match a {
            Val::Int(n) => Some(*n),
            _ => None,
        })
        .collect();
    let ints = ints
        .filter(|_| call.kwargs.is_empty())
        .ok_or_else(|| person(format!("a value `{}(...)` retort cannot write", call.func)))?;
    match (call.func.as_str(), ints.as_slice()) {
        ("datetime.date", [y, m, d]) => Ok(format!("{y:04}-{m:02}-{d:02}")),
        ("datetime.datetime", [y, m, d, rest @ ..]) if rest.len() <= 3 => {
            let get = |i: usize| rest.get(i).copied().unwrap_or(0);
            Ok(format!(
                "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
                get(0),
                get(1),
                get(2)
            ))
        }
        _ => Err(person(format!(
            "a value `{}(...)` retort cannot write",
            call.func
        ))),
    }
}

/// Python's `repr` of an argument inside a type's spelling.
fn type_arg(v: &Val) -> Result<String, Unconvertible> {
    Ok(match v {
        Val::None => "None".into(),
        Val::Bool(b) => if *b { "True" } else { "False" }.into(),
        Val::Int(n) => n.to_string(),
        Val::Float(f) => f.clone(),
        Val::Str(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
        Val::Path(_) | Val::Call(_) => type_spelling(v)?,
        other => return Err(surface(format!("a type argument {}", other.describe()))),
    })
}

/// A type as SQLAlchemy spells it, in retort's form: `String(255)`,
/// `postgresql.JSONB`, `Enum('a', 'b', name='x')`.
pub fn type_spelling(v: &Val) -> Result<String, Unconvertible> {
    let canonical;
    let (func, args, kwargs): (&str, &[Val], &[(String, Val)]) = match v {
        Val::Path(p) => {
            canonical = super::eval::canonical(p);
            (&canonical, &[], &[])
        }
        Val::Call(c) => (&c.func, &c.args, &c.kwargs),
        other => {
            return Err(person(format!(
                "a column type that is {}",
                other.describe()
            )))
        }
    };
    let name = if let Some(rest) = func.strip_prefix("sqlalchemy.dialects.") {
        rest.to_owned()
    } else if let Some(rest) = func.strip_prefix("sqlalchemy.") {
        rest.to_owned()
    } else {
        return Err(person(format!(
            "a column type `{func}` that is not SQLAlchemy's"
        )));
    };
    let mut parts = Vec::new();
    for a in args {
        parts.push(type_arg(a)?);
    }
    for (k, a) in kwargs {
        parts.push(format!("{k}={}", type_arg(a)?));
    }
    Ok(if parts.is_empty() {
        name
    } else {
        format!("{name}({})", parts.join(", "))
    })
}

/// A type as YAML, checked against what the loader accepts.
pub fn column_type(v: &Val) -> Result<Value, Unconvertible> {
    let spelling = type_spelling(v)?;
    match crate::types::ColumnType::parse(&spelling) {
        Ok(_) => Ok(Value::String(spelling)),
        Err(e) => Err(surface(format!(
            "type spelling `{spelling}` ({})",
            e.message
        ))),
    }
}

/// A server default: a string, `sa.text(...)`, `sa.func.now()`, a number or boolean.
pub fn server_default(v: &Val) -> Result<Value, Unconvertible> {
    Ok(match v {
        Val::None => Value::Null,
        Val::Str(s) => Value::String(s.clone()),
        Val::Bool(b) => Value::Bool(*b),
        Val::Int(n) => Value::Number((*n).into()),
        // sa.true()/sa.false(): the dialect's boolean, as retort's booleans are.
        Val::Call(call) if call.func == "sqlalchemy.true" && call.args.is_empty() => {
            Value::Bool(true)
        }
        Val::Call(call) if call.func == "sqlalchemy.false" && call.args.is_empty() => {
            Value::Bool(false)
        }
        // SQLAlchemy compiles now() per dialect: PostgreSQL and MySQL keep
        // now(), the others (SQLite has no now()) write CURRENT_TIMESTAMP.
        Val::Call(call)
            if call.func == "sqlalchemy.func.now"
                && call.args.is_empty()
                && call.kwargs.is_empty() =>
        {
            let now = || map([("sql", Value::String("now()".into()))]);
            map([
                ("postgresql", now()),
                ("mysql", now()),
                (
                    "default",
                    map([("sql", Value::String("CURRENT_TIMESTAMP".into()))]),
                ),
            ])
        }
        Val::Call(call) => map([("sql", Value::String(sql_expression(call)?))]),
        other => {
            return Err(person(format!(
                "a server default that is {}",
                other.describe()
            )))
        }
    })
}

/// The SQL of `sa.text('...')`, `sa.literal_column('...')`, `sa.func.name()`,
/// `sa.true()`/`sa.false()`, as SQLAlchemy compiles it.
pub fn sql_expression(call: &Call) -> Result<String, Unconvertible> {
    match (call.func.as_str(), call.args.as_slice()) {
        ("sqlalchemy.text" | "sqlalchemy.literal_column", [Val::Str(s)])
            if call.kwargs.is_empty() =>
        {
            Ok(s.clone())
        }
        ("sqlalchemy.true", []) => Ok("true".into()),
        ("sqlalchemy.false", []) => Ok("false".into()),
        (func, []) if func.starts_with("sqlalchemy.func.") && call.kwargs.is_empty() => {
            let name = &func["sqlalchemy.func.".len()..];
            // SQLAlchemy's ANSI functions render bare and upper case.
            const ANSI: &[&str] = &[
                "current_date",
                "current_time",
                "current_timestamp",
                "current_user",
                "localtime",
                "localtimestamp",
                "session_user",
                "user",
            ];
            if ANSI.contains(&name.to_lowercase().as_str()) {
                Ok(name.to_uppercase())
            } else {
                Ok(format!("{name}()"))
            }
        }
        _ => Err(person(format!(
            "a SQL expression `{}(...)` retort cannot write",
            call.func
        ))),
    }
}

fn call_of<'v>(v: &'v Val, what: &str) -> Result<&'v Call, Unconvertible> {
    match v {
        Val::Call(c) => Ok(c),
        other => Err(person(format!("{what} is {}", other.describe()))),
    }
}

/// Keyword arguments not in `known`, as a surface placeholder: Alembic says
/// something the YAML cannot yet.
pub fn reject_unknown(call: &Call, known: &[&str], what: &str) -> Result<(), Unconvertible> {
    for (k, v) in &call.kwargs {
        if !known.contains(&k.as_str()) {
            // A keyword at its default says nothing.
            if matches!(v, Val::None) {
                continue;
            }
            return Err(surface(format!("{what} option `{k}`")));
        }
    }
    Ok(())
}

/// The positional and keyword arguments bound to `params`, as a Python
/// signature would (`params` in order; extra positionals are an error).
pub fn bind<'c>(
    call: &'c Call,
    params: &[&str],
    what: &str,
) -> Result<Vec<Option<&'c Val>>, Unconvertible> {
    if call.args.len() > params.len() {
        return Err(person(format!(
            "{what} with {} positional arguments",
            call.args.len()
        )));
    }
    Ok(params
        .iter()
        .enumerate()
        .map(|(i, p)| call.args.get(i).or_else(|| call.kw(p)))
        .collect())
}

/// `sa.Column(...)` as a retort column.
pub fn column(v: &Val) -> Result<Value, Unconvertible> {
    let call = call_of(v, "a column")?;
    if call.func != "sqlalchemy.Column" {
        return Err(person(format!("a column that is `{}(...)`", call.func)));
    }
    let mut out = Mapping::new();
    let mut positional = call.args.iter();
    let name = positional
        .next()
        .ok_or_else(|| person("a Column without a name"))?;
    out.insert(
        "name".into(),
        Value::String(string(name, "the column name")?),
    );
    let mut ty = None;
    let mut foreign_key = None;
    let mut identity = None;
    let mut computed = None;
    for arg in positional {
        match arg {
            Val::Call(c) if c.func == "sqlalchemy.ForeignKey" => {
                if foreign_key.is_some() {
                    return Err(surface("a column with two ForeignKeys"));
                }
                foreign_key = Some(column_foreign_key(c)?);
            }
            Val::Call(c) if c.func == "sqlalchemy.Identity" => identity = Some(identity_of(c)?),
            Val::Call(c) if c.func == "sqlalchemy.Computed" => computed = Some(computed_of(c)?),
            Val::Call(c) if c.func == "sqlalchemy.Sequence" => {
                return Err(surface("a Sequence on a column"))
            }
            other if ty.is_none() => ty = Some(column_type(other)?),
            other => return Err(person(format!("a Column argument {}", other.describe()))),
        }
    }
    let ty = match (ty, call.kw("type_")) {
        (Some(t), None) => t,
        (None, Some(t)) => column_type(t)?,
        _ => return Err(surface("a Column without a type (NullType)")),
    };
    out.insert("type".into(), ty);
    reject_unknown(
        call,
        &[
            "type_",
            "primary_key",
            "nullable",
            "server_default",
            "autoincrement",
            "unique",
            "index",
            "comment",
            "default",
            "onupdate",
            "doc",
            "info",
        ],
        "Column",
    )?;
    for key in ["primary_key", "nullable", "unique", "index"] {
        match call.kw(key) {
            None | Some(Val::None) => {}
            Some(v) => {
                out.insert(key.into(), Value::Bool(boolean(v, key)?));
            }
        }
    }
    if let Some(v) = call.kw("server_default") {
        if *v != Val::None {
            out.insert("server_default".into(), server_default(v)?);
        }
    }
    match call.kw("autoincrement") {
        None | Some(Val::None) => {}
        Some(Val::Str(s)) if s == "auto" => {}
        Some(Val::Str(s)) if s == "ignore_fk" => return Err(surface("autoincrement='ignore_fk'")),
        Some(v) => {
            out.insert(
                "autoincrement".into(),
                Value::Bool(boolean(v, "autoincrement")?),
            );
        }
    }
    if let Some(identity) = identity {
        // SQLAlchemy makes an Identity column NOT NULL unless told otherwise.
        if matches!(call.kw("nullable"), None | Some(Val::None)) {
            out.insert("nullable".into(), Value::Bool(false));
        }
        out.insert("identity".into(), identity);
    }
    if let Some(computed) = computed {
        out.insert("computed".into(), computed);
    }
    if let Some(comment) = opt_string(call.kw("comment"), "comment")? {
        out.insert("comment".into(), Value::String(comment));
    }
    if let Some(fk) = foreign_key {
        out.insert("foreign_key".into(), fk);
    }
    Ok(Value::Mapping(out))
}

/// `'table.col'` or `'schema.table.col'`.
fn split_ref(text: &str) -> Result<(Option<String>, String, String), Unconvertible> {
    let parts: Vec<&str> = text.split('.').collect();
    match parts.as_slice() {
        [t, c] => Ok((None, (*t).into(), (*c).into())),
        [s, t, c] => Ok((Some((*s).into()), (*t).into(), (*c).into())),
        _ => Err(person(format!("a foreign key target `{text}`"))),
    }
}

const FK_OPTIONS: &[&str] = &[
    "name",
    "ondelete",
    "onupdate",
    "deferrable",
    "initially",
    "match",
];

fn fk_options(call: &Call, out: &mut Mapping) -> Result<(), Unconvertible> {
    for key in FK_OPTIONS {
        match call.kw(key) {
            None | Some(Val::None) => {}
            Some(Val::Bool(b)) => {
                out.insert((*key).into(), Value::Bool(*b));
            }
            Some(v) => {
                out.insert((*key).into(), Value::String(string(v, key)?));
            }
        }
    }
    Ok(())
}

fn column_foreign_key(call: &Call) -> Result<Value, Unconvertible> {
    let [target] = call.args.as_slice() else {
        return Err(person("a ForeignKey without one target"));
    };
    reject_unknown(call, FK_OPTIONS, "ForeignKey")?;
    let (schema, table, column) = split_ref(&string(target, "a ForeignKey target")?)?;
    let mut out = Mapping::new();
    out.insert("table".into(), Value::String(table));
    out.insert("column".into(), Value::String(column));
    if let Some(schema) = schema {
        out.insert("schema".into(), Value::String(schema));
    }
    fk_options(call, &mut out)?;
    Ok(Value::Mapping(out))
}

/// `sa.Identity(...)`, each keyword as the YAML key of the same name;
/// SQLAlchemy 2.1's `oracle_order` and `oracle_on_null` are `order` and `on_null`.
fn identity_of(call: &Call) -> Result<Value, Unconvertible> {
    const PARAMS: &[&str] = &[
        "always",
        "on_null",
        "start",
        "increment",
        "minvalue",
        "maxvalue",
        "nominvalue",
        "nomaxvalue",
        "cycle",
        "cache",
        "order",
    ];
    let bound = bind(call, PARAMS, "Identity")?;
    let mut known = PARAMS.to_vec();
    known.extend(["oracle_order", "oracle_on_null"]);
    reject_unknown(call, &known, "Identity")?;
    let given = |key: &str| -> Option<&Val> {
        let at = PARAMS.iter().position(|p| *p == key)?;
        bound[at]
            .or_else(|| call.kw(&format!("oracle_{key}")))
            .filter(|v| !matches!(v, Val::None))
    };
    let mut out = Mapping::new();
    for key in ["start", "increment", "minvalue", "maxvalue", "cache"] {
        match given(key) {
            None => {}
            Some(Val::Int(n)) => {
                out.insert(key.into(), Value::Number((*n).into()));
            }
            Some(other) => return Err(person(format!("Identity {key} {}", other.describe()))),
        }
    }
    for key in ["always", "on_null"] {
        if let Some(v) = given(key) {
            if boolean(v, key)? {
                out.insert(key.into(), Value::Bool(true));
            }
        }
    }
    // SQLAlchemy writes NO MINVALUE for any value but None, False too.
    for key in ["nominvalue", "nomaxvalue"] {
        if given(key).is_some() {
            out.insert(key.into(), Value::Bool(true));
        }
    }
    for key in ["cycle", "order"] {
        if let Some(v) = given(key) {
            out.insert(key.into(), Value::Bool(boolean(v, key)?));
        }
    }
    Ok(Value::Mapping(out))
}

/// `sa.Computed(sqltext, persisted=...)` as `{sqltext, persisted}`.
fn computed_of(call: &Call) -> Result<Value, Unconvertible> {
    let bound = bind(call, &["sqltext", "persisted"], "Computed")?;
    reject_unknown(call, &["sqltext", "persisted"], "Computed")?;
    let sqltext = match bound[0] {
        Some(Val::Str(s)) => s.clone(),
        Some(Val::Call(c)) => sql_expression(c)?,
        Some(other) => {
            return Err(person(format!(
                "a Computed expression {}",
                other.describe()
            )))
        }
        None => return Err(person("a Computed without an expression")),
    };
    let mut out = Mapping::new();
    out.insert("sqltext".into(), Value::String(sqltext));
    match bound[1] {
        None | Some(Val::None) => {}
        Some(v) => {
            out.insert("persisted".into(), Value::Bool(boolean(v, "persisted")?));
        }
    }
    Ok(Value::Mapping(out))
}

/// A table-level constraint of `create_table` (`sa.PrimaryKeyConstraint`, ...).
pub fn table_constraint(call: &Call) -> Result<Value, Unconvertible> {
    let mut out = Mapping::new();
    let key = match call.name() {
        "PrimaryKeyConstraint" => {
            reject_unknown(call, &["name"], call.name())?;
            out.insert(
                "columns".into(),
                string_list(&strings(&Val::List(call.args.clone()), "columns")?),
            );
            "primary_key"
        }
        "UniqueConstraint" => {
            let key = "postgresql_nulls_not_distinct";
            // Autogenerate writes `postgresql_include=[]`, for which
            // SQLAlchemy prints no INCLUDE clause: it says nothing.
            let include = "postgresql_include";
            let known: &[&str] = match call.kw(include) {
                Some(Val::List(items) | Val::Tuple(items)) if items.is_empty() => {
                    &["name", key, include]
                }
                _ => &["name", key],
            };
            reject_unknown(call, known, call.name())?;
            out.insert(
                "columns".into(),
                string_list(&strings(&Val::List(call.args.clone()), "columns")?),
            );
            if let Some(v) = call.kw(key).filter(|v| **v != Val::None) {
                out.insert(key.into(), Value::Bool(boolean(v, key)?));
            }
            "unique"
        }
        "ForeignKeyConstraint" => {
            let bound = bind(call, &["columns", "refcolumns"], "ForeignKeyConstraint")?;
            reject_unknown(
                call,
                &[
                    "columns",
                    "refcolumns",
                    "name",
                    "ondelete",
                    "onupdate",
                    "deferrable",
                    "initially",
                    "match",
                ],
                "ForeignKeyConstraint",
            )?;
            let columns = strings(
                bound[0].ok_or_else(|| person("a ForeignKeyConstraint without columns"))?,
                "columns",
            )?;
            let refs = strings(
                bound[1].ok_or_else(|| person("a ForeignKeyConstraint without refcolumns"))?,
                "refcolumns",
            )?;
            let mut ref_table = None;
            let mut ref_columns = Vec::new();
            for r in &refs {
                let (schema, table, column) = split_ref(r)?;
                if ref_table.get_or_insert_with(|| (schema.clone(), table.clone()))
                    != &(schema, table)
                {
                    return Err(person("a ForeignKeyConstraint to several tables"));
                }
                ref_columns.push(column);
            }
            let (ref_schema, ref_table) =
                ref_table.ok_or_else(|| person("a ForeignKeyConstraint without refcolumns"))?;
            out.insert("columns".into(), string_list(&columns));
            out.insert("ref_table".into(), Value::String(ref_table));
            out.insert("ref_columns".into(), string_list(&ref_columns));
            if let Some(s) = ref_schema {
                out.insert("ref_schema".into(), Value::String(s));
            }
            "foreign_key"
        }
        "CheckConstraint" => {
            let bound = bind(call, &["sqltext", "name"], "CheckConstraint")?;
            reject_unknown(call, &["sqltext", "name"], "CheckConstraint")?;
            let condition = match bound[0] {
                Some(Val::Str(s)) => s.clone(),
                Some(Val::Call(c)) => sql_expression(c)?,
                _ => return Err(person("a CheckConstraint without a condition")),
            };
            out.insert("condition".into(), Value::String(condition));
            "check"
        }
        _ => {
            return Err(person(format!(
                "a create_table argument `{}(...)`",
                call.func
            )))
        }
    };
    if call.name() == "ForeignKeyConstraint" {
        fk_options(call, &mut out)?;
    } else if let Some(name) = opt_string(call.kw("name"), "name")? {
        out.insert("name".into(), Value::String(name));
    }
    Ok(map([(key, Value::Mapping(out))]))
}

#[cfg(test)]
mod tests {
    use super::super::eval::Env;
    use super::*;

    fn val(module: &str, expr: &str) -> Val {
        let parsed = ruff_python_parser::parse_module(module).expect("parses");
        let env = Env::of_module(&parsed.syntax().body);
        let parsed = ruff_python_parser::parse_expression(expr).expect("parses");
        env.eval(&parsed.syntax().body).expect("evaluates")
    }

    fn yaml(v: &Value) -> String {
        serde_yaml::to_string(v).expect("yaml")
    }

    const SA: &str = "import sqlalchemy as sa\nfrom sqlalchemy.dialects import mysql as my, postgresql\nfrom sqlalchemy import String\n";

    #[test]
    fn type_spellings_with_or_without_the_module() {
        for (expr, spelled) in [
            ("sa.Integer()", "Integer"),
            ("sa.Integer", "Integer"),
            ("String(36)", "String(36)"),
            ("sa.String(length=36)", "String(length=36)"),
            ("my.TINYINT(1)", "mysql.TINYINT(1)"),
            (
                "postgresql.ARRAY(sa.Integer())",
                "postgresql.ARRAY(Integer)",
            ),
            ("sa.Enum('a', 'b', name='ab')", "Enum('a', 'b', name='ab')"),
            ("sa.DateTime(timezone=True)", "DateTime(timezone=True)"),
        ] {
            assert_eq!(
                column_type(&val(SA, expr)),
                Ok(Value::String(spelled.into())),
                "{expr}"
            );
        }
        // SQLAlchemy's uppercase types convert as they are spelled.
        for (expr, spelled) in [
            ("sa.VARCHAR(10)", "VARCHAR(10)"),
            ("sa.TIMESTAMP(timezone=True)", "TIMESTAMP(timezone=True)"),
            ("sa.Double()", "Double"),
        ] {
            assert_eq!(
                column_type(&val(SA, expr)),
                Ok(Value::String(spelled.into())),
                "{expr}"
            );
        }
        // ...and the dialect types with their keyword arguments.
        for (expr, spelled) in [
            (
                "postgresql.UUID(as_uuid=True)",
                "postgresql.UUID(as_uuid=True)",
            ),
            (
                "postgresql.JSONB(astext_type=sa.Text())",
                "postgresql.JSONB(astext_type=Text)",
            ),
            ("sa.PickleType()", "PickleType"),
        ] {
            assert_eq!(
                column_type(&val(SA, expr)),
                Ok(Value::String(spelled.into())),
                "{expr}"
            );
        }
        let err = column_type(&val(SA, "sa.ARRAY(sa.Integer())")).expect_err("not in the surface");
        assert_eq!(err.kind, super::super::eval::NeedsKind::Surface);
        assert!(err.reason.contains("ARRAY"), "{err:?}");
    }

    #[test]
    fn a_column_with_everything() {
        let v = val(
            SA,
            "sa.Column('x', sa.Integer, sa.ForeignKey('s.t.id', ondelete='CASCADE'), nullable=False, server_default=sa.text('0'), comment='c', default=1)",
        );
        assert_eq!(
            yaml(&column(&v).expect("converts")),
            "name: x\ntype: Integer\nnullable: false\nserver_default:\n  sql: '0'\ncomment: c\nforeign_key:\n  table: t\n  column: id\n  schema: s\n  ondelete: CASCADE\n"
        );
    }

    #[test]
    fn an_identity_column_is_not_null_as_in_sqlalchemy() {
        let v = val(
            SA,
            "sa.Column('n', sa.BigInteger(), sa.Identity(always=True, start=5, increment=2))",
        );
        assert_eq!(
            yaml(&column(&v).expect("converts")),
            "name: n\ntype: BigInteger\nnullable: false\nidentity:\n  start: 5\n  increment: 2\n  always: true\n"
        );
        let v = val(
            SA,
            "sa.Column('n', sa.Integer, sa.Identity(minvalue=1, maxvalue=9, nominvalue=False, cache=5, cycle=False, oracle_order=True, on_null=True))",
        );
        assert_eq!(
            yaml(&column(&v).expect("converts")),
            "name: n\ntype: Integer\nnullable: false\nidentity:\n  minvalue: 1\n  maxvalue: 9\n  cache: 5\n  on_null: true\n  nominvalue: true\n  cycle: false\n  order: true\n"
        );
        let v = val(SA, "sa.Column('n', sa.Integer, sa.Identity(mssql_x=1))");
        assert!(
            column(&v).is_err(),
            "an Identity option retort cannot write"
        );
    }

    #[test]
    fn a_computed_column_converts() {
        let v = val(
            SA,
            "sa.Column('t', sa.Numeric(12, 2), sa.Computed('price * qty', persisted=True))",
        );
        assert_eq!(
            yaml(&column(&v).expect("converts")),
            "name: t\ntype: Numeric(12, 2)\ncomputed:\n  sqltext: price * qty\n  persisted: true\n"
        );
        let v = val(
            SA,
            "sa.Column('t', sa.Integer(), sa.Computed(sa.text('a + 1')))",
        );
        assert_eq!(
            yaml(&column(&v).expect("converts")),
            "name: t\ntype: Integer\ncomputed:\n  sqltext: a + 1\n"
        );
    }

    #[test]
    fn server_defaults_of_every_kind() {
        assert_eq!(
            server_default(&val(SA, "'0'")),
            Ok(Value::String("0".into()))
        );
        assert_eq!(
            yaml(&server_default(&val(SA, "sa.func.now()")).expect("ok")),
            "postgresql:\n  sql: now()\nmysql:\n  sql: now()\ndefault:\n  sql: CURRENT_TIMESTAMP\n"
        );
        assert_eq!(
            yaml(&server_default(&val(SA, "sa.func.current_timestamp()")).expect("ok")),
            "sql: CURRENT_TIMESTAMP\n"
        );
        assert_eq!(server_default(&val(SA, "False")), Ok(Value::Bool(false)));
    }

    #[test]
    fn table_constraints_convert() {
        let Val::Call(c) = val(
            SA,
            "sa.ForeignKeyConstraint(['a'], ['t.b'], name='fk', ondelete='SET NULL')",
        ) else {
            panic!("a call")
        };
        assert_eq!(
            yaml(&table_constraint(&c).expect("converts")),
            "foreign_key:\n  columns:\n  - a\n  ref_table: t\n  ref_columns:\n  - b\n  name: fk\n  ondelete: SET NULL\n"
        );
        let Val::Call(c) = val(
            SA,
            "sa.UniqueConstraint('a', name='uq', postgresql_include=[], postgresql_nulls_not_distinct=False)",
        ) else {
            panic!("a call")
        };
        assert_eq!(
            yaml(&table_constraint(&c).expect("an empty include says nothing")),
            "unique:\n  columns:\n  - a\n  postgresql_nulls_not_distinct: false\n  name: uq\n"
        );
        let Val::Call(c) = val(SA, "sa.UniqueConstraint('a', postgresql_include=['b'])") else {
            panic!("a call")
        };
        assert!(
            table_constraint(&c).is_err(),
            "covering columns of a unique constraint retort cannot write"
        );
        let Val::Call(c) = val(SA, "sa.PrimaryKeyConstraint('id')") else {
            panic!()
        };
        assert_eq!(
            yaml(&table_constraint(&c).expect("ok")),
            "primary_key:\n  columns:\n  - id\n"
        );
    }

    #[test]
    fn dates_render_as_sqlalchemy_literals() {
        let m = "import datetime\n";
        assert_eq!(
            literal(&val(m, "datetime.date(2020, 1, 2)")),
            Ok(Value::String("2020-01-02".into()))
        );
        assert_eq!(
            literal(&val(m, "datetime.datetime(2020, 1, 2, 3, 4)")),
            Ok(Value::String("2020-01-02 03:04:00".into()))
        );
    }
}
