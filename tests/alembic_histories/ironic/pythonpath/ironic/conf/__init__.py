"""A stand-in for ironic.conf: CONF with the defaults of the options ironic's
revisions read (ironic/conf/default.py and ironic/conf/dhcp.py), so that real
Alembic prints what those revisions do on a default configuration."""

from types import SimpleNamespace

CONF = SimpleNamespace(
    default_portgroup_mode="active-backup",
    default_network_interface=None,
    dhcp=SimpleNamespace(dhcp_provider="neutron"),
)
