"""env.py for the real Alembic histories of tests/it/import_histories.rs.

Offline only (`--sql`), as shared/REAL_HISTORIES.md describes: DIALECT
(default postgresql) names the dialect, literal binds, named paramstyle.

The revision files import their applications (octavia.common.constants,
oslo_db, warehouse.utils.db.types, ...), and Alembic loads every file of the
folder. A finder placed last on sys.meta_path makes any module that cannot be
imported a stub, so that loading succeeds; a revision that *uses* such a stub
is one `retort import` leaves as a placeholder, and the test does not run it.
"""

import importlib.abc
import importlib.machinery
import os
import sys
import types

from alembic import context


class _Stub(types.ModuleType):
    """A module (and any attribute of it) that is only a name."""

    __path__ = []

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Stub(f"{self.__name__}.{name}")

    def __call__(self, *args, **kwargs):
        return _Stub(f"{self.__name__}()")

    def __mro_entries__(self, bases):
        # `class Model(model_base.BASEV2)` in a revision file: a plain class.
        return (object,)


class _StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path, target=None):
        return importlib.machinery.ModuleSpec(name, self, is_package=True)

    def create_module(self, spec):
        return _Stub(spec.name)

    def exec_module(self, module):
        pass


if not any(isinstance(f, _StubFinder) for f in sys.meta_path):
    sys.meta_path.append(_StubFinder())

context.configure(
    url=os.environ.get("DIALECT", "postgresql") + "://",
    target_metadata=None,
    literal_binds=True,
    dialect_opts={"paramstyle": "named"},
)
with context.begin_transaction():
    context.run_migrations()
