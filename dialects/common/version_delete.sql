DELETE FROM {{ table | table(schema) }} WHERE {{ table | table(schema) }}.version_num = {{ version | literal }}
