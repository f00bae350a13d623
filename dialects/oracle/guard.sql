{#- A retort guard (see postgresql/guard.sql for the context): a PL/SQL block,
    ended by `END;` and the `/` line SQL*Plus runs it at. -#}
DECLARE
    matched NUMBER;
    held VARCHAR2(4000);
BEGIN
    SELECT COUNT(*) INTO matched FROM {{ table | table(schema) }}
    {%- if expected %} WHERE version_num IN ({% for v in expected %}{{ v | literal }}{{ ", " if not loop.last }}{% endfor %}){% endif %};
    IF matched <> {{ expected | length }} THEN
        SELECT LISTAGG(version_num, ', ') WITHIN GROUP (ORDER BY version_num) INTO held FROM {{ table | table(schema) }};
        RAISE_APPLICATION_ERROR(-20001, {{ message | literal }} || NVL(held, 'no rows'));
    END IF;
END;
