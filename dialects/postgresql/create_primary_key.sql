ALTER TABLE {{ op.table | table(op.schema) }} ADD {% if op.name is not none %}CONSTRAINT {{ op.name | quote }} {% endif %}PRIMARY KEY ({{ m.names(op.columns) }})
