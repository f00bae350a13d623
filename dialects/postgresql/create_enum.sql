CREATE TYPE {{ op.name | table(op.schema) }} AS ENUM ({% for v in op.values %}{{ v | literal }}{{ ", " if not loop.last }}{% endfor %})
