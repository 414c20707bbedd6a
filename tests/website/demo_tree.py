"""Reading what `manage.py load_demo` made: its output, the page tree, the counts of the content."""

import io

from django.core.management import call_command
from wagtail.models import Page, Site

from website.models import Municipality, Partner, Region, SiteSettings, Topic, User


def load_demo(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def page_tree():
    return [
        (page.depth, page.slug_sq, page.slug_en, page.title_en, page.specific_class.__name__)
        for page in Page.objects.order_by("path")
    ]


def content_counts():
    return {
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "partners": Partner.objects.count(),
        "topics": Topic.objects.count(),
        "regions": Region.objects.count(),
        "municipalities": Municipality.objects.count(),
        "site settings": SiteSettings.objects.count(),
        "sites": Site.objects.count(),
        "help lines": len(SiteSettings.load().help_lines),
        "users": User.objects.count(),
    }
