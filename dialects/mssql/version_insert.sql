INSERT INTO {{ table | table(schema) }} (version_num) OUTPUT inserted.version_num VALUES ({{ version | literal }})
