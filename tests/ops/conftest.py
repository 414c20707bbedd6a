"""Operations tests: the site as real processes (web server, worker, backup scripts).

They are marked `ops` (`pytest -m "not ops"` leaves them out) and skip with a reason when they
cannot run here.
"""


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "ops: runs the site as real processes (server, worker, backup scripts)"
    )
