{#- A retort drift check (see postgresql/drift.sql for the context and the
    facts). SQLite reports a column's type and default as the CREATE TABLE
    wrote them (pragma_table_info; pragma_table_xinfo for the columns, which
    lists computed ones too: hidden 2 and 3), so the expected ones are what the
    templates write; a default in parentheses reads back without them.
    SQLite keeps constraint names only in the table's CREATE text: a named
    constraint is found when that text holds `CONSTRAINT <name> `. It has
    no comments and no enum types. The differences are printed as rows,
    then a SELECT fails as guard.sql's does, with the message listing them
    all (run with `sqlite3 -bail`). Only the main database is read: a
    table in another schema (an attached database) is reported missing.
    Only temporary tables are written. -#}
{% import "macros.sql" as m %}
{% macro qualified(schema, name) %}{{ schema ~ "." if schema }}{{ name }}{% endmacro %}
{#- pragma_table_info's dflt_value for the default the templates write. -#}
{% macro reported_default(d) -%}
{% set d = d | resolve %}
{% if d is none or d.kind == "null" %}none
{%- elif d.kind in ["sql", "number"] %}{{ d.value }}
{%- else %}{{ d | literal }}{% endif %}
{%- endmacro %}
{% macro index_definition(ix) -%}
{{ "UNIQUE " if ix.unique }}({% for col in ix.columns %}{{ col if col is string else "<expression>" }}{{ ", " if not loop.last }}{% endfor %}){{ " partial" if ix.where is not none }}
{%- endmacro %}
CREATE TEMP TABLE retort_drift_expected (
    object TEXT NOT NULL,
    property TEXT NOT NULL,
    value TEXT NOT NULL,
    parent TEXT
)
{{ statement_end }}
CREATE TEMP TABLE retort_drift_found (
    object TEXT NOT NULL,
    property TEXT NOT NULL,
    value TEXT,
    parent TEXT
)
{{ statement_end }}
{% set collected = namespace(rows=[], constraints=[]) %}
{% for t in drift.tables %}
{% set name = qualified(t.schema, t.name) %}
{% set parent = "table " ~ name %}
{% set collected.rows = collected.rows + [(parent, "exists", "present", none), (parent, "primary key", t.primary_key.columns | join(", ") if t.primary_key else "none", none)] %}
{% for c in t.columns %}
{% set object = "column " ~ name ~ "." ~ c.name %}
{% set collected.rows = collected.rows + [(object, "exists", "present", parent), (object, "type", m.type(c.type), parent), (object, "nullable", "NULL" if c.nullable else "NOT NULL", parent), (object, "default", reported_default(c.server_default), parent)] %}
{% endfor %}
{% for ix in t.indexes %}
{% set object = "index " ~ ix.name ~ " on " ~ name %}
{% set collected.rows = collected.rows + [(object, "exists", "present", parent), (object, "definition", index_definition(ix), parent)] %}
{% endfor %}
{% for c in ([t.primary_key] if t.primary_key else []) + t.constraints if c.name is not none and m.writes(c, t) %}
{% set object = "constraint " ~ c.name ~ " on " ~ name %}
{% set collected.rows = collected.rows + [(object, "exists", "present", parent)] %}
{% set collected.constraints = collected.constraints + [(object, t.name, c.name, parent)] %}
{% endfor %}
{% endfor %}
{% for o in drift.absent.tables %}{% set collected.rows = collected.rows + [("table " ~ qualified(o.schema, o.name), "exists", "absent", none)] %}{% endfor %}
{% for o in drift.absent.columns %}{% set collected.rows = collected.rows + [("column " ~ qualified(o.schema, o.table) ~ "." ~ o.name, "exists", "absent", "table " ~ qualified(o.schema, o.table))] %}{% endfor %}
{% for o in drift.absent.indexes %}{% set collected.rows = collected.rows + [("index " ~ o.name ~ " on " ~ qualified(o.schema, o.table), "exists", "absent", "table " ~ qualified(o.schema, o.table))] %}{% endfor %}
{% for o in drift.absent.constraints %}
{% set object = "constraint " ~ o.name ~ " on " ~ qualified(o.schema, o.table) %}
{% set collected.rows = collected.rows + [(object, "exists", "absent", "table " ~ qualified(o.schema, o.table))] %}
{% set collected.constraints = collected.constraints + [(object, o.table, o.name, "table " ~ qualified(o.schema, o.table))] %}
{% endfor %}
{% if collected.rows %}
INSERT INTO retort_drift_expected (object, property, value, parent) VALUES
{% for r in collected.rows %}
    ({{ r[0] | literal }}, {{ r[1] | literal }}, {{ r[2] | literal }}, {{ (r[3] | literal) if r[3] else "NULL" }}){{ "," if not loop.last }}
{% endfor %}
{{ statement_end }}
{% endif %}
{#- What the catalog holds. #}
INSERT INTO retort_drift_found (object, property, value, parent)
SELECT 'table ' || s.name, p.property, CASE p.property
        WHEN 'exists' THEN 'present'
        ELSE coalesce((SELECT group_concat(name, ', ') FROM (SELECT name FROM pragma_table_info(s.name) WHERE pk > 0 ORDER BY pk)), 'none')
    END, NULL
FROM sqlite_schema s, (SELECT 'exists' AS property UNION ALL SELECT 'primary key') AS p
WHERE s.type = 'table' AND s.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND s.name <> {{ table | literal }}
{{ statement_end }}
INSERT INTO retort_drift_found (object, property, value, parent)
SELECT 'column ' || s.name || '.' || c.name, p.property, CASE p.property
        WHEN 'exists' THEN 'present'
        WHEN 'type' THEN c.type
        WHEN 'nullable' THEN CASE WHEN c."notnull" THEN 'NOT NULL' ELSE 'NULL' END
        ELSE coalesce(c.dflt_value, 'none')
    END, 'table ' || s.name
FROM sqlite_schema s, pragma_table_xinfo(s.name) c,
    (SELECT 'exists' AS property UNION ALL SELECT 'type' UNION ALL SELECT 'nullable' UNION ALL SELECT 'default') AS p
WHERE s.type = 'table' AND s.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND s.name <> {{ table | literal }}
    AND c.hidden <> 1
{{ statement_end }}
{#- Indexes made by CREATE INDEX (origin 'c'): those of constraints are constraints. #}
INSERT INTO retort_drift_found (object, property, value, parent)
SELECT 'index ' || i.name || ' on ' || s.name, p.property, CASE p.property
        WHEN 'exists' THEN 'present'
        ELSE CASE WHEN i."unique" THEN 'UNIQUE ' ELSE '' END
            || '(' || (SELECT group_concat(coalesce(name, '<expression>'), ', ') FROM (SELECT name FROM pragma_index_info(i.name) ORDER BY seqno)) || ')'
            || CASE WHEN i.partial THEN ' partial' ELSE '' END
    END, 'table ' || s.name
FROM sqlite_schema s, pragma_index_list(s.name) i, (SELECT 'exists' AS property UNION ALL SELECT 'definition') AS p
WHERE s.type = 'table' AND s.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND s.name <> {{ table | literal }} AND i.origin = 'c'
{{ statement_end }}
{% if collected.constraints %}
INSERT INTO retort_drift_found (object, property, value, parent)
{% for c in collected.constraints %}
SELECT {{ c[0] | literal }}, 'exists', 'present', {{ c[3] | literal }} FROM sqlite_schema
WHERE type = 'table' AND name = {{ c[1] | literal }} AND instr(sql, {{ ("CONSTRAINT " ~ (c[2] | quote) ~ " ") | literal }}) > 0
{{ "UNION ALL" if not loop.last }}
{% endfor %}
{{ statement_end }}
{% endif %}
{#- Every difference: a property of a missing object, or an object of a
    missing table, is not one of its own. With --strict, an object no
    revision created. #}
CREATE TEMP TABLE retort_drift_differences AS
SELECT e.object || ': ' || CASE WHEN e.property = 'exists'
        THEN 'expected ' || e.value || ', found ' || coalesce(f.value, 'absent')
        ELSE e.property || ' expected ' || e.value || ', found ' || coalesce(f.value, 'none') END AS difference
FROM retort_drift_expected e
LEFT JOIN retort_drift_found f ON f.object = e.object AND f.property = e.property
WHERE f.value IS NOT e.value
  AND NOT (e.property = 'exists' AND e.value = 'absent' AND f.value IS NULL)
  AND (e.property = 'exists' OR EXISTS (SELECT 1 FROM retort_drift_found x WHERE x.object = e.object AND x.property = 'exists'))
  AND (e.parent IS NULL OR EXISTS (SELECT 1 FROM retort_drift_found x WHERE x.object = e.parent AND x.property = 'exists'))
{% if drift.strict %}
UNION ALL
SELECT f.object || ': expected absent (no revision created it), found present'
FROM retort_drift_found f
WHERE f.property = 'exists' AND f.object NOT LIKE 'constraint %'
  AND NOT EXISTS (SELECT 1 FROM retort_drift_expected e WHERE e.object = f.object)
  AND (f.parent IS NULL OR EXISTS (SELECT 1 FROM retort_drift_expected e WHERE e.object = f.parent AND e.value = 'present'))
{% endif %}
{{ statement_end }}
SELECT difference AS "retort drift: difference" FROM retort_drift_differences ORDER BY difference
{{ statement_end }}
SELECT json_extract('{}', {{ drift.message | literal }} || count(*) || ' difference(s)' || char(10)
    || (SELECT group_concat(difference, char(10)) FROM (SELECT difference FROM retort_drift_differences ORDER BY difference)))
FROM retort_drift_differences
HAVING count(*) > 0
{{ statement_end }}
DROP TABLE retort_drift_expected
{{ statement_end }}
DROP TABLE retort_drift_found
{{ statement_end }}
DROP TABLE retort_drift_differences
