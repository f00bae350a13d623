{{ m.needs_rebuild("adding a primary key") }}
