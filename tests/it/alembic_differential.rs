//! Differential tests against real Alembic: for each project under
//! tests/projects/, each dialect and each command case, `retort` must print
//! what `alembic ... --sql` prints for the equivalent Alembic project (built
//! by tests/alembic/retort_alembic.py), after normalising only trailing
//! whitespace. Where Alembic itself fails, retort must fail too, unless the
//! case is listed in [`KNOWN`] with the reason retort deliberately differs.
//!
//! At an unmerge Alembic picks which parent gets the `UPDATE` by Python's hash
//! seed (ALEMBIC_FORMAT.md): both scripts are compared with the version-table
//! statements of each unmerge rewritten to one canonical order, which accepts
//! every order Alembic can print (and only those).

use crate::support;

use std::path::{Path, PathBuf};
use support::alembic::{project_variant, retort_sql, AlembicProject, Run};

const DIALECTS: [&str; 5] = ["postgresql", "sqlite", "mysql", "mssql", "oracle"];

/// Cases every project is compared on.
const DEFAULT_CASES: &[&str] = &[
    "upgrade head",
    "upgrade heads",
    "upgrade +1",
    "downgrade head:base",
    "downgrade head:-1",
    "stamp head",
    "stamp heads",
    "stamp head:base",
];

/// Cases compared again with `transaction_per_migration` flipped in retort.yaml.
const DEFAULT_TXN_CASES: &[&str] = &["upgrade heads", "downgrade head:base"];

/// The command cases of the Alembic reference corpus (its run_all.sh), by
/// the revision ids r1 … r9.
const CORPUS_CASES: &[&str] = &[
    "upgrade r3:r6",
    "downgrade r6:r3",
    "upgrade r6:r7a",
    "upgrade r6:r7b",
    "upgrade r7a:r8",
    "upgrade r6:heads",
    "upgrade r6:feature_a@head",
    "downgrade r9:r6",
    "downgrade r8:r7a",
    "downgrade r7a:r6",
    "stamp r7a",
    "stamp r6:r7a",
    "stamp r7a:r8",
    "stamp r8:r7a",
    "stamp --purge head",
    "upgrade r2:+2",
    "downgrade base",
    "downgrade -1",
    "downgrade r6:-1",
    "upgrade r6:r3",
];

/// How a listed case departs from plain comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Departure {
    /// Alembic fails (asserted); retort prints correct SQL instead (not compared).
    AlembicFails,
    /// Alembic prints SQL that cannot run or does something else; retort prints
    /// other, correct SQL (not compared).
    RetortDiffers,
    /// Alembic prints SQL; retort refuses the case with an error (asserted).
    RetortRefuses,
}

use Departure::{AlembicFails, RetortDiffers, RetortRefuses};

const MARIADB_CHECK_ON_FK_ACTION: &str = "MariaDB refuses a check on a column a foreign \
     key's ON DELETE SET NULL writes (error 1901): retort refuses it at compile time";
const MARIADB_FK_INDEX: &str = "MariaDB refuses to drop the index a foreign key uses \
     (error 1553): retort drops the foreign key with it and adds it again";
const SQLITE_CONSTRAINTS: &str = "SQLite has no ALTER for constraints: Alembic raises \
     NotImplementedError offline; retort compiles the table rebuild of batch mode (SPEC §4)";
const MSSQL_COMMENTS: &str = "SQL Server comments need a schema name, which Alembic offline \
     cannot find (AttributeError / AssertionError); retort names `dbo`";
const EXECUTE_MISSING_DIALECT: &str = "an execute with no text for the dialect and no \
     `default:` is an error in retort (review note execute-missing-dialect); the Python \
     equivalent skips it";
const NO_PARTIAL_INDEX: &str = "MySQL and Oracle have no partial indexes: retort refuses \
     `where:`, where Alembic ignores it and writes a stricter full index";
const MSSQL_FILTERED_INDEX: &str = "SQL Server: `where:` is a filtered index in retort; \
     Alembic ignores postgresql_where/sqlite_where there";
const MYSQL_EXISTING_TYPE: &str = "MySQL's CHANGE/MODIFY need the column's type: Alembic \
     fails without existing_type; retort takes it from the schema model (SPEC §4)";
const MSSQL_IDENTITY_INSERT: &str = "SQL Server: retort sets IDENTITY_INSERT only around \
     inserts into a table with an identity column; Alembic on every table, which SQL Server refuses";
const SQLITE_ALTER: &str = "SQLite has no ALTER COLUMN: Alembic prints `ALTER TABLE .. ALTER \
     COLUMN`, which SQLite rejects; retort compiles the table rebuild of batch mode (SPEC §4)";
const ENGINE_NAMES: &str = "the revisions drop constraints by the names one engine gives \
     unnamed constraints: on another engine the name differs or cannot be known (SQL Server, \
     Oracle), and retort refuses the drop at compile time where Alembic prints SQL that fails";
const DROP_BY_COLUMNS: &str = "`drop_constraint` with `name: null`, `type` and `columns` is \
     a retort extension: retort finds the unnamed constraint in its model and drops it by the \
     engine's name; Alembic has no name to drop";
const SQLITE_COMMENTS: &str = "SQLite has no comments: Alembic cannot compile a column comment \
     (UnsupportedCompilationError); retort writes nothing for comment changes";

const SQLITE_IDENTITY_COLUMN: &str = "SQLite has no identity columns and refuses an added \
     NOT NULL column without a default: Alembic prints `ADD COLUMN .. NOT NULL`, which SQLite \
     rejects; retort refuses the add_column at compile time";
const DERIVED_DOWNGRADE: &str = "the downgrade is derived by retort's schema model \
     (`downgrade:` omitted); Alembic has no derived downgrades and fails";
const EXISTING_TYPE_FROM_MODEL: &str = "MySQL's CHANGE/MODIFY and SQL Server's ALTER COLUMN \
     need the column's type: Alembic fails without existing_type; retort takes it from the \
     schema model (SPEC §4)";
const SQLITE_EXPRESSION_DEFAULT: &str = "SQLite's ADD COLUMN refuses a non-constant default \
     (`Cannot add a column with non-constant default`): Alembic writes it, retort compiles \
     the table rebuild of batch mode";
const PG_DERIVED_USING: &str = "PostgreSQL refuses a type change it cannot cast by itself \
     (`cannot be cast automatically`): retort writes the USING (and moves the default \
     around it), Alembic writes the ALTER the engine rejects";
const MYSQL_KEEPS_DEFAULT: &str = "MySQL's MODIFY restates the whole column: retort keeps the \
     default the schema model knows, Alembic without existing_server_default drops it";

const GUARD_CHANGES_NOTHING: &str = "a3's guarded ops change nothing in the schema model (the \
     column is there, the column or constraint is absent): where the dialect has no IF [NOT] \
     EXISTS for the op (SQL Server's and Oracle's ADD, MySQL's constraint drops) retort writes \
     nothing, Alembic the plain statement, which the engine refuses";
const NO_RENAME_OP: &str = "Alembic has no op to rename an index or a constraint (histories \
     write the engine's SQL in op.execute); retort's rename_index and rename_constraint write \
     it per dialect";
const NO_MATCH: &str = "SQL Server and Oracle have no MATCH on a foreign key: Alembic writes \
     it, the engine refuses it; retort refuses `match` at compile time naming the dialect";

/// Every case where retort deliberately does not print what Alembic prints:
/// (project, dialect, case, departure, reason).
const DROP_TAKES: &str = "the revisions drop columns that indexes and constraints use, as \
    MariaDB does (drop_column_takes): engines that refuse such a drop are refused at compile \
    time, and on PostgreSQL, which drops the whole index, the written downgrade's drop_index \
    of an index that only lost the column on MariaDB finds no index (Alembic writes both blindly)";
const DROP_TAKES_POSTGRESQL: &str = "the revisions drop columns with the indexes and \
    constraints that use them, as PostgreSQL does (drop_column_takes); engines that refuse such \
    a drop are refused at compile time (Alembic writes the DROP COLUMN blindly)";
const SQLITE_DROP_COLUMN_REBUILD: &str = "SQLite's DROP COLUMN refuses a column that an \
    index or constraint uses: Alembic writes it blindly, retort drops the column by a table \
    rebuild that leaves out what uses it (drop_column_takes, tests/it/engines/drop_takes.rs)";
const ADD_COLUMN_UNNAMED_MYSQL: &str = "MariaDB refuses to drop a column its foreign key \
    uses: the derived downgrade drops the unnamed foreign key by the engine's name \
    (emails_ibfk_1) first, where autogenerate's drop_column alone fails on the engine";
const ADD_COLUMN_UNNAMED_UNKNOWABLE: &str = "SQL Server and Oracle give an unnamed \
    constraint a name no revision can know, and refuse to drop a column a constraint uses: \
    retort refuses the derived downgrade and says to name the constraint";
const EFFECT_ENGINE_NAMES: &str = "the `effect:` drops constraints by the names PostgreSQL \
    gives them; other engines name them otherwise (or keep no name), so retort refuses the \
    effect there, where Alembic writes the PostgreSQL SQL blindly";
const MARIADB_TWINS: &str = "the mysql dialect serves MySQL and MariaDB: a `mariadb_*` table \
     option stands for its `mysql_*` twin, as Alembic's mariadb dialect writes it; Alembic's \
     mysql dialect ignores it";
const SQLITE_STORED_COMPUTED: &str = "SQLite refuses to add a stored generated column \
    (`cannot add a STORED column`): Alembic writes the ADD COLUMN, retort compiles the table \
    rebuild of batch mode";
const PG_VIRTUAL_COMPUTED: &str = "PostgreSQL 15 has only stored generated columns: Alembic \
    offline writes `GENERATED ALWAYS AS (..)` (PostgreSQL 18's virtual column), which \
    PostgreSQL 15 refuses; retort refuses a computed column without `persisted: true`";
const TEXT_PRIMARY_KEY_MARIADB: &str = "the project keys a Text column, which MariaDB refuses \
     (error 1170, a key on TEXT needs a length): retort refuses it at compile time, Alembic \
     writes it (and the later revisions name constraints as PostgreSQL does)";

const KNOWN: &[(&str, &str, &str, Departure, &str)] = &[
    (
        "computed_stored",
        "sqlite",
        "upgrade head*",
        RetortDiffers,
        SQLITE_STORED_COMPUTED,
    ),
    (
        "computed_virtual",
        "postgresql",
        "upgrade*",
        RetortRefuses,
        PG_VIRTUAL_COMPUTED,
    ),
    (
        "alembic_ops",
        "*",
        "downgrade*",
        AlembicFails,
        DERIVED_DOWNGRADE,
    ),
    (
        "drop_table_takes*",
        "*",
        "downgrade*",
        AlembicFails,
        DERIVED_DOWNGRADE,
    ),
    (
        "alembic_ops",
        "sqlite",
        "upgrade head*",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    (
        "alembic_ops",
        "sqlite",
        "upgrade a1:a2",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    (
        "alembic_ops",
        "mysql",
        "upgrade head*",
        RetortDiffers,
        GUARD_CHANGES_NOTHING,
    ),
    (
        "alembic_ops",
        "mssql",
        "upgrade head*",
        RetortDiffers,
        GUARD_CHANGES_NOTHING,
    ),
    (
        "alembic_ops",
        "oracle",
        "upgrade head*",
        RetortDiffers,
        GUARD_CHANGES_NOTHING,
    ),
    (
        "rename_objects",
        "*",
        "upgrade head*",
        AlembicFails,
        NO_RENAME_OP,
    ),
    (
        "rename_objects",
        "*",
        "downgrade*",
        AlembicFails,
        NO_RENAME_OP,
    ),
    ("fk_match", "mssql", "upgrade*", RetortRefuses, NO_MATCH),
    ("fk_match", "oracle", "upgrade*", RetortRefuses, NO_MATCH),
    (
        "fk_match",
        "sqlite",
        "upgrade head*",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    (
        "fk_match",
        "sqlite",
        "downgrade*",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    (
        "execute_effect*",
        "*",
        "downgrade*",
        AlembicFails,
        DERIVED_DOWNGRADE,
    ),
    (
        "execute_effect_postgresql*",
        "sqlite",
        "upgrade head*",
        RetortRefuses,
        EFFECT_ENGINE_NAMES,
    ),
    (
        "execute_effect_postgresql*",
        "mysql",
        "upgrade*",
        RetortRefuses,
        TEXT_PRIMARY_KEY_MARIADB,
    ),
    (
        "execute_effect_postgresql*",
        "mssql",
        "upgrade head*",
        RetortRefuses,
        EFFECT_ENGINE_NAMES,
    ),
    (
        "execute_effect_postgresql*",
        "oracle",
        "upgrade head*",
        RetortRefuses,
        EFFECT_ENGINE_NAMES,
    ),
    (
        "add_column_unnamed*",
        "sqlite",
        "upgrade head*",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    (
        "add_column_unnamed*",
        "sqlite",
        "downgrade*",
        RetortDiffers,
        SQLITE_DROP_COLUMN_REBUILD,
    ),
    (
        "add_column_unnamed*",
        "mysql",
        "downgrade*",
        RetortDiffers,
        ADD_COLUMN_UNNAMED_MYSQL,
    ),
    (
        "add_column_unnamed*",
        "mssql",
        "downgrade*",
        RetortRefuses,
        ADD_COLUMN_UNNAMED_UNKNOWABLE,
    ),
    (
        "add_column_unnamed*",
        "oracle",
        "downgrade*",
        RetortRefuses,
        ADD_COLUMN_UNNAMED_UNKNOWABLE,
    ),
    (
        "drop_column_takes_postgresql*",
        "postgresql",
        "downgrade*",
        AlembicFails,
        DERIVED_DOWNGRADE,
    ),
    (
        "drop_column_takes_postgresql*",
        "sqlite",
        "upgrade head*",
        RetortDiffers,
        SQLITE_DROP_COLUMN_REBUILD,
    ),
    (
        "drop_column_takes_postgresql*",
        "sqlite",
        "downgrade*",
        AlembicFails,
        DERIVED_DOWNGRADE,
    ),
    (
        "drop_column_takes_postgresql*",
        "mysql",
        "upgrade head*",
        RetortRefuses,
        DROP_TAKES_POSTGRESQL,
    ),
    (
        "drop_column_takes_postgresql*",
        "mssql",
        "upgrade head*",
        RetortRefuses,
        DROP_TAKES_POSTGRESQL,
    ),
    (
        "drop_column_takes_postgresql*",
        "oracle",
        "upgrade head*",
        RetortRefuses,
        DROP_TAKES_POSTGRESQL,
    ),
    (
        "drop_column_takes_mysql*",
        "postgresql",
        "downgrade head*",
        RetortRefuses,
        DROP_TAKES,
    ),
    (
        "drop_column_takes_mysql*",
        "sqlite",
        "upgrade head*",
        RetortDiffers,
        SQLITE_DROP_COLUMN_REBUILD,
    ),
    (
        "drop_column_takes_mysql*",
        "sqlite",
        "downgrade head*",
        RetortRefuses,
        DROP_TAKES,
    ),
    (
        "drop_column_takes_mysql*",
        "mssql",
        "upgrade head*",
        RetortRefuses,
        DROP_TAKES,
    ),
    (
        "drop_column_takes_mysql*",
        "mssql",
        "downgrade head*",
        RetortRefuses,
        DROP_TAKES,
    ),
    (
        "drop_column_takes_mysql*",
        "oracle",
        "upgrade head*",
        RetortRefuses,
        DROP_TAKES,
    ),
    (
        "drop_column_takes_mysql*",
        "oracle",
        "downgrade head*",
        RetortRefuses,
        DROP_TAKES,
    ),
    // Constraints dropped by the names one engine gives them.
    (
        "unnamed_constraints_postgresql*",
        "mysql",
        "upgrade head*",
        RetortRefuses,
        ENGINE_NAMES,
    ),
    (
        "unnamed_constraints_postgresql*",
        "mysql",
        "downgrade head*",
        RetortRefuses,
        ENGINE_NAMES,
    ),
    (
        "unnamed_constraints_postgresql*",
        "mssql",
        "upgrade head*",
        RetortRefuses,
        ENGINE_NAMES,
    ),
    (
        "unnamed_constraints_postgresql*",
        "mssql",
        "downgrade head*",
        RetortRefuses,
        ENGINE_NAMES,
    ),
    (
        "unnamed_constraints_postgresql*",
        "oracle",
        "upgrade head*",
        RetortRefuses,
        ENGINE_NAMES,
    ),
    (
        "unnamed_constraints_postgresql*",
        "oracle",
        "downgrade head*",
        RetortRefuses,
        ENGINE_NAMES,
    ),
    (
        "unnamed_constraints_mysql*",
        "postgresql",
        "upgrade head*",
        RetortRefuses,
        ENGINE_NAMES,
    ),
    (
        "unnamed_constraints_mysql*",
        "postgresql",
        "downgrade head*",
        RetortRefuses,
        ENGINE_NAMES,
    ),
    (
        "unnamed_constraints_mysql*",
        "mssql",
        "upgrade head*",
        RetortRefuses,
        ENGINE_NAMES,
    ),
    (
        "unnamed_constraints_mysql*",
        "mssql",
        "downgrade head*",
        RetortRefuses,
        ENGINE_NAMES,
    ),
    (
        "unnamed_constraints_mysql*",
        "oracle",
        "upgrade head*",
        RetortRefuses,
        ENGINE_NAMES,
    ),
    (
        "unnamed_constraints_mysql*",
        "oracle",
        "downgrade head*",
        RetortRefuses,
        ENGINE_NAMES,
    ),
    // A constraint dropped by its columns (u4).
    (
        "unnamed_constraints_mysql*",
        "mysql",
        "upgrade head*",
        AlembicFails,
        DROP_BY_COLUMNS,
    ),
    (
        "unnamed_constraints_mysql*",
        "mysql",
        "downgrade head*",
        AlembicFails,
        DROP_BY_COLUMNS,
    ),
    (
        "unnamed_constraints_postgresql*",
        "postgresql",
        "upgrade head*",
        AlembicFails,
        DROP_BY_COLUMNS,
    ),
    (
        "unnamed_constraints_postgresql*",
        "postgresql",
        "downgrade head*",
        AlembicFails,
        DROP_BY_COLUMNS,
    ),
    // Unnamed constraints added to an existing table.
    (
        "unnamed_constraints*",
        "sqlite",
        "upgrade head*",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    // The corpus: r6 adds a check constraint, replaces a foreign key and sets comments.
    (
        "alembic_corpus*",
        "sqlite",
        "upgrade head*",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    (
        "no_primary_key*",
        "sqlite",
        "upgrade head*",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    (
        "no_primary_key*",
        "sqlite",
        "downgrade head*",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    (
        "alembic_corpus*",
        "sqlite",
        "downgrade head:base",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    (
        "alembic_corpus*",
        "sqlite",
        "upgrade r3:r6",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    (
        "alembic_corpus*",
        "sqlite",
        "downgrade r6:*",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    (
        "alembic_corpus*",
        "mssql",
        "upgrade head*",
        AlembicFails,
        MSSQL_COMMENTS,
    ),
    (
        "alembic_corpus*",
        "mssql",
        "downgrade head:base",
        AlembicFails,
        MSSQL_COMMENTS,
    ),
    (
        "alembic_corpus*",
        "mssql",
        "upgrade r3:r6",
        AlembicFails,
        MSSQL_COMMENTS,
    ),
    (
        "alembic_corpus*",
        "mssql",
        "downgrade r6:*",
        AlembicFails,
        MSSQL_COMMENTS,
    ),
    // example: its rename omits existing_type, which the schema model fills.
    (
        "example",
        "mysql",
        "upgrade head*",
        AlembicFails,
        MYSQL_EXISTING_TYPE,
    ),
    (
        "example",
        "mysql",
        "downgrade head:base",
        AlembicFails,
        MYSQL_EXISTING_TYPE,
    ),
    // data_literals: samples has no identity column.
    (
        "data_literals",
        "mssql",
        "upgrade head*",
        RetortDiffers,
        MSSQL_IDENTITY_INSERT,
    ),
    // alembic_surface: s1 inserts rows into ledger before s3 adds its identity column.
    (
        "alembic_surface",
        "mssql",
        "upgrade*",
        RetortDiffers,
        MSSQL_IDENTITY_INSERT,
    ),
    (
        "alembic_surface",
        "sqlite",
        "upgrade head*",
        RetortRefuses,
        SQLITE_IDENTITY_COLUMN,
    ),
    // dialect_options: d2 creates a table with a comment.
    (
        "dialect_options*",
        "mssql",
        "upgrade head*",
        AlembicFails,
        MSSQL_COMMENTS,
    ),
    // mariadb_options: only mariadb_* table options.
    (
        "mariadb_options",
        "mysql",
        "upgrade*",
        RetortDiffers,
        MARIADB_TWINS,
    ),
    // schemas: m2 adds a unique constraint.
    (
        "schemas",
        "sqlite",
        "upgrade head*",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    (
        "schemas",
        "sqlite",
        "downgrade head*",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    // execute_per_dialect: the second execute has text for PostgreSQL only.
    (
        "execute_per_dialect",
        "sqlite",
        "upgrade*",
        RetortRefuses,
        EXECUTE_MISSING_DIALECT,
    ),
    (
        "execute_per_dialect",
        "mysql",
        "upgrade*",
        RetortRefuses,
        EXECUTE_MISSING_DIALECT,
    ),
    (
        "execute_per_dialect",
        "mssql",
        "upgrade*",
        RetortRefuses,
        EXECUTE_MISSING_DIALECT,
    ),
    (
        "execute_per_dialect",
        "oracle",
        "upgrade*",
        RetortRefuses,
        EXECUTE_MISSING_DIALECT,
    ),
    // partial_index: `where:`.
    (
        "partial_index",
        "mysql",
        "upgrade*",
        RetortRefuses,
        NO_PARTIAL_INDEX,
    ),
    (
        "partial_index",
        "oracle",
        "upgrade*",
        RetortRefuses,
        NO_PARTIAL_INDEX,
    ),
    (
        "partial_index",
        "mssql",
        "upgrade*",
        RetortDiffers,
        MSSQL_FILTERED_INDEX,
    ),
    // ops_linear: o3 adds and drops constraints.
    (
        "ops_linear",
        "sqlite",
        "upgrade head*",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    (
        "ops_linear",
        "sqlite",
        "downgrade head:base",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    (
        "ops_linear",
        "sqlite",
        "upgrade o1:o3",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    (
        "ops_linear",
        "sqlite",
        "upgrade o2:+2",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    (
        "ops_linear",
        "sqlite",
        "downgrade o4:o1",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    (
        "ops_linear",
        "sqlite",
        "downgrade o3:-2",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    // online_ddl: k4 adds constraints.
    (
        "online_ddl",
        "sqlite",
        "upgrade head*",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    (
        "online_ddl",
        "sqlite",
        "upgrade k3:k4",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    (
        "online_ddl",
        "sqlite",
        "downgrade head:*",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
    // online_ddl: k4 adds a check on a column its foreign key sets to NULL.
    (
        "online_ddl",
        "mysql",
        "upgrade head*",
        RetortRefuses,
        MARIADB_CHECK_ON_FK_ACTION,
    ),
    (
        "online_ddl",
        "mysql",
        "upgrade k3:k4",
        RetortRefuses,
        MARIADB_CHECK_ON_FK_ACTION,
    ),
    (
        "online_ddl",
        "mysql",
        "downgrade head:*",
        RetortRefuses,
        MARIADB_CHECK_ON_FK_ACTION,
    ),
    // schemas: m2's downgrade drops the index audit_log's foreign key uses.
    (
        "schemas",
        "mysql",
        "downgrade head*",
        RetortDiffers,
        MARIADB_FK_INDEX,
    ),
    // comments: c1 creates comments, c2 changes them.
    (
        "comments",
        "mssql",
        "upgrade head*",
        AlembicFails,
        MSSQL_COMMENTS,
    ),
    (
        "comments",
        "mssql",
        "upgrade +1",
        AlembicFails,
        MSSQL_COMMENTS,
    ),
    (
        "comments",
        "mssql",
        "downgrade *",
        AlembicFails,
        MSSQL_COMMENTS,
    ),
    (
        "comments",
        "sqlite",
        "upgrade head*",
        AlembicFails,
        SQLITE_COMMENTS,
    ),
    (
        "comments",
        "sqlite",
        "downgrade *",
        AlembicFails,
        SQLITE_COMMENTS,
    ),
    // settings: s3 changes a column's type and nullability.
    (
        "settings",
        "sqlite",
        "upgrade head*",
        RetortDiffers,
        SQLITE_ALTER,
    ),
    (
        "settings",
        "sqlite",
        "downgrade head:*",
        RetortDiffers,
        SQLITE_ALTER,
    ),
    // type_change_using: type changes PostgreSQL needs USING for, downgrades derived.
    (
        "type_change_using",
        "*",
        "downgrade*",
        AlembicFails,
        DERIVED_DOWNGRADE,
    ),
    (
        "type_change_using",
        "postgresql",
        "upgrade head*",
        RetortDiffers,
        PG_DERIVED_USING,
    ),
    (
        "type_change_using",
        "mysql",
        "upgrade head*",
        RetortDiffers,
        MYSQL_KEEPS_DEFAULT,
    ),
    (
        "type_change_using",
        "mssql",
        "upgrade *",
        RetortDiffers,
        MSSQL_IDENTITY_INSERT,
    ),
    (
        "type_change_using",
        "sqlite",
        "upgrade head*",
        RetortDiffers,
        SQLITE_ALTER,
    ),
    // sqlite_add_column: a2 adds columns with CURRENT_TIMESTAMP and CURRENT_DATE defaults.
    (
        "sqlite_add_column",
        "sqlite",
        "upgrade head*",
        RetortDiffers,
        SQLITE_EXPRESSION_DEFAULT,
    ),
    (
        "sqlite_add_column",
        "mssql",
        "upgrade *",
        RetortDiffers,
        MSSQL_IDENTITY_INSERT,
    ),
    // rename_in_check: a checked column renamed, then k3 alters and drops the check.
    (
        "rename_in_check",
        "*",
        "downgrade*",
        AlembicFails,
        DERIVED_DOWNGRADE,
    ),
    (
        "rename_in_check",
        "mysql",
        "upgrade head*",
        AlembicFails,
        EXISTING_TYPE_FROM_MODEL,
    ),
    (
        "rename_in_check",
        "mssql",
        "upgrade head*",
        AlembicFails,
        EXISTING_TYPE_FROM_MODEL,
    ),
    (
        "rename_in_check",
        "mssql",
        "upgrade +1",
        RetortDiffers,
        MSSQL_IDENTITY_INSERT,
    ),
    (
        "rename_in_check",
        "sqlite",
        "upgrade*",
        AlembicFails,
        SQLITE_CONSTRAINTS,
    ),
];

fn matches(pattern: &str, value: &str) -> bool {
    pattern == "*"
        || pattern == value
        || pattern
            .strip_suffix('*')
            .is_some_and(|prefix| value.starts_with(prefix))
}

/// The [`KNOWN`] entry of a case: its departure and the reason.
fn known(project: &str, dialect: &str, case: &str) -> Option<(Departure, &'static str)> {
    KNOWN
        .iter()
        .find(|(p, d, c, _, _)| matches(p, project) && matches(d, dialect) && matches(c, case))
        .map(|(_, _, _, departure, reason)| (*departure, *reason))
}

/// Trailing whitespace of each line and at the end removed.
fn normalise(sql: &str) -> String {
    let lines: Vec<&str> = sql.lines().map(str::trim_end).collect();
    lines.join("\n").trim_end().to_owned()
}

/// Alembic's output with the deliberate differences that touch every script
/// of a dialect applied (README, "Deliberate differences from Alembic"):
/// Oracle's version-table `INSERT` has no `RETURNING ... INTO :ret_0`, a bind
/// variable SQL*Plus refuses; MySQL drops a check constraint with
/// `DROP CONSTRAINT`, as MariaDB needs, not `DROP CHECK`; a MySQL script
/// starts with `SET NAMES utf8mb4` (dialect.yaml's `session_setup`), which
/// the stock client needs for characters outside the BMP.
fn rewrite_alembic(dialect: &str, sql: &str) -> String {
    let setup = if dialect == "mysql" && !sql.is_empty() {
        "SET NAMES utf8mb4;\n\n"
    } else {
        ""
    };
    let rewrite = |line: &str| -> String {
        match dialect {
            "oracle"
                if line.starts_with("INSERT INTO ")
                    && line.ends_with(".version_num INTO :ret_0") =>
            {
                line[..line.find(" RETURNING ").unwrap_or(line.len())].to_owned()
            }
            "mysql" if line.starts_with("ALTER TABLE ") => {
                line.replacen(" DROP CHECK ", " DROP CONSTRAINT ", 1)
            }
            _ => line.to_owned(),
        }
    };
    let rewritten: String = sql.lines().map(|line| rewrite(line) + "\n").collect();
    format!("{setup}{rewritten}")
}

/// `-- Running downgrade M -> A, B`: the merge `M` and its parents.
fn unmerge_header(line: &str) -> Option<(&str, Vec<&str>)> {
    let (from, to) = line
        .strip_prefix("-- Running downgrade ")?
        .split_once(" -> ")?;
    let parents: Vec<&str> = to.split(", ").collect();
    (parents.len() > 1).then_some((from, parents))
}

/// The value of `INSERT INTO t (version_num) VALUES ('X')...` or of
/// `UPDATE t SET version_num='X' WHERE t.version_num = 'M'` (when `M` is `merge`).
fn version_value<'a>(line: &'a str, merge: &str) -> Option<&'a str> {
    let between = |text: &'a str, start: &str| {
        let rest = &text[text.find(start)? + start.len()..];
        Some(&rest[..rest.find('\'')?])
    };
    if line.starts_with("INSERT INTO ") && line.contains(" (version_num) ") {
        return between(line, "VALUES ('");
    }
    let update = line.starts_with("UPDATE ") && line.contains(&format!(".version_num = '{merge}'"));
    update.then(|| between(line, "SET version_num='")).flatten()
}

/// The script with the version-table statements of every unmerge in one
/// order: the `UPDATE` goes to the first parent in sorted order, the `INSERT`s
/// to the others, sorted. Alembic prints one of the permutations by hash seed.
fn canonical_unmerges(sql: &str) -> String {
    let mut lines: Vec<String> = sql.lines().map(str::to_owned).collect();
    let mut i = 0;
    while i < lines.len() {
        let Some((merge, parents)) = unmerge_header(&lines[i]) else {
            i += 1;
            continue;
        };
        let (merge, mut parents) = (
            merge.to_owned(),
            parents.into_iter().map(str::to_owned).collect::<Vec<_>>(),
        );
        let end = (i + 1..lines.len())
            .find(|&j| lines[j].starts_with("-- Running "))
            .unwrap_or(lines.len());
        let slots: Vec<(usize, String)> = (i + 1..end)
            .filter_map(|j| version_value(&lines[j], &merge).map(|v| (j, v.to_owned())))
            .collect();
        let mut found: Vec<String> = slots.iter().map(|(_, v)| v.clone()).collect();
        found.sort();
        parents.sort();
        let update = slots
            .iter()
            .position(|(j, _)| lines[*j].starts_with("UPDATE "));
        if found == parents {
            if let Some(update) = update {
                let mut others = parents[1..].iter();
                for (k, (j, value)) in slots.iter().enumerate() {
                    let new = if k == update {
                        &parents[0]
                    } else {
                        others.next().expect("as many")
                    };
                    let quoted = format!("'{value}'");
                    lines[*j] = lines[*j].replacen(&quoted, &format!("'{new}'"), 1);
                }
            }
        }
        i = end;
    }
    lines.join("\n")
}

/// A unified-enough diff: the first differing line with some context.
fn first_difference(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let at = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    let from = at.saturating_sub(3);
    let show = |lines: &[&str]| {
        lines
            .iter()
            .enumerate()
            .skip(from)
            .take(8)
            .map(|(i, l)| format!("{:4} |{l}", i + 1))
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "first difference at line {}\n--- alembic ---\n{}\n--- retort ---\n{}",
        at + 1,
        show(&e),
        show(&a)
    )
}

/// One YAML project, ready to be compared.
struct Subject {
    /// The project's folder name, which [`KNOWN`] matches.
    project: String,
    /// The project and variant, for messages.
    name: String,
    yaml: PathBuf,
    alembic: AlembicProject,
}

/// Compares one case on one dialect, given Alembic's run; `Err` says what is wrong.
fn compare(subject: &Subject, dialect: &str, case: &str, alembic: &Run) -> Result<(), String> {
    let args: Vec<&str> = case.split_whitespace().collect();
    let retort = retort_sql(&subject.yaml, dialect, &args);
    let label = format!("{} / {dialect} / `{case}`", subject.name);
    if let Some((departure, reason)) = known(&subject.project, dialect, case) {
        return match departure {
            AlembicFails if alembic.success() => Err(format!(
                "{label}: listed as failing in Alembic ({reason}), but Alembic succeeded: remove it from KNOWN"
            )),
            RetortRefuses if retort.success() => Err(format!(
                "{label}: listed as refused by retort ({reason}), but retort succeeded: remove it from KNOWN"
            )),
            _ => Ok(()),
        };
    }
    if !alembic.success() {
        return if retort.success() {
            Err(format!(
                "{label}: Alembic fails but retort succeeds; if that is deliberate, list the case in KNOWN with the reason\n{alembic}"
            ))
        } else {
            Ok(())
        };
    }
    if !retort.success() {
        return Err(format!(
            "{label}: Alembic succeeds but retort fails:\n{retort}"
        ));
    }
    let expected = canonical_unmerges(&normalise(&rewrite_alembic(dialect, &alembic.stdout)));
    let actual = canonical_unmerges(&normalise(&retort.stdout));
    if expected == actual {
        return Ok(());
    }
    Err(format!(
        "{label}: retort's script differs from Alembic's\n{}",
        first_difference(&expected, &actual)
    ))
}

fn projects_dir() -> PathBuf {
    support::repo_root().join("tests").join("projects")
}

/// Compares `cases` (plus the defaults) on every dialect for the project at
/// `yaml`, and the transaction cases with `transaction_per_migration` flipped.
fn check_project(name: &str, yaml: &Path, cases: &[&str], txn_cases: &[&str]) {
    let Some(venv) = support::require_alembic() else {
        return;
    };
    if !retort_prints_sql(yaml) {
        return;
    }
    let subject = Subject {
        project: name.to_owned(),
        name: name.to_owned(),
        yaml: yaml.to_owned(),
        alembic: AlembicProject::build(&venv, yaml),
    };
    let flipped_value = if transaction_per_migration(yaml) {
        "false"
    } else {
        "true"
    };
    let flipped_dir = project_variant(yaml, &[("transaction_per_migration", flipped_value)]);
    let flipped = Subject {
        project: name.to_owned(),
        name: format!("{name} (transaction_per_migration: {flipped_value})"),
        yaml: flipped_dir.path().to_owned(),
        alembic: AlembicProject::build(&venv, flipped_dir.path()),
    };
    let mut failures = Vec::new();
    let mut compared = 0;
    let main_cases: Vec<&str> = DEFAULT_CASES.iter().chain(cases).copied().collect();
    for (subject, cases) in [(&subject, &main_cases[..]), (&flipped, txn_cases)] {
        let requests: Vec<(&str, Vec<&str>)> = DIALECTS
            .iter()
            .flat_map(|dialect| {
                cases
                    .iter()
                    .map(|case| (*dialect, case.split_whitespace().collect()))
            })
            .collect();
        let runs = subject.alembic.offline_batch(&requests);
        for ((dialect, args), alembic) in requests.iter().zip(&runs) {
            compared += 1;
            if let Err(message) = compare(subject, dialect, &args.join(" "), alembic) {
                failures.push(message);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {compared} cases differ from Alembic:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// False (after [`support::require`]) while `retort upgrade --dialect` is not
/// implemented yet (before the rendering work of issue 3 lands).
fn retort_prints_sql(project: &Path) -> bool {
    let probe = retort_sql(project, "postgresql", &["upgrade", "+1"]);
    let missing = probe.stderr.contains("not implemented yet")
        || probe.stderr.contains("unexpected argument '--dialect'");
    if missing {
        let why = format!("it says: {}", probe.stderr.trim());
        let _ = support::require(None::<()>, "`retort upgrade --dialect`", &why);
    }
    !missing
}

fn transaction_per_migration(project: &Path) -> bool {
    let text = std::fs::read_to_string(project.join("retort.yaml")).unwrap_or_default();
    let config: serde_yaml::Value = serde_yaml::from_str(&text).unwrap_or_default();
    config
        .get("transaction_per_migration")
        .and_then(serde_yaml::Value::as_bool)
        .unwrap_or(false)
}

/// The projects with their own case lists; every other project under
/// tests/projects/ gets [`DEFAULT_CASES`].
const PROJECT_CASES: &[(&str, &[&str])] = &[
    ("alembic_corpus", CORPUS_CASES),
    ("ops_linear", OPS_LINEAR_CASES),
    ("branches", BRANCHES_CASES),
    ("comments", &[]),
    ("partial_index", &[]),
    ("settings", &[]),
    ("online_ddl", ONLINE_DDL_CASES),
    ("alembic_surface", &[]),
    ("alembic_ops", &["upgrade a1:a2"]),
    ("fk_match", &[]),
    ("rename_objects", &[]),
    ("dialect_options", &[]),
    ("mariadb_options", &[]),
    ("computed_stored", &[]),
    ("computed_virtual", &[]),
    ("identity_options", &[]),
    ("alter_autoincrement", &[]),
];

/// online_ddl: k2 and k3 build and drop indexes outside the transaction, k4
/// adds constraints NOT VALID.
const ONLINE_DDL_CASES: &[&str] = &["upgrade k1:k3", "downgrade k3:k1", "upgrade k3:k4"];

const OPS_LINEAR_CASES: &[&str] = &[
    "upgrade o1:o3",
    "upgrade o2:+2",
    "downgrade o4:o1",
    "downgrade o3:-2",
    "stamp o2",
    "stamp o1:o3",
];

const BRANCHES_CASES: &[&str] = &[
    "upgrade b1",
    "upgrade b1:b2a",
    "upgrade b1:b2b",
    "upgrade b2a:b3",
    "upgrade b1:alpha@head",
    "upgrade b1:heads",
    "upgrade b3:heads",
    "downgrade b4:b1",
    "downgrade b3:b2a",
    "downgrade b3:b2b",
    "downgrade b2c:b1",
    "downgrade alpha@head:b1",
    "stamp b2a",
    "stamp b1:b3",
    "stamp b3:b2b",
    "stamp b2c",
];

fn check_named(name: &str) {
    let dir = projects_dir().join(name);
    if !dir.join("revisions").is_dir() {
        // The corpus project comes with the rendering work (issue 3).
        let _ = support::require(
            None::<()>,
            &format!("tests/projects/{name}"),
            "the project is not in the repository yet",
        );
        return;
    }
    let cases = PROJECT_CASES
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[][..], |(_, cases)| *cases);
    check_project(name, &dir, cases, DEFAULT_TXN_CASES);
}

/// The repository's own example project (revisions/ at the top).
#[test]
fn example_matches_alembic() {
    check_project("example", &support::repo_root(), &[], DEFAULT_TXN_CASES);
}

#[test]
fn alembic_corpus_matches_alembic() {
    check_named("alembic_corpus");
}

#[test]
fn ops_linear_matches_alembic() {
    check_named("ops_linear");
}

#[test]
fn branches_match_alembic() {
    check_named("branches");
}

#[test]
fn comments_match_alembic() {
    check_named("comments");
}

#[test]
fn partial_index_matches_alembic() {
    check_named("partial_index");
}

#[test]
fn settings_match_alembic() {
    check_named("settings");
}

#[test]
fn online_ddl_matches_alembic() {
    check_named("online_ddl");
}

/// Issue 17's forms: types as autogenerate spells them, table and index options.
#[test]
fn alembic_surface_matches_alembic() {
    check_named("alembic_surface");
}

/// Index and table options keyed as Alembic's keywords.
#[test]
fn dialect_options_match_alembic() {
    check_named("dialect_options");
}

/// `mariadb_*` table options on the mysql dialect.
#[test]
fn mariadb_options_match_alembic() {
    check_named("mariadb_options");
}

#[test]
fn alembic_ops_match_alembic() {
    check_named("alembic_ops");
}

#[test]
fn rename_objects_match_alembic() {
    check_named("rename_objects");
}

#[test]
fn fk_match_matches_alembic() {
    check_named("fk_match");
}

#[test]
fn computed_columns_match_alembic() {
    check_named("computed_stored");
    check_named("computed_virtual");
}

#[test]
fn identity_options_match_alembic() {
    check_named("identity_options");
}

#[test]
fn alter_autoincrement_matches_alembic() {
    check_named("alter_autoincrement");
}

/// Projects without their own case list get the default cases.
#[test]
fn other_projects_match_alembic() {
    let Ok(entries) = std::fs::read_dir(projects_dir()) else {
        return;
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().join("revisions").is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !PROJECT_CASES.iter().any(|(known, _)| known == n))
        .collect();
    names.sort();
    for name in names {
        check_project(&name, &projects_dir().join(&name), &[], DEFAULT_TXN_CASES);
    }
}

#[test]
fn normalising_keeps_everything_but_trailing_whitespace() {
    assert_eq!(normalise("a, \n  b\t\n\n"), "a,\n  b");
    assert_ne!(normalise("a,b"), normalise("a, b"));
    assert!(unmerge_header("-- Running upgrade r7a, r7b -> r8").is_none());
    let order = |first: &str, second: &str| {
        format!(
            "-- Running downgrade r8 -> r7a, r7b\n\n\
             INSERT INTO alembic_version (version_num) VALUES ('{first}') RETURNING alembic_version.version_num;\n\n\
             UPDATE alembic_version SET version_num='{second}' WHERE alembic_version.version_num = 'r8';\n\n\
             -- Running downgrade r7a -> r6"
        )
    };
    assert_eq!(
        canonical_unmerges(&order("r7a", "r7b")),
        canonical_unmerges(&order("r7b", "r7a"))
    );
    assert_ne!(
        canonical_unmerges(&order("r7a", "r7b")),
        canonical_unmerges(&order("r7a", "r6"))
    );
}
