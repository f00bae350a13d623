{#- A retort guard (see postgresql/guard.sql for the context). MySQL runs no
    procedural code outside stored programs, so the check is an INSERT that
    fails: in strict mode (the default) on the message, which is not an
    integer; otherwise on the CHECK constraint. -#}
CREATE TEMPORARY TABLE IF NOT EXISTS retort_guard (
    ok INTEGER NOT NULL,
    CONSTRAINT retort_guard_failed CHECK (ok = 1)
)
{{ statement_end }}
INSERT INTO retort_guard (ok) SELECT CASE
    WHEN (SELECT COUNT(*) FROM {{ table | table(schema) }}
    {%- if expected %} WHERE version_num IN ({% for v in expected %}{{ v | literal }}{{ ", " if not loop.last }}{% endfor %}){% endif %}) = {{ expected | length }} THEN 1
    ELSE CONCAT({{ message | literal }}, COALESCE((SELECT GROUP_CONCAT(version_num ORDER BY version_num SEPARATOR ', ') FROM {{ table | table(schema) }}), 'no rows'))
END
