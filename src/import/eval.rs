//! Evaluation of the constant expressions of a revision file: literals,
//! module-level constants, names imported from SQLAlchemy and Alembic, string
//! concatenation, `textwrap.dedent`, and calls kept as data (`sa.Column(...)`)
//! for the converters to read. Anything else (application imports, helper
//! functions, the database) is [`Unconvertible`].

use ruff_python_ast::{self as ast, Expr, Number, Operator, Stmt, UnaryOp};
use std::collections::HashMap;

/// Why a statement cannot be converted exactly, and who must act.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unconvertible {
    /// Who can fix it.
    pub kind: NeedsKind,
    /// What the statement does that retort cannot write.
    pub reason: String,
}

/// Who a placeholder waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NeedsKind {
    /// A person: the Python reads the database, loops over data, calls code
    /// retort cannot see.
    Person,
    /// The schema model and YAML surface (issues 16/17): what Alembic says
    /// here has no YAML spelling yet.
    Surface,
}

impl NeedsKind {
    /// The word written in the placeholder's `needs:` key.
    pub fn as_str(self) -> &'static str {
        match self {
            NeedsKind::Person => "person",
            NeedsKind::Surface => "surface",
        }
    }
}

/// An error for a person.
pub fn person(reason: impl Into<String>) -> Unconvertible {
    Unconvertible {
        kind: NeedsKind::Person,
        reason: reason.into(),
    }
}

/// An error for the schema-model/Alembic-surface work.
pub fn surface(reason: impl Into<String>) -> Unconvertible {
    Unconvertible {
        kind: NeedsKind::Surface,
        reason: reason.into(),
    }
}

/// A Python value, as far as a revision file's constants go.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float, as written.
    Float(String),
    /// A string.
    Str(String),
    /// A list.
    List(Vec<Val>),
    /// A tuple.
    Tuple(Vec<Val>),
    /// A dict, in order.
    Dict(Vec<(Val, Val)>),
    /// A name from an import, canonical (`sqlalchemy.Integer`, `alembic.op.add_column`).
    Path(String),
    /// A call of an imported callable, kept as data.
    Call(Box<Call>),
    /// `op.get_bind()`: the connection. Offline, Alembic's connection prints
    /// what is executed on it (`conn.execute(sa.text(...))`, an `execute`
    /// op), and fails on anything that reads from the database or commits.
    Bind,
    /// `with op.batch_alter_table(...) as name`: the table its ops apply to.
    Batch {
        /// Table name.
        table: String,
        /// Schema.
        schema: Option<String>,
    },
}

/// A call of an imported callable: `sa.Column('id', sa.Integer, primary_key=True)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The callee's canonical path.
    pub func: String,
    /// Positional arguments.
    pub args: Vec<Val>,
    /// Keyword arguments, in order.
    pub kwargs: Vec<(String, Val)>,
}

impl Call {
    /// The keyword argument `key`.
    pub fn kw(&self, key: &str) -> Option<&Val> {
        self.kwargs.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The callee's last name (`Column` of `sqlalchemy.Column`).
    pub fn name(&self) -> &str {
        self.func.rsplit('.').next().unwrap_or(&self.func)
    }
}

impl Val {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The elements of a list or tuple.
    pub fn as_seq(&self) -> Option<&[Val]> {
        match self {
            Val::List(items) | Val::Tuple(items) => Some(items),
            _ => None,
        }
    }

    /// A short description for messages.
    pub fn describe(&self) -> String {
        match self {
            Val::None => "None".into(),
            Val::Bool(b) => if *b { "True" } else { "False" }.into(),
            Val::Int(n) => n.to_string(),
            Val::Float(f) => f.clone(),
            Val::Str(s) => format!("{s:?}"),
            Val::List(_) => "a list".into(),
            Val::Tuple(_) => "a tuple".into(),
            Val::Dict(_) => "a dict".into(),
            Val::Path(p) => p.clone(),
            Val::Call(c) => format!("{}(...)", c.func),
            Val::Batch { table, .. } => format!("batch_alter_table({table:?})"),
            Val::Bind => "op.get_bind()".into(),
        }
    }
}

/// The modules whose names a revision may use: what they hold is known.
const KNOWN_ROOTS: &[&str] = &["sqlalchemy", "alembic", "textwrap", "datetime", "decimal"];

/// Canonical paths: SQLAlchemy exports the same names from several modules.
pub fn canonical(path: &str) -> String {
    for prefix in [
        "sqlalchemy.sql.expression.",
        "sqlalchemy.sql.sqltypes.",
        "sqlalchemy.sql.schema.",
        "sqlalchemy.sql.functions.",
        "sqlalchemy.sql.",
        "sqlalchemy.types.",
        "sqlalchemy.schema.",
        "sqlalchemy.sqltypes.",
    ] {
        if let Some(rest) = path.strip_prefix(prefix) {
            return format!("sqlalchemy.{rest}");
        }
    }
    for dialect in ["postgresql", "mysql", "sqlite", "mssql", "oracle"] {
        for sub in [
            "base",
            "types",
            "json",
            "array",
            "ranges",
            "named_types",
            "enumerated",
        ] {
            let long = format!("sqlalchemy.dialects.{dialect}.{sub}.");
            if let Some(rest) = path.strip_prefix(&long) {
                return format!("sqlalchemy.dialects.{dialect}.{rest}");
            }
        }
    }
    path.to_owned()
}

/// What names mean: imports, module constants, and a function's locals.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// Imported names → canonical paths.
    pub imports: HashMap<String, String>,
    /// Module-level constants (and, while converting a function, its locals).
    pub values: HashMap<String, Result<Val, Unconvertible>>,
}

impl Env {
    /// Reads the module's imports and constants (assignments whose value
    /// evaluates; the others are remembered with why, for when they are used).
    pub fn of_module(body: &[Stmt]) -> Env {
        let mut env = Env::default();
        for stmt in body {
            env.read_statement(stmt);
        }
        env
    }

    fn read_statement(&mut self, stmt: &Stmt) {
        match stmt {
            Stmt::Import(import) => {
                for alias in &import.names {
                    let full = alias.name.id.as_str();
                    match &alias.asname {
                        Some(name) => {
                            self.imports.insert(name.id.to_string(), full.to_owned());
                        }
                        None => {
                            let root = full.split('.').next().unwrap_or(full);
                            self.imports.insert(root.to_owned(), root.to_owned());
                        }
                    }
                }
            }
            Stmt::ImportFrom(import) => {
                let module = import.module.as_ref().map(|m| m.id.as_str()).unwrap_or("");
                let module = ".".repeat(import.level as usize) + module;
                for alias in &import.names {
                    let name = alias.asname.as_ref().unwrap_or(&alias.name);
                    self.imports
                        .insert(name.id.to_string(), format!("{module}.{}", alias.name.id));
                }
            }
            Stmt::Assign(assign) => {
                let value = self.eval(&assign.value);
                for target in &assign.targets {
                    if let Expr::Name(name) = target {
                        self.values.insert(name.id.to_string(), value.clone());
                    }
                }
            }
            Stmt::AnnAssign(assign) => {
                if let (Expr::Name(name), Some(value)) = (assign.target.as_ref(), &assign.value) {
                    let value = self.eval(value);
                    self.values.insert(name.id.to_string(), value);
                }
            }
            Stmt::FunctionDef(def) => {
                let name = def.name.id.to_string();
                if name != "upgrade" && name != "downgrade" {
                    self.values.insert(
                        name.clone(),
                        Err(person(format!(
                            "calls `{name}`, a helper function of the file"
                        ))),
                    );
                }
            }
            _ => {}
        }
    }

    /// Evaluates `expr`.
    pub fn eval(&self, expr: &Expr) -> Result<Val, Unconvertible> {
        match expr {
            Expr::NoneLiteral(_) => Ok(Val::None),
            Expr::BooleanLiteral(b) => Ok(Val::Bool(b.value)),
            Expr::NumberLiteral(n) => match &n.value {
                Number::Int(i) => i
                    .as_i64()
                    .map(Val::Int)
                    .ok_or_else(|| person("an integer too large for retort")),
                Number::Float(f) => Ok(Val::Float(python_float(*f))),
                Number::Complex { .. } => Err(person("a complex number")),
            },
            Expr::StringLiteral(s) => Ok(Val::Str(s.value.to_str().to_owned())),
            Expr::List(list) => Ok(Val::List(self.eval_all(&list.elts)?)),
            Expr::Tuple(tuple) => Ok(Val::Tuple(self.eval_all(&tuple.elts)?)),
            Expr::Dict(dict) => {
                let mut items = Vec::new();
                for item in &dict.items {
                    let key = item
                        .key
                        .as_ref()
                        .ok_or_else(|| person("a `**` dict unpacking"))?;
                    items.push((self.eval(key)?, self.eval(&item.value)?));
                }
                Ok(Val::Dict(items))
            }
            Expr::Name(name) => self.name(name.id.as_str()),
            Expr::Attribute(attr) => {
                let base = self.eval(&attr.value)?;
                match base {
                    Val::Path(path) => known(format!("{path}.{}", attr.attr.id)),
                    Val::Bind => Err(person(format!(
                        "uses `.{}` of op.get_bind(), which reads the database or commits: an offline script cannot",
                        attr.attr.id
                    ))),
                    Val::Call(call) if call.name() == "table" || call.name() == "Table" => {
                        Err(person(format!(
                            "a SQLAlchemy Core statement (`.{}` of a table), which retort does not compile; write its SQL in an `execute`",
                            attr.attr.id
                        )))
                    }
                    other => Err(person(format!(
                        "reads `.{}` of {}, which retort cannot evaluate",
                        attr.attr.id,
                        other.describe()
                    ))),
                }
            }
            Expr::BinOp(bin) => self.bin_op(bin),
            Expr::FString(fstring) => self.f_string(fstring),
            Expr::UnaryOp(unary) => match (unary.op, self.eval(&unary.operand)?) {
                (UnaryOp::USub, Val::Int(n)) => Ok(Val::Int(-n)),
                (UnaryOp::USub, Val::Float(f)) => Ok(Val::Float(format!("-{f}"))),
                (UnaryOp::Not, Val::Bool(b)) => Ok(Val::Bool(!b)),
                _ => Err(person("a unary operation retort cannot evaluate")),
            },
            Expr::Call(call) => self.call(call),
            Expr::ListComp(comp) => self.list_comp(comp),
            other => Err(person(format!(
                "{}, which retort cannot evaluate",
                expression_kind(other)
            ))),
        }
    }

    /// `f"uniq_{TABLE}0{COLUMN}"` over strings and integers the file
    /// defines: as exact as the concatenation it spells. A conversion
    /// (`!r`), a format spec or a value of any other kind needs a person.
    fn f_string(&self, fstring: &ast::ExprFString) -> Result<Val, Unconvertible> {
        let mut out = String::new();
        for part in fstring.value.iter() {
            let elements = match part {
                ast::FStringPart::Literal(literal) => {
                    out.push_str(&literal.value);
                    continue;
                }
                ast::FStringPart::FString(f) => &f.elements,
            };
            for element in elements {
                match element {
                    ast::InterpolatedStringElement::Literal(literal) => out.push_str(&literal.value),
                    ast::InterpolatedStringElement::Interpolation(i)
                        if i.debug_text.is_none()
                            && i.format_spec.is_none()
                            && i.conversion == ast::ConversionFlag::None =>
                    {
                        match self.eval(&i.expression)? {
                            Val::Str(text) => out.push_str(&text),
                            Val::Int(n) => out.push_str(&n.to_string()),
                            other => {
                                return Err(person(format!(
                                    "an f-string of {}, which retort cannot evaluate",
                                    other.describe()
                                )))
                            }
                        }
                    }
                    ast::InterpolatedStringElement::Interpolation(_) => {
                        return Err(person(
                            "an f-string with a conversion or format spec, which retort cannot evaluate",
                        ))
                    }
                }
            }
        }
        Ok(Val::Str(out))
    }

    fn eval_all(&self, exprs: &[Expr]) -> Result<Vec<Val>, Unconvertible> {
        exprs.iter().map(|e| self.eval(e)).collect()
    }

    fn name(&self, name: &str) -> Result<Val, Unconvertible> {
        if let Some(value) = self.values.get(name) {
            return value.clone();
        }
        if let Some(path) = self.imports.get(name) {
            return known(path.clone());
        }
        Err(person(format!(
            "uses `{name}`, which the file does not define"
        )))
    }

    fn bin_op(&self, bin: &ast::ExprBinOp) -> Result<Val, Unconvertible> {
        let left = self.eval(&bin.left)?;
        let right = self.eval(&bin.right)?;
        match (bin.op, left, right) {
            (Operator::Add, Val::Str(a), Val::Str(b)) => Ok(Val::Str(a + &b)),
            (Operator::Add, Val::List(a), Val::List(b)) => Ok(Val::List([a, b].concat())),
            (Operator::Add, Val::Int(a), Val::Int(b)) => a
                .checked_add(b)
                .map(Val::Int)
                .ok_or_else(|| person("overflow")),
            (Operator::Sub, Val::Int(a), Val::Int(b)) => a
                .checked_sub(b)
                .map(Val::Int)
                .ok_or_else(|| person("overflow")),
            (Operator::Mult, Val::Int(a), Val::Int(b)) => a
                .checked_mul(b)
                .map(Val::Int)
                .ok_or_else(|| person("overflow")),
            (Operator::Mod, Val::Str(format), args) => percent_format(&format, &args),
            _ => Err(person("an operation on values retort cannot evaluate")),
        }
    }

    fn call(&self, call: &ast::ExprCall) -> Result<Val, Unconvertible> {
        // Methods of strings: "sep".join([...]), "text".strip().
        if let Expr::Attribute(attr) = call.func.as_ref() {
            if let Ok(Val::Str(s)) = self.eval(&attr.value) {
                let args = self.eval_all(&call.arguments.args)?;
                return string_method(&s, attr.attr.id.as_str(), &args);
            }
        }
        if let Expr::Name(name) = call.func.as_ref() {
            if name.id.as_str() == "zip" && !self.values.contains_key("zip") {
                let lists = self.eval_all(&call.arguments.args)?;
                let lists: Option<Vec<&[Val]>> = lists.iter().map(Val::as_seq).collect();
                let lists = lists.ok_or_else(|| person("zip() of values not all lists"))?;
                let len = lists.iter().map(|l| l.len()).min().unwrap_or(0);
                return Ok(Val::List(
                    (0..len)
                        .map(|i| Val::Tuple(lists.iter().map(|l| l[i].clone()).collect()))
                        .collect(),
                ));
            }
        }
        let func = match self.eval(&call.func)? {
            Val::Path(path) => canonical(&path),
            other => {
                return Err(person(format!(
                    "calls {}, which retort cannot evaluate",
                    other.describe()
                )))
            }
        };
        let mut args = Vec::new();
        for arg in call.arguments.args.iter() {
            if let Expr::Starred(starred) = arg {
                match self.eval(&starred.value)? {
                    Val::List(items) | Val::Tuple(items) => args.extend(items),
                    _ => return Err(person("a `*` argument that is not a list")),
                }
            } else {
                args.push(self.eval(arg)?);
            }
        }
        let mut kwargs = Vec::new();
        for keyword in call.arguments.keywords.iter() {
            let value = self.eval(&keyword.value)?;
            match &keyword.arg {
                Some(name) => kwargs.push((name.id.to_string(), value)),
                None => match value {
                    Val::Dict(items) => {
                        for (k, v) in items {
                            match k {
                                Val::Str(k) => kwargs.push((k, v)),
                                _ => return Err(person("a `**` argument with a key not a string")),
                            }
                        }
                    }
                    _ => return Err(person("a `**` argument that is not a dict")),
                },
            }
        }
        match func.as_str() {
            "textwrap.dedent" => match args.as_slice() {
                [Val::Str(s)] => Ok(Val::Str(dedent(s))),
                _ => Err(person("textwrap.dedent of something not a string")),
            },
            // op.f(): a name exempt from the naming convention, as written.
            "alembic.op.f" => match args.as_slice() {
                [Val::Str(s)] => Ok(Val::Str(s.clone())),
                _ => Err(person("op.f() of something not a string")),
            },
            // The connection: harmless until read (see Val::Bind).
            "alembic.op.get_bind" if args.is_empty() && kwargs.is_empty() => Ok(Val::Bind),
            "alembic.op.get_context" | "alembic.context.get_context" => {
                Err(person("reads the migration context"))
            }
            "sqlalchemy.MetaData" | "sqlalchemy.Table" | "sqlalchemy.inspect" => {
                Err(person(format!(
                    "`{}` (reflection or table metadata of the application)",
                    func
                )))
            }
            _ => Ok(Val::Call(Box::new(Call { func, args, kwargs }))),
        }
    }

    fn list_comp(&self, comp: &ast::ExprListComp) -> Result<Val, Unconvertible> {
        // [expr for name in CONSTANT]: a loop over constants is still a constant.
        let [generator] = comp.generators.as_slice() else {
            return Err(person("a list comprehension with several `for`s"));
        };
        let Expr::Name(target) = &generator.target else {
            return Err(person("a list comprehension unpacking its items"));
        };
        if !generator.ifs.is_empty() || generator.is_async {
            return Err(person("a list comprehension with a condition"));
        }
        let items = match self.eval(&generator.iter)? {
            Val::List(items) | Val::Tuple(items) => items,
            other => return Err(person(format!("a loop over {}", other.describe()))),
        };
        let mut out = Vec::new();
        let mut inner = self.clone();
        for item in items {
            inner.values.insert(target.id.to_string(), Ok(item));
            out.push(inner.eval(&comp.elt)?);
        }
        Ok(Val::List(out))
    }
}

/// What an expression is, for a placeholder's reason.
fn expression_kind(expr: &Expr) -> &'static str {
    match expr {
        Expr::BoolOp(_) => "an `and`/`or` expression",
        Expr::If(_) => "a conditional expression",
        Expr::Compare(_) => "a comparison",
        Expr::Subscript(_) => "a subscript (`x[...]`)",
        Expr::FString(_) => "an f-string",
        Expr::Lambda(_) => "a lambda",
        Expr::Named(_) => "an assignment expression",
        Expr::Set(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Generator(_) => {
            "a set, dict comprehension or generator"
        }
        Expr::BytesLiteral(_) => "a bytes literal",
        Expr::Await(_) | Expr::Yield(_) | Expr::YieldFrom(_) => "an await or yield",
        _ => "an expression",
    }
}

/// A name from an import: known only under the modules retort understands.
fn known(path: String) -> Result<Val, Unconvertible> {
    let root = path.split('.').next().unwrap_or(&path);
    if KNOWN_ROOTS.contains(&root) {
        // Canonical only when used: `sqlalchemy.sql` is a prefix of many names.
        Ok(Val::Path(path))
    } else {
        Err(person(format!(
            "uses `{path}` from an application import, which retort cannot read"
        )))
    }
}

fn string_method(s: &str, method: &str, args: &[Val]) -> Result<Val, Unconvertible> {
    match (method, args) {
        ("join", [Val::List(items) | Val::Tuple(items)]) => {
            let parts: Option<Vec<&str>> = items.iter().map(Val::as_str).collect();
            parts
                .map(|parts| Val::Str(parts.join(s)))
                .ok_or_else(|| person("str.join of values not all strings"))
        }
        ("strip", []) => Ok(Val::Str(s.trim().to_owned())),
        ("upper", []) => Ok(Val::Str(s.to_uppercase())),
        ("lower", []) => Ok(Val::Str(s.to_lowercase())),
        _ => Err(person(format!(
            "str.{method}(...), which retort cannot evaluate"
        ))),
    }
}

/// `"..." % args` with `%s`, `%d` and `%%` only.
fn percent_format(format: &str, args: &Val) -> Result<Val, Unconvertible> {
    let args: Vec<&Val> = match args {
        Val::Tuple(items) => items.iter().collect(),
        other => vec![other],
    };
    let mut args = args.into_iter();
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => out.push('%'),
            Some('s') | Some('d') => match args.next() {
                Some(Val::Str(s)) => out.push_str(s),
                Some(Val::Int(n)) => out.push_str(&n.to_string()),
                _ => return Err(person("a `%` format retort cannot evaluate")),
            },
            _ => return Err(person("a `%` format retort cannot evaluate")),
        }
    }
    if args.next().is_some() {
        return Err(person("a `%` format with too many arguments"));
    }
    Ok(Val::Str(out))
}

/// Python's `repr` of a float (shortest round trip, with a `.0` when whole).
fn python_float(f: f64) -> String {
    let text = format!("{f:?}");
    text
}

/// Python's `textwrap.dedent`: the common leading whitespace of the lines
/// that are not blank goes; blank lines become empty.
pub fn dedent(text: &str) -> String {
    let margin = text
        .split('\n')
        .filter(|line| !line.trim().is_empty())
        .map(|line| &line[..line.len() - line.trim_start_matches([' ', '\t']).len()])
        .reduce(|a, b| {
            let common = a
                .chars()
                .zip(b.chars())
                .take_while(|(x, y)| x == y)
                .map(|(x, _)| x.len_utf8())
                .sum();
            &a[..common]
        })
        .unwrap_or("");
    text.split('\n')
        .map(|line| {
            if line.trim().is_empty() {
                ""
            } else {
                line.strip_prefix(margin).unwrap_or(line)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval_in(module: &str, expr: &str) -> Result<Val, Unconvertible> {
        let parsed = ruff_python_parser::parse_module(module).expect("module parses");
        let env = Env::of_module(&parsed.syntax().body);
        let parsed = ruff_python_parser::parse_expression(expr).expect("expression parses");
        env.eval(&parsed.syntax().body)
    }

    #[test]
    fn constants_concatenation_and_dedent_evaluate() {
        let module = "import textwrap\nPREFIX = 'ab'\nSQL = PREFIX + 'c'\n";
        assert_eq!(eval_in(module, "SQL + 'd'"), Ok(Val::Str("abcd".into())));
        assert_eq!(
            eval_in(module, "textwrap.dedent('''\n    a\n      b\n''')"),
            Ok(Val::Str("\na\n  b\n".into()))
        );
        assert_eq!(
            eval_in(module, "'%s-%d' % ('x', 3)"),
            Ok(Val::Str("x-3".into()))
        );
    }

    #[test]
    fn f_strings_of_constants_evaluate() {
        let module = "TABLE = 'ports'\nN = 3\nfrom x import y\n";
        assert_eq!(
            eval_in(module, "f'uniq_{TABLE}0{N}' 'x' f\"{{}}\""),
            Ok(Val::Str("uniq_ports03x{}".into()))
        );
        assert!(eval_in(module, "f'{TABLE!r}'").is_err());
        assert!(eval_in(module, "f'{N:>4}'").is_err());
        assert!(eval_in(module, "f'{y}'").is_err());
    }

    #[test]
    fn imports_resolve_under_any_alias() {
        let module = "import sqlalchemy as s\nfrom sqlalchemy.dialects import postgresql as pg\nfrom sqlalchemy.types import Integer as I\n";
        let Ok(Val::Call(call)) = eval_in(module, "pg.JSONB(astext_type=s.Text())") else {
            panic!("a call")
        };
        assert_eq!(call.func, "sqlalchemy.dialects.postgresql.JSONB");
        // Kept as imported; canonical when called or spelled as a type.
        assert_eq!(
            eval_in(module, "I"),
            Ok(Val::Path("sqlalchemy.types.Integer".into()))
        );
        let Ok(Val::Call(call)) = eval_in(module, "s.sql.expression.false()") else {
            panic!("a call")
        };
        assert_eq!(call.func, "sqlalchemy.false");
    }

    #[test]
    fn what_cannot_be_known_says_why() {
        let module = "from octavia.common import constants\nfrom alembic import op\n";
        let err = eval_in(module, "constants.AMPHORA").expect_err("application import");
        assert!(err.reason.contains("application import"), "{err:?}");
        assert_eq!(eval_in(module, "op.get_bind()"), Ok(Val::Bind));
        let err = eval_in(module, "op.get_bind().commit()").expect_err("the database");
        assert!(err.reason.contains("get_bind"), "{err:?}");
        assert_eq!(err.kind, NeedsKind::Person);
    }

    #[test]
    fn a_comprehension_over_constants_evaluates() {
        let module = "NAMES = ['a', 'b']\n";
        assert_eq!(
            eval_in(module, "[{'name': n} for n in NAMES]"),
            Ok(Val::List(vec![
                Val::Dict(vec![(Val::Str("name".into()), Val::Str("a".into()))]),
                Val::Dict(vec![(Val::Str("name".into()), Val::Str("b".into()))]),
            ]))
        );
    }
}
