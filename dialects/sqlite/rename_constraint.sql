{{ m.needs_rebuild("renaming a constraint") }}
