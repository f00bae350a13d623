{#- The SQL for this dialect, else `default:`. SQL*Plus runs a plain statement
    at its `;` and again at the `/` written after every statement, so a
    trailing `;` is dropped; a PL/SQL block keeps its `END;`, which belongs to
    the block and runs once at the `/`. -#}
{%- set text = op.sql | resolve(what="this execute") | trim %}
{%- set head = text | upper %}
{%- if head is startingwith("BEGIN") or head is startingwith("DECLARE")
      or head is startingwith("CREATE OR REPLACE") or head is startingwith("CREATE PROCEDURE")
      or head is startingwith("CREATE FUNCTION") or head is startingwith("CREATE TRIGGER")
      or head is startingwith("CREATE PACKAGE") or head is startingwith("CREATE TYPE BODY") %}
{{- text }}
{%- else %}
{{- text | trim(";") | trim }}
{%- endif %}
