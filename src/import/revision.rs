//! One Alembic revision file → one retort revision: its header (ids,
//! message, date) and its `upgrade`/`downgrade` ops.

use super::eval::{Env, Val};
use super::ops::{convert_body, Item};
use super::python::{alembic_message, create_date, docstring_of, PythonError, PythonFile};
use ruff_python_ast::{Expr, Stmt};

/// A converted revision, ready to write.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The revision id.
    pub revision: String,
    /// Parents.
    pub down_revision: DownRevision,
    /// Branch labels.
    pub branch_labels: Vec<String>,
    /// Dependencies.
    pub depends_on: Vec<String>,
    /// Alembic's message.
    pub message: String,
    /// The docstring's `Create Date:`.
    pub create_date: Option<String>,
    /// The upgrade ops.
    pub upgrade: Vec<Item>,
    /// The downgrade ops; `None` when derived (no `downgrade()`, or only
    /// `pass` or a `raise`).
    pub downgrade: Option<Vec<Item>>,
}

/// `down_revision`: none, one id, or a merge's tuple.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DownRevision {
    /// A root.
    None,
    /// One parent.
    One(String),
    /// A merge.
    Many(Vec<String>),
}

impl Imported {
    /// Every placeholder, upgrade then downgrade.
    pub fn placeholders(&self) -> impl Iterator<Item = &Item> {
        self.upgrade
            .iter()
            .chain(self.downgrade.iter().flatten())
            .filter(|i| matches!(i, Item::Placeholder { .. }))
    }
}

fn module_value(
    file: &PythonFile,
    env: &Env,
    name: &str,
) -> Result<Option<(Val, usize)>, PythonError> {
    for stmt in &file.module.body {
        let (targets, value): (Vec<&Expr>, &Expr) = match stmt {
            Stmt::Assign(a) => (a.targets.iter().collect(), &a.value),
            Stmt::AnnAssign(a) => match &a.value {
                Some(v) => (vec![a.target.as_ref()], v),
                None => continue,
            },
            _ => continue,
        };
        if targets
            .iter()
            .any(|t| matches!(t, Expr::Name(n) if n.id.as_str() == name))
        {
            let offset = ruff_text_size::Ranged::range(value).start().to_usize();
            return env
                .eval(value)
                .map(|v| Some((v, offset)))
                .map_err(|e| file.error(value, format!("`{name}` cannot be read: {}", e.reason)));
        }
    }
    Ok(None)
}

/// A header value other than `revision` (`down_revision`, `branch_labels`,
/// `depends_on`): what cannot be read (an application constant) becomes a
/// placeholder, so that the revision is still written and refused until a
/// person writes the value.
fn header_value(
    file: &PythonFile,
    env: &Env,
    name: &str,
    placeholders: &mut Vec<Item>,
) -> Option<(Val, usize)> {
    for stmt in &file.module.body {
        let (targets, value): (Vec<&Expr>, &Expr) = match stmt {
            Stmt::Assign(a) => (a.targets.iter().collect(), &a.value),
            Stmt::AnnAssign(a) => match &a.value {
                Some(v) => (vec![a.target.as_ref()], v),
                None => continue,
            },
            _ => continue,
        };
        if targets
            .iter()
            .any(|t| matches!(t, Expr::Name(n) if n.id.as_str() == name))
        {
            let offset = ruff_text_size::Ranged::range(value).start().to_usize();
            return match env.eval(value) {
                Ok(v) => Some((v, offset)),
                Err(why) => {
                    placeholders.push(Item::Placeholder {
                        line: file.line_of(stmt),
                        source: file.source(ruff_text_size::Ranged::range(stmt)).to_owned(),
                        why: super::eval::Unconvertible {
                            kind: why.kind,
                            reason: format!(
                                "`{name}` cannot be read ({}); write it in the revision's header and delete this item",
                                why.reason
                            ),
                        },
                    });
                    None
                }
            };
        }
    }
    None
}

fn ids(
    file: &PythonFile,
    value: Option<(Val, usize)>,
    name: &str,
) -> Result<Vec<String>, PythonError> {
    let Some((value, offset)) = value else {
        return Ok(Vec::new());
    };
    let bad = || {
        file.error_at(
            offset,
            format!("`{name}` must be None, a string, or a tuple of strings"),
        )
    };
    match value {
        Val::None => Ok(Vec::new()),
        Val::Str(s) => Ok(vec![s]),
        Val::List(items) | Val::Tuple(items) => items
            .into_iter()
            .map(|i| match i {
                Val::Str(s) => Ok(s),
                _ => Err(bad()),
            })
            .collect(),
        _ => Err(bad()),
    }
}

/// Whether a function body does nothing Alembic could run (`pass`, a
/// docstring, a `raise`): its downgrade is then derived.
fn only_pass_or_raise(body: &[Stmt]) -> bool {
    body.iter().all(|s| match s {
        Stmt::Pass(_) | Stmt::Raise(_) => true,
        Stmt::Expr(e) => matches!(
            e.value.as_ref(),
            Expr::StringLiteral(_) | Expr::EllipsisLiteral(_)
        ),
        _ => false,
    })
}

/// Converts one parsed file.
pub fn import_file(file: &PythonFile) -> Result<Imported, PythonError> {
    let env = Env::of_module(&file.module.body);
    let revision = match module_value(file, &env, "revision")? {
        Some((Val::Str(s), offset)) => {
            crate::load::check_identifier(&s, "revision").map_err(|m| file.error_at(offset, m))?;
            s
        }
        Some((_, offset)) => return Err(file.error_at(offset, "`revision` must be a string")),
        None => {
            return Err(file.error_at(
                0,
                "not an Alembic revision: no module-level `revision = \"...\"`",
            ))
        }
    };
    let mut header_placeholders = Vec::new();
    let down = header_value(file, &env, "down_revision", &mut header_placeholders);
    let down_is_seq = matches!(&down, Some((Val::List(_) | Val::Tuple(_), _)));
    let parents = ids(file, down, "down_revision")?;
    let down_revision = match (parents.len(), down_is_seq) {
        (0, _) => DownRevision::None,
        (1, false) => DownRevision::One(parents[0].clone()),
        _ => DownRevision::Many(parents),
    };
    let branch_labels = ids(
        file,
        header_value(file, &env, "branch_labels", &mut header_placeholders),
        "branch_labels",
    )?;
    let depends_on = ids(
        file,
        header_value(file, &env, "depends_on", &mut header_placeholders),
        "depends_on",
    )?;
    let doc = docstring_of(&file.module.body).unwrap_or_default();
    let function = |name: &str| {
        file.module.body.iter().find_map(|s| match s {
            Stmt::FunctionDef(f) if f.name.id.as_str() == name => Some(f),
            _ => None,
        })
    };
    let upgrade = function("upgrade")
        .ok_or_else(|| file.error_at(0, "not an Alembic revision: no `def upgrade():`"))?;
    let mut upgrade_items = header_placeholders;
    upgrade_items.extend(convert_body(file, &env, &upgrade.body));
    let upgrade = upgrade_items;
    let downgrade = match function("downgrade") {
        Some(f) if !only_pass_or_raise(&f.body) => Some(convert_body(file, &env, &f.body)),
        _ => None,
    };
    Ok(Imported {
        revision,
        down_revision,
        branch_labels,
        depends_on,
        message: alembic_message(&doc),
        create_date: create_date(&doc),
        upgrade,
        downgrade,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use camino::Utf8Path;

    fn import(text: &str) -> Imported {
        let file = PythonFile::parse(Utf8Path::new("v/r.py"), text.into()).expect("parses");
        import_file(&file).expect("a revision")
    }

    #[test]
    fn the_header_converts_as_alembic_reads_it() {
        let r = import(
            "\"\"\"merge heads\n\nRevision ID: m1\n\"\"\"\nrevision: str = 'm1'\ndown_revision = ('a', 'b')\nbranch_labels = 'x'\ndepends_on = None\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    raise NotImplementedError()\n",
        );
        assert_eq!(r.revision, "m1");
        assert_eq!(
            r.down_revision,
            DownRevision::Many(vec!["a".into(), "b".into()])
        );
        assert_eq!(r.branch_labels, vec!["x".to_owned()]);
        assert_eq!(r.message, "merge heads");
        assert!(r.upgrade.is_empty());
        assert!(r.downgrade.is_none(), "a raise derives the downgrade");
    }

    #[test]
    fn a_header_value_from_the_application_is_a_placeholder() {
        let r = import(
            "from app import cli\nrevision = 'r1'\ndown_revision = None\nbranch_labels = (cli.CONTRACT,)\n\ndef upgrade():\n    pass\n",
        );
        assert!(r.branch_labels.is_empty());
        let [Item::Placeholder { line, source, why }] = r.upgrade.as_slice() else {
            panic!("one placeholder: {:?}", r.upgrade)
        };
        assert_eq!(
            (*line, source.as_str()),
            (4, "branch_labels = (cli.CONTRACT,)")
        );
        assert!(
            why.reason.starts_with("`branch_labels` cannot be read"),
            "{why:?}"
        );
    }

    #[test]
    fn a_file_that_is_not_a_revision_is_an_error() {
        let file = PythonFile::parse(Utf8Path::new("v/h.py"), "X = 1\n".into()).expect("parses");
        let error = import_file(&file).expect_err("not a revision");
        assert_eq!((error.line, error.column), (1, 1));
        assert!(error.message.contains("not an Alembic revision"), "{error}");
    }
}
