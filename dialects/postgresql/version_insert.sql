INSERT INTO {{ table | table(schema) }} (version_num) VALUES ({{ version | literal }}) RETURNING {{ table | table(schema) }}.version_num
