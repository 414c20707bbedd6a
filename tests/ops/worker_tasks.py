"""Tasks for the worker's tests, importable by path as the worker loads every task."""

from django.db import OperationalError
from django_tasks import task

from tests.outage import Outage

# The outage a task may start (`then_the_database_goes_away`); the test ends it.
OUTAGE = Outage()


@task()
def echo(value):
    return value


@task(takes_context=True)
def outage_on_first_attempt(context):
    if context.attempt == 1:
        raise OperationalError("server closed the connection unexpectedly")
    return f"done on attempt {context.attempt}"


@task()
def always_outage():
    raise OperationalError("could not connect to server: Connection refused")


@task()
def bug():
    raise ValueError("a bug, not an outage")


@task()
def then_the_database_goes_away(value):
    """Succeeds, and the database becomes unreachable before the worker records it."""
    OUTAGE.begin()
    return value
