"""Reads of bulletins; each a fixed number of queries."""

from bulletins.models import BulletinPage


def bulletin_issues(index=None):
    issues = BulletinPage.objects.live().public()
    if index is not None:
        issues = issues.child_of(index)
    return issues.order_by("-issue_date", "-number")


def latest_bulletin():
    return bulletin_issues().first()
