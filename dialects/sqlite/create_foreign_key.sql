{{ m.needs_rebuild("adding a foreign key") }}
