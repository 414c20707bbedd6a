"""Operations tests: the site as real processes (web server, worker, backup scripts).

They are marked `ops` (`pytest -m "not ops"` leaves them out) and skip with a reason when they
cannot run here.

`object_store` and `s3_storages` (a real SeaweedFS, skipped with a reason when it is missing) come
from tests/stack/.
"""

from tests.stack.conftest import object_store, s3_storages

__all__ = ["object_store", "s3_storages"]


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "ops: runs the site as real processes (server, worker, backup scripts)"
    )
