{#- A retort guard, before each revision when guards are on: stops the script
    unless the version table holds the rows this step expects.
    Context: table, schema (the version table), expected (ids, sorted; empty:
    the table must be empty), description ("upgrade A -> B"), message (the
    error's text up to the rows found). RAISE ... USING MESSAGE keeps a `%` in
    names from being read as a placeholder. -#}
DO $retort_guard$
DECLARE
    held text;
BEGIN
    IF (SELECT count(*) FROM {{ table | table(schema) }}
        {%- if expected %} WHERE version_num IN ({% for v in expected %}{{ v | literal }}{{ ", " if not loop.last }}{% endfor %}){% endif %}) <> {{ expected | length }} THEN
        SELECT string_agg(version_num, ', ' ORDER BY version_num) INTO held FROM {{ table | table(schema) }};
        RAISE EXCEPTION USING MESSAGE = {{ message | literal }} || coalesce(held, 'no rows');
    END IF;
END
$retort_guard$
