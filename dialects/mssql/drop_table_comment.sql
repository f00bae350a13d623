execute sp_dropextendedproperty 'MS_Description', 'schema', {{ m.comment_schema(op.schema) }}, 'table', {{ op.table | quote }}
