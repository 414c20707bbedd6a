"""A real database that cannot be reached, for the fault tests: PostgreSQL on a local port where
nothing listens (the connection is refused, as when the server is down or restarting).

`Outage(alias).begin()` swaps the connection of `alias` for one to that port (whatever the
suite runs on: SQLite or PostgreSQL), `end()` puts the real one back untouched.
"""

import socket

from django.db import connections
from django.db.backends.postgresql.base import DatabaseWrapper


def closed_port():
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def unreachable_connection(alias="default"):
    settings_dict = {
        **connections[alias].settings_dict,
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "untold_unreachable",
        "USER": "nobody",
        "PASSWORD": "",
        "HOST": "127.0.0.1",
        "PORT": str(closed_port()),
        "OPTIONS": {"connect_timeout": 2},
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
    }
    return DatabaseWrapper(settings_dict, alias)


class Outage:
    def __init__(self, alias="default"):
        self.alias = alias
        self.real = None
        self.port = None

    @property
    def active(self):
        return self.real is not None

    def begin(self):
        if self.real is None:
            self.real = connections[self.alias]
            connections[self.alias] = unreachable_connection(self.alias)
            self.port = int(connections[self.alias].settings_dict["PORT"])

    def end(self):
        if self.real is not None:
            connections[self.alias].close()
            connections[self.alias] = self.real
            self.real = None
