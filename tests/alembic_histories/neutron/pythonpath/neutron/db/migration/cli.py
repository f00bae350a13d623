"""A stand-in for neutron.db.migration.cli: the two branch names the
revisions read (EXPAND_BRANCH and CONTRACT_BRANCH, as neutron defines them)."""

EXPAND_BRANCH = 'expand'
CONTRACT_BRANCH = 'contract'
