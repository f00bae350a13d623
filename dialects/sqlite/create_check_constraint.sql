{{ m.needs_rebuild("adding a check constraint") }}
