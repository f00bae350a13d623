{#- The SQL for this dialect, else `default:`. A trailing `;` is dropped: the
    layout adds the terminator, and `;;` stops the mysql client ("No query
    specified"). -#}
{{ op.sql | resolve(what="this execute") | trim | trim(";") | trim }}
