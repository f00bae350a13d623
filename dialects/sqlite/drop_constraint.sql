{{ m.needs_rebuild("dropping a constraint") }}
