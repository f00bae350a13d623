{#- A retort drift check (see postgresql/drift.sql for the context and the
    facts). Not run on an engine here: rendered and snapshot-tested only.
    One PL/SQL block, which writes nothing: the expected facts are calls
    of `expect`, the found ones an associative array filled from the
    USER_ catalog views (the current schema), and the block raises one
    error that lists the differences (as far as 2048 characters go; each
    is also printed with DBMS_OUTPUT). Names are compared as the catalog
    keeps them: an unquoted name in upper case. The type and default
    Oracle reports are spelled here (reported_type, reported_default).
    Comments and enum types are not compared. -#}
{% import "macros.sql" as m %}
{% macro catalog_name(name) -%}
{% set quoted = name | quote %}{{ quoted[1:-1] if quoted[:1] == '"' else name | upper }}
{%- endmacro %}
{% set reported = {"integer": "NUMBER(*,0)", "smallint": "NUMBER(*,0)", "numeric": "NUMBER"} %}
{% macro reported_type(c) -%}
{% set written = m.type(c.type) %}{% set key = written | lower %}
{{- reported[key] if key in reported else written | replace("NUMERIC", "NUMBER") | replace("VARCHAR(", "VARCHAR2(") | replace(", ", ",") }}
{%- endmacro %}
{% macro reported_default(d) -%}
{% set d = d | resolve %}
{% if d is none or d.kind == "null" %}none
{%- elif d.kind in ["sql", "number"] %}{{ d.value }}
{%- else %}{{ d | literal }}{% endif %}
{%- endmacro %}
DECLARE
    TYPE by_key IS TABLE OF VARCHAR2(4000) INDEX BY VARCHAR2(1100);
    found by_key;
    expected_objects by_key;
    differences CLOB;
    total PLS_INTEGER := 0;
    key VARCHAR2(1100);
    PROCEDURE differ(line VARCHAR2) IS
    BEGIN
        total := total + 1;
        differences := differences || CHR(10) || line;
        DBMS_OUTPUT.PUT_LINE(line);
    END;
    PROCEDURE put(object VARCHAR2, property VARCHAR2, value VARCHAR2) IS
    BEGIN
        found(object || '|' || property) := NVL(value, 'none');
    END;
    FUNCTION has(object VARCHAR2) RETURN BOOLEAN IS
    BEGIN
        RETURN object IS NULL OR found.EXISTS(object || '|exists');
    END;
    PROCEDURE expect(object VARCHAR2, property VARCHAR2, value VARCHAR2, parent VARCHAR2) IS
        actual VARCHAR2(4000);
    BEGIN
        IF property = 'exists' THEN
            expected_objects(object) := value;
        END IF;
        IF NOT has(parent) OR (property <> 'exists' AND NOT has(object)) THEN
            RETURN;
        END IF;
        IF found.EXISTS(object || '|' || property) THEN
            actual := found(object || '|' || property);
        END IF;
        IF property = 'exists' AND NVL(actual, 'absent') <> value THEN
            differ(object || ': expected ' || value || ', found ' || NVL(actual, 'absent'));
        ELSIF property <> 'exists' AND NVL(actual, 'none') <> value THEN
            differ(object || ': ' || property || ' expected ' || value || ', found ' || NVL(actual, 'none'));
        END IF;
    END;
BEGIN
    FOR t IN (SELECT table_name FROM user_tables WHERE table_name <> {{ catalog_name(table) | literal }}) LOOP
        put('table ' || t.table_name, 'exists', 'present');
    END LOOP;
    FOR k IN (SELECT c.table_name, LISTAGG(cc.column_name, ', ') WITHIN GROUP (ORDER BY cc.position) AS columns
              FROM user_constraints c JOIN user_cons_columns cc ON cc.constraint_name = c.constraint_name
              WHERE c.constraint_type = 'P' GROUP BY c.table_name) LOOP
        put('table ' || k.table_name, 'primary key', k.columns);
    END LOOP;
    FOR c IN (SELECT table_name, column_name, data_type, char_length, char_used, data_precision, data_scale, nullable, data_default
              FROM user_tab_columns) LOOP
        put('column ' || c.table_name || '.' || c.column_name, 'exists', 'present');
        put('column ' || c.table_name || '.' || c.column_name, 'type', CASE
            WHEN c.data_type = 'NUMBER' AND c.data_precision IS NULL AND c.data_scale = 0 THEN 'NUMBER(*,0)'
            WHEN c.data_type = 'NUMBER' AND c.data_precision IS NOT NULL THEN 'NUMBER(' || c.data_precision || CASE WHEN c.data_scale > 0 THEN ',' || c.data_scale END || ')'
            WHEN c.data_type IN ('VARCHAR2', 'NVARCHAR2', 'CHAR', 'NCHAR') THEN c.data_type || '(' || c.char_length || CASE WHEN c.char_used = 'C' THEN ' CHAR' END || ')'
            ELSE c.data_type END);
        put('column ' || c.table_name || '.' || c.column_name, 'nullable', CASE c.nullable WHEN 'Y' THEN 'NULL' ELSE 'NOT NULL' END);
        put('column ' || c.table_name || '.' || c.column_name, 'default', TRIM(c.data_default));
    END LOOP;
    FOR i IN (SELECT i.table_name, i.index_name, i.uniqueness,
                     LISTAGG(ic.column_name, ', ') WITHIN GROUP (ORDER BY ic.column_position) AS columns
              FROM user_indexes i JOIN user_ind_columns ic ON ic.index_name = i.index_name
              WHERE NOT EXISTS (SELECT 1 FROM user_constraints k WHERE k.index_name = i.index_name AND k.constraint_type IN ('P', 'U'))
              GROUP BY i.table_name, i.index_name, i.uniqueness) LOOP
        put('index ' || i.index_name || ' on ' || i.table_name, 'exists', 'present');
        put('index ' || i.index_name || ' on ' || i.table_name, 'definition',
            CASE WHEN i.uniqueness = 'UNIQUE' THEN 'UNIQUE ' END || '(' || i.columns || ')');
    END LOOP;
    FOR k IN (SELECT table_name, constraint_name, constraint_type FROM user_constraints
              WHERE constraint_type IN ('P', 'U', 'R', 'C') AND generated = 'USER NAME') LOOP
        put('constraint ' || k.constraint_name || ' on ' || k.table_name, 'exists', 'present');
        put('constraint ' || k.constraint_name || ' on ' || k.table_name, 'kind',
            CASE k.constraint_type WHEN 'P' THEN 'primary key' WHEN 'U' THEN 'unique' WHEN 'R' THEN 'foreign key' ELSE 'check' END);
    END LOOP;
{% for t in drift.tables %}
{% set name = catalog_name(t.name) %}
{% set parent = "table " ~ name %}
    expect({{ parent | literal }}, 'exists', 'present', NULL);
    expect({{ parent | literal }}, 'primary key', {{ ((t.primary_key.columns | map("upper") | join(", ")) if t.primary_key else "none") | literal }}, NULL);
{% for c in t.columns %}
{% set object = "column " ~ name ~ "." ~ catalog_name(c.name) %}
    expect({{ object | literal }}, 'exists', 'present', {{ parent | literal }});
    expect({{ object | literal }}, 'type', {{ reported_type(c) | literal }}, {{ parent | literal }});
    expect({{ object | literal }}, 'nullable', {{ ("NULL" if c.nullable else "NOT NULL") | literal }}, {{ parent | literal }});
    expect({{ object | literal }}, 'default', {{ reported_default(c.server_default) | literal }}, {{ parent | literal }});
{% endfor %}
{% for ix in t.indexes %}
{% set object = "index " ~ catalog_name(ix.name) ~ " on " ~ name %}
{% set columns %}{% for col in ix.columns %}{{ catalog_name(col) if col is string else "<expression>" }}{{ ", " if not loop.last }}{% endfor %}{% endset %}
    expect({{ object | literal }}, 'exists', 'present', {{ parent | literal }});
    expect({{ object | literal }}, 'definition', {{ (("UNIQUE " if ix.unique else "") ~ "(" ~ columns ~ ")") | literal }}, {{ parent | literal }});
{% endfor %}
{% for c in ([t.primary_key] if t.primary_key else []) + t.constraints if c.name is not none and m.writes(c, t) %}
{% set object = "constraint " ~ catalog_name(c.name) ~ " on " ~ name %}
    expect({{ object | literal }}, 'exists', 'present', {{ parent | literal }});
    expect({{ object | literal }}, 'kind', {{ (c.kind | replace("enum_check", "check") | replace("_", " ")) | literal }}, {{ parent | literal }});
{% endfor %}
{% endfor %}
{% for o in drift.absent.tables %}
    expect({{ ("table " ~ catalog_name(o.name)) | literal }}, 'exists', 'absent', NULL);
{% endfor %}
{% for o in drift.absent.columns %}
    expect({{ ("column " ~ catalog_name(o.table) ~ "." ~ catalog_name(o.name)) | literal }}, 'exists', 'absent', {{ ("table " ~ catalog_name(o.table)) | literal }});
{% endfor %}
{% for o in drift.absent.indexes %}
    expect({{ ("index " ~ catalog_name(o.name) ~ " on " ~ catalog_name(o.table)) | literal }}, 'exists', 'absent', {{ ("table " ~ catalog_name(o.table)) | literal }});
{% endfor %}
{% for o in drift.absent.constraints %}
    expect({{ ("constraint " ~ catalog_name(o.name) ~ " on " ~ catalog_name(o.table)) | literal }}, 'exists', 'absent', {{ ("table " ~ catalog_name(o.table)) | literal }});
{% endfor %}
{% if drift.strict %}
    -- --strict: an object no revision created (not a constraint: Oracle
    -- names those the model leaves unnamed).
    key := found.FIRST;
    WHILE key IS NOT NULL LOOP
        IF key LIKE '%|exists' AND key NOT LIKE 'constraint %' THEN
            DECLARE
                object VARCHAR2(1100) := SUBSTR(key, 1, LENGTH(key) - 7);
                parent VARCHAR2(1100) := CASE WHEN object LIKE 'table %' THEN NULL
                    ELSE 'table ' || REGEXP_SUBSTR(object, '(on |^column )([^.]+)', 1, 1, NULL, 2) END;
            BEGIN
                IF NOT expected_objects.EXISTS(object)
                   AND (parent IS NULL OR (expected_objects.EXISTS(parent) AND expected_objects(parent) = 'present')) THEN
                    differ(object || ': expected absent (no revision created it), found present');
                END IF;
            END;
        END IF;
        key := found.NEXT(key);
    END LOOP;
{% endif %}
    IF total > 0 THEN
        RAISE_APPLICATION_ERROR(-20002, SUBSTR({{ drift.message | literal }} || total || ' difference(s)' || differences, 1, 2048));
    END IF;
END;
