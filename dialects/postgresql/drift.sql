{#- A retort drift check (`retort drift`, and compiled scripts with
    `drift_check`): compares the catalog with the schema model at a revision.
    Context: drift (tables, enums, schemas, absent, strict, revision,
    message: see src/render/drift.rs), table and schema (the version table,
    left out).

    The check is made of facts (object, property, value): what the model
    expects, in the temporary table retort_drift_expected, and what the
    catalog holds, in retort_drift_found; a DO block compares them and
    raises one exception that lists every difference.

    How PostgreSQL reports a type or a default is PostgreSQL's business: each
    table of the model is created again as a temporary "mirror" table (its
    columns and indexes as create_table.sql writes them), and the expected
    type, nullability, default and index definition are read from the
    mirror's catalog entries with the same queries as the real table's. Only
    temporary objects are created; nothing else is written. -#}
{% import "macros.sql" as m %}
{% macro qualified(schema, name) %}{{ schema ~ "." if schema }}{{ name }}{% endmacro %}
{#- A column of a mirror table: as create_table.sql writes it, but an
    identity column is NOT NULL whatever the model says (PostgreSQL refuses
    `IDENTITY NULL` in CREATE TABLE, and reports identity columns NOT NULL). #}
{% macro mirror_column(c, t) -%}
{% if c.identity is not none %}{{ c.name | quote }} {{ m.type(c.type) }} {{ m.identity(c.identity) }}{% else %}{{ m.column(c, t) }}{% endif %}
{%- endmacro %}
{% macro text(value) %}{% if value is none %}'none'{% else %}{{ value | literal }}{% endif %}{% endmacro %}
{#- The name of a relation of namespace n as the facts write it: the default
    schema (current_schema()) left out. #}
{% set relation_name %}CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname || '.' END || c.relname{% endset %}
{#- The column facts of the attributes `a` of relation `c` #}
{% set column_facts %}(VALUES
            ('type', format_type(a.atttypid, a.atttypmod)),
            ('nullable', CASE WHEN a.attnotnull THEN 'NOT NULL' ELSE 'NULL' END),
            ('default', coalesce(regexp_replace(pg_get_expr(d.adbin, d.adrelid), '^nextval\(.*\)$', 'nextval(<sequence>)'), 'none')),
            ('identity', CASE a.attidentity WHEN 'a' THEN 'ALWAYS' WHEN 'd' THEN 'BY DEFAULT' ELSE 'none' END)
        ) AS p(property, value){% endset %}
{% set index_definition %}CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END || regexp_replace(pg_get_indexdef(i.indexrelid), '^.*? USING ', 'USING '){% endset %}
CREATE TEMPORARY TABLE retort_drift_expected (
    object text NOT NULL,
    property text NOT NULL,
    value text NOT NULL,
    parent text
)
{{ statement_end }}
{% for t in drift.tables %}
{% set mirror = "retort_drift_" ~ loop.index %}
{% set name = qualified(t.schema, t.name) %}
CREATE TEMPORARY TABLE {{ mirror }} (
{% for c in t.columns %}
    {{ mirror_column(c, t) }}{{ "," if not loop.last }}
{% endfor %}
)
{{ statement_end }}
{% for ix in t.indexes %}
CREATE {{ "UNIQUE " if ix.unique }}INDEX {{ mirror }}_{{ loop.index }} ON {{ mirror }} {% if ix.postgresql_using is not none %}USING {{ ix.postgresql_using }} {% endif %}({{ m.index_columns(ix.columns, ix.postgresql_ops) }})
{%- if ix.postgresql_include %} INCLUDE ({{ m.names(ix.postgresql_include) }}){% endif %}
{%- if ix.postgresql_nulls_not_distinct is not none %} {{ m.nulls_distinct(ix.postgresql_nulls_not_distinct) | trim }}{% endif %}
{{- m.storage_parameters(ix.postgresql_with) }}
{%- if ix.where is not none %} WHERE {{ ix.where }}{% endif %}

{{ statement_end }}
{% endfor %}
INSERT INTO retort_drift_expected (object, property, value, parent) VALUES
    ({{ ("table " ~ name) | literal }}, 'exists', 'present', NULL),
    ({{ ("table " ~ name) | literal }}, 'primary key', {{ text(t.primary_key.columns | join(", ") if t.primary_key else none) }}, NULL),
    ({{ ("table " ~ name) | literal }}, 'comment', {{ text(t.comment) }}, NULL)
{% for c in t.columns %}
    , ({{ ("column " ~ name ~ "." ~ c.name) | literal }}, 'exists', 'present', {{ ("table " ~ name) | literal }})
    , ({{ ("column " ~ name ~ "." ~ c.name) | literal }}, 'comment', {{ text(c.comment) }}, {{ ("table " ~ name) | literal }})
{% endfor %}
{% for ix in t.indexes %}
    , ({{ ("index " ~ ix.name ~ " on " ~ name) | literal }}, 'exists', 'present', {{ ("table " ~ name) | literal }})
{% endfor %}
{% for c in ([t.primary_key] if t.primary_key and t.primary_key.name else []) + t.constraints if c.name is not none and m.writes(c, t) %}
    , ({{ ("constraint " ~ c.name ~ " on " ~ name) | literal }}, 'exists', 'present', {{ ("table " ~ name) | literal }})
    , ({{ ("constraint " ~ c.name ~ " on " ~ name) | literal }}, 'kind', {{ (c.kind | replace("enum_check", "check") | replace("_", " ")) | literal }}, {{ ("table " ~ name) | literal }})
{% endfor %}
{{ statement_end }}
INSERT INTO retort_drift_expected (object, property, value, parent)
SELECT {{ ("column " ~ name ~ ".") | literal }} || a.attname, p.property, p.value, {{ ("table " ~ name) | literal }}
FROM pg_attribute a
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
CROSS JOIN LATERAL {{ column_facts }}
WHERE a.attrelid = 'pg_temp.{{ mirror }}'::regclass AND a.attnum > 0 AND NOT a.attisdropped
{{ statement_end }}
{% if t.indexes %}
INSERT INTO retort_drift_expected (object, property, value, parent) VALUES
{% for ix in t.indexes %}
    {{ "," if not loop.first }}({{ ("index " ~ ix.name ~ " on " ~ name) | literal }}, 'definition', (SELECT {{ index_definition }} FROM pg_index i WHERE i.indexrelid = 'pg_temp.{{ mirror }}_{{ loop.index }}'::regclass), {{ ("table " ~ name) | literal }})
{% endfor %}
{{ statement_end }}
{% endif %}
{% endfor %}
{% set absent = drift.absent %}
{% set collected = namespace(rows=[]) %}
{% for o in absent.tables %}{% set collected.rows = collected.rows + [("table " ~ qualified(o.schema, o.name), none)] %}{% endfor %}
{% for o in absent.columns %}{% set collected.rows = collected.rows + [("column " ~ qualified(o.schema, o.table) ~ "." ~ o.name, "table " ~ qualified(o.schema, o.table))] %}{% endfor %}
{% for o in absent.indexes %}{% set collected.rows = collected.rows + [("index " ~ o.name ~ " on " ~ qualified(o.schema, o.table), "table " ~ qualified(o.schema, o.table))] %}{% endfor %}
{% for o in absent.constraints %}{% set collected.rows = collected.rows + [("constraint " ~ o.name ~ " on " ~ qualified(o.schema, o.table), "table " ~ qualified(o.schema, o.table))] %}{% endfor %}
{% for o in absent.enums %}{% set collected.rows = collected.rows + [("enum " ~ qualified(o.schema, o.name), none)] %}{% endfor %}
{% set rows = collected.rows %}
{% if rows or drift.enums %}
INSERT INTO retort_drift_expected (object, property, value, parent) VALUES
{% for r in rows %}
    {{ "," if not loop.first }}({{ r[0] | literal }}, 'exists', 'absent', {{ text(r[1]) if r[1] else "NULL" }})
{% endfor %}
{% for e in drift.enums %}
    {{ "," if rows or not loop.first }}({{ ("enum " ~ qualified(e.schema, e.name)) | literal }}, 'exists', 'present', NULL)
    , ({{ ("enum " ~ qualified(e.schema, e.name)) | literal }}, 'values', {{ e["values"] | join(", ") | literal }}, NULL)
{% endfor %}
{{ statement_end }}
{% endif %}
{#- What the catalog holds, in the default schema and the model's schemas. #}
CREATE TEMPORARY TABLE retort_drift_found AS
WITH scope AS (
    SELECT n.oid, n.nspname FROM pg_namespace n
    WHERE n.nspname = current_schema(){% for s in drift.schemas %} OR n.nspname = {{ s | literal }}{% endfor %}

), tables AS (
    SELECT c.oid, {{ relation_name }} AS name
    FROM pg_class c JOIN scope n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p')
      AND NOT (c.relname = {{ table | literal }} AND n.nspname = {{ (schema | literal) if schema else "current_schema()" }})
)
SELECT 'table ' || t.name AS object, 'exists' AS property, 'present' AS value, NULL AS parent FROM tables t
UNION ALL
SELECT 'table ' || t.name, 'primary key', coalesce((
    SELECT string_agg(a.attname, ', ' ORDER BY k.ord)
    FROM pg_constraint pk CROSS JOIN LATERAL unnest(pk.conkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = pk.conrelid AND a.attnum = k.attnum
    WHERE pk.conrelid = t.oid AND pk.contype = 'p'), 'none'), NULL
FROM tables t
UNION ALL
SELECT 'table ' || t.name, 'comment', coalesce(obj_description(t.oid, 'pg_class'), 'none'), NULL FROM tables t
UNION ALL
SELECT 'column ' || t.name || '.' || a.attname, p.property, p.value, 'table ' || t.name
FROM tables t
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
CROSS JOIN LATERAL (VALUES ('exists', 'present'), ('comment', coalesce(col_description(t.oid, a.attnum), 'none'))) AS q(property, value)
CROSS JOIN LATERAL (SELECT q.property, q.value UNION ALL SELECT * FROM {{ column_facts }} WHERE q.property = 'exists') AS p
UNION ALL
SELECT 'index ' || ic.relname || ' on ' || t.name, p.property, p.value, 'table ' || t.name
FROM tables t
JOIN pg_index i ON i.indrelid = t.oid
JOIN pg_class ic ON ic.oid = i.indexrelid
CROSS JOIN LATERAL (VALUES ('exists', 'present'), ('definition', {{ index_definition }})) AS p(property, value)
WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = t.oid AND k.contype IN ('p', 'u', 'x'))
UNION ALL
SELECT 'constraint ' || k.conname || ' on ' || t.name, p.property, p.value, 'table ' || t.name
FROM tables t
JOIN pg_constraint k ON k.conrelid = t.oid
CROSS JOIN LATERAL (VALUES ('exists', 'present'), ('kind', CASE k.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique' WHEN 'f' THEN 'foreign key' WHEN 'c' THEN 'check' ELSE k.contype::text END)) AS p(property, value)
UNION ALL
SELECT 'enum ' || CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname || '.' END || ty.typname, p.property, p.value, NULL
FROM pg_type ty JOIN scope n ON n.oid = ty.typnamespace
CROSS JOIN LATERAL (VALUES ('exists', 'present'), ('values', (SELECT string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = ty.oid))) AS p(property, value)
WHERE ty.typtype = 'e'
{{ statement_end }}
{#- Every difference, then one exception listing them. A property of an
    object that is missing, and an object of a missing table, are not
    differences of their own. With --strict, an object no revision created
    (not a constraint: PostgreSQL names those the model leaves unnamed). #}
DO $retort_drift$
DECLARE
    total integer;
    differences text;
BEGIN
    SELECT count(*), string_agg(line, E'\n' ORDER BY line) INTO total, differences
    FROM (
        SELECT e.object || ': ' || CASE WHEN e.property = 'exists'
            THEN 'expected ' || e.value || ', found ' || coalesce(f.value, 'absent')
            ELSE e.property || ' expected ' || e.value || ', found ' || coalesce(f.value, 'none') END AS line
        FROM retort_drift_expected e
        LEFT JOIN retort_drift_found f ON f.object = e.object AND f.property = e.property
        WHERE f.value IS DISTINCT FROM e.value
          AND NOT (e.property = 'exists' AND e.value = 'absent' AND f.value IS NULL)
          AND (e.property = 'exists' OR EXISTS (SELECT 1 FROM retort_drift_found x WHERE x.object = e.object AND x.property = 'exists'))
          AND (e.parent IS NULL OR EXISTS (SELECT 1 FROM retort_drift_found x WHERE x.object = e.parent AND x.property = 'exists'))
        UNION ALL
        SELECT f.object || ': expected absent (no revision created it), found present'
        FROM retort_drift_found f
        WHERE {{ "true" if drift.strict else "false" }} AND f.property = 'exists' AND f.object NOT LIKE 'constraint %'
          AND NOT EXISTS (SELECT 1 FROM retort_drift_expected e WHERE e.object = f.object)
          AND (f.parent IS NULL OR EXISTS (SELECT 1 FROM retort_drift_expected e WHERE e.object = f.parent AND e.value = 'present'))
    ) AS d;
    IF total > 0 THEN
        RAISE EXCEPTION USING MESSAGE = {{ drift.message | literal }} || total || ' difference(s)' || E'\n' || differences;
    END IF;
END
$retort_drift$
{{ statement_end }}
DROP TABLE retort_drift_expected, retort_drift_found{% for t in drift.tables %}, retort_drift_{{ loop.index }}{% endfor %}

