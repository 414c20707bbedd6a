"""Reads of bulletins for other parts of the site (home page, newsletter); each a fixed number
of queries. The archive page reaches its issues through `BulletinPageQuerySet` itself."""

from bulletins.models import BulletinPage


def bulletin_issues(index=None):
    issues = BulletinPage.objects.all()
    if index is not None:
        issues = issues.child_of(index)
    return issues.published()


def latest_bulletin():
    return bulletin_issues().first()
