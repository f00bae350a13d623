{# The SQL for this dialect, else `default:`; written as it is. #}
{{ op.sql | resolve(what="this execute") }}
