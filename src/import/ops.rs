//! `op.*` calls (and `batch_op.*` in `batch_alter_table` blocks) as retort ops.

use super::eval::{person, surface, Call, Env, Unconvertible, Val};
use super::python::PythonFile;
use super::sa::{
    self, bind, boolean, column, column_type, map, opt_string, reject_unknown, server_default,
    string, string_list, strings,
};
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::Ranged;
use serde_yaml::{Mapping, Value};

/// One item of an op list: a converted op, or a placeholder for a person.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A retort op (a one-key mapping).
    Op(Value),
    /// A statement that could not be converted exactly.
    Placeholder {
        /// Its first line in the Python file.
        line: usize,
        /// Its source text.
        source: String,
        /// Why.
        why: Unconvertible,
    },
}

/// Converts the body of `upgrade()` or `downgrade()`.
pub fn convert_body(file: &PythonFile, env: &Env, body: &[Stmt]) -> Vec<Item> {
    let mut env = env.clone();
    let mut items = Vec::new();
    for (i, stmt) in body.iter().enumerate() {
        // The function's docstring.
        if i == 0 && super::python::docstring_of(body).is_some() {
            continue;
        }
        convert_statement(file, &mut env, stmt, &mut items);
    }
    items
}

fn placeholder(file: &PythonFile, stmt: &impl Ranged, why: Unconvertible) -> Item {
    Item::Placeholder {
        line: file.line_of(stmt),
        source: file.source(stmt.range()).to_owned(),
        why,
    }
}

fn convert_statement(file: &PythonFile, env: &mut Env, stmt: &Stmt, items: &mut Vec<Item>) {
    match stmt {
        Stmt::Pass(_) => {}
        Stmt::Expr(expr) => {
            if let Expr::StringLiteral(_) = expr.value.as_ref() {
                return; // a string on its own does nothing
            }
            match convert_call(env, &expr.value).and_then(|ops| {
                ops.iter().try_for_each(validate)?;
                Ok(ops)
            }) {
                Ok(ops) => items.extend(ops.into_iter().map(Item::Op)),
                Err(why) => items.push(placeholder(file, stmt, why)),
            }
        }
        Stmt::Assign(assign) => {
            let value = env.eval(&assign.value);
            let targets: Vec<&str> = assign
                .targets
                .iter()
                .filter_map(|t| match t {
                    Expr::Name(n) => Some(n.id.as_str()),
                    _ => None,
                })
                .collect();
            if targets.len() != assign.targets.len() {
                items.push(placeholder(
                    file,
                    stmt,
                    person("an assignment unpacking values"),
                ));
                return;
            }
            if let Err(why) = &value {
                // The assignment itself may do something (op.get_bind(), a query).
                items.push(placeholder(file, stmt, why.clone()));
            }
            // `table = op.create_table(...)`: the op runs, and the name holds
            // the table for a later `bulk_insert`, as Alembic returns it.
            let value = match value {
                Ok(Val::Call(call)) if call.func.starts_with("alembic.op.") => {
                    match convert_call(env, &assign.value).and_then(|ops| {
                        ops.iter().try_for_each(validate)?;
                        Ok(ops)
                    }) {
                        Ok(ops) => items.extend(ops.into_iter().map(Item::Op)),
                        Err(why) => items.push(placeholder(file, stmt, why)),
                    }
                    Ok(created_table(&call).unwrap_or(Val::Call(call)))
                }
                other => other,
            };
            for target in targets {
                env.values.insert(target.to_owned(), value.clone());
            }
        }
        Stmt::With(with) => convert_with(file, env, with, items),
        Stmt::For(for_) => convert_for(file, env, for_, items),
        Stmt::Return(ret) if ret.value.is_none() => {
            items.push(placeholder(file, stmt, person("an early `return`")));
        }
        _ => items.push(placeholder(
            file,
            stmt,
            person("Python control flow or a statement retort cannot convert"),
        )),
    }
}

/// The table an `op.create_table(name, *columns, ...)` returns, as the
/// `sa.table(name, *columns)` a `bulk_insert` into it reads.
fn created_table(call: &Call) -> Option<Val> {
    if call.func != "alembic.op.create_table" {
        return None;
    }
    let mut args = vec![call.args.first()?.clone()];
    args.extend(
        call.args[1..]
            .iter()
            .filter(|a| matches!(a, Val::Call(c) if c.func == "sqlalchemy.Column"))
            .cloned(),
    );
    Some(Val::Call(Box::new(Call {
        func: "sqlalchemy.table".into(),
        args,
        kwargs: call
            .kwargs
            .iter()
            .filter(|(k, _)| k == "schema")
            .cloned()
            .collect(),
    })))
}

/// `for name in CONSTANT:` unrolled: a loop over constants is as exact as
/// the statements it repeats. A loop over anything else needs a person.
fn convert_for(
    file: &PythonFile,
    env: &mut Env,
    for_: &ruff_python_ast::StmtFor,
    items: &mut Vec<Item>,
) {
    let unrolled = (|| {
        if for_.is_async || !for_.orelse.is_empty() {
            return Err(person("a `for` loop with `else` or `async`"));
        }
        let values = match env.eval(&for_.iter)? {
            Val::List(v) | Val::Tuple(v) => v,
            other => return Err(person(format!("a loop over {}", other.describe()))),
        };
        if contains_jump(&for_.body) {
            return Err(person("a loop with `break` or `continue`"));
        }
        let names: Vec<&str> = match for_.target.as_ref() {
            Expr::Name(n) => vec![n.id.as_str()],
            Expr::Tuple(t) => t
                .elts
                .iter()
                .map(|e| match e {
                    Expr::Name(n) => Ok(n.id.as_str()),
                    _ => Err(person("a loop target retort cannot unpack")),
                })
                .collect::<Result<_, _>>()?,
            _ => return Err(person("a loop target retort cannot unpack")),
        };
        let mut bindings = Vec::new();
        for value in values {
            if names.len() == 1 {
                bindings.push(vec![value]);
            } else {
                match value {
                    Val::Tuple(parts) | Val::List(parts) if parts.len() == names.len() => {
                        bindings.push(parts)
                    }
                    _ => return Err(person("a loop over values that do not unpack")),
                }
            }
        }
        Ok(bindings)
    })();
    match unrolled {
        Ok(bindings) => {
            for values in bindings {
                for (name, value) in names_of(for_).iter().zip(values) {
                    env.values.insert((*name).to_owned(), Ok(value));
                }
                for stmt in for_.body.iter() {
                    convert_statement(file, env, stmt, items);
                }
            }
        }
        Err(why) => items.push(placeholder(file, for_, why)),
    }
}

fn names_of(for_: &ruff_python_ast::StmtFor) -> Vec<&str> {
    match for_.target.as_ref() {
        Expr::Name(n) => vec![n.id.as_str()],
        Expr::Tuple(t) => t
            .elts
            .iter()
            .filter_map(|e| match e {
                Expr::Name(n) => Some(n.id.as_str()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn contains_jump(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::Break(_) | Stmt::Continue(_) | Stmt::Return(_) => true,
        Stmt::If(i) => {
            contains_jump(&i.body) || i.elif_else_clauses.iter().any(|c| contains_jump(&c.body))
        }
        Stmt::With(w) => contains_jump(&w.body),
        _ => false,
    })
}

fn convert_with(
    file: &PythonFile,
    env: &mut Env,
    with: &ruff_python_ast::StmtWith,
    items: &mut Vec<Item>,
) {
    let [item] = with.items.as_slice() else {
        items.push(placeholder(
            file,
            with,
            person("a `with` of several contexts"),
        ));
        return;
    };
    // op.get_context().autocommit_block()
    if let Expr::Call(call) = &item.context_expr {
        if let Expr::Attribute(attr) = call.func.as_ref() {
            if attr.attr.id.as_str() == "autocommit_block" {
                let mut inner = Vec::new();
                for stmt in with.body.iter() {
                    convert_statement(file, env, stmt, &mut inner);
                }
                // Retort runs CREATE/DROP INDEX CONCURRENTLY outside the
                // transaction (dialect.yaml `outside_transaction`); any other
                // op in the block has no YAML way to say so yet.
                for item in inner {
                    match &item {
                        Item::Op(op) if is_concurrent_index(op) => items.push(item),
                        Item::Op(_) => items.push(placeholder(
                            file,
                            with,
                            surface("an op other than CREATE/DROP INDEX CONCURRENTLY in autocommit_block (outside the transaction)"),
                        )),
                        Item::Placeholder { .. } => items.push(item),
                    }
                }
                return;
            }
        }
    }
    let context = match env.eval(&item.context_expr) {
        Ok(Val::Call(call)) if call.func == "alembic.op.batch_alter_table" => call,
        Ok(other) => {
            items.push(placeholder(
                file,
                with,
                person(format!("a `with` of {}", other.describe())),
            ));
            return;
        }
        Err(why) => {
            items.push(placeholder(file, with, why));
            return;
        }
    };
    let batch = (|| {
        let bound = bind(
            &context,
            &["table_name", "schema", "recreate"],
            "batch_alter_table",
        )?;
        reject_unknown(
            &context,
            &[
                "table_name",
                "schema",
                "recreate",
                "copy_from",
                "reflect_args",
                "naming_convention",
            ],
            "batch_alter_table",
        )?;
        if let Some(recreate) = bound[2] {
            if recreate.as_str() != Some("auto") {
                return Err(surface("batch_alter_table option `recreate`"));
            }
        }
        if context.kw("copy_from").is_some() || context.kw("reflect_args").is_some() {
            return Err(person(
                "batch_alter_table with a copy_from or reflect_args table",
            ));
        }
        Ok(Val::Batch {
            table: string(
                bound[0].ok_or_else(|| person("batch_alter_table without a table"))?,
                "the table",
            )?,
            schema: opt_string(bound[1], "schema")?,
        })
    })();
    match batch {
        Ok(batch) => {
            if let Some(name) = item.optional_vars.as_deref() {
                if let Expr::Name(n) = name {
                    env.values.insert(n.id.to_string(), Ok(batch));
                } else {
                    items.push(placeholder(file, with, person("a `with ... as` unpacking")));
                    return;
                }
            }
            for stmt in with.body.iter() {
                convert_statement(file, env, stmt, items);
            }
        }
        Err(why) => items.push(placeholder(file, with, why)),
    }
}

/// Checks a converted op with the loader itself, so that import never
/// writes YAML the loader would refuse: what it refuses is surface work.
fn validate(op: &Value) -> Result<(), Unconvertible> {
    let text = serde_yaml::to_string(op).map_err(|e| surface(format!("YAML: {e}")))?;
    let events = crate::load::yaml::events(&text).map_err(|e| surface(format!("YAML: {e}")))?;
    crate::load::yaml::from_events::<crate::revision::RawOpItem>(&events)
        .map(|_| ())
        .map_err(|e| {
            let op = op
                .as_mapping()
                .and_then(|m| m.keys().next())
                .and_then(Value::as_str)
                .unwrap_or("op");
            surface(format!("{op} the loader refuses ({})", e.message()))
        })
}

fn is_concurrent_index(op: &Value) -> bool {
    ["create_index", "drop_index"].iter().any(|key| {
        op.get(*key)
            .and_then(|body| body.get("concurrently"))
            .and_then(Value::as_bool)
            == Some(true)
    })
}

/// Converts an expression statement: `op.X(...)` or `batch_op.X(...)`.
fn convert_call(env: &Env, expr: &Expr) -> Result<Vec<Value>, Unconvertible> {
    let Expr::Call(call) = expr else {
        return Err(person("an expression statement that is not a call"));
    };
    // sa.Enum(..., name=...).create(op.get_bind()) / .drop(op.get_bind())
    if let Expr::Attribute(attr) = call.func.as_ref() {
        let method = attr.attr.id.as_str();
        if method == "create" || method == "drop" {
            if let Ok(Val::Call(ty)) = env.eval(&attr.value) {
                if ty.name() == "Enum" || ty.name() == "ENUM" {
                    return enum_create_drop(&ty, method);
                }
            }
        }
    }
    // conn.execute(sql) on conn = op.get_bind(), its result unused: Alembic
    // prints the SQL offline, as for op.execute.
    if let Expr::Attribute(attr) = call.func.as_ref() {
        if attr.attr.id.as_str() == "execute" && matches!(env.eval(&attr.value), Ok(Val::Bind)) {
            let Val::Call(mut evaluated) = batch_call(env, call)? else {
                return Err(person("a connection's execute retort cannot evaluate"));
            };
            evaluated.func = "alembic.op.execute".into();
            return convert_op(&evaluated);
        }
    }
    // batch_op.X(...)
    if let Expr::Attribute(attr) = call.func.as_ref() {
        if let Expr::Name(name) = attr.value.as_ref() {
            if let Some(Ok(Val::Batch { table, schema })) = env.values.get(name.id.as_str()) {
                let Val::Call(mut evaluated) = batch_call(env, call)? else {
                    return Err(person("a batch op retort cannot evaluate"));
                };
                evaluated.func = format!("alembic.op.{}", attr.attr.id);
                let position = match attr.attr.id.as_str() {
                    "add_column"
                    | "drop_column"
                    | "alter_column"
                    | "create_table_comment"
                    | "drop_table_comment" => 0,
                    "create_index"
                    | "drop_index"
                    | "create_primary_key"
                    | "create_unique_constraint"
                    | "create_foreign_key"
                    | "create_check_constraint"
                    | "drop_constraint" => 1,
                    other => return Err(person(format!("batch_op.{other}(...)"))),
                };
                if evaluated.args.len() < position {
                    return Err(person("a batch op without its leading arguments"));
                }
                evaluated.args.insert(position, Val::Str(table.clone()));
                if let Some(schema) = schema {
                    if evaluated.kw("schema").is_none() {
                        evaluated
                            .kwargs
                            .push(("schema".into(), Val::Str(schema.clone())));
                    }
                }
                if let Some((_, insert)) = evaluated
                    .kwargs
                    .iter()
                    .find(|(k, v)| (k == "insert_before" || k == "insert_after") && *v != Val::None)
                {
                    return Err(surface(format!(
                        "add_column at a place in the table ({})",
                        insert.describe()
                    )));
                }
                evaluated
                    .kwargs
                    .retain(|(k, _)| k != "insert_before" && k != "insert_after");
                return convert_op(&evaluated);
            }
        }
    }
    match env.eval(expr)? {
        Val::Call(call) if call.func.starts_with("alembic.op.") => convert_op(&call),
        Val::Call(call) => Err(person(format!("calls `{}`, which is not an op", call.func))),
        other => Err(person(format!("a statement that is {}", other.describe()))),
    }
}

/// `sa.Enum(...).create(bind)` as `create_enum`, `.drop(bind)` as
/// `drop_enum`. `checkfirst=True` changes nothing offline: Alembic's
/// connection (SQLAlchemy's mock connection) never checks, and prints the CREATE or DROP TYPE
/// (the schema model refuses a type that exists, or one that does not).
fn enum_create_drop(ty: &Call, method: &str) -> Result<Vec<Value>, Unconvertible> {
    reject_unknown(ty, &["name", "schema", "create_type"], "Enum")?;
    let mut out = Mapping::new();
    set(&mut out, "name", name(ty.kw("name"), "an enum type")?);
    if method == "create" {
        let values = strings(&Val::List(ty.args.clone()), "enum values")?;
        set(&mut out, "values", string_list(&values));
    }
    set_opt_str(&mut out, "schema", ty.kw("schema"))?;
    Ok(one(
        if method == "create" {
            "create_enum"
        } else {
            "drop_enum"
        },
        out,
    ))
}

/// Evaluates the arguments of a `batch_op.X(...)` call.
fn batch_call(env: &Env, call: &ruff_python_ast::ExprCall) -> Result<Val, Unconvertible> {
    let mut args = Vec::new();
    for a in call.arguments.args.iter() {
        args.push(env.eval(a)?);
    }
    let mut kwargs = Vec::new();
    for k in call.arguments.keywords.iter() {
        let name = k.arg.as_ref().ok_or_else(|| person("a `**` argument"))?;
        kwargs.push((name.id.to_string(), env.eval(&k.value)?));
    }
    Ok(Val::Call(Box::new(Call {
        func: String::new(),
        args,
        kwargs,
    })))
}

fn set(out: &mut Mapping, key: &str, value: Value) {
    out.insert(Value::String(key.into()), value);
}

fn set_opt_str(out: &mut Mapping, key: &str, v: Option<&Val>) -> Result<(), Unconvertible> {
    if let Some(s) = opt_string(v, key)? {
        set(out, key, Value::String(s));
    }
    Ok(())
}

fn set_flag(out: &mut Mapping, key: &str, v: Option<&Val>) -> Result<(), Unconvertible> {
    match v {
        None | Some(Val::None) => Ok(()),
        Some(v) => {
            if boolean(v, key)? {
                set(out, key, Value::Bool(true));
            }
            Ok(())
        }
    }
}

/// A flag whose `False` says something too (`NULLS DISTINCT`): kept as given.
fn set_bool(out: &mut Mapping, key: &str, v: Option<&Val>) -> Result<(), Unconvertible> {
    match v {
        None | Some(Val::None) => Ok(()),
        Some(v) => {
            set(out, key, Value::Bool(boolean(v, key)?));
            Ok(())
        }
    }
}

fn required<'v>(v: Option<&'v Val>, what: &str) -> Result<&'v Val, Unconvertible> {
    v.ok_or_else(|| {
        person(format!(
            "the required argument `{what}` is missing (Alembic itself raises TypeError here)"
        ))
    })
}

/// An index or enum type's name, which retort needs.
fn name(v: Option<&Val>, op: &str) -> Result<Value, Unconvertible> {
    match v {
        None | Some(Val::None) => Err(surface(format!("{op} with no name (name=None)"))),
        Some(v) => Ok(Value::String(string(v, "the name")?)),
    }
}

/// A constraint's name: `None` (the engine named it) is `name: null`.
fn constraint_name(v: Option<&Val>) -> Result<Value, Unconvertible> {
    match v {
        None | Some(Val::None) => Ok(Value::Null),
        Some(v) => Ok(Value::String(string(v, "the name")?)),
    }
}

fn one(op: &str, body: Mapping) -> Vec<Value> {
    vec![map([(op, Value::Mapping(body))])]
}

/// Converts `op.NAME(...)` by Alembic's signature of `NAME`.
/// A dialect option whose value is a name (an engine, a character set, a
/// collation, an index method), which the YAML takes as it is; anything
/// longer is not converted.
fn option_word(
    out: &mut Mapping,
    key: &str,
    value: Option<&Val>,
    op: &str,
) -> Result<(), Unconvertible> {
    let Some(value) = value else { return Ok(()) };
    let word = string(value, key)?;
    if word.is_empty() || !word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(surface(format!("{op} option `{key}={word}`")));
    }
    set(out, key, Value::String(word));
    Ok(())
}

/// SQLAlchemy lower-cases a dialect keyword's dialect and option
/// (`mysql_ENGINE` is `mysql_engine`); the YAML keys are lower case.
fn lowercase_dialect_keywords(call: &Call) -> Call {
    const DIALECTS: &[&str] = &[
        "mysql_",
        "mariadb_",
        "postgresql_",
        "mssql_",
        "oracle_",
        "sqlite_",
    ];
    let kwargs = call
        .kwargs
        .iter()
        .map(|(k, v)| {
            let lower = k.to_ascii_lowercase();
            let key = if DIALECTS.iter().any(|d| lower.starts_with(d)) {
                lower
            } else {
                k.clone()
            };
            (key, v.clone())
        })
        .collect();
    Call {
        func: call.func.clone(),
        args: call.args.clone(),
        kwargs,
    }
}

/// `sa.Index("ix", "a", "b", unique=True, ...)` among `create_table`'s
/// arguments: SQLAlchemy creates it after the table, as `op.create_index`
/// would (the same name, columns and keywords).
fn index_in_create_table(
    table: &str,
    schema: Option<&Val>,
    index: &Call,
) -> Result<Vec<Value>, Unconvertible> {
    let Some((name, columns)) = index.args.split_first() else {
        return Err(person("an Index with no name inside create_table"));
    };
    let mut kwargs: Vec<(String, Val)> = index.kwargs.clone();
    if let Some(schema) = schema {
        kwargs.push(("schema".into(), schema.clone()));
    }
    convert_op(&Call {
        func: "alembic.op.create_index".into(),
        args: vec![
            name.clone(),
            Val::Str(table.to_owned()),
            Val::List(columns.to_vec()),
        ],
        kwargs,
    })
}

/// The table options of `create_table` whose value is a name; `info` is
/// SQLAlchemy's own and left out.
const TABLE_OPTION_WORDS: [&str; 10] = [
    "mysql_engine",
    "mysql_charset",
    "mysql_collate",
    "mysql_default_charset",
    "mysql_row_format",
    "mariadb_engine",
    "mariadb_charset",
    "mariadb_collate",
    "mariadb_default_charset",
    "mariadb_row_format",
];

pub fn convert_op(call: &Call) -> Result<Vec<Value>, Unconvertible> {
    let call = &lowercase_dialect_keywords(call);
    let op = call.name().to_owned();
    let mut out = Mapping::new();
    match op.as_str() {
        "create_table" => {
            let name = string(required(call.args.first(), "table name")?, "the table name")?;
            reject_unknown(
                call,
                &[
                    "schema",
                    "comment",
                    "if_not_exists",
                    "info",
                    "postgresql_partition_by",
                ]
                .into_iter()
                .chain(TABLE_OPTION_WORDS)
                .collect::<Vec<_>>(),
                "create_table",
            )?;
            set(&mut out, "name", Value::String(name.clone()));
            set_opt_str(&mut out, "schema", call.kw("schema"))?;
            let mut columns = Vec::new();
            let mut constraints = Vec::new();
            let mut indexes = Vec::new();
            for arg in &call.args[1..] {
                match arg {
                    Val::Call(c) if c.func == "sqlalchemy.Column" => columns.push(column(arg)?),
                    Val::Call(c) if c.func == "sqlalchemy.Index" => {
                        let c = lowercase_dialect_keywords(c);
                        indexes.extend(index_in_create_table(&name, call.kw("schema"), &c)?);
                    }
                    Val::Call(c) => constraints.push(sa::table_constraint(c)?),
                    other => {
                        return Err(person(format!(
                            "a create_table argument {}",
                            other.describe()
                        )))
                    }
                }
            }
            set(&mut out, "columns", Value::Sequence(columns));
            if !constraints.is_empty() {
                set(&mut out, "constraints", Value::Sequence(constraints));
            }
            set_opt_str(&mut out, "comment", call.kw("comment"))?;
            set_flag(&mut out, "if_not_exists", call.kw("if_not_exists"))?;
            for key in TABLE_OPTION_WORDS {
                option_word(&mut out, key, call.kw(key), "create_table")?;
            }
            let key = "postgresql_partition_by";
            set_opt_str(&mut out, key, call.kw(key))?;
            let mut ops = one(&op, out);
            ops.extend(indexes);
            return Ok(ops);
        }
        "drop_table" => {
            let b = bind(call, &["table_name"], "drop_table")?;
            reject_unknown(call, &["table_name", "schema", "if_exists"], "drop_table")?;
            set(
                &mut out,
                "name",
                Value::String(string(required(b[0], "table name")?, "the table")?),
            );
            set_opt_str(&mut out, "schema", call.kw("schema"))?;
            set_flag(&mut out, "if_exists", call.kw("if_exists"))?;
        }
        "rename_table" => {
            let b = bind(call, &["old_table_name", "new_table_name"], "rename_table")?;
            reject_unknown(
                call,
                &["old_table_name", "new_table_name", "schema"],
                "rename_table",
            )?;
            set(
                &mut out,
                "old",
                Value::String(string(required(b[0], "old name")?, "old name")?),
            );
            set(
                &mut out,
                "new",
                Value::String(string(required(b[1], "new name")?, "new name")?),
            );
            set_opt_str(&mut out, "schema", call.kw("schema"))?;
        }
        "add_column" => {
            let b = bind(call, &["table_name", "column"], "add_column")?;
            reject_unknown(
                call,
                &["table_name", "column", "schema", "if_not_exists"],
                "add_column",
            )?;
            set(
                &mut out,
                "table",
                Value::String(string(required(b[0], "table")?, "the table")?),
            );
            set_opt_str(&mut out, "schema", call.kw("schema"))?;
            set(&mut out, "column", column(required(b[1], "column")?)?);
            set_flag(&mut out, "if_not_exists", call.kw("if_not_exists"))?;
        }
        "drop_column" => {
            let b = bind(call, &["table_name", "column_name"], "drop_column")?;
            reject_unknown(
                call,
                &[
                    "table_name",
                    "column_name",
                    "schema",
                    "if_exists",
                    "mssql_drop_default",
                    "mssql_drop_check",
                    "mssql_drop_foreign_key",
                ],
                "drop_column",
            )?;
            set(
                &mut out,
                "table",
                Value::String(string(required(b[0], "table")?, "the table")?),
            );
            set(
                &mut out,
                "column",
                Value::String(string(required(b[1], "column")?, "the column")?),
            );
            set_opt_str(&mut out, "schema", call.kw("schema"))?;
            for flag in [
                "if_exists",
                "mssql_drop_default",
                "mssql_drop_check",
                "mssql_drop_foreign_key",
            ] {
                set_flag(&mut out, flag, call.kw(flag))?;
            }
        }
        "alter_column" => {
            let b = bind(call, &["table_name", "column_name"], "alter_column")?;
            reject_unknown(
                call,
                &[
                    "table_name",
                    "column_name",
                    "nullable",
                    "comment",
                    "server_default",
                    "new_column_name",
                    "type_",
                    "existing_type",
                    "existing_server_default",
                    "existing_nullable",
                    "existing_comment",
                    "existing_autoincrement",
                    "autoincrement",
                    "schema",
                    "postgresql_using",
                ],
                "alter_column",
            )?;
            set(
                &mut out,
                "table",
                Value::String(string(required(b[0], "table")?, "the table")?),
            );
            set(
                &mut out,
                "column",
                Value::String(string(required(b[1], "column")?, "the column")?),
            );
            set_opt_str(&mut out, "schema", call.kw("schema"))?;
            if let Some(v) = call.kw("nullable") {
                if *v != Val::None {
                    set(&mut out, "nullable", Value::Bool(boolean(v, "nullable")?));
                }
            }
            if let Some(v) = call.kw("type_") {
                if *v != Val::None {
                    set(&mut out, "type", column_type(v)?);
                }
            }
            if let Some(v) = call.kw("server_default") {
                if *v != Val::Bool(false) {
                    set(&mut out, "server_default", server_default(v)?);
                }
            }
            set_opt_str(&mut out, "new_name", call.kw("new_column_name"))?;
            match call.kw("comment") {
                None | Some(Val::Bool(false)) => {}
                Some(Val::None) => set(&mut out, "comment", Value::Null),
                Some(v) => set(&mut out, "comment", Value::String(string(v, "comment")?)),
            }
            set_opt_str(&mut out, "using", call.kw("postgresql_using"))?;
            if let Some(v) = call.kw("existing_type") {
                if *v != Val::None {
                    set(&mut out, "existing_type", column_type(v)?);
                }
            }
            if let Some(v) = call.kw("existing_nullable") {
                if *v != Val::None {
                    set(
                        &mut out,
                        "existing_nullable",
                        Value::Bool(boolean(v, "existing_nullable")?),
                    );
                }
            }
            if let Some(v) = call.kw("existing_server_default") {
                if !matches!(v, Val::None | Val::Bool(false)) {
                    set(&mut out, "existing_server_default", server_default(v)?);
                }
            }
            set_opt_str(&mut out, "existing_comment", call.kw("existing_comment"))?;
            for key in ["autoincrement", "existing_autoincrement"] {
                if let Some(v) = call.kw(key).filter(|v| **v != Val::None) {
                    set(&mut out, key, Value::Bool(boolean(v, key)?));
                }
            }
        }
        "create_index" => {
            let b = bind(
                call,
                &["index_name", "table_name", "columns"],
                "create_index",
            )?;
            reject_unknown(
                call,
                &[
                    "index_name",
                    "table_name",
                    "columns",
                    "schema",
                    "unique",
                    "if_not_exists",
                    "postgresql_where",
                    "sqlite_where",
                    "postgresql_concurrently",
                    "postgresql_using",
                    "postgresql_include",
                    "mssql_include",
                    "postgresql_nulls_not_distinct",
                    "mysql_using",
                    "mssql_clustered",
                    "postgresql_ops",
                    "postgresql_with",
                    "mysql_length",
                    "mysql_prefix",
                ],
                "create_index",
            )?;
            set(&mut out, "name", name(b[0], "create_index")?);
            set(
                &mut out,
                "table",
                Value::String(string(required(b[1], "table")?, "the table")?),
            );
            set_opt_str(&mut out, "schema", call.kw("schema"))?;
            let columns = match required(b[2], "columns")? {
                Val::Str(s) => vec![Value::String(s.clone())],
                Val::List(items) | Val::Tuple(items) => items
                    .iter()
                    .map(|c| match c {
                        Val::Str(s) => Ok(Value::String(s.clone())),
                        Val::Call(c) => Ok(map([("sql", Value::String(sa::sql_expression(c)?))])),
                        other => Err(person(format!("an index column {}", other.describe()))),
                    })
                    .collect::<Result<_, _>>()?,
                other => return Err(person(format!("index columns {}", other.describe()))),
            };
            set(&mut out, "columns", Value::Sequence(columns));
            set_flag(&mut out, "unique", call.kw("unique"))?;
            let wheres: Vec<&Val> = ["postgresql_where", "sqlite_where"]
                .iter()
                .filter_map(|k| call.kw(k))
                .filter(|v| **v != Val::None)
                .collect();
            match wheres.as_slice() {
                [] => {}
                [w] => set(&mut out, "where", Value::String(where_text(w)?)),
                [a, b] if where_text(a)? == where_text(b)? => {
                    set(&mut out, "where", Value::String(where_text(a)?))
                }
                _ => return Err(surface("different postgresql_where and sqlite_where")),
            }
            set_flag(&mut out, "concurrently", call.kw("postgresql_concurrently"))?;
            set_flag(&mut out, "if_not_exists", call.kw("if_not_exists"))?;
            option_word(
                &mut out,
                "postgresql_using",
                call.kw("postgresql_using"),
                "create_index",
            )?;
            for key in ["postgresql_include", "mssql_include"] {
                if let Some(v) = call.kw(key).filter(|v| **v != Val::None) {
                    set(&mut out, key, sa::string_list(&sa::strings(v, key)?));
                }
            }
            let key = "postgresql_nulls_not_distinct";
            set_bool(&mut out, key, call.kw(key))?;
            option_word(
                &mut out,
                "mysql_using",
                call.kw("mysql_using"),
                "create_index",
            )?;
            set_bool(&mut out, "mssql_clustered", call.kw("mssql_clustered"))?;
            for (key, value) in super::dialect_options::index_options(call)? {
                set(&mut out, key, value);
            }
            option_word(
                &mut out,
                "mysql_prefix",
                call.kw("mysql_prefix"),
                "create_index",
            )?;
        }
        "drop_index" => {
            let b = bind(call, &["index_name", "table_name"], "drop_index")?;
            reject_unknown(
                call,
                &[
                    "index_name",
                    "table_name",
                    "schema",
                    "if_exists",
                    "postgresql_concurrently",
                ],
                "drop_index",
            )?;
            set(&mut out, "name", name(b[0], "drop_index")?);
            set_opt_str(&mut out, "table", b[1])?;
            set_opt_str(&mut out, "schema", call.kw("schema"))?;
            set_flag(&mut out, "if_exists", call.kw("if_exists"))?;
            set_flag(&mut out, "concurrently", call.kw("postgresql_concurrently"))?;
        }
        "create_primary_key" | "create_unique_constraint" => {
            let b = bind(call, &["constraint_name", "table_name", "columns"], &op)?;
            let mut known = vec!["constraint_name", "table_name", "columns", "schema"];
            if op == "create_unique_constraint" {
                known.push("postgresql_nulls_not_distinct");
            }
            reject_unknown(call, &known, &op)?;
            set(&mut out, "name", constraint_name(b[0])?);
            set(
                &mut out,
                "table",
                Value::String(string(required(b[1], "table")?, "the table")?),
            );
            set_opt_str(&mut out, "schema", call.kw("schema"))?;
            set(
                &mut out,
                "columns",
                string_list(&strings(required(b[2], "columns")?, "columns")?),
            );
            let key = "postgresql_nulls_not_distinct";
            set_bool(&mut out, key, call.kw(key))?;
        }
        "create_foreign_key" => {
            let b = bind(
                call,
                &[
                    "constraint_name",
                    "source_table",
                    "referent_table",
                    "local_cols",
                    "remote_cols",
                ],
                &op,
            )?;
            reject_unknown(
                call,
                &[
                    "constraint_name",
                    "source_table",
                    "referent_table",
                    "local_cols",
                    "remote_cols",
                    "onupdate",
                    "ondelete",
                    "deferrable",
                    "initially",
                    "match",
                    "source_schema",
                    "referent_schema",
                    "postgresql_not_valid",
                    "schema",
                ],
                &op,
            )?;
            set(&mut out, "name", constraint_name(b[0])?);
            set(
                &mut out,
                "source_table",
                Value::String(string(required(b[1], "source table")?, "the table")?),
            );
            set(
                &mut out,
                "referent_table",
                Value::String(string(required(b[2], "referent table")?, "the table")?),
            );
            set(
                &mut out,
                "local_cols",
                string_list(&strings(required(b[3], "local_cols")?, "local_cols")?),
            );
            set(
                &mut out,
                "remote_cols",
                string_list(&strings(required(b[4], "remote_cols")?, "remote_cols")?),
            );
            set_opt_str(&mut out, "ondelete", call.kw("ondelete"))?;
            set_opt_str(&mut out, "onupdate", call.kw("onupdate"))?;
            if let Some(v) = call.kw("deferrable") {
                if *v != Val::None {
                    set(
                        &mut out,
                        "deferrable",
                        Value::Bool(boolean(v, "deferrable")?),
                    );
                }
            }
            set_opt_str(&mut out, "initially", call.kw("initially"))?;
            set_opt_str(&mut out, "match", call.kw("match"))?;
            set_opt_str(
                &mut out,
                "schema",
                call.kw("source_schema").or(call.kw("schema")),
            )?;
            set_opt_str(&mut out, "referent_schema", call.kw("referent_schema"))?;
            set_flag(&mut out, "not_valid", call.kw("postgresql_not_valid"))?;
        }
        "create_check_constraint" => {
            let b = bind(call, &["constraint_name", "table_name", "condition"], &op)?;
            reject_unknown(
                call,
                &[
                    "constraint_name",
                    "table_name",
                    "condition",
                    "schema",
                    "postgresql_not_valid",
                ],
                &op,
            )?;
            set(&mut out, "name", constraint_name(b[0])?);
            set(
                &mut out,
                "table",
                Value::String(string(required(b[1], "table")?, "the table")?),
            );
            set_opt_str(&mut out, "schema", call.kw("schema"))?;
            set(
                &mut out,
                "condition",
                Value::String(where_text(required(b[2], "condition")?)?),
            );
            set_flag(&mut out, "not_valid", call.kw("postgresql_not_valid"))?;
        }
        "drop_constraint" => {
            let b = bind(call, &["constraint_name", "table_name", "type_"], &op)?;
            reject_unknown(
                call,
                &[
                    "constraint_name",
                    "table_name",
                    "type_",
                    "schema",
                    "if_exists",
                ],
                &op,
            )?;
            // drop_constraint(None, table, type_=...) of autogenerate: the one
            // constraint of that type created without a name.
            let unnamed = matches!(b[0], None | Some(Val::None));
            if unnamed && matches!(b[2], None | Some(Val::None)) {
                return Err(surface(format!(
                    "{op} with no name (name=None) and no type_"
                )));
            }
            set(&mut out, "name", constraint_name(b[0])?);
            set(
                &mut out,
                "table",
                Value::String(string(required(b[1], "table")?, "the table")?),
            );
            set_opt_str(&mut out, "schema", call.kw("schema"))?;
            set_opt_str(&mut out, "type", b[2])?;
            set_flag(&mut out, "if_exists", call.kw("if_exists"))?;
        }
        "create_table_comment" => {
            let b = bind(call, &["table_name", "comment"], &op)?;
            reject_unknown(
                call,
                &["table_name", "comment", "existing_comment", "schema"],
                &op,
            )?;
            set(
                &mut out,
                "table",
                Value::String(string(required(b[0], "table")?, "the table")?),
            );
            set(
                &mut out,
                "comment",
                Value::String(string(required(b[1], "comment")?, "the comment")?),
            );
            set_opt_str(&mut out, "existing_comment", call.kw("existing_comment"))?;
            set_opt_str(&mut out, "schema", call.kw("schema"))?;
        }
        "drop_table_comment" => {
            let b = bind(call, &["table_name"], &op)?;
            reject_unknown(call, &["table_name", "existing_comment", "schema"], &op)?;
            set(
                &mut out,
                "table",
                Value::String(string(required(b[0], "table")?, "the table")?),
            );
            set_opt_str(&mut out, "existing_comment", call.kw("existing_comment"))?;
            set_opt_str(&mut out, "schema", call.kw("schema"))?;
        }
        "execute" => {
            let b = bind(call, &["sqltext"], &op)?;
            reject_unknown(call, &["sqltext"], &op)?;
            let sql = match required(b[0], "SQL")? {
                Val::Str(s) => s.clone(),
                Val::Call(c) if c.func == "sqlalchemy.text" => sa::sql_expression(c)?,
                other => {
                    return Err(person(format!(
                        "op.execute of {} (a SQLAlchemy statement built in Python)",
                        other.describe()
                    )))
                }
            };
            return Ok(vec![map([("execute", Value::String(sql))])]);
        }
        "bulk_insert" => return bulk_insert(call),
        other => {
            return Err(person(format!(
                "op.{other}(...), which retort has no op for"
            )))
        }
    }
    Ok(one(&op, out))
}

fn where_text(v: &Val) -> Result<String, Unconvertible> {
    match v {
        Val::Str(s) => Ok(s.clone()),
        Val::Call(c) => sa::sql_expression(c),
        other => Err(person(format!("a SQL condition {}", other.describe()))),
    }
}

fn bulk_insert(call: &Call) -> Result<Vec<Value>, Unconvertible> {
    let b = bind(call, &["table", "rows", "multiinsert"], "bulk_insert")?;
    reject_unknown(call, &["table", "rows", "multiinsert"], "bulk_insert")?;
    let table = match required(b[0], "table")? {
        Val::Call(t) if t.func == "sqlalchemy.table" || t.func == "sqlalchemy.Table" => t,
        other => return Err(person(format!("bulk_insert into {}", other.describe()))),
    };
    let name = string(
        required(table.args.first(), "table name")?,
        "the table name",
    )?;
    let mut columns = Vec::new();
    for c in &table.args[1..] {
        match c {
            Val::Call(c) if c.func == "sqlalchemy.column" || c.func == "sqlalchemy.Column" => {
                columns.push(string(
                    required(c.args.first(), "column name")?,
                    "a column name",
                )?)
            }
            other => return Err(person(format!("a table column {}", other.describe()))),
        }
    }
    let rows = required(b[1], "rows")?
        .as_seq()
        .ok_or_else(|| person("bulk_insert rows that are not a list"))?;
    let mut out_rows = Vec::new();
    for row in rows {
        let Val::Dict(pairs) = row else {
            return Err(person("a bulk_insert row that is not a dict"));
        };
        let mut named = Vec::new();
        for (k, v) in pairs {
            let k = string(k, "a column name")?;
            if !columns.contains(&k) {
                return Err(person(format!(
                    "a bulk_insert row naming `{k}`, not a column of the table"
                )));
            }
            named.push((k, sa::literal(v)?));
        }
        // SQLAlchemy writes the columns in the table's order, not the row's.
        named.sort_by_key(|(k, _)| columns.iter().position(|c| c == k));
        out_rows.push(map(named));
    }
    let mut out = Mapping::new();
    set(&mut out, "table", Value::String(name));
    set_opt_str(&mut out, "schema", table.kw("schema"))?;
    set(&mut out, "rows", Value::Sequence(out_rows));
    Ok(one("bulk_insert", out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use camino::Utf8Path;

    /// The items of `upgrade()` in `module`, as YAML text (placeholders as
    /// `! line: reason`).
    fn convert(module: &str) -> Vec<String> {
        let file = PythonFile::parse(Utf8Path::new("v.py"), module.into()).expect("parses");
        let env = Env::of_module(&file.module.body);
        let body = file
            .module
            .body
            .iter()
            .find_map(|s| match s {
                Stmt::FunctionDef(f) if f.name.id.as_str() == "upgrade" => Some(&f.body),
                _ => None,
            })
            .expect("an upgrade()");
        convert_body(&file, &env, body)
            .into_iter()
            .map(|item| match item {
                Item::Op(v) => serde_yaml::to_string(&v).expect("yaml"),
                Item::Placeholder { line, why, .. } => {
                    format!("! {line} {}: {}", why.kind.as_str(), why.reason)
                }
            })
            .collect()
    }

    const HEAD: &str = "from alembic import op\nimport sqlalchemy as sa\n";

    #[test]
    fn positional_and_keyword_arguments_bind_as_alembic_signatures() {
        let items = convert(&format!(
            "{HEAD}def upgrade():\n    op.create_foreign_key('fk', 'a', 'b', ['x'], ['id'], ondelete='CASCADE')\n    op.drop_constraint('fk', 'a', type_='foreignkey')\n    op.create_index('ix', 'a', ['x', sa.text('lower(y)')], unique=True, postgresql_where=sa.text('x > 0'))\n"
        ));
        assert_eq!(
            items,
            vec![
                "create_foreign_key:\n  name: fk\n  source_table: a\n  referent_table: b\n  local_cols:\n  - x\n  remote_cols:\n  - id\n  ondelete: CASCADE\n",
                "drop_constraint:\n  name: fk\n  table: a\n  type: foreignkey\n",
                "create_index:\n  name: ix\n  table: a\n  columns:\n  - x\n  - sql: lower(y)\n  unique: true\n  where: x > 0\n",
            ]
        );
    }

    #[test]
    fn alter_column_autoincrement_keeps_its_keyword() {
        let items = convert(&format!(
            "{HEAD}def upgrade():\n    op.alter_column('t', 'id', existing_type=sa.INTEGER(), autoincrement=True, existing_autoincrement=False)\n"
        ));
        assert_eq!(
            items,
            vec![
                "alter_column:\n  table: t\n  column: id\n  existing_type: INTEGER\n  autoincrement: true\n  existing_autoincrement: false\n",
            ]
        );
    }

    #[test]
    fn index_options_keep_alembic_keywords() {
        let items = convert(&format!(
            "{HEAD}def upgrade():\n    op.create_index('ix', 'a', ['x'], postgresql_using='gin', postgresql_include=['y', 'z'], mssql_include='y', mysql_using='hash', mssql_clustered=True)\n    op.create_index('ix2', 'a', ['x'], unique=True, postgresql_nulls_not_distinct=False)\n    op.create_unique_constraint('uq', 'a', ['x'], postgresql_nulls_not_distinct=True)\n"
        ));
        assert_eq!(
            items,
            vec![
                "create_index:\n  name: ix\n  table: a\n  columns:\n  - x\n  postgresql_using: gin\n  postgresql_include:\n  - y\n  - z\n  mssql_include:\n  - y\n  mysql_using: hash\n  mssql_clustered: true\n",
                "create_index:\n  name: ix2\n  table: a\n  columns:\n  - x\n  unique: true\n  postgresql_nulls_not_distinct: false\n",
                "create_unique_constraint:\n  name: uq\n  table: a\n  columns:\n  - x\n  postgresql_nulls_not_distinct: true\n",
            ]
        );
    }

    #[test]
    fn an_op_assigned_to_a_name_still_runs_and_its_table_takes_rows() {
        let items = convert(&format!(
            "{HEAD}def upgrade():\n    t = op.create_table('t', sa.Column('id', sa.Integer(), nullable=False), sa.Column('name', sa.String(9)), sa.PrimaryKeyConstraint('id'))\n    op.bulk_insert(t, [{{'name': 'x', 'id': 1}}])\n"
        ));
        assert_eq!(items.len(), 2, "{items:?}");
        assert!(
            items[0].starts_with("create_table:\n  name: t\n"),
            "{}",
            items[0]
        );
        assert_eq!(
            items[1],
            "bulk_insert:\n  table: t\n  rows:\n  - id: 1\n    name: x\n"
        );
    }

    #[test]
    fn guards_mssql_drops_and_match_keep_alembic_keywords() {
        let items = convert(&format!(
            "{HEAD}def upgrade():\n    op.add_column('a', sa.Column('x', sa.Integer, sa.ForeignKey('b.id', match='FULL')), if_not_exists=True)\n    op.drop_column('a', 'y', if_exists=True, mssql_drop_default=True, mssql_drop_check=True, mssql_drop_foreign_key=True)\n    op.drop_constraint('uq', 'a', type_='unique', if_exists=True)\n    op.create_foreign_key('fk', 'a', 'b', ['x'], ['id'], match='SIMPLE')\n"
        ));
        assert_eq!(
            items,
            vec![
                "add_column:\n  table: a\n  column:\n    name: x\n    type: Integer\n    foreign_key:\n      table: b\n      column: id\n      match: FULL\n  if_not_exists: true\n",
                "drop_column:\n  table: a\n  column: y\n  if_exists: true\n  mssql_drop_default: true\n  mssql_drop_check: true\n  mssql_drop_foreign_key: true\n",
                "drop_constraint:\n  name: uq\n  table: a\n  type: unique\n  if_exists: true\n",
                "create_foreign_key:\n  name: fk\n  source_table: a\n  referent_table: b\n  local_cols:\n  - x\n  remote_cols:\n  - id\n  match: SIMPLE\n",
            ]
        );
    }

    #[test]
    fn batch_blocks_flatten_into_plain_ops() {
        let items = convert(&format!(
            "{HEAD}def upgrade():\n    with op.batch_alter_table('t', schema='s') as b:\n        b.drop_column('c')\n        b.create_unique_constraint('uq', ['d'])\n"
        ));
        assert_eq!(
            items,
            vec![
                "drop_column:\n  table: t\n  column: c\n  schema: s\n",
                "create_unique_constraint:\n  name: uq\n  table: t\n  schema: s\n  columns:\n  - d\n",
            ]
        );
    }

    #[test]
    fn a_constraint_created_without_a_name_is_name_null() {
        let items = convert(&format!(
            "{HEAD}def upgrade():\n    op.create_unique_constraint(None, 't', ['a'])\n    op.create_foreign_key(None, 't', 'u', ['u_id'], ['id'])\n    op.create_check_constraint(None, 't', 'a > 0')\n    op.create_primary_key(None, 't', ['id'])\n"
        ));
        assert_eq!(
            items,
            vec![
                "create_unique_constraint:\n  name: null\n  table: t\n  columns:\n  - a\n",
                "create_foreign_key:\n  name: null\n  source_table: t\n  referent_table: u\n  local_cols:\n  - u_id\n  remote_cols:\n  - id\n",
                "create_check_constraint:\n  name: null\n  table: t\n  condition: a > 0\n",
                "create_primary_key:\n  name: null\n  table: t\n  columns:\n  - id\n",
            ]
        );
    }

    #[test]
    fn what_the_surface_cannot_say_is_counted_as_surface_work() {
        let items = convert(&format!(
            "{HEAD}def upgrade():\n    op.create_index(None, 't', ['a'])\n    op.create_table('t', sa.Column('id', sa.Integer), mysql_engine='InnoDB', mysql_key_block_size='8')\n    with op.get_context().autocommit_block():\n        op.execute(\"ALTER TYPE e ADD VALUE 'x'\")\n"
        ));
        assert_eq!(
            items,
            vec![
                "! 4 surface: create_index with no name (name=None)",
                "! 5 surface: create_table option `mysql_key_block_size`",
                "! 6 surface: an op other than CREATE/DROP INDEX CONCURRENTLY in autocommit_block (outside the transaction)",
            ]
        );
    }

    #[test]
    fn dialect_options_keep_their_keywords() {
        let items = convert(&format!(
            "{HEAD}def upgrade():\n    op.create_table('t', sa.Column('a', sa.String(20)), mysql_default_charset='utf8', mariadb_row_format='DYNAMIC', postgresql_partition_by='RANGE (a)', info={{'x': 1}})\n    op.create_index('ix', 't', ['a'], postgresql_ops={{'a': 'text_pattern_ops'}}, postgresql_with={{'fillfactor': 70, 'deduplicate_items': False}}, mysql_length={{'a': 10}}, mysql_prefix='FULLTEXT', postgresql_where=sa.text('a > 0'))\n    op.create_index('iy', 't', ['a'], mysql_length=5)\n"
        ));
        assert_eq!(
            items,
            vec![
                "create_table:\n  name: t\n  columns:\n  - name: a\n    type: String(20)\n  mysql_default_charset: utf8\n  mariadb_row_format: DYNAMIC\n  postgresql_partition_by: RANGE (a)\n",
                "create_index:\n  name: ix\n  table: t\n  columns:\n  - a\n  where: a > 0\n  postgresql_ops:\n    a: text_pattern_ops\n  postgresql_with:\n    fillfactor: 70\n    deduplicate_items: false\n  mysql_length:\n    a: 10\n  mysql_prefix: FULLTEXT\n",
                "create_index:\n  name: iy\n  table: t\n  columns:\n  - a\n  mysql_length: 5\n",
            ]
        );
    }

    #[test]
    fn an_enum_created_with_checkfirst_is_created_as_alembic_prints_it_offline() {
        let items = convert(&format!(
            "{HEAD}E = sa.Enum('a', 'b', name='e')\ndef upgrade():\n    E.create(op.get_bind(), checkfirst=True)\n    E.drop(op.get_bind(), checkfirst=True)\n"
        ));
        assert_eq!(
            items,
            vec![
                "create_enum:\n  name: e\n  values:\n  - a\n  - b\n",
                "drop_enum:\n  name: e\n",
            ]
        );
    }

    #[test]
    fn an_index_inside_create_table_is_created_after_it() {
        let items = convert(&format!(
            "{HEAD}def upgrade():\n    op.create_table('t', sa.Column('a', sa.Integer), sa.Index('ix_t_a', 'a', unique=True, mysql_USING='hash'), mysql_ENGINE='InnoDB')\n"
        ));
        assert_eq!(
            items,
            vec![
                "create_table:\n  name: t\n  columns:\n  - name: a\n    type: Integer\n  mysql_engine: InnoDB\n",
                "create_index:\n  name: ix_t_a\n  table: t\n  columns:\n  - a\n  unique: true\n  mysql_using: hash\n",
            ]
        );
    }

    #[test]
    fn executing_on_the_connection_is_an_execute() {
        let items = convert(&format!(
            "{HEAD}def upgrade():\n    conn = op.get_bind()\n    conn.execute(sa.text('SET lock_timeout = 5'))\n    op.get_bind().execute('SELECT 1')\n"
        ));
        assert_eq!(
            items,
            vec!["execute: SET lock_timeout = 5\n", "execute: SELECT 1\n"]
        );
    }

    #[test]
    fn python_over_data_needs_a_person_and_poisons_its_names() {
        let items = convert(&format!(
            "{HEAD}def upgrade():\n    conn = op.get_bind()\n    rows = conn.execute(sa.text('SELECT 1')).fetchall()\n    if rows:\n        op.drop_table('t')\n    op.execute(sa.text('UPDATE t SET a = 1'))\n"
        ));
        // `conn = op.get_bind()` alone does nothing; reading from it needs a person.
        assert_eq!(items.len(), 3, "{items:?}");
        assert!(
            items[0].starts_with("! 5 person: uses `.execute` of op.get_bind()"),
            "{items:?}"
        );
        assert!(
            items[1].starts_with("! 6 person: Python control flow"),
            "{items:?}"
        );
        assert_eq!(items[2], "execute: UPDATE t SET a = 1\n");
    }
}
