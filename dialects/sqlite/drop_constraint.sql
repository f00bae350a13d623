{# SQLite has no ALTER for constraints: a table rebuild, or nothing where the
   schema model knows the constraint is absent (`if_exists`). #}
{% if not op.absent %}{{ m.needs_rebuild("dropping a constraint") }}{% endif %}
