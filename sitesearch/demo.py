"""Demo: index the demo content of the apps loaded before this one."""

from sitesearch import indexing


def load(home, stdout):
    indexing.rebuild(stdout=stdout)
