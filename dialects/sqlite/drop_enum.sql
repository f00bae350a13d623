{# SQLite has no enum types: an Enum column is a VARCHAR. #}
