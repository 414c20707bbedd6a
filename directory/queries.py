"""Reads of the help directory for other parts of the site (the help lines on every page,
campaigns, tests). Each runs a fixed number of queries, whatever the data size."""

from directory.models import DirectoryPage, Organisation


def organisations(*, service: str = "", region=None):
    """Organisations offering `service` (a ServiceKind value) in `region` (a Region or None),
    by name. An organisation that works across Albania counts for every region."""
    return Organisation.objects.offering(service).serving(region).for_listing()


def directory_page():
    return DirectoryPage.objects.live().first()


def directory_page_url(request=None):
    """The directory page's URL in the active language, "" when there is none live."""
    page = directory_page()
    if page is None:
        return ""
    return page.get_url(request) or ""
