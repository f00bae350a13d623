UPDATE {{ table | table(schema) }} SET version_num={{ to | literal }} WHERE {{ table | table(schema) }}.version_num = {{ from | literal }}
