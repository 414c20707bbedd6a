"""The jury's admin screens, the publication check, and their audit-log actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from jury import admin_views, publishing
from jury.viewsets import JuryViewSetGroup


@hooks.register("register_admin_viewset")
def register_jury_viewsets():
    return JuryViewSetGroup()


admin_urlpatterns = [
    path("", admin_views.publication_list, name="publications"),
    path("<int:pk>/", admin_views.publication_detail, name="publication"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("publications/", include((admin_urlpatterns, "jury_admin"), namespace="jury_admin"))
    ]


class PublicationMenuItem(MenuItem):
    def is_shown(self, request):
        return publishing.can_check(request.user)[0]


@hooks.register("register_admin_menu_item")
def register_publication_menu_item():
    return PublicationMenuItem(
        _("Publication check"), reverse("jury_admin:publications"), icon_name="doc-full", order=253
    )


@hooks.register("register_log_actions")
def register_jury_log_actions(actions):
    actions.register_action("jury.round.open", _("Open jury round"), _("Jury round opened"))
    actions.register_action("jury.round.close", _("Close jury round"), _("Jury round closed"))
    actions.register_action(
        "jury.round.advance", _("Advance entries"), _("Entries advanced to the next round")
    )
    actions.register_action("jury.award.record", _("Record award"), _("Award recorded"))
    actions.register_action("jury.juror.remove", _("Remove juror"), _("Juror removed"))
    actions.register_action(
        "jury.round.announce",
        _("Tell the entrants not selected"),
        _("Entrants not selected were told"),
    )
    actions.register_action(
        "jury.publication.entrant_confirmed",
        _("Entrant confirms publication"),
        _("Publication confirmed by the entrant"),
    )
    actions.register_action(
        "jury.publication.guardian_confirmed",
        _("Guardian confirms publication"),
        _("Publication confirmed by the parent or guardian"),
    )
    actions.register_action(
        "jury.publication.checked",
        _("Check a work before publication"),
        _("Publication checklist ticked"),
    )
    actions.register_action("jury.publication.published", _("Publish a work"), _("Work published"))
    actions.register_action(
        "jury.publication.taken_down", _("Take a work down"), _("Work taken down")
    )
    actions.register_action(
        "jury.publication.pending",
        _("Ask again for publication"),
        _("Publication confirmations asked again"),
    )
