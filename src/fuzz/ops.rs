//! A project written from bytes, op by op: the input of the `ops` fuzz
//! target. Text mutations of YAML mostly break the YAML; here every input is
//! a well-formed project of a few revisions whose ops name a handful of
//! tables, columns, indexes and constraints, so that the fuzzer spends its
//! time in the schema model, the derived downgrades and the templates.
//!
//! Each byte picks one thing (an op, a name, a flag); past the end of the
//! input every pick is 0, so any input gives a finite project.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Reads choices from the input, one byte each, and keeps a rough idea of
/// the tables and columns the ops so far made, so that most ops name
/// things that exist (a chain of revisions is assumed; branches just make
/// the guess wrong more often).
pub(crate) struct Draw<'a> {
    bytes: &'a [u8],
    at: usize,
    /// A seeded generator's state: when set, bytes come from it instead
    /// (splitmix64), never running out.
    seed: Option<u64>,
    pub(crate) tables: BTreeMap<&'static str, Vec<&'static str>>,
    /// The columns known to hold integers and text, `(table, column)`: a
    /// condition or an expression on a column suits its type when these
    /// are known (the seeded generator reads them from the schema model).
    pub(crate) integers: BTreeSet<(&'static str, &'static str)>,
    pub(crate) texts: BTreeSet<(&'static str, &'static str)>,
}

impl<'a> Draw<'a> {
    /// Choices read from `bytes`, 0 past their end.
    pub(crate) fn of_bytes(bytes: &'a [u8]) -> Self {
        Draw {
            bytes,
            at: 0,
            seed: None,
            tables: BTreeMap::new(),
            integers: BTreeSet::new(),
            texts: BTreeSet::new(),
        }
    }
}

impl Draw<'static> {
    /// Choices from a seeded pseudo-random generator: the same seed, the
    /// same choices, on every machine.
    pub(crate) fn of_seed(seed: u64) -> Self {
        Draw {
            bytes: &[],
            at: 0,
            seed: Some(seed),
            tables: BTreeMap::new(),
            integers: BTreeSet::new(),
            texts: BTreeSet::new(),
        }
    }
}

impl Draw<'_> {
    fn byte(&mut self) -> u8 {
        if let Some(state) = self.seed.as_mut() {
            return splitmix64(state).to_le_bytes()[0];
        }
        let byte = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        byte
    }

    /// A number in `0..n` (`n` > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
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
        if known.is_empty() || self.below(6) == 0 {
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

    /// A column `table` has as far as the draw knows, else `id`: for SQL
    /// text (conditions, expressions) that the model does not read.
    fn known_column_of(&mut self, table: &str) -> &'static str {
        let known = self.tables.get(table).cloned().unwrap_or_default();
        if known.is_empty() {
            "id"
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

/// One step of splitmix64 (Steele, Lea, Flood 2014): small, fast, and good
/// enough to pick ops; written out so that a seed means the same project
/// whatever crate versions are built.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

const TABLES: &[&str] = &["t0", "t1", "t2"];
const COLUMNS: &[&str] = &["id", "c0", "c1", "c2"];

/// `name` as one of the table names ops are drawn with, if it is one.
pub(crate) fn known_table(name: &str) -> Option<&'static str> {
    TABLES.iter().copied().find(|known| *known == name)
}

/// `name` as one of the column names ops are drawn with, if it is one.
pub(crate) fn known_column(name: &str) -> Option<&'static str> {
    COLUMNS.iter().copied().find(|known| *known == name)
}
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
/// The server defaults that suit a type of [`TYPES`]: those an engine
/// takes for it (none for the types without a literal all three take).
fn defaults_for(type_: &str) -> &'static [&'static str] {
    match type_ {
        "Integer" | "BigInteger" | "SmallInteger" => &["\"0\"", "1"],
        "String(20)" | "String" | "Text" | "Unicode(10)" | "{sql: TEXT}" => &["'x'", "\"it's\""],
        "Boolean" => &["true", "false"],
        "Float" | "\"Numeric(10, 2)\"" => &["1.5", "1"],
        "Date" => &["'2024-01-02'"],
        "DateTime" | "\"DateTime(timezone=True)\"" => &[
            "'2024-01-02 03:04:05'",
            "{sql: CURRENT_TIMESTAMP}",
            "{postgresql: {sql: now()}, default: {sql: CURRENT_TIMESTAMP}}",
        ],
        _ => &[],
    }
}

/// A server default for a column of `type_`, if the type has one.
fn default_for(draw: &mut Draw, type_: &str) -> Option<&'static str> {
    let defaults = defaults_for(type_);
    (!defaults.is_empty()).then(|| draw.pick(defaults))
}
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

/// A check condition on a column of `table`: a comparison for an integer
/// column, else a test for NULL, which suits any type.
fn condition(draw: &mut Draw, table: &'static str) -> String {
    let column = draw.known_column_of(table);
    if draw.integers.contains(&(table, column)) {
        format!("{column} > 0")
    } else {
        format!("{column} IS NOT NULL")
    }
}

/// The project of `input`, in the format of [`super::run`].
pub fn project(input: &[u8]) -> String {
    let mut draw = Draw::of_bytes(input);
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
    let type_ = draw.pick(TYPES);
    let mut text = format!("{{name: {name}, type: {type_}");
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
    let default = default_for(draw, type_).filter(|_| extras & 64 != 0);
    if let Some(default) = default {
        let _ = write!(text, ", server_default: {default}");
    }
    if extras & 128 != 0 {
        let target = draw.table();
        let _ = write!(
            text,
            ", foreign_key: {{table: {target}, column: id{}{}}}",
            draw.pick(&["", "", ", name: fk_col"]),
            draw.pick(REFERENTIAL_ACTIONS)
        );
    }
    if default.is_none() && type_ == "Integer" && draw.below(8) == 0 {
        text.push_str(", identity: {start: 10}");
    }
    text.push('}');
    text
}

/// `ondelete` / `onupdate` of a foreign key, mostly none.
const REFERENTIAL_ACTIONS: &[&str] = &[
    "",
    "",
    "",
    ", ondelete: CASCADE",
    ", ondelete: SET NULL",
    ", onupdate: CASCADE",
    ", ondelete: RESTRICT, onupdate: SET NULL",
];

/// A constraint's name: mostly a fixed one, sometimes none (the engine
/// names it).
fn constraint_name(draw: &mut Draw) -> &'static str {
    if draw.below(4) == 0 {
        "null"
    } else {
        draw.pick(CONSTRAINTS)
    }
}

/// Names the engines give unnamed constraints, as a later drop may use them.
const ENGINE_NAMES: &[&str] = &[
    "t0_pkey",
    "t0_c0_key",
    "t1_c0_fkey",
    "t0_c0_check",
    "PRIMARY",
    "c0",
    "t1_ibfk_1",
    "CONSTRAINT_1",
];

/// One op, as a YAML flow mapping (a line of a revision's `upgrade:`).
pub(crate) fn op(draw: &mut Draw) -> String {
    let table = draw.table();
    match draw.below(21) {
        0 => {
            let fresh = draw.pick(TABLES);
            create_table(draw, fresh)
        }
        1 => {
            draw.tables.remove(table);
            if draw.below(4) == 0 {
                format!("drop_table: {{name: {table}, if_exists: true}}")
            } else {
                format!("drop_table: {table}")
            }
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
        6 => create_index(draw, table),
        7 => {
            let on = if draw.flag() { format!(", table: {table}") } else { String::new() };
            let if_exists = if draw.below(4) == 0 { ", if_exists: true" } else { "" };
            format!("drop_index: {{name: {}{on}{if_exists}}}", draw.pick(INDEXES))
        }
        8 => format!(
            "create_unique_constraint: {{name: {}, table: {table}, columns: {}{}}}",
            constraint_name(draw),
            draw.columns_of(table),
            draw.pick(&["", "", ", postgresql_nulls_not_distinct: true"])
        ),
        9 => format!(
            "create_foreign_key: {{name: {}, source_table: {table}, referent_table: {}, local_cols: [{}], remote_cols: [{}]{}{}}}",
            constraint_name(draw),
            draw.table(),
            draw.column_of(table),
            draw.pick(&["id", "id", "c0", "c1"]),
            draw.pick(REFERENTIAL_ACTIONS),
            draw.pick(&["", "", "", ", not_valid: true", ", deferrable: true, initially: DEFERRED"])
        ),
        10 => format!(
            "create_check_constraint: {{name: {}, table: {table}, condition: '{}'{}}}",
            constraint_name(draw),
            condition(draw, table),
            draw.pick(&["", "", "", ", not_valid: true"])
        ),
        11 => drop_constraint(draw, table),
        12 => format!(
            "create_primary_key: {{name: {}, table: {table}, columns: {}}}",
            constraint_name(draw),
            draw.columns_of(table)
        ),
        13 => format!("create_table_comment: {{table: {table}, comment: 'it''s'}}"),
        14 => format!("drop_table_comment: {{table: {table}}}"),
        15 => format!("create_enum: {{name: {}, values: [a, b]}}", draw.pick(ENUMS)),
        16 => format!("drop_enum: {{name: {}}}", draw.pick(ENUMS)),
        // SQL text the model cannot read. It names no table: raw SQL that
        // names one makes the model forget that table's rows (it may change
        // them), and a later key over rows the model forgot is the engine's
        // to check, which the campaign cannot tell from a failure.
        17 => match draw.below(3) {
            0 => "execute: SELECT 1".to_owned(),
            1 => "execute: {sql: 'SELECT 2', reverse: {postgresql: 'SELECT 3', default: 'SELECT 4'}}"
                .to_owned(),
            _ => "execute: {postgresql: 'SELECT 1', default: 'SELECT 2'}".to_owned(),
        },
        _ => bulk_insert(draw, table),
    }
}

fn create_index(draw: &mut Draw, table: &'static str) -> String {
    let column = draw.known_column_of(table);
    let columns = if draw.below(4) == 0 && draw.texts.contains(&(table, column)) {
        format!("[{{sql: lower({column})}}]")
    } else {
        draw.columns_of(table)
    };
    let partial = format!(", where: '{column} IS NOT NULL'");
    let mut text = format!(
        "create_index: {{name: {}, table: {table}, columns: {columns}",
        draw.pick(INDEXES)
    );
    let options = draw.byte();
    let extras = [
        (1, ", unique: true"),
        (2, partial.as_str()),
        (4, ", if_not_exists: true"),
        (8, ", postgresql_using: hash"),
        (16, ", postgresql_nulls_not_distinct: true"),
        (32, ", mysql_using: btree"),
    ];
    // Each option on one draw in four, roughly.
    let mask = options & draw.byte() & 0x3f;
    for (bit, extra) in extras {
        if mask & bit != 0 {
            text.push_str(extra);
        }
    }
    if options & 0xc0 == 0xc0 {
        let _ = write!(text, ", postgresql_include: [{}]", draw.column_of(table));
    }
    text.push('}');
    text
}

fn drop_constraint(draw: &mut Draw, table: &str) -> String {
    let kind = draw.pick(&["", "unique", "foreignkey", "check", "primary"]);
    let typed = if kind.is_empty() {
        String::new()
    } else {
        format!(", type: {kind}")
    };
    match draw.below(4) {
        0 if !kind.is_empty() => {
            let columns = if draw.flag() {
                format!(", columns: {}", draw.columns_of(table))
            } else {
                String::new()
            };
            format!("drop_constraint: {{name: null, table: {table}{typed}{columns}}}")
        }
        1 => format!(
            "drop_constraint: {{name: {}, table: {table}{typed}}}",
            draw.pick(ENGINE_NAMES)
        ),
        _ => format!(
            "drop_constraint: {{name: {}, table: {table}{typed}}}",
            draw.pick(CONSTRAINTS)
        ),
    }
}

fn bulk_insert(draw: &mut Draw, table: &str) -> String {
    let known = draw.tables.get(table).cloned().unwrap_or_default();
    let rows: Vec<String> = (0..1 + draw.below(3))
        .map(|_| {
            let cells: Vec<String> = if known.is_empty() || draw.below(4) == 0 {
                let first = draw.below(COLUMNS.len());
                (0..1 + draw.below(3))
                    .map(|k| COLUMNS[(first + k) % COLUMNS.len()])
                    .map(|name| format!("{name}: {}", draw.pick(VALUES)))
                    .collect()
            } else {
                let mut cells = Vec::new();
                for name in &known {
                    if *name == "id" || draw.flag() {
                        cells.push(format!("{name}: {}", draw.pick(VALUES)));
                    }
                }
                cells
            };
            format!("{{{}}}", cells.join(", "))
        })
        .collect();
    format!(
        "bulk_insert: {{table: {table}, rows: [{}]}}",
        rows.join(", ")
    )
}

/// A `create_table` of `table`: an `id` primary key, up to three more
/// columns, and sometimes a table constraint, an index or a comment.
pub(crate) fn create_table(draw: &mut Draw, table: &'static str) -> String {
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
    let named = if draw.flag() {
        format!(", name: {}", draw.pick(CONSTRAINTS))
    } else {
        String::new()
    };
    let mut extras = match draw.below(5) {
        0 => format!(", constraints: [{{unique: {{columns: [{own}]{named}}}}}]"),
        1 => format!(", constraints: [{{check: {{condition: '{own} IS NOT NULL'{named}}}}}]"),
        2 => {
            let target = if draw.flag() {
                table
            } else {
                draw.pick(TABLES)
            };
            format!(
                ", constraints: [{{foreign_key: {{columns: [{own}], ref_table: {target}, ref_columns: [id]{named}{}}}}}]",
                draw.pick(REFERENTIAL_ACTIONS)
            )
        }
        _ => String::new(),
    };
    if draw.below(4) == 0 {
        let _ = write!(
            extras,
            ", indexes: [{{name: {}, columns: [{}]}}]",
            draw.pick(INDEXES),
            names[draw.below(names.len())]
        );
    }
    match draw.below(8) {
        0 => extras.push_str(", comment: 'a table'"),
        1 => extras.push_str(", if_not_exists: true"),
        2 => extras.push_str(", mysql_engine: InnoDB, mysql_charset: utf8mb4"),
        _ => {}
    }
    draw.tables.insert(table, names);
    format!(
        "create_table: {{name: {table}, columns: [{}]{extras}}}",
        cols.join(", ")
    )
}

fn alter_column(draw: &mut Draw, table: &'static str) -> String {
    let name = draw.column_of(table);
    let mut text = format!("alter_column: {{table: {table}, column: {name}");
    let changes = draw.byte();
    // The column's type after the change, where known: its default suits it.
    let mut type_ = if draw.integers.contains(&(table, name)) {
        "Integer"
    } else if draw.texts.contains(&(table, name)) {
        "Text"
    } else {
        ""
    };
    if changes & 1 != 0 {
        type_ = draw.pick(TYPES);
        let _ = write!(text, ", type: {type_}");
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
    if let Some(default) = default_for(draw, type_).filter(|_| changes & 8 != 0) {
        let _ = write!(text, ", server_default: {default}");
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
