INSERT INTO {{ table | table(schema) }} (version_num) VALUES ({{ version | literal }}) RETURNING version_num
