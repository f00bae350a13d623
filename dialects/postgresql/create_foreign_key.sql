{# NOT VALID last, as SQLAlchemy writes postgresql_not_valid. #}
{% import "macros.sql" as m %}
ALTER TABLE {{ op.source_table | table(op.schema) }} ADD {{ m.constraint({"kind": "foreign_key", "name": op.name, "columns": op.local_cols, "ref_table": op.referent_table, "ref_schema": op.referent_schema, "ref_columns": op.remote_cols, "ondelete": op.ondelete, "onupdate": op.onupdate, "deferrable": op.deferrable, "initially": op.initially}) }}{% if op.not_valid %} NOT VALID{% endif %}
