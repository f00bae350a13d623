{# SQLite has no comments. #}
