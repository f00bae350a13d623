{% import "macros.sql" as m %}
{{ m.needs_rebuild("dropping a constraint") }}
