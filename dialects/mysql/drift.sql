{#- A retort drift check (see postgresql/drift.sql for the context and the
    facts). MySQL/MariaDB keep no temporary table in information_schema, so
    the type and default the engine reports are spelled here
    (reported_type, reported_default: MariaDB 10.11's COLUMN_TYPE and
    COLUMN_DEFAULT). The differences are printed as rows, then an INSERT
    fails (as guard.sql's) on a message that counts them: MySQL cuts error
    messages at 512 bytes, so the rows above it are the full list. A
    temporary table cannot be read twice in one MariaDB statement, hence
    the flags set by UPDATE before the comparison. The facts compare as
    bytes (utf8mb4_bin): a default 'usd' is not 'USD'. Only temporary
    tables are written. -#}
{% import "macros.sql" as m %}
{% macro qualified(schema, name) %}{{ schema ~ "." if schema }}{{ name }}{% endmacro %}
{% macro text(value) %}{% if value is none %}'none'{% else %}{{ value | literal }}{% endif %}{% endmacro %}
{#- COLUMN_TYPE as MariaDB reports the type the templates write. -#}
{% set reported = {
    "integer": "int(11)", "smallint": "smallint(6)", "bigint": "bigint(20)", "bool": "tinyint(1)",
    "numeric": "decimal(10,0)", "json": "longtext", "float(53)": "double",
    "double precision": "double", "real": "double",
} %}
{#- BLOB(n) and TEXT(n) become the smallest type that holds n bytes (a
    TEXT character is 4 bytes in utf8mb4, the character set assumed here). -#}
{% macro sized(base, bytes) -%}
{{ "tiny" if bytes < 256 else "" if bytes < 65536 else "medium" if bytes < 16777216 else "long" }}{{ base }}
{%- endmacro %}
{% macro reported_type(c) -%}
{% set t = c.type | resolve %}
{% if t.kind == "LargeBinary" and t.length is not none %}{{ sized("blob", t.length) }}
{%- elif t.kind == "Text" and t.length is not none %}{{ sized("text", t.length * 4) }}
{%- elif t.kind == "Enum" and t.native_enum %}enum({% for v in t["values"] %}{{ v | literal }}{{ "," if not loop.last }}{% endfor %})
{#- COLUMN_TYPE has no collation (COLLATION_NAME has it), and says int(11). #}
{%- else %}{% set written = (m.type(c.type) | lower | split(" collate "))[0] | replace(", ", ",") | replace("numeric(", "decimal(") | replace("national ", "") | replace("integer(", "int(") %}{{ reported[written] if written in reported else written }}
{%- endif %}
{%- endmacro %}
{% set reported_sql = {"current_timestamp": "current_timestamp()", "now()": "current_timestamp()", "current_date": "curdate()", "current_time": "curtime()", "true": "1", "false": "0"} %}
{#- COLUMN_DEFAULT as MariaDB reports the default the templates write. -#}
{% macro reported_default(d) -%}
{% set d = d | resolve %}
{% if d is none or d.kind == "null" %}none
{%- elif d.kind == "bool" %}{{ 1 if d.value else 0 }}
{%- elif d.kind == "sql" %}{% set sql = d.value | lower %}{{ reported_sql[sql] if sql in reported_sql else sql }}
{%- elif d.kind == "number" %}{{ d.value }}
{%- else %}{{ d | literal }}{% endif %}
{%- endmacro %}
{% set version_schema = (schema | literal) if schema else "DATABASE()" %}
CREATE TEMPORARY TABLE retort_drift_expected (
    object VARCHAR(512) NOT NULL,
    property VARCHAR(64) NOT NULL,
    value TEXT NOT NULL,
    parent VARCHAR(512),
    object_found INTEGER NOT NULL DEFAULT 0,
    parent_found INTEGER NOT NULL DEFAULT 0
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin
{{ statement_end }}
CREATE TEMPORARY TABLE retort_drift_found (
    object VARCHAR(512) NOT NULL,
    property VARCHAR(64) NOT NULL,
    value TEXT,
    parent VARCHAR(512),
    parent_expected INTEGER NOT NULL DEFAULT 0,
    object_expected INTEGER NOT NULL DEFAULT 0
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin
{{ statement_end }}
{% set collected = namespace(rows=[], unnamed_unique=[]) %}
{% for t in drift.tables %}
{% set name = qualified(t.schema, t.name) %}
{% set parent = "table " ~ name %}
{% set collected.rows = collected.rows + [(parent, "exists", "present", none), (parent, "primary key", t.primary_key.columns | join(", ") if t.primary_key else "none", none), (parent, "comment", t.comment if t.comment is not none else "none", none)] %}
{% for c in t.columns %}
{% set object = "column " ~ name ~ "." ~ c.name %}
{#- MySQL generates values only for a key's column; an identity column is
    NOT NULL, generated or not. #}
{% set auto = c.name == t.autoincrement_column and c.server_default is none %}
{% set collected.rows = collected.rows + [(object, "exists", "present", parent), (object, "type", reported_type(c), parent), (object, "nullable", "NULL" if c.nullable and c.identity is none else "NOT NULL", parent), (object, "default", reported_default(c.server_default), parent), (object, "identity", "auto_increment" if auto else "none", parent), (object, "comment", c.comment if c.comment is not none else "none", parent)] %}
{% endfor %}
{% for ix in t.indexes %}
{% set object = "index " ~ ix.name ~ " on " ~ name %}
{% set columns %}{% for col in ix.columns %}{{ col if col is string else col.sql }}{{ ", " if not loop.last }}{% endfor %}{% endset %}
{% set collected.rows = collected.rows + [(object, "exists", "present", parent), (object, "definition", ("UNIQUE " if ix.unique else "") ~ "(" ~ columns ~ ")", parent)] %}
{% endfor %}
{% for c in t.constraints if c.kind == "unique" and c.name is none %}
{% set collected.unnamed_unique = collected.unnamed_unique + [name ~ "|" ~ c.columns | join(", ")] %}
{% endfor %}
{% for c in t.constraints if c.name is not none and m.writes(c, t) %}
{% set object = "constraint " ~ c.name ~ " on " ~ name %}
{% set collected.rows = collected.rows + [(object, "exists", "present", parent), (object, "kind", c.kind | replace("enum_check", "check") | replace("bool_check", "check") | replace("_", " "), parent)] %}
{% endfor %}
{% endfor %}
{% for o in drift.absent.tables %}{% set collected.rows = collected.rows + [("table " ~ qualified(o.schema, o.name), "exists", "absent", none)] %}{% endfor %}
{% for o in drift.absent.columns %}{% set collected.rows = collected.rows + [("column " ~ qualified(o.schema, o.table) ~ "." ~ o.name, "exists", "absent", "table " ~ qualified(o.schema, o.table))] %}{% endfor %}
{% for o in drift.absent.indexes %}{% set collected.rows = collected.rows + [("index " ~ o.name ~ " on " ~ qualified(o.schema, o.table), "exists", "absent", "table " ~ qualified(o.schema, o.table))] %}{% endfor %}
{% for o in drift.absent.constraints %}{% set collected.rows = collected.rows + [("constraint " ~ o.name ~ " on " ~ qualified(o.schema, o.table), "exists", "absent", "table " ~ qualified(o.schema, o.table))] %}{% endfor %}
{% if collected.rows %}
INSERT INTO retort_drift_expected (object, property, value, parent) VALUES
{% for r in collected.rows %}
    ({{ r[0] | literal }}, {{ r[1] | literal }}, {{ r[2] | literal }}, {{ (r[3] | literal) if r[3] else "NULL" }}){{ "," if not loop.last }}
{% endfor %}
{{ statement_end }}
{% endif %}
{#- What the catalog holds, in the current database and the model's schemas. #}
{% set scope %}(TABLE_SCHEMA = DATABASE(){% for s in drift.schemas %} OR TABLE_SCHEMA = {{ s | literal }}{% endfor %}){% endset %}
{% set prefix %}CASE WHEN TABLE_SCHEMA = DATABASE() THEN '' ELSE CONCAT(TABLE_SCHEMA, '.') END{% endset %}
{% set not_version_table %}NOT (TABLE_NAME = {{ table | literal }} AND TABLE_SCHEMA = {{ version_schema }}){% endset %}
INSERT INTO retort_drift_found (object, property, value, parent)
SELECT CONCAT('table ', {{ prefix }}, TABLE_NAME), p.property,
    CASE p.property WHEN 'exists' THEN 'present' ELSE IF(TABLE_COMMENT = '', 'none', TABLE_COMMENT) END, NULL
FROM information_schema.TABLES
CROSS JOIN (SELECT 'exists' AS property UNION ALL SELECT 'comment') AS p
WHERE {{ scope }} AND TABLE_TYPE = 'BASE TABLE' AND {{ not_version_table }}
{{ statement_end }}
INSERT INTO retort_drift_found (object, property, value, parent)
SELECT CONCAT('table ', {{ prefix }}, TABLE_NAME), 'primary key', COALESCE((
    SELECT GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.SEQ_IN_INDEX SEPARATOR ', ')
    FROM information_schema.STATISTICS k
    WHERE k.TABLE_SCHEMA = t.TABLE_SCHEMA AND k.TABLE_NAME = t.TABLE_NAME AND k.INDEX_NAME = 'PRIMARY'), 'none'), NULL
FROM information_schema.TABLES t
WHERE {{ scope }} AND TABLE_TYPE = 'BASE TABLE' AND {{ not_version_table }}
{{ statement_end }}
INSERT INTO retort_drift_found (object, property, value, parent)
SELECT CONCAT('column ', {{ prefix }}, TABLE_NAME, '.', COLUMN_NAME), p.property,
    CASE p.property
        WHEN 'exists' THEN 'present'
        WHEN 'type' THEN COLUMN_TYPE
        WHEN 'nullable' THEN IF(IS_NULLABLE = 'YES', 'NULL', 'NOT NULL')
        WHEN 'default' THEN IF(COLUMN_DEFAULT IS NULL OR COLUMN_DEFAULT = 'NULL', 'none', COLUMN_DEFAULT)
        WHEN 'identity' THEN IF(EXTRA LIKE '%auto_increment%', 'auto_increment', 'none')
        ELSE IF(COLUMN_COMMENT = '', 'none', COLUMN_COMMENT)
    END,
    CONCAT('table ', {{ prefix }}, TABLE_NAME)
FROM information_schema.COLUMNS
CROSS JOIN (SELECT 'exists' AS property UNION ALL SELECT 'type' UNION ALL SELECT 'nullable'
    UNION ALL SELECT 'default' UNION ALL SELECT 'identity' UNION ALL SELECT 'comment') AS p
WHERE {{ scope }} AND {{ not_version_table }}
{{ statement_end }}
{#- Indexes, but not the primary key's or the one MySQL makes for a
    foreign key. A unique index is also a UNIQUE constraint here: both are
    found, and the index of a unique constraint the model has (named, or
    unnamed on the same columns) is no extra index under --strict. #}
INSERT INTO retort_drift_found (object, property, value, parent)
SELECT CONCAT('index ', INDEX_NAME, ' on ', {{ prefix }}, TABLE_NAME), p.property,
    IF(p.property = 'exists', 'present', CONCAT(IF(MIN(NON_UNIQUE) = 0, 'UNIQUE ', ''), '(', GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX SEPARATOR ', '), ')')),
    CONCAT('table ', {{ prefix }}, TABLE_NAME)
FROM information_schema.STATISTICS s
CROSS JOIN (SELECT 'exists' AS property UNION ALL SELECT 'definition') AS p
WHERE {{ scope }} AND INDEX_NAME <> 'PRIMARY' AND {{ not_version_table }}
  AND NOT EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS k
    WHERE k.TABLE_SCHEMA = s.TABLE_SCHEMA AND k.TABLE_NAME = s.TABLE_NAME AND k.CONSTRAINT_NAME = s.INDEX_NAME
      AND k.CONSTRAINT_TYPE = 'FOREIGN KEY')
GROUP BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, p.property
{% if collected.unnamed_unique %}
HAVING NOT (MIN(NON_UNIQUE) = 0 AND CONCAT({{ prefix }}, TABLE_NAME, '|', GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX SEPARATOR ', '))
    IN ({% for u in collected.unnamed_unique %}{{ u | literal }}{{ ", " if not loop.last }}{% endfor %}))
{% endif %}
{{ statement_end }}
INSERT INTO retort_drift_found (object, property, value, parent)
SELECT CONCAT('constraint ', CONSTRAINT_NAME, ' on ', {{ prefix }}, TABLE_NAME), p.property,
    IF(p.property = 'exists', 'present', LOWER(CONSTRAINT_TYPE)),
    CONCAT('table ', {{ prefix }}, TABLE_NAME)
FROM information_schema.TABLE_CONSTRAINTS
CROSS JOIN (SELECT 'exists' AS property UNION ALL SELECT 'kind') AS p
WHERE {{ scope }} AND CONSTRAINT_TYPE <> 'PRIMARY KEY' AND {{ not_version_table }}
{{ statement_end }}
{#- A number reads back unquoted from a numeric column ('0' as 0), and
    quoted from a text column: both sides lose the quotes around a number. #}
UPDATE retort_drift_expected SET value = SUBSTRING(value, 2, CHAR_LENGTH(value) - 2)
WHERE property = 'default' AND value REGEXP '^''-?[0-9]+([.][0-9]+)?''$'
{{ statement_end }}
UPDATE retort_drift_found SET value = SUBSTRING(value, 2, CHAR_LENGTH(value) - 2)
WHERE property = 'default' AND value REGEXP '^''-?[0-9]+([.][0-9]+)?''$'
{{ statement_end }}
{#- A decimal default reads back at the column's scale (2.0 as 2.00):
    both sides lose their trailing zeros. #}
UPDATE retort_drift_expected SET value = TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM value))
WHERE property = 'default' AND value REGEXP '^-?[0-9]+[.][0-9]+$'
{{ statement_end }}
UPDATE retort_drift_found SET value = TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM value))
WHERE property = 'default' AND value REGEXP '^-?[0-9]+[.][0-9]+$'
{{ statement_end }}
UPDATE retort_drift_expected e JOIN retort_drift_found f ON f.object = e.object AND f.property = 'exists'
SET e.object_found = 1
{{ statement_end }}
UPDATE retort_drift_expected e JOIN retort_drift_found f ON f.object = e.parent AND f.property = 'exists'
SET e.parent_found = 1
{{ statement_end }}
UPDATE retort_drift_found f JOIN retort_drift_expected e ON e.object = f.object
SET f.object_expected = 1
{{ statement_end }}
UPDATE retort_drift_found f JOIN retort_drift_expected e ON e.object = CONCAT('constraint ', SUBSTRING(f.object, 7))
SET f.object_expected = 1
WHERE f.object LIKE 'index %'
{{ statement_end }}
UPDATE retort_drift_found f JOIN retort_drift_expected e ON e.object = f.parent AND e.property = 'exists' AND e.value = 'present'
SET f.parent_expected = 1
{{ statement_end }}
{#- Every difference: a property of a missing object, or an object of a
    missing table, is not one of its own. With --strict, an object no
    revision created (not a constraint: the engine names those the model
    leaves unnamed). #}
CREATE TEMPORARY TABLE retort_drift_differences (difference TEXT NOT NULL) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin
{{ statement_end }}
INSERT INTO retort_drift_differences (difference)
SELECT CONCAT(e.object, ': ', IF(e.property = 'exists',
    CONCAT('expected ', e.value, ', found ', COALESCE(f.value, 'absent')),
    CONCAT(e.property, ' expected ', e.value, ', found ', COALESCE(f.value, 'none'))))
FROM retort_drift_expected e
LEFT JOIN retort_drift_found f ON f.object = e.object AND f.property = e.property
WHERE NOT (f.value <=> e.value)
  AND NOT (e.property = 'exists' AND e.value = 'absent' AND f.value IS NULL)
  AND (e.property = 'exists' OR e.object_found = 1)
  AND (e.parent IS NULL OR e.parent_found = 1)
{{ statement_end }}
{% if drift.strict %}
INSERT INTO retort_drift_differences (difference)
SELECT CONCAT(f.object, ': expected absent (no revision created it), found present')
FROM retort_drift_found f
WHERE f.property = 'exists' AND f.object NOT LIKE 'constraint %' AND f.object_expected = 0
  AND (f.parent IS NULL OR f.parent_expected = 1)
{{ statement_end }}
{% endif %}
SELECT difference AS `retort drift: difference` FROM retort_drift_differences ORDER BY difference
{{ statement_end }}
CREATE TEMPORARY TABLE retort_drift_failed (
    ok INTEGER NOT NULL,
    CONSTRAINT retort_drift_failed CHECK (ok = 1)
)
{{ statement_end }}
INSERT INTO retort_drift_failed (ok) SELECT CASE
    WHEN COUNT(*) = 0 THEN 1
    ELSE CONCAT({{ drift.message | literal }}, COUNT(*), ' difference(s), listed above')
END
FROM retort_drift_differences
{{ statement_end }}
DROP TEMPORARY TABLE retort_drift_expected, retort_drift_found, retort_drift_differences, retort_drift_failed
