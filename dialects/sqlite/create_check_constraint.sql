{% import "macros.sql" as m %}
{{ m.needs_rebuild("adding a check constraint") }}
