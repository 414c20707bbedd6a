"""Reads for the site chrome. Each is a fixed number of queries whatever the data size."""

from wagtail.models import Site

from website.models import Partner, SiteSettings


def site_settings(request):
    return SiteSettings.load(request_or_site=request)


def footer_partners():
    """Consortium members, with their logos' renditions in one extra query."""
    return (
        Partner.objects.filter(is_consortium_member=True)
        .select_related("logo")
        .prefetch_related("logo__renditions")
    )


def menu_pages(request):
    """Live pages directly under the home page that are marked "show in menus"."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    return site.root_page.get_children().live().public().in_menu().specific(defer=True)
