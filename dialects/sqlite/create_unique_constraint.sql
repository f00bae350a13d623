{{ m.needs_rebuild("adding a unique constraint") }}
