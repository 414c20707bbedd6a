"""Benchmarks, run by `make bench` (bin/bench), never by the site or the tests.

One module per app, `benchmarks/<app>.py`, with a `run()` that prints its section. They run in
`manage.py shell` with the bench's production-like settings and database, and BENCH_BASE_URL
pointing to the running server. Timing lives here and never in a test's assertion.
"""
