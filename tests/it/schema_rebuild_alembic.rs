//! SQLite table rebuilds compared with Alembic's batch mode itself: the same
//! changes run through `op.batch_alter_table(copy_from=...)` in Alembic's
//! offline mode (the virtualenv of `scripts/test`) print the same statements.

use crate::support;

use std::process::Command;

/// The table before, as retort's r1 creates it and as Alembic's copy_from sees it.
const R1: &str = "revision: r1
down_revision: null
message: table
upgrade:
  - create_table:
      name: children
      columns:
        - {name: id, type: Integer, primary_key: true}
        - {name: qty, type: Integer, nullable: false}
        - {name: note, type: Text}
        - {name: label, type: String(20), server_default: x}
      indexes:
        - {name: ix_children_label, columns: [label]}
";

/// Cases: retort's r2 upgrade ops, and the same as batch operations in Python.
const CASES: &[(&str, &str)] = &[
    (
        "  - alter_column: {table: children, column: qty, type: String(10), nullable: true}
  - alter_column: {table: children, column: note, new_name: body, type: Integer}
  - create_check_constraint: {name: ck_label, table: children, condition: \"label <> ''\"}
",
        "    b.alter_column('qty', type_=sa.String(10), existing_type=sa.Integer, nullable=True)
    b.alter_column('note', new_column_name='body', type_=sa.Integer, existing_type=sa.Text)
    b.create_check_constraint('ck_label', \"label <> ''\")
",
    ),
    (
        "  - alter_column: {table: children, column: label, server_default: null, type: Text}
  - create_unique_constraint: {name: uq_children_qty, table: children, columns: [qty]}
",
        "    b.alter_column('label', server_default=None, type_=sa.Text, existing_type=sa.String(20))
    b.create_unique_constraint('uq_children_qty', ['qty'])
",
    ),
    (
        "  - add_column:
      table: children
      column: {name: parent_id, type: Integer, foreign_key: {table: children, column: id, name: fk_children_parent}}
  - alter_column: {table: children, column: qty, server_default: \"0\"}
",
        "    b.add_column(sa.Column('parent_id', sa.Integer, sa.ForeignKey('children.id', name='fk_children_parent')))
    b.alter_column('qty', server_default='0', existing_type=sa.Integer)
",
    ),
];

const PYTHON: &str = "
import io, sys
import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext
from alembic.operations import Operations

buf = io.StringIO()
ctx = MigrationContext.configure(dialect_name='sqlite', opts={'as_sql': True, 'output_buffer': buf})
op = Operations(ctx)
table = sa.Table(
    'children', sa.MetaData(),
    sa.Column('id', sa.Integer, primary_key=True),
    sa.Column('qty', sa.Integer, nullable=False),
    sa.Column('note', sa.Text),
    sa.Column('label', sa.String(20), server_default='x'),
    sa.Index('ix_children_label', 'label'),
)
with op.batch_alter_table('children', copy_from=table) as b:
";

fn alembic_batch(venv: &std::path::Path, ops: &str) -> String {
    let script = format!("{PYTHON}{ops}sys.stdout.write(buf.getvalue())\n");
    let output = Command::new(venv.join("bin/python"))
        .args(["-c", &script])
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// retort's statements for r1:r2, without the comment and the version row.
fn retort_rebuild(ops: &str) -> String {
    let r2 = format!("revision: r2\ndown_revision: r1\nmessage: change\nupgrade:\n{ops}");
    let project = support::project(&[("revisions/r1.yaml", R1), ("revisions/r2.yaml", &r2)]);
    let output = support::retort()
        .args(["upgrade", "r1:r2", "--dialect", "sqlite", "--project"])
        .arg(project.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    text.split("\n\n")
        .filter(|s| {
            !s.trim().is_empty()
                && !s.starts_with("-- Running")
                && !s.starts_with("UPDATE alembic_version")
        })
        .map(|s| format!("{s}\n\n"))
        .collect()
}

#[test]
fn sqlite_rebuilds_print_what_alembic_batch_mode_prints() {
    let Some(venv) = support::require_alembic() else {
        return;
    };
    for (retort_ops, python_ops) in CASES {
        assert_eq!(
            retort_rebuild(retort_ops),
            alembic_batch(&venv, python_ops),
            "{retort_ops}"
        );
    }
}
