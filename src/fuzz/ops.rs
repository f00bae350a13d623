//! A project written from bytes, op by op: the input of the `ops` fuzz
//! target. Text mutations of YAML mostly break the YAML; here every input is
//! a well-formed project of a few revisions whose ops name a handful of
//! tables, columns, indexes and constraints, so that the fuzzer spends its
//! time in the schema model, the derived downgrades and the templates.
//!
//! Each byte picks one thing (an op, a name, a flag); past the end of the
//! input every pick is 0, so any input gives a finite project.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Reads choices from the input, one byte each, and keeps a rough idea of
/// the tables and columns the ops so far made, so that most ops name
/// things that exist (a chain of revisions is assumed; branches just make
/// the guess wrong more often).
struct Draw<'a> {
    bytes: &'a [u8],
    at: usize,
    tables: BTreeMap<&'static str, Vec<&'static str>>,
}

impl Draw<'_> {
    fn byte(&mut self) -> u8 {
        let byte = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        byte
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n
    }

    fn pick<'s>(&mut self, items: &[&'s str]) -> &'s str {
        items[self.below(items.len())]
    }

    fn flag(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    /// Mostly a table that exists, sometimes any.
    fn table(&mut self) -> &'static str {
        let known: Vec<&'static str> = self.tables.keys().copied().collect();
        if known.is_empty() || self.below(4) == 0 {
            self.pick(TABLES)
        } else {
            self.pick(&known)
        }
    }

    /// Mostly a column `table` has, sometimes any.
    fn column_of(&mut self, table: &str) -> &'static str {
        let known = self.tables.get(table).cloned().unwrap_or_default();
        if known.is_empty() || self.below(4) == 0 {
            self.pick(COLUMNS)
        } else {
            self.pick(&known)
        }
    }

    fn columns_of(&mut self, table: &str) -> String {
        let first = self.column_of(table);
        let second = self.column_of(table);
        if second == first || self.flag() {
            format!("[{first}]")
        } else {
            format!("[{first}, {second}]")
        }
    }
}

const TABLES: &[&str] = &["t0", "t1", "t2"];
const COLUMNS: &[&str] = &["id", "c0", "c1", "c2"];
const INDEXES: &[&str] = &["i0", "i1", "ix_t0_c0"];
const CONSTRAINTS: &[&str] = &["k0", "k1"];
const ENUMS: &[&str] = &["e0", "e1"];
const TYPES: &[&str] = &[
    "Integer",
    "BigInteger",
    "SmallInteger",
    "String(20)",
    "String",
    "Text",
    "Unicode(10)",
    "Boolean",
    "Float",
    "\"Numeric(10, 2)\"",
    "Date",
    "DateTime",
    "\"DateTime(timezone=True)\"",
    "Time",
    "Interval",
    "LargeBinary",
    "JSON",
    "Uuid",
    "\"Enum('a', 'b', name='e0')\"",
    "\"Enum('a', 'b', name='e1', native_enum=False)\"",
    "\"Enum('x', 'y', create_constraint=True)\"",
    "postgresql.JSONB",
    "{postgresql: postgresql.JSONB, default: Text}",
    "{sql: TEXT}",
];
const DEFAULTS: &[&str] = &[
    "\"0\"",
    "'x'",
    "true",
    "1",
    "1.5",
    "'2024-01-02'",
    "{sql: CURRENT_TIMESTAMP}",
    "{postgresql: {sql: now()}, default: '1'}",
    "\"it's\"",
];
const VALUES: &[&str] = &[
    "1",
    "0",
    "-5",
    "'a'",
    "\"it's\"",
    "true",
    "null",
    "1.5",
    "'2024-01-02'",
    "'b'",
];
const CONDITIONS: &[&str] = &["c0 > 0", "id <> 0", "c1 IS NOT NULL"];

/// The project of `input`, in the format of [`super::run`].
pub fn project(input: &[u8]) -> String {
    let mut draw = Draw {
        bytes: input,
        at: 0,
        tables: BTreeMap::new(),
    };
    let count = 1 + draw.below(4);
    let mut files = Vec::new();
    for index in 0..count {
        files.push(revision(&mut draw, index));
    }
    files.join("\n%%\n")
}

fn revision(draw: &mut Draw, index: usize) -> String {
    let mut text = String::new();
    let down = match (index, draw.below(8)) {
        (0, _) | (_, 7) => "null".to_owned(),
        (_, 5) => format!("r{}", draw.below(index)),
        (_, 6) if index > 1 => format!("[r{}, r{}]", index - 1, draw.below(index - 1)),
        _ => format!("r{}", index - 1),
    };
    let _ = writeln!(
        text,
        "revision: r{index}\ndown_revision: {down}\nmessage: m{index}"
    );
    match draw.below(8) {
        0 => {
            let _ = writeln!(text, "branch_labels: [b{index}]");
        }
        1 if index > 0 => {
            let _ = writeln!(text, "depends_on: r{}", draw.below(index));
        }
        2 => {
            let to = draw.below(index + 1);
            let _ = writeln!(text, "#! upgrade r{to}:heads\n#! downgrade heads:r{to}");
        }
        3 => text.push_str("#! upgrade +1\n#! downgrade head:-1\n#! stamp heads:base\n"),
        _ => {}
    }
    text.push_str("upgrade:\n");
    if index == 0 {
        // Something for the other ops to work on.
        let _ = writeln!(text, "  - {}", create_table(draw, "t0"));
    }
    for _ in 0..1 + draw.below(4) {
        let _ = writeln!(text, "  - {}", op(draw));
    }
    match draw.below(6) {
        0 => text.push_str("downgrade: []\n"),
        1 => {
            text.push_str("downgrade:\n");
            for _ in 0..1 + draw.below(3) {
                let _ = writeln!(text, "  - {}", op(draw));
            }
        }
        _ => {}
    }
    text
}

fn column(draw: &mut Draw, name: &str) -> String {
    let mut text = format!("{{name: {name}, type: {}", draw.pick(TYPES));
    let extras = draw.byte();
    let flags = [
        (1, "nullable: false"),
        (2, "primary_key: true"),
        (4, "unique: true"),
        (8, "index: true"),
        (16, "comment: 'a ''note'''"),
        (32, "autoincrement: false"),
    ];
    for (bit, extra) in flags {
        if extras & bit != 0 {
            let _ = write!(text, ", {extra}");
        }
    }
    if extras & 64 != 0 {
        let _ = write!(text, ", server_default: {}", draw.pick(DEFAULTS));
    }
    if extras & 128 != 0 {
        let _ = write!(
            text,
            ", foreign_key: {{table: {}, column: id}}",
            draw.table()
        );
    }
    text.push('}');
    text
}

fn op(draw: &mut Draw) -> String {
    let table = draw.table();
    match draw.below(19) {
        0 => {
            let fresh = draw.pick(TABLES);
            create_table(draw, fresh)
        }
        1 => {
            draw.tables.remove(table);
            format!("drop_table: {table}")
        }
        2 => {
            let new = draw.pick(TABLES);
            let columns = draw.tables.remove(table).unwrap_or_default();
            draw.tables.insert(new, columns);
            format!("rename_table: {{old: {table}, new: {new}}}")
        }
        3 => {
            let name = draw.pick(COLUMNS);
            draw.tables.entry(table).or_default().push(name);
            format!("add_column: {{table: {table}, column: {}}}", column(draw, name))
        }
        4 => {
            let name = draw.column_of(table);
            if let Some(columns) = draw.tables.get_mut(table) {
                columns.retain(|c| *c != name);
            }
            format!("drop_column: {{table: {table}, column: {name}}}")
        }
        5 => alter_column(draw, table),
        6 => {
            let unique = if draw.flag() { ", unique: true" } else { "" };
            let partial = if draw.flag() { ", where: 'c0 > 0'" } else { "" };
            format!(
                "create_index: {{name: {}, table: {table}, columns: {}{unique}{partial}}}",
                draw.pick(INDEXES),
                draw.columns_of(table)
            )
        }
        7 => {
            let on = if draw.flag() { format!(", table: {table}") } else { String::new() };
            format!("drop_index: {{name: {}{on}}}", draw.pick(INDEXES))
        }
        8 => format!(
            "create_unique_constraint: {{name: {}, table: {table}, columns: {}}}",
            draw.pick(CONSTRAINTS),
            draw.columns_of(table)
        ),
        9 => format!(
            "create_foreign_key: {{name: {}, source_table: {table}, referent_table: {}, local_cols: [{}], remote_cols: [{}]{}}}",
            draw.pick(CONSTRAINTS),
            draw.table(),
            draw.column_of(table),
            draw.pick(COLUMNS),
            if draw.flag() { ", ondelete: CASCADE" } else { "" }
        ),
        10 => format!(
            "create_check_constraint: {{name: {}, table: {table}, condition: '{}'}}",
            draw.pick(CONSTRAINTS),
            draw.pick(CONDITIONS)
        ),
        11 => {
            let kind = draw.pick(&["", ", type: unique", ", type: foreignkey", ", type: check", ", type: primary"]);
            format!("drop_constraint: {{name: {}, table: {table}{kind}}}", draw.pick(CONSTRAINTS))
        }
        12 => format!(
            "create_primary_key: {{name: {}, table: {table}, columns: {}}}",
            draw.pick(CONSTRAINTS),
            draw.columns_of(table)
        ),
        13 => format!("create_table_comment: {{table: {table}, comment: 'it''s'}}"),
        14 => format!("drop_table_comment: {{table: {table}}}"),
        15 => format!("create_enum: {{name: {}, values: [a, b]}}", draw.pick(ENUMS)),
        16 => format!("drop_enum: {{name: {}}}", draw.pick(ENUMS)),
        17 => match draw.below(3) {
            0 => "execute: SELECT 1".to_owned(),
            1 => format!("execute: {{sql: 'DELETE FROM {table}', reverse: 'SELECT 2'}}"),
            _ => "execute: {postgresql: 'SELECT 1', default: 'SELECT 2'}".to_owned(),
        },
        _ => {
            let rows: Vec<String> = (0..1 + draw.below(3))
                .map(|_| {
                    let first = draw.below(COLUMNS.len());
                    let cells: Vec<String> = (0..1 + draw.below(3))
                        .map(|k| {
                            let name = COLUMNS[(first + k) % COLUMNS.len()];
                            format!("{name}: {}", draw.pick(VALUES))
                        })
                        .collect();
                    format!("{{{}}}", cells.join(", "))
                })
                .collect();
            format!("bulk_insert: {{table: {table}, rows: [{}]}}", rows.join(", "))
        }
    }
}

fn create_table(draw: &mut Draw, table: &'static str) -> String {
    let mut cols = vec!["{name: id, type: Integer, primary_key: true}".to_owned()];
    let mut names = vec!["id"];
    // Each of c0, c1, c2 at most once, from a drawn one on.
    let first = draw.below(3);
    for k in 0..draw.below(4) {
        let name = COLUMNS[1 + (first + k) % 3];
        cols.push(column(draw, name));
        names.push(name);
    }
    // Constraints on the table's own columns, mostly.
    let own = names[draw.below(names.len())];
    let constraints = match draw.below(4) {
        0 => format!(", constraints: [{{unique: {{columns: [{own}]}}}}]"),
        1 => format!(
            ", constraints: [{{check: {{condition: '{}', name: {}}}}}]",
            draw.pick(CONDITIONS),
            draw.pick(CONSTRAINTS)
        ),
        2 => {
            let target = if draw.flag() {
                table
            } else {
                draw.pick(TABLES)
            };
            format!(
                ", constraints: [{{foreign_key: {{columns: [{own}], ref_table: {target}, ref_columns: [id]}}}}]"
            )
        }
        _ => String::new(),
    };
    draw.tables.insert(table, names);
    format!(
        "create_table: {{name: {table}, columns: [{}]{constraints}}}",
        cols.join(", ")
    )
}

fn alter_column(draw: &mut Draw, table: &str) -> String {
    let name = draw.column_of(table);
    let mut text = format!("alter_column: {{table: {table}, column: {name}");
    let changes = draw.byte();
    if changes & 1 != 0 {
        let _ = write!(text, ", type: {}", draw.pick(TYPES));
    }
    if changes & 2 != 0 {
        let _ = write!(text, ", nullable: {}", draw.flag());
    }
    if changes & 4 != 0 {
        let new = draw.pick(COLUMNS);
        if let Some(columns) = draw.tables.get_mut(table) {
            columns.retain(|c| *c != name);
            columns.push(new);
        }
        let _ = write!(text, ", new_name: {new}");
    }
    if changes & 8 != 0 {
        let _ = write!(text, ", server_default: {}", draw.pick(DEFAULTS));
    }
    if changes & 24 == 16 {
        text.push_str(", server_default: null");
    }
    if changes & 32 != 0 {
        text.push_str(", comment: 'c'");
    }
    if changes & 96 == 64 {
        text.push_str(", comment: null");
    }
    if changes & 128 != 0 {
        let _ = write!(text, ", existing_type: {}", draw.pick(TYPES));
    }
    text.push('}');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_bytes_give_a_loadable_project() {
        for input in [
            &b""[..],
            b"\x05\x03\x00\x07",
            b"\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8",
        ] {
            let outcome = super::super::run(project(input).as_bytes());
            assert!(
                outcome
                    .errors
                    .iter()
                    .all(|e| !e.contains("invalid YAML") && !e.contains("unknown field")),
                "{}\n{:?}",
                project(input),
                outcome.errors
            );
        }
    }
}
