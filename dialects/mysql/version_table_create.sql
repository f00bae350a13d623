{# Alembic's version table; the ", " ends with a space as SQLAlchemy writes it. #}
CREATE TABLE {{ table | table(schema) }} (
    version_num VARCHAR(32) NOT NULL{{ ", " }}
    CONSTRAINT {{ (table ~ "_pkc") | quote }} PRIMARY KEY (version_num)
)
