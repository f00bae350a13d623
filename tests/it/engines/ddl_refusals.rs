//! What each engine refuses when DDL runs and retort refuses at compile
//! time (`foreign_keys` and `keys_are_named_indexes` in dialect.yaml),
//! proven both ways: where retort compiles the op, the
//! engine runs the script; where retort refuses it, the engine refuses the
//! same DDL written by hand. Each case also says on which engines it is
//! refused, so a dialect fact that drifts from the engine fails here.

use crate::support;
use support::engines::{per_engine, Engine};

/// A table whose foreign key references `parent.code`, as ops and as the
/// engine's SQL.
const CHILD_OF_CODE: &str = "
  - create_table:
      name: child
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: code, type: Integer, foreign_key: {table: parent, column: code}}";
const CHILD_OF_CODE_SQL: &str =
    "CREATE TABLE child (id INTEGER NOT NULL PRIMARY KEY, code INTEGER, \
                                 FOREIGN KEY (code) REFERENCES parent (code));";

/// One op and what the engines do with it.
struct Case {
    /// What the case shows.
    label: &'static str,
    /// The ops of the revision before the one under test.
    setup_ops: &'static str,
    /// The ops of the revision under test.
    ops: &'static str,
    /// The same as `setup_ops`, as SQL every engine runs.
    setup_sql: &'static str,
    /// The same as `ops`, as SQL of the engines that refuse it.
    sql: &'static str,
    /// The engines that refuse `sql`.
    refused_on: &'static [Engine],
    /// MariaDB's spelling of `sql`, where it differs.
    mariadb_sql: Option<&'static str>,
    /// What retort's refusal says.
    rule: &'static str,
}

const PARENT_OPS: &str = "
  - create_table:
      name: parent
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: code, type: Integer}
        - {name: code2, type: Integer}";

const PARENT_SQL: &str =
    "CREATE TABLE parent (id INTEGER NOT NULL PRIMARY KEY, code INTEGER, code2 INTEGER);";

const NO_KEY: &str = "the referenced columns need";

const CASES: &[Case] = &[
    Case {
        label: "no key or index on the referenced column",
        setup_ops: "",
        ops: CHILD_OF_CODE,
        setup_sql: "",
        sql: CHILD_OF_CODE_SQL,
        refused_on: &[Engine::Postgres, Engine::MariaDb],
        mariadb_sql: None,
        rule: NO_KEY,
    },
    Case {
        label: "a plain index on the referenced column",
        setup_ops: "
  - create_index: {name: ix_parent_code, table: parent, columns: [code]}",
        ops: CHILD_OF_CODE,
        setup_sql: "CREATE INDEX ix_parent_code ON parent (code);",
        sql: CHILD_OF_CODE_SQL,
        refused_on: &[Engine::Postgres],
        mariadb_sql: None,
        rule: NO_KEY,
    },
    Case {
        label: "a unique key whose first column is the referenced one",
        setup_ops: "
  - create_unique_constraint: {name: uq_parent_codes, table: parent, columns: [code, code2]}",
        ops: CHILD_OF_CODE,
        setup_sql: "CREATE UNIQUE INDEX uq_parent_codes ON parent (code, code2);",
        sql: CHILD_OF_CODE_SQL,
        refused_on: &[Engine::Postgres],
        mariadb_sql: None,
        rule: NO_KEY,
    },
    Case {
        label: "a unique constraint on the referenced column",
        setup_ops: "
  - create_unique_constraint: {name: uq_parent_code, table: parent, columns: [code]}",
        ops: "
  - create_table:
      name: child
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: code, type: Integer}
  - create_foreign_key: {name: fk_child_code, source_table: child, referent_table: parent, local_cols: [code], remote_cols: [code]}",
        setup_sql: "",
        sql: "",
        refused_on: &[],
        mariadb_sql: None,
        rule: "",
    },
    Case {
        label: "SET NULL on a NOT NULL column",
        setup_ops: "",
        ops: "
  - create_table:
      name: child
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: parent_id, type: Integer, nullable: false}
  - create_foreign_key: {name: fk_child_parent, source_table: child, referent_table: parent, local_cols: [parent_id], remote_cols: [id], ondelete: SET NULL}",
        setup_sql: "",
        sql: "CREATE TABLE child (id INTEGER NOT NULL PRIMARY KEY, parent_id INTEGER NOT NULL, \
              FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE SET NULL);",
        refused_on: &[Engine::MariaDb],
        mariadb_sql: None,
        rule: "a SET NULL action needs nullable columns",
    },
    Case {
        label: "NOT NULL on a column a foreign key sets to NULL",
        setup_ops: "
  - create_table:
      name: child
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: parent_id, type: Integer, foreign_key: {table: parent, column: id, ondelete: SET NULL}}",
        ops: "
  - alter_column: {table: child, column: parent_id, nullable: false}",
        setup_sql: "CREATE TABLE child (id INTEGER NOT NULL PRIMARY KEY, parent_id INTEGER, \
                    FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE SET NULL);",
        sql: "ALTER TABLE child MODIFY parent_id INTEGER NOT NULL;",
        refused_on: &[Engine::MariaDb],
        mariadb_sql: None,
        rule: "a SET NULL action needs nullable columns",
    },
    Case {
        label: "a unique constraint named like an index of another table",
        setup_ops: "
  - create_table:
      name: other
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: v, type: Integer}
  - create_index: {name: shared_name, table: other, columns: [v]}",
        ops: "
  - create_unique_constraint: {name: shared_name, table: parent, columns: [code]}",
        setup_sql: "CREATE TABLE other (id INTEGER NOT NULL PRIMARY KEY, v INTEGER); \
                    CREATE INDEX shared_name ON other (v);",
        sql: "ALTER TABLE parent ADD CONSTRAINT shared_name UNIQUE (code);",
        refused_on: &[Engine::Postgres],
        mariadb_sql: None,
        rule: KEY_NAMES,
    },
    Case {
        label: "an index named like a unique constraint of another table",
        setup_ops: "
  - create_unique_constraint: {name: uq_shared, table: parent, columns: [code]}
  - create_table:
      name: other
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: v, type: Integer}",
        ops: "
  - create_index: {name: uq_shared, table: other, columns: [v]}",
        setup_sql: "ALTER TABLE parent ADD CONSTRAINT uq_shared UNIQUE (code); \
                    CREATE TABLE other (id INTEGER NOT NULL PRIMARY KEY, v INTEGER);",
        sql: "CREATE INDEX uq_shared ON other (v);",
        refused_on: &[Engine::Postgres],
        mariadb_sql: None,
        rule: KEY_NAMES,
    },
    Case {
        label: "dropping the unique constraint a foreign key references",
        setup_ops: "
  - create_unique_constraint: {name: uq_parent_code, table: parent, columns: [code]}
  - create_table:
      name: child
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: code, type: Integer, foreign_key: {table: parent, column: code}}",
        ops: "
  - drop_constraint: {name: uq_parent_code, table: parent, type: unique}",
        setup_sql: "ALTER TABLE parent ADD CONSTRAINT uq_parent_code UNIQUE (code); \
                    CREATE TABLE child (id INTEGER NOT NULL PRIMARY KEY, code INTEGER, \
                    FOREIGN KEY (code) REFERENCES parent (code));",
        sql: "ALTER TABLE parent DROP CONSTRAINT uq_parent_code;",
        refused_on: &[Engine::Postgres, Engine::MariaDb],
        mariadb_sql: None,
        rule: KEY_IN_USE,
    },
    Case {
        label: "dropping a unique index a foreign key references, another leading with its column",
        setup_ops: "
  - create_index: {name: ix_parent_code, table: parent, columns: [code, code2]}
  - create_index: {name: uq_parent_code, table: parent, columns: [code], unique: true}
  - create_table:
      name: child
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: code, type: Integer, foreign_key: {table: parent, column: code}}",
        ops: "
  - drop_index: {name: uq_parent_code, table: parent}",
        setup_sql: "CREATE INDEX ix_parent_code ON parent (code, code2); \
                    CREATE UNIQUE INDEX uq_parent_code ON parent (code); \
                    CREATE TABLE child (id INTEGER NOT NULL PRIMARY KEY, code INTEGER, \
                    FOREIGN KEY (code) REFERENCES parent (code));",
        sql: "DROP INDEX uq_parent_code;",
        refused_on: &[Engine::Postgres],
        mariadb_sql: None,
        rule: KEY_IN_USE,
    },
    Case {
        label: "dropping the primary key a foreign key references",
        setup_ops: "
  - create_table:
      name: child
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: parent_id, type: Integer, foreign_key: {table: parent, column: id}}",
        ops: "
  - drop_constraint: {name: null, table: parent, type: primary}",
        setup_sql: "CREATE TABLE child (id INTEGER NOT NULL PRIMARY KEY, parent_id INTEGER, \
                    FOREIGN KEY (parent_id) REFERENCES parent (id));",
        sql: "ALTER TABLE parent DROP CONSTRAINT parent_pkey;",
        refused_on: &[Engine::Postgres, Engine::MariaDb],
        mariadb_sql: Some("ALTER TABLE parent DROP PRIMARY KEY;"),
        rule: KEY_IN_USE,
    },
    Case {
        label: "a type change of a foreign key's column to a type that does not compare",
        setup_ops: "
  - create_table:
      name: child
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: parent_id, type: Integer, foreign_key: {table: parent, column: id}}",
        ops: "
  - alter_column: {table: child, column: parent_id, type: String(20)}",
        setup_sql: "CREATE TABLE child (id INTEGER NOT NULL PRIMARY KEY, parent_id INTEGER, \
                    FOREIGN KEY (parent_id) REFERENCES parent (id));",
        sql: "ALTER TABLE child ALTER COLUMN parent_id TYPE VARCHAR(20);",
        refused_on: &[Engine::Postgres, Engine::MariaDb],
        mariadb_sql: Some("ALTER TABLE child MODIFY parent_id VARCHAR(20);"),
        rule: "refuses this: column `parent_id` of table `child` changes type",
    },
    Case {
        label: "a referenced column widened from Integer to BigInteger",
        setup_ops: "
  - create_table:
      name: child
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: parent_id, type: Integer, foreign_key: {table: parent, column: id}}",
        ops: "
  - alter_column: {table: parent, column: id, type: BigInteger}",
        setup_sql: "CREATE TABLE child (id INTEGER NOT NULL PRIMARY KEY, parent_id INTEGER, \
                    FOREIGN KEY (parent_id) REFERENCES parent (id));",
        sql: "ALTER TABLE parent MODIFY id BIGINT NOT NULL;",
        refused_on: &[Engine::MariaDb],
        mariadb_sql: None,
        rule: "a column a foreign key uses cannot change its type",
    },
    Case {
        label: "a foreign key from a String column to an Integer one",
        setup_ops: "",
        ops: "
  - create_table:
      name: child
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: parent_id, type: String(20), foreign_key: {table: parent, column: id}}",
        setup_sql: "",
        sql: "CREATE TABLE child (id INTEGER NOT NULL PRIMARY KEY, parent_id VARCHAR(20), \
              FOREIGN KEY (parent_id) REFERENCES parent (id));",
        refused_on: &[Engine::Postgres, Engine::MariaDb],
        mariadb_sql: None,
        rule: TYPES_PAIR,
    },
    Case {
        label: "an index on an expression",
        setup_ops: "",
        ops: "
  - create_index: {name: ix_parent_code_plus, table: parent, columns: [{sql: \"abs(code)\"}]}",
        setup_sql: "",
        sql: "CREATE INDEX ix_parent_code_plus ON parent (abs(code));",
        refused_on: &[Engine::MariaDb],
        mariadb_sql: None,
        rule: "the engine has no index on an expression",
    },
    Case {
        label: "a check on an AUTO_INCREMENT column",
        setup_ops: "
  - create_table:
      name: counted
      columns:
        - {name: id, type: Integer, primary_key: true}",
        ops: "
  - create_check_constraint: {name: ck_counted_id, table: counted, condition: id > 0}",
        setup_sql: "CREATE TABLE counted (id INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY);",
        sql: "ALTER TABLE counted ADD CONSTRAINT ck_counted_id CHECK (id > 0);",
        refused_on: &[Engine::MariaDb],
        mariadb_sql: None,
        rule: "a check cannot name an AUTO_INCREMENT column",
    },
    Case {
        label: "a check on a column a foreign key's action writes",
        setup_ops: "
  - create_table:
      name: child
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: parent_id, type: Integer, foreign_key: {table: parent, column: id, ondelete: SET NULL}}",
        ops: "
  - create_check_constraint: {name: ck_child_parent, table: child, condition: parent_id > 0}",
        setup_sql: "CREATE TABLE child (id INTEGER NOT NULL PRIMARY KEY, parent_id INTEGER, \
                    FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE SET NULL);",
        sql: "ALTER TABLE child ADD CONSTRAINT ck_child_parent CHECK (parent_id > 0);",
        refused_on: &[Engine::MariaDb],
        mariadb_sql: None,
        rule: "a check cannot name a column a foreign key's referential action writes",
    },
    Case {
        label: "a check on a column a foreign key deletes with",
        setup_ops: "
  - create_table:
      name: child
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: parent_id, type: Integer, foreign_key: {table: parent, column: id, ondelete: CASCADE}}",
        ops: "
  - create_check_constraint: {name: ck_child_parent, table: child, condition: parent_id > 0}",
        setup_sql: "",
        sql: "",
        refused_on: &[],
        mariadb_sql: None,
        rule: "",
    },
    Case {
        label: "dropping the primary key of an AUTO_INCREMENT column",
        setup_ops: "
  - create_table:
      name: counted
      columns:
        - {name: id, type: Integer, primary_key: true}",
        ops: "
  - drop_constraint: {name: null, table: counted, type: primary}",
        setup_sql: "CREATE TABLE counted (id INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY);",
        sql: "ALTER TABLE counted DROP PRIMARY KEY;",
        refused_on: &[Engine::MariaDb],
        mariadb_sql: None,
        rule: "an AUTO_INCREMENT column must lead a key",
    },
    Case {
        label: "a foreign key named like one of another table",
        setup_ops: "
  - create_table:
      name: child
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: parent_id, type: Integer, foreign_key: {table: parent, column: id, name: fk_parent}}",
        ops: "
  - create_table:
      name: child2
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: parent_id, type: Integer, foreign_key: {table: parent, column: id, name: fk_parent}}",
        setup_sql: "CREATE TABLE child (id INTEGER NOT NULL PRIMARY KEY, parent_id INTEGER, \
                    CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent (id));",
        sql: "CREATE TABLE child2 (id INTEGER NOT NULL PRIMARY KEY, parent_id INTEGER, \
              CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent (id));",
        refused_on: &[Engine::MariaDb],
        mariadb_sql: None,
        rule: "foreign key names are one namespace per schema",
    },
    Case {
        label: "dropping the last column of a table",
        setup_ops: "
  - create_table:
      name: solo
      columns:
        - {name: a, type: Integer}",
        ops: "
  - drop_column: {table: solo, column: a}",
        setup_sql: "CREATE TABLE solo (a INTEGER);",
        sql: "ALTER TABLE solo DROP COLUMN a;",
        refused_on: &[Engine::MariaDb, Engine::Sqlite],
        mariadb_sql: None,
        rule: "a table keeps at least one column",
    },
    Case {
        label: "a column renamed to its own name",
        setup_ops: "",
        ops: "
  - alter_column: {table: parent, column: code, new_name: code}",
        setup_sql: "",
        sql: "ALTER TABLE parent RENAME code TO code;",
        refused_on: &[Engine::Postgres],
        mariadb_sql: None,
        rule: "a column cannot be renamed to the name it has",
    },
    Case {
        label: "a foreign key from a raw TEXT column to an Integer one",
        setup_ops: "",
        ops: "
  - create_table:
      name: child
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: parent_id, type: {sql: TEXT}, foreign_key: {table: parent, column: id}}",
        setup_sql: "",
        sql: "CREATE TABLE child (id INTEGER NOT NULL PRIMARY KEY, parent_id TEXT, \
              FOREIGN KEY (parent_id) REFERENCES parent (id));",
        refused_on: &[Engine::Postgres, Engine::MariaDb],
        mariadb_sql: None,
        rule: TYPES_PAIR,
    },
    Case {
        label: "a unique hash index",
        setup_ops: "",
        ops: "
  - create_index: {name: ix_parent_code_hash, table: parent, columns: [code], unique: true, postgresql_using: hash}",
        setup_sql: "",
        sql: "CREATE UNIQUE INDEX ix_parent_code_hash ON parent USING hash (code);",
        refused_on: &[Engine::Postgres],
        mariadb_sql: None,
        rule: "does not support unique indexes",
    },
    Case {
        label: "a hash index on two columns",
        setup_ops: "",
        ops: "
  - create_index: {name: ix_parent_codes_hash, table: parent, columns: [code, code2], postgresql_using: hash}",
        setup_sql: "",
        sql: "CREATE INDEX ix_parent_codes_hash ON parent USING hash (code, code2);",
        refused_on: &[Engine::Postgres],
        mariadb_sql: None,
        rule: "does not support multicolumn indexes",
    },
    Case {
        label: "a hash index with INCLUDE columns",
        setup_ops: "",
        ops: "
  - create_index: {name: ix_parent_code_hash, table: parent, columns: [code], postgresql_using: hash, postgresql_include: [code2]}",
        setup_sql: "",
        sql: "CREATE INDEX ix_parent_code_hash ON parent USING hash (code) INCLUDE (code2);",
        refused_on: &[Engine::Postgres],
        mariadb_sql: None,
        rule: "does not support included columns",
    },
    Case {
        label: "a hash index on one column, a SP-GiST index on text",
        setup_ops: "
  - add_column: {table: parent, column: {name: label, type: {postgresql: Text, default: Integer}}}",
        ops: "
  - create_index: {name: ix_parent_code_hash, table: parent, columns: [code], postgresql_using: hash}
  - create_index: {name: ix_parent_label_sp, table: parent, columns: [label], postgresql_using: spgist}",
        setup_sql: "",
        sql: "",
        refused_on: &[],
        mariadb_sql: None,
        rule: "",
    },
    Case {
        label: "a GIN index on an integer column",
        setup_ops: "",
        ops: "
  - create_index: {name: ix_parent_code_gin, table: parent, columns: [code], postgresql_using: gin}",
        setup_sql: "",
        sql: "CREATE INDEX ix_parent_code_gin ON parent USING gin (code);",
        refused_on: &[Engine::Postgres],
        mariadb_sql: None,
        rule: OPERATOR_CLASS,
    },
    Case {
        label: "an index on a JSON column",
        setup_ops: DOC_OPS,
        ops: "
  - create_index: {name: ix_doc_body, table: doc, columns: [body]}",
        setup_sql: DOC_SQL,
        sql: "CREATE INDEX ix_doc_body ON doc (body);",
        refused_on: &[Engine::Postgres],
        mariadb_sql: None,
        rule: OPERATOR_CLASS,
    },
    Case {
        label: "a unique constraint on a JSON column",
        setup_ops: DOC_OPS,
        ops: "
  - create_unique_constraint: {name: uq_doc_body, table: doc, columns: [body]}",
        setup_sql: DOC_SQL,
        sql: "ALTER TABLE doc ADD CONSTRAINT uq_doc_body UNIQUE (body);",
        refused_on: &[Engine::Postgres],
        mariadb_sql: None,
        rule: OPERATOR_CLASS,
    },
    Case {
        label: "an indexed column changed to JSON",
        setup_ops: "
  - create_index: {name: ix_parent_code, table: parent, columns: [code]}",
        ops: "
  - alter_column: {table: parent, column: code, type: {postgresql: JSON, default: Integer}}",
        setup_sql: "CREATE INDEX ix_parent_code ON parent (code);",
        sql: "ALTER TABLE parent ALTER COLUMN code TYPE JSON USING code::text::json;",
        refused_on: &[Engine::Postgres],
        mariadb_sql: None,
        rule: OPERATOR_CLASS,
    },
    Case {
        label: "a GIN index and a unique constraint on a JSONB column",
        setup_ops: "",
        ops: "
  - add_column: {table: parent, column: {name: doc, type: {postgresql: postgresql.JSONB, default: Integer}}}
  - create_index: {name: ix_parent_doc_gin, table: parent, columns: [doc], postgresql_using: gin}
  - create_unique_constraint: {name: uq_parent_doc, table: parent, columns: [doc]}",
        setup_sql: "",
        sql: "",
        refused_on: &[],
        mariadb_sql: None,
        rule: "",
    },
    Case {
        label: "a SERIAL column changed to a date",
        setup_ops: COUNTED_OPS,
        ops: "
  - alter_column: {table: counted, column: id, type: {postgresql: Date, default: BigInteger}}",
        setup_sql: "CREATE TABLE counted (id SERIAL PRIMARY KEY);",
        sql: "ALTER TABLE counted ALTER COLUMN id TYPE DATE USING id::text::date;",
        refused_on: &[Engine::Postgres],
        mariadb_sql: None,
        rule: "a SERIAL column's default, nextval() of its sequence, must cast to the new type",
    },
    Case {
        label: "a SERIAL column changed to a string",
        setup_ops: COUNTED_OPS,
        ops: "
  - alter_column: {table: counted, column: id, type: {postgresql: String(20), default: BigInteger}}",
        setup_sql: "",
        sql: "",
        refused_on: &[],
        mariadb_sql: None,
        rule: "",
    },
    Case {
        label: "an identity column changed to a numeric",
        setup_ops: "
  - create_table:
      name: counted
      columns:
        - {name: id, type: Integer, primary_key: true, identity: {start: 1}}",
        ops: "
  - alter_column: {table: counted, column: id, type: {postgresql: Numeric(10), default: BigInteger}}",
        setup_sql: "CREATE TABLE counted (id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);",
        sql: "ALTER TABLE counted ALTER COLUMN id TYPE NUMERIC(10);",
        refused_on: &[Engine::Postgres],
        mariadb_sql: None,
        rule: "an identity column keeps an integer type",
    },
    Case {
        label: "a primary key on a TEXT column",
        setup_ops: "",
        ops: "
  - create_table:
      name: noted
      columns:
        - {name: note, type: Text, primary_key: true}",
        setup_sql: "",
        sql: "CREATE TABLE noted (note TEXT NOT NULL PRIMARY KEY);",
        refused_on: &[Engine::MariaDb],
        mariadb_sql: None,
        rule: "a primary key cannot hold a BLOB or TEXT column",
    },
    Case {
        label: "a unique constraint on a TEXT column (MariaDB: a HASH key)",
        setup_ops: NOTE_OPS,
        ops: "
  - create_unique_constraint: {name: uq_parent_note, table: parent, columns: [note, code]}",
        setup_sql: "",
        sql: "",
        refused_on: &[],
        mariadb_sql: None,
        rule: "",
    },
    Case {
        label: "a B-tree unique index on a TEXT column",
        setup_ops: NOTE_OPS,
        ops: "
  - create_index: {name: uq_parent_note, table: parent, columns: [note], unique: true, mysql_using: btree}",
        setup_sql: NOTE_SQL,
        sql: "CREATE UNIQUE INDEX uq_parent_note USING BTREE ON parent (note);",
        refused_on: &[Engine::MariaDb],
        mariadb_sql: None,
        rule: "a B-tree unique key cannot hold a BLOB or TEXT column",
    },
    Case {
        label: "an index of a TEXT column alone (MariaDB keys its first characters)",
        setup_ops: NOTE_OPS,
        ops: "
  - create_index: {name: ix_parent_note, table: parent, columns: [note]}",
        setup_sql: "",
        sql: "",
        refused_on: &[],
        mariadb_sql: None,
        rule: "",
    },
    Case {
        label: "an index of several columns, one of them TEXT",
        setup_ops: NOTE_OPS,
        ops: "
  - create_index: {name: ix_parent_code_note, table: parent, columns: [code, note]}",
        setup_sql: NOTE_SQL,
        sql: "CREATE INDEX ix_parent_code_note ON parent (code, note);",
        refused_on: &[Engine::MariaDb],
        mariadb_sql: None,
        rule: BLOB_INDEX,
    },
    Case {
        label: "an index of several columns, one of them a short TEXT (TINYTEXT on MariaDB)",
        setup_ops: "
  - add_column: {table: parent, column: {name: tag, type: {mysql: Text(63), default: Text}}}",
        ops: "
  - create_index: {name: ix_parent_code_tag, table: parent, columns: [code, tag]}",
        setup_sql: "",
        sql: "",
        refused_on: &[],
        mariadb_sql: None,
        rule: "",
    },
    Case {
        label: "a column of an index of several columns changed to TEXT",
        setup_ops: "
  - create_index: {name: ix_parent_codes, table: parent, columns: [code, code2]}",
        ops: "
  - alter_column: {table: parent, column: code2, type: Text}",
        setup_sql: "CREATE INDEX ix_parent_codes ON parent (code, code2);",
        sql: "ALTER TABLE parent ALTER COLUMN code2 TYPE TEXT;",
        refused_on: &[Engine::MariaDb],
        mariadb_sql: Some("ALTER TABLE parent MODIFY code2 TEXT;"),
        rule: BLOB_INDEX,
    },
    Case {
        label: "a foreign key on TEXT columns",
        setup_ops: "
  - create_table:
      name: noted
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: note, type: Text, unique: true}",
        ops: "
  - create_table:
      name: child
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: note, type: Text, foreign_key: {table: noted, column: note}}",
        setup_sql: "CREATE TABLE noted (id INTEGER NOT NULL PRIMARY KEY, note TEXT, UNIQUE (note));",
        sql: "CREATE TABLE child (id INTEGER NOT NULL PRIMARY KEY, note TEXT, \
              FOREIGN KEY (note) REFERENCES noted (note));",
        refused_on: &[Engine::MariaDb],
        mariadb_sql: None,
        rule: "a foreign key cannot use a BLOB or TEXT column",
    },
    Case {
        label: "an if_exists drop of an index of a table that is gone (renamed)",
        setup_ops: "
  - rename_table: {old: parent, new: parent2}",
        ops: "
  - drop_index: {name: ix_parent_code, table: parent, if_exists: true}",
        setup_sql: "ALTER TABLE parent RENAME TO parent2;",
        sql: "DROP INDEX IF EXISTS ix_parent_code ON parent;",
        refused_on: &[Engine::MariaDb],
        mariadb_sql: None,
        rule: "DROP INDEX IF EXISTS ... ON t still needs table t",
    },
    Case {
        label: "a type change of an AUTO_INCREMENT column to one that does not count",
        setup_ops: COUNTED_OPS,
        ops: "
  - alter_column: {table: counted, column: id, type: \"Numeric(10, 2)\"}",
        setup_sql: COUNTED_SQL,
        sql: "ALTER TABLE counted MODIFY id NUMERIC(10, 2) NOT NULL AUTO_INCREMENT;",
        refused_on: &[Engine::MariaDb],
        mariadb_sql: None,
        rule: "an AUTO_INCREMENT column needs an integer or floating-point type",
    },
    Case {
        label: "a type change of an AUTO_INCREMENT column to a wider integer",
        setup_ops: COUNTED_OPS,
        ops: "
  - alter_column: {table: counted, column: id, type: BigInteger}",
        setup_sql: "",
        sql: "",
        refused_on: &[],
        mariadb_sql: None,
        rule: "",
    },
    Case {
        label: "an AUTO_INCREMENT column rewritten with a server default",
        setup_ops: COUNTED_OPS,
        ops: "
  - alter_column: {table: counted, column: id, comment: c, server_default: '1'}",
        setup_sql: COUNTED_SQL,
        sql: "ALTER TABLE counted MODIFY id INTEGER NOT NULL AUTO_INCREMENT DEFAULT '1' COMMENT 'c';",
        refused_on: &[Engine::MariaDb],
        mariadb_sql: None,
        rule: "an AUTO_INCREMENT column's definition takes no DEFAULT",
    },
    Case {
        label: "a deferrable foreign key",
        setup_ops: "",
        ops: "
  - create_table:
      name: child
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: parent_id, type: Integer}
  - create_foreign_key: {name: fk_child_parent, source_table: child, referent_table: parent, local_cols: [parent_id], remote_cols: [id], deferrable: true, initially: DEFERRED}",
        setup_sql: "",
        sql: "CREATE TABLE child (id INTEGER NOT NULL PRIMARY KEY, parent_id INTEGER, \
              FOREIGN KEY (parent_id) REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);",
        refused_on: &[Engine::MariaDb],
        mariadb_sql: None,
        rule: "MySQL and MariaDB have no DEFERRABLE or INITIALLY",
    },
    Case {
        label: "a unique key on a TEXT column and the AUTO_INCREMENT one (MariaDB: a HASH key)",
        setup_ops: "
  - create_table:
      name: counted
      columns:
        - {name: id, type: Integer, primary_key: true}
        - {name: note, type: Text}",
        ops: "
  - create_unique_constraint: {name: uq_counted, table: counted, columns: [note, id]}",
        setup_sql: "CREATE TABLE counted (id INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY, note TEXT);",
        sql: "ALTER TABLE counted ADD CONSTRAINT uq_counted UNIQUE (note, id);",
        refused_on: &[Engine::MariaDb],
        mariadb_sql: None,
        rule: "a HASH unique key",
    },
];

/// A table whose integer primary key counts rows (SERIAL, AUTO_INCREMENT).
const COUNTED_OPS: &str = "
  - create_table:
      name: counted
      columns:
        - {name: id, type: Integer, primary_key: true}";

/// A table with a column of type JSON on PostgreSQL (Integer elsewhere, so
/// that only PostgreSQL's rule is under test).
const DOC_OPS: &str = "
  - create_table:
      name: doc
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: body, type: {postgresql: JSON, default: Integer}}";
const DOC_SQL: &str = "CREATE TABLE doc (id INTEGER NOT NULL PRIMARY KEY, body JSON);";

const OPERATOR_CLASS: &str =
    "a column's type needs a default operator class for the index's access method";

const COUNTED_SQL: &str = "CREATE TABLE counted (id INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY);";

/// A TEXT column `note` added to `parent`, as ops and as SQL.
const NOTE_OPS: &str = "
  - add_column: {table: parent, column: {name: note, type: Text}}";

const NOTE_SQL: &str = "ALTER TABLE parent ADD COLUMN note TEXT;";

const BLOB_INDEX: &str = "an index of several columns cannot hold a BLOB or TEXT column";

const TYPES_PAIR: &str = "a foreign key's columns need types comparable";

const KEY_IN_USE: &str = "a key or index that a foreign key references cannot be dropped";

const KEY_NAMES: &str = "index names are one namespace per schema";

fn refusals_match_the_engine(engine: Engine) {
    for case in CASES {
        let project = support::two_revisions(&format!("{PARENT_OPS}{}", case.setup_ops), case.ops);
        let output = support::upgrade_head(project.path(), engine.dialect());
        let refused = case.refused_on.contains(&engine);
        let Some(db) = engine.fresh_database() else {
            return;
        };
        if !refused {
            assert!(output.status.success(), "{}: {output:?}", case.label);
            db.run_ok(&String::from_utf8(output.stdout).expect("UTF-8 script"));
            continue;
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !output.status.success() && stderr.contains(case.rule),
            "{}: retort should refuse on {engine:?}: {stderr}",
            case.label
        );
        assert!(
            stderr.contains("f2.yaml") && stderr.contains("Fix:"),
            "{}: the refusal names the file and the fix: {stderr}",
            case.label
        );
        db.run_ok(&format!("{PARENT_SQL}\n{}", case.setup_sql));
        let sql = match engine {
            Engine::MariaDb => case.mariadb_sql.unwrap_or(case.sql),
            _ => case.sql,
        };
        assert!(
            db.run_script(sql).is_err(),
            "{}: {engine:?} takes what retort refuses:\n{}",
            case.label,
            sql
        );
    }
}

per_engine!(refusals_match_the_engine);
