{# NOT VALID last, as SQLAlchemy writes postgresql_not_valid. #}
ALTER TABLE {{ op.table | table(op.schema) }} ADD CONSTRAINT {{ op.name | quote }} CHECK ({{ op.condition }}){% if op.not_valid %} NOT VALID{% endif %}
