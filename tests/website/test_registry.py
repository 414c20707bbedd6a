"""The site asks the apps (website/registry.py) instead of naming them."""

from pathlib import Path

from django.utils import translation

from sitesearch.indexing import kind_label, searchable_models
from website.registry import chrome_includes, home_sections, local_apps
from website.tasks import all_periodic_tasks

WEBSITE = Path(__file__).resolve().parents[2] / "website"
APPS_ABOVE = (
    "stories",
    "bulletins",
    "campaigns",
    "directory",
    "resources",
    "sitesearch",
    "competitions",
    "jury",
    "exhibition",
    "newsletter",
)


def test_local_apps_are_this_projects_apps_in_settings_order():
    names = [config.name for config in local_apps()]

    assert names[:9] == [
        "website",
        "accounts",
        "mail",
        "stories",
        "bulletins",
        "campaigns",
        "directory",
        "resources",
        "sitesearch",
    ]


def test_home_sections_come_from_the_apps_in_order():
    sections = home_sections()

    assert [section.template for section in sections] == [
        "stories/includes/home_latest.html",
        "bulletins/includes/home_latest.html",
    ]
    assert sections[0].stylesheets == ("stories/css/stories.css",)


def test_site_chrome_includes_come_from_the_apps():
    assert chrome_includes() == {
        "header": ["sitesearch/includes/header_search.html"],
        "help_lines": ["directory/includes/help_lines_directory.html"],
        "footer": ["newsletter/includes/subscribe_form.html"],
        "footer_links": ["competitions/includes/footer_privacy_link.html"],
    }


def test_search_indexes_what_the_apps_declare():
    kinds = {model._meta.label: kind for model, kind in searchable_models().items()}

    assert kinds == {
        "website.HomePage": "home",
        "website.StandardPage": "page",
        "stories.StoryPage": "story",
        "bulletins.BulletinPage": "bulletin",
        "campaigns.CampaignPage": "campaign",
        "directory.Organisation": "organisation",
        "resources.ResourcePage": "resource",
        "competitions.CompetitionIndexPage": "competitions",
        "competitions.CompetitionPage": "competition",
        "exhibition.Publication": "work",
    }
    with translation.override("sq"):
        assert str(kind_label("organisation")) == "Organizatë ndihme"
    with translation.override("en"):
        assert str(kind_label("organisation")) == "Help organisation"
    assert kind_label("unknown") == "unknown"


def test_periodic_tasks_are_the_sites_then_the_apps():
    paths = [task.module_path for task in all_periodic_tasks()]

    assert paths[0] == "website.tasks.publish_scheduled_pages"
    assert "competitions.tasks.purge_entries_task" in paths


def test_website_names_no_app_above_it():
    """Code and templates of website/ (settings and the URLconf, which assemble the project,
    aside) never mention an app above it by import, template or tag library."""
    offending = []
    for path in WEBSITE.rglob("*"):
        if path.suffix not in (".py", ".html", ".txt", ".xml") or "migrations" in path.parts:
            continue
        if path.parent.name == "settings" or path.name == "urls.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for app in APPS_ABOVE:
                if (
                    line.lstrip().startswith((f"from {app}", f"import {app}"))
                    or f'"{app}/' in line
                    or f"'{app}:" in line
                    or f"{app}_tags" in line
                ):
                    offending.append(f"{path.relative_to(WEBSITE)}:{number}: {line.strip()}")

    assert offending == []
