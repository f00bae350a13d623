{# MySQL drops each kind of constraint its own way. A check constraint goes
   with DROP CONSTRAINT, which MySQL 8.0.19+ and MariaDB both accept (Alembic's
   DROP CHECK is a syntax error on MariaDB). The engine refuses to drop the
   key a foreign key of the table uses (error 1553, errno 150): the foreign
   keys go with it and come back, with an index of their own. MySQL 8 has no
   IF EXISTS for these (Alembic leaves `if_exists` out): nothing where the
   schema model knows the constraint is absent. #}
{% if not op.absent %}
ALTER TABLE {{ op.table | table(op.schema) }} {% for fk in op.refit_foreign_keys %}DROP FOREIGN KEY {{ fk.name | quote }}, {% endfor %}DROP
{%- if op.type == "foreignkey" %} FOREIGN KEY {{ op.name | quote }}
{%- elif op.type == "primary" %} PRIMARY KEY
{%- elif op.type == "unique" %} INDEX {{ op.name | quote }}
{%- elif op.type == "check" %} CONSTRAINT {{ op.name | quote }}
{%- else %}{{ fail("No generic 'DROP CONSTRAINT' in MySQL: give drop_constraint a `type:` (foreignkey, unique, check or primary)") }}
{%- endif %}
{{ m.refit_foreign_keys(op.refit_foreign_keys, op.table, op.schema) }}
{% endif %}
