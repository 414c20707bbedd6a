"""The publication check in the admin, its audit-log actions, and what the exhibition provides to
the apps below it (competitions' entry page and purge, the jury's awards and e-mails)."""

from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from competitions.extensions import (
    ENTRY_ERASED,
    ENTRY_MOVED,
    ENTRY_PAGE_SECTIONS,
    PROTECTED_ENTRY_IDS,
)
from exhibition import admin_views, notifications, permissions, queries, services
from exhibition.enums import PublicationState
from exhibition.models import Publication
from jury.extensions import AWARD_RECORDED, ENTRANT_NOTICE_SECTIONS
from website.admin_tools import PermissionMenuItem

admin_urlpatterns = [
    path("", admin_views.publication_list, name="publications"),
    path("<int:pk>/", admin_views.publication_detail, name="publication"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "publications/",
            include((admin_urlpatterns, "exhibition_admin"), namespace="exhibition_admin"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_publication_menu_item():
    return PermissionMenuItem(
        _("Publication check"),
        reverse("exhibition_admin:publications"),
        icon_name="doc-full",
        order=253,
        check=permissions.can_check,
    )


# --- What the apps below ask of the exhibition ---------------------------------------------------


@hooks.register(AWARD_RECORDED)
def publication_for_award(award):
    services.award_recorded(award)


@hooks.register(ENTRANT_NOTICE_SECTIONS)
def publication_paragraph(entry, key):
    return notifications.awarded_section(entry, key)


@hooks.register(ENTRY_PAGE_SECTIONS)
def publication_section(request, entry, token):
    """On the entrant's private page: the way to the publication page, only for an entry that
    has a publication record (an award or a place in the exhibition)."""
    publication = queries.publication_of(entry)
    if publication is None:
        return ""
    return render_to_string(
        "exhibition/includes/publication_section.html",
        {"publication": publication, "token": token},
        request=request,
    )


@hooks.register(ENTRY_ERASED)
def erase_publication(entry, *, reason):
    """An erased entry's work leaves the site at once, without its credit, captions and
    public-size copies."""
    return services.erase_publication(entry, reason=reason)


@hooks.register(ENTRY_MOVED)
def publication_after_move(entry, event):
    """A safeguarding hold, and the return from it, ask again for consent and checklist."""
    services.entry_moved(entry, event)


@hooks.register(PROTECTED_ENTRY_IDS)
def published_entry_ids():
    """The purge keeps the entries of works that are (or may become) public; in practice these
    have an award too, which the jury protects already."""
    return Publication.objects.exclude(state=PublicationState.TAKEN_DOWN).values_list(
        "entry_id", flat=True
    )


@hooks.register("register_log_actions")
def register_exhibition_log_actions(actions):
    actions.register_action(
        "exhibition.publication.entrant_confirmed",
        _("Entrant confirms publication"),
        _("Publication confirmed by the entrant"),
    )
    actions.register_action(
        "exhibition.publication.guardian_confirmed",
        _("Guardian confirms publication"),
        _("Publication confirmed by the parent or guardian"),
    )
    actions.register_action(
        "exhibition.publication.checked",
        _("Check a work before publication"),
        _("Publication checklist ticked"),
    )
    actions.register_action(
        "exhibition.publication.published", _("Publish a work"), _("Work published")
    )
    actions.register_action(
        "exhibition.publication.taken_down", _("Take a work down"), _("Work taken down")
    )
    actions.register_action(
        "exhibition.publication.pending",
        _("Ask again for publication"),
        _("Publication confirmations asked again"),
    )
