{#- A retort drift check (see postgresql/drift.sql for the context and the
    facts). Not run on an engine here: rendered and snapshot-tested only.
    Temporary #tables outlive the GO batches of a session. The type and
    default SQL Server reports are spelled here (reported_type,
    reported_default: INFORMATION_SCHEMA.COLUMNS, where a default reads back
    in parentheses). Comments (extended properties) are not compared. The
    differences are printed as rows, then THROW fails with a message that
    counts them (and lists them as far as 2048 characters go). Run with
    `sqlcmd -b`. Only temporary tables are written. -#}
{% import "macros.sql" as m %}
{% macro qualified(schema, name) %}{{ schema ~ "." if schema }}{{ name }}{% endmacro %}
{% set reported = {"integer": "int", "numeric": "numeric(18,0)", "float": "float", "float(53)": "float"} %}
{% macro reported_type(c) -%}
{% set written = m.type(c.type) | lower | replace(", ", ",") %}{{ reported[written] if written in reported else written }}
{%- endmacro %}
{% macro reported_default(d) -%}
{% set d = d | resolve %}
{% if d is none or d.kind == "null" %}none
{%- elif d.kind == "bool" %}(({{ 1 if d.value else 0 }}))
{%- elif d.kind == "number" %}(({{ d.value }}))
{%- elif d.kind == "sql" %}({{ "getdate()" if d.value | upper == "CURRENT_TIMESTAMP" else d.value }})
{%- else %}({{ d | literal }}){% endif %}
{%- endmacro %}
{% set version_schema = (schema | literal) if schema else "SCHEMA_NAME()" %}
{% set scope %}(TABLE_SCHEMA = SCHEMA_NAME(){% for s in drift.schemas %} OR TABLE_SCHEMA = {{ s | literal }}{% endfor %}){% endset %}
{% set prefix %}CASE WHEN TABLE_SCHEMA = SCHEMA_NAME() THEN '' ELSE TABLE_SCHEMA + '.' END{% endset %}
{% set not_version_table %}NOT (TABLE_NAME = {{ table | literal }} AND TABLE_SCHEMA = {{ version_schema }}){% endset %}
CREATE TABLE #retort_drift_expected (
    object NVARCHAR(512) NOT NULL,
    property NVARCHAR(64) NOT NULL,
    value NVARCHAR(MAX) NOT NULL,
    parent NVARCHAR(512) NULL
)
{{ statement_end }}
CREATE TABLE #retort_drift_found (
    object NVARCHAR(512) NOT NULL,
    property NVARCHAR(64) NOT NULL,
    value NVARCHAR(MAX) NULL,
    parent NVARCHAR(512) NULL
)
{{ statement_end }}
{% set collected = namespace(rows=[]) %}
{% for t in drift.tables %}
{% set name = qualified(t.schema, t.name) %}
{% set parent = "table " ~ name %}
{% set collected.rows = collected.rows + [(parent, "exists", "present", none), (parent, "primary key", t.primary_key.columns | join(", ") if t.primary_key else "none", none)] %}
{% for c in t.columns %}
{% set object = "column " ~ name ~ "." ~ c.name %}
{% set collected.rows = collected.rows + [(object, "exists", "present", parent), (object, "type", reported_type(c), parent), (object, "nullable", "NULL" if c.nullable else "NOT NULL", parent), (object, "default", reported_default(c.server_default), parent)] %}
{% endfor %}
{% for ix in t.indexes %}
{% set object = "index " ~ ix.name ~ " on " ~ name %}
{% set columns %}{% for col in ix.columns %}{{ col if col is string else "<expression>" }}{{ ", " if not loop.last }}{% endfor %}{% endset %}
{% set collected.rows = collected.rows + [(object, "exists", "present", parent), (object, "definition", ("UNIQUE " if ix.unique else "") ~ "(" ~ columns ~ ")" ~ (" partial" if ix.where is not none else ""), parent)] %}
{% endfor %}
{% for c in ([t.primary_key] if t.primary_key else []) + t.constraints if c.name is not none and m.writes(c, t) %}
{% set object = "constraint " ~ c.name ~ " on " ~ name %}
{% set collected.rows = collected.rows + [(object, "exists", "present", parent), (object, "kind", c.kind | replace("enum_check", "check") | replace("_", " "), parent)] %}
{% endfor %}
{% endfor %}
{% for o in drift.absent.tables %}{% set collected.rows = collected.rows + [("table " ~ qualified(o.schema, o.name), "exists", "absent", none)] %}{% endfor %}
{% for o in drift.absent.columns %}{% set collected.rows = collected.rows + [("column " ~ qualified(o.schema, o.table) ~ "." ~ o.name, "exists", "absent", "table " ~ qualified(o.schema, o.table))] %}{% endfor %}
{% for o in drift.absent.indexes %}{% set collected.rows = collected.rows + [("index " ~ o.name ~ " on " ~ qualified(o.schema, o.table), "exists", "absent", "table " ~ qualified(o.schema, o.table))] %}{% endfor %}
{% for o in drift.absent.constraints %}{% set collected.rows = collected.rows + [("constraint " ~ o.name ~ " on " ~ qualified(o.schema, o.table), "exists", "absent", "table " ~ qualified(o.schema, o.table))] %}{% endfor %}
{#- SQL Server takes at most 1000 rows per VALUES. #}
{% for r in collected.rows %}
{% if loop.index0 % 500 == 0 %}
INSERT INTO #retort_drift_expected (object, property, value, parent) VALUES
{% endif %}
    ({{ r[0] | literal }}, {{ r[1] | literal }}, {{ r[2] | literal }}, {{ (r[3] | literal) if r[3] else "NULL" }}){{ "," if not loop.last and loop.index % 500 != 0 }}
{% if loop.last or loop.index % 500 == 0 %}
{{ statement_end }}
{% endif %}
{% endfor %}
INSERT INTO #retort_drift_found (object, property, value, parent)
SELECT 'table ' + {{ prefix }} + TABLE_NAME, 'exists', 'present', NULL
FROM INFORMATION_SCHEMA.TABLES
WHERE {{ scope }} AND TABLE_TYPE = 'BASE TABLE' AND {{ not_version_table }}
UNION ALL
SELECT 'table ' + {{ prefix }} + k.TABLE_NAME, 'primary key',
    STRING_AGG(CAST(u.COLUMN_NAME AS NVARCHAR(MAX)), ', ') WITHIN GROUP (ORDER BY u.ORDINAL_POSITION), NULL
FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS k
JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE u ON u.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND u.CONSTRAINT_NAME = k.CONSTRAINT_NAME
WHERE k.CONSTRAINT_TYPE = 'PRIMARY KEY' AND (k.TABLE_SCHEMA = SCHEMA_NAME(){% for s in drift.schemas %} OR k.TABLE_SCHEMA = {{ s | literal }}{% endfor %})
GROUP BY k.TABLE_SCHEMA, k.TABLE_NAME
UNION ALL
SELECT 'column ' + {{ prefix }} + TABLE_NAME + '.' + COLUMN_NAME, p.property, CASE p.property
        WHEN 'exists' THEN 'present'
        WHEN 'type' THEN LOWER(DATA_TYPE) + CASE
            WHEN CHARACTER_MAXIMUM_LENGTH = -1 THEN '(max)'
            WHEN DATA_TYPE IN ('varchar', 'nvarchar', 'char', 'nchar', 'varbinary', 'binary') THEN '(' + CAST(CHARACTER_MAXIMUM_LENGTH AS NVARCHAR(20)) + ')'
            WHEN DATA_TYPE IN ('numeric', 'decimal') THEN '(' + CAST(NUMERIC_PRECISION AS NVARCHAR(20)) + ',' + CAST(NUMERIC_SCALE AS NVARCHAR(20)) + ')'
            ELSE '' END
        WHEN 'nullable' THEN CASE IS_NULLABLE WHEN 'YES' THEN 'NULL' ELSE 'NOT NULL' END
        ELSE COALESCE(COLUMN_DEFAULT, 'none')
    END, 'table ' + {{ prefix }} + TABLE_NAME
FROM INFORMATION_SCHEMA.COLUMNS
CROSS JOIN (VALUES ('exists'), ('type'), ('nullable'), ('default')) AS p(property)
WHERE {{ scope }} AND {{ not_version_table }}
UNION ALL
SELECT 'constraint ' + CONSTRAINT_NAME + ' on ' + {{ prefix }} + TABLE_NAME, p.property,
    CASE p.property WHEN 'exists' THEN 'present' ELSE LOWER(CONSTRAINT_TYPE) END, 'table ' + {{ prefix }} + TABLE_NAME
FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS
CROSS JOIN (VALUES ('exists'), ('kind')) AS p(property)
WHERE {{ scope }} AND {{ not_version_table }}
{{ statement_end }}
{#- Indexes, but not those of a primary key or unique constraint. #}
INSERT INTO #retort_drift_found (object, property, value, parent)
SELECT 'index ' + i.name + ' on ' + CASE WHEN s.name = SCHEMA_NAME() THEN '' ELSE s.name + '.' END + t.name, p.property,
    CASE p.property WHEN 'exists' THEN 'present' ELSE
        CASE WHEN i.is_unique = 1 THEN 'UNIQUE ' ELSE '' END + '('
        + (SELECT STRING_AGG(CAST(c.name AS NVARCHAR(MAX)), ', ') WITHIN GROUP (ORDER BY ic.key_ordinal)
           FROM sys.index_columns ic JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
           WHERE ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.is_included_column = 0)
        + ')' + CASE WHEN i.has_filter = 1 THEN ' partial' ELSE '' END
    END,
    'table ' + CASE WHEN s.name = SCHEMA_NAME() THEN '' ELSE s.name + '.' END + t.name
FROM sys.indexes i
JOIN sys.tables t ON t.object_id = i.object_id
JOIN sys.schemas s ON s.schema_id = t.schema_id
CROSS JOIN (VALUES ('exists'), ('definition')) AS p(property)
WHERE i.name IS NOT NULL AND i.is_primary_key = 0 AND i.is_unique_constraint = 0
  AND (s.name = SCHEMA_NAME(){% for s in drift.schemas %} OR s.name = {{ s | literal }}{% endfor %})
{{ statement_end }}
{#- Every difference: a property of a missing object, or an object of a
    missing table, is not one of its own. With --strict, an object no
    revision created (not a constraint: the engine names those the model
    leaves unnamed). #}
SELECT difference INTO #retort_drift_differences FROM (
    SELECT e.object + ': ' + CASE WHEN e.property = 'exists'
            THEN 'expected ' + e.value + ', found ' + COALESCE(f.value, 'absent')
            ELSE e.property + ' expected ' + e.value + ', found ' + COALESCE(f.value, 'none') END AS difference
    FROM #retort_drift_expected e
    LEFT JOIN #retort_drift_found f ON f.object = e.object AND f.property = e.property
    WHERE (f.value IS NULL OR f.value <> e.value)
      AND NOT (e.property = 'exists' AND e.value = 'absent' AND f.value IS NULL)
      AND (e.property = 'exists' OR EXISTS (SELECT 1 FROM #retort_drift_found x WHERE x.object = e.object AND x.property = 'exists'))
      AND (e.parent IS NULL OR EXISTS (SELECT 1 FROM #retort_drift_found x WHERE x.object = e.parent AND x.property = 'exists'))
{% if drift.strict %}
    UNION ALL
    SELECT f.object + ': expected absent (no revision created it), found present'
    FROM #retort_drift_found f
    WHERE f.property = 'exists' AND f.object NOT LIKE 'constraint %'
      AND NOT EXISTS (SELECT 1 FROM #retort_drift_expected e WHERE e.object = f.object)
      AND (f.parent IS NULL OR EXISTS (SELECT 1 FROM #retort_drift_expected e WHERE e.object = f.parent AND e.value = 'present'))
{% endif %}
) AS d
{{ statement_end }}
SELECT difference AS [retort drift: difference] FROM #retort_drift_differences ORDER BY difference
{{ statement_end }}
IF EXISTS (SELECT 1 FROM #retort_drift_differences)
BEGIN
    DECLARE @message NVARCHAR(2048) = LEFT({{ drift.message | literal }}
        + CAST((SELECT COUNT(*) FROM #retort_drift_differences) AS NVARCHAR(20)) + ' difference(s)' + CHAR(10)
        + (SELECT STRING_AGG(difference, CHAR(10)) WITHIN GROUP (ORDER BY difference) FROM #retort_drift_differences), 2048);
    THROW 50001, @message, 1;
END
{{ statement_end }}
DROP TABLE #retort_drift_expected, #retort_drift_found, #retort_drift_differences
