{# MySQL's ENUM lives in the column: no separate type. #}
