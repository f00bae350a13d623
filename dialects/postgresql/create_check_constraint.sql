{# NOT VALID last, as SQLAlchemy writes postgresql_not_valid. #}
ALTER TABLE {{ op.table | table(op.schema) }} ADD {% if op.name is not none %}CONSTRAINT {{ op.name | quote }} {% endif %}CHECK ({{ op.condition }}){% if op.not_valid %} NOT VALID{% endif %}
