EXEC sp_rename {{ ((op.table | table(op.schema)) ~ "." ~ (op.old | quote)) | literal }}, {{ op.new | literal }}, 'INDEX'
