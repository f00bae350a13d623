EXEC sp_rename {{ (op.old | table(op.schema)) | literal }}, {{ op.new | literal }}, 'OBJECT'
