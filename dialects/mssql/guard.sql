{#- A retort guard (see postgresql/guard.sql for the context). THROW ends the
    batch; run the script with `sqlcmd -b` so that it also ends the script. -#}
IF (SELECT COUNT(*) FROM {{ table | table(schema) }}
    {%- if expected %} WHERE version_num IN ({% for v in expected %}{{ v | literal }}{{ ", " if not loop.last }}{% endfor %}){% endif %}) <> {{ expected | length }}
BEGIN
    DECLARE @held NVARCHAR(MAX) = (SELECT STRING_AGG(version_num, ', ') WITHIN GROUP (ORDER BY version_num) FROM {{ table | table(schema) }});
    DECLARE @message NVARCHAR(2048) = {{ message | literal }} + COALESCE(@held, 'no rows');
    THROW 50000, @message, 1;
END
