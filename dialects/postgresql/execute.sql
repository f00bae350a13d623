{#- The SQL for this dialect, else `default:`. A trailing `;` is dropped: the
    layout adds the terminator (Alembic writes an empty statement, `;;`). -#}
{{ op.sql | resolve(what="this execute") | trim | trim(";") | trim }}
