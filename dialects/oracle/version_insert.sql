{# Alembic writes "RETURNING alembic_version.version_num INTO :ret_0", which
   SQL*Plus refuses (undeclared bind variable): retort leaves it out. #}
INSERT INTO {{ table | table(schema) }} (version_num) VALUES ({{ version | literal }})
