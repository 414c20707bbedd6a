"""The moderation queue as a Wagtail `ModelViewSet` (/admin/entries/): a listing with filters
(django-filter), CSV/XLSX export, and a permission policy built on competitions/permissions.py.

The viewset owns every URL under /admin/entries/ (namespace `competitions_admin`); the moderation
actions stay custom views (competitions/admin_views.py) and are routed here too. No add, edit or
delete screens: entries change only through the workflow (`services.move_entry`).
"""

import django_filters
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from accounts.decorators import fresh_second_factor
from competitions import admin_views, exports, permissions, queries
from competitions.enums import CompetitionKind, ContentWarning
from competitions.forms import COUNTRIES
from competitions.models import CompetitionCategory, CompetitionPage, Entry
from website.admin_tools import refused

PAGE_SIZE = 50


class EntryPermissionPolicy(BasePermissionPolicy):
    """Wagtail's view of competitions/permissions.py: "view" is the only action (the listing for
    moderators; one entry for whoever `can_view_entry`); entries are never added, edited or
    deleted through the generic admin."""

    def user_has_permission(self, user, action):
        return action == "view" and permissions.can_moderate(user)[0]

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and permissions.can_view_entry(user, instance)[0]

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" not in actions:
            return Entry.objects.none()
        return permissions.visible_entries(user)

    def users_with_any_permission(self, actions):
        raise NotImplementedError  # nothing in Wagtail asks this of a model without edit views

    def users_with_any_permission_for_instance(self, actions, instance):
        raise NotImplementedError


class EntryFilterSet(django_filters.FilterSet):
    competition = django_filters.ModelChoiceFilter(
        label=_("Competition"), queryset=CompetitionPage.objects.order_by("-opens_at")
    )
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=[(s.value, s.label) for s in permissions.MODERATED_STATES]
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=CompetitionCategory.objects.order_by("page_id", "sort_order")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), field_name="competition__kind", choices=CompetitionKind.choices
    )
    age_group = django_filters.ChoiceFilter(
        label=_("Age group"),
        method="filter_age_group",
        choices=[("minor", _("Under 18")), ("adult", _("18 or over"))],
    )
    country = django_filters.ChoiceFilter(label=_("Country"), choices=COUNTRIES)
    content_warning = django_filters.ChoiceFilter(
        label=_("Content warning"), choices=ContentWarning.choices
    )

    class Meta:
        model = Entry
        fields = ["competition", "state", "category", "kind", "age_group", "country"]

    def filter_age_group(self, queryset, name, value):
        if value == "minor":
            return queryset.filter(age__lt=18)
        if value == "adult":
            return queryset.filter(age__gte=18)
        return queryset


class SelectColumn(Column):
    """A checkbox per entry for bulk moderation (the form is below the listing)."""

    cell_template_name = "competitions/admin/select_cell.html"


class QueueView(generic.IndexView):
    """The moderation queue: entries in `permissions.moderation_entries(user)`, oldest first."""

    template_name = "competitions/admin/queue.html"
    results_template_name = "competitions/admin/queue_results.html"
    page_title = _("Entries to moderate")
    header_icon = "tasks"
    default_ordering = ("submitted_at", "pk")
    filterset_class = EntryFilterSet
    any_permission_required = ["view"]
    # Shows the export buttons; the files themselves are `competitions.exports`.
    list_export = ["reference"]
    export_format = None  # set by the export URL (export.csv, export.xlsx)

    def dispatch(self, request, *args, **kwargs):
        # A refusal that says why, as a 403 (Wagtail would redirect to the dashboard).
        allowed, reason = permissions.can_export(request.user) if self.export_format else (
            permissions.can_moderate(request.user)
        )  # fmt: skip
        if not allowed:
            return refused(request, reason)
        if self.is_export:
            # Entrants' personal data leaves the site: a recent second factor first.
            return fresh_second_factor(super().dispatch)(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.export_format = self.export_format or request.GET.get("export")
        self.is_export = self.export_format in self.FORMATS

    def get_base_queryset(self):
        user = self.request.user
        return queries.moderation_queue(
            permissions.moderation_entries(user), permissions.visible_duplicates(user)
        )

    @cached_property
    def columns(self):
        return [
            SelectColumn("select", label=_("Select")),
            TitleColumn(
                "reference",
                label=_("Reference"),
                get_url=lambda entry: reverse("competitions_admin:detail", args=[entry.pk]),
            ),
            Column("competition", label=_("Competition"), accessor="competition.title"),
            Column("title", label=_("Title")),
            Column("state", label=_("State"), accessor="get_state_display"),
            Column(
                "possible_duplicate",
                label=_("Possible duplicate"),
                accessor=lambda entry: gettext("Yes") if entry.possible_duplicate else "",
            ),
            Column(
                "consent_check",
                label=_("Consent to check"),
                accessor="get_consent_check_display",
            ),
            Column("age", label=_("Age")),
            Column("country", label=_("Country")),
            Column("category", label=_("Category")),
            Column(
                "content_warning",
                label=_("Content warning"),
                accessor="get_content_warning_display",
            ),
            Column(
                "submitted_at",
                label=_("Submitted at"),
                accessor=lambda entry: date_format(
                    timezone.localtime(entry.submitted_at), "Y-m-d H:i"
                ),
                sort_key="submitted_at",
            ),
        ]

    def get_valid_orderings(self):
        return ["submitted_at", "-submitted_at"]

    def get_ordering(self):
        ordering = self.request.GET.get("ordering")
        if ordering in self.get_valid_orderings():
            return (ordering, "pk")
        return self.default_ordering

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """The queue's rows with the entrants' details, formulas neutralised (`exports`)."""
        entries = queryset.select_related("entrant")
        if spreadsheet_format == self.FORMAT_XLSX:
            return exports.xlsx_response(entries)
        return exports.csv_response(entries)

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            return self.as_spreadsheet(context["object_list"], self.export_format)
        return super().render_to_response(context, **response_kwargs)

    def get_export_url(self, format):
        query = self.request.GET.copy()
        query.pop("export", None)
        query.pop(self.page_kwarg, None)
        url = reverse("competitions_admin:export", args=[format])
        return f"{url}?{query.urlencode()}" if query else url

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if self.is_export:
            return context
        cleaned = self.filters.form.cleaned_data if self.filters.is_valid() else {}
        entries = permissions.moderation_entries(self.request.user)
        if cleaned.get("competition"):
            entries = entries.filter(competition=cleaned["competition"])
        counts = queries.state_counts(entries, permissions.MODERATED_STATES)
        query = self.request.GET.urlencode()
        context.update(
            counts=list(counts.items()),
            query=query,
            bulk_form=admin_views.BulkModerationForm(initial={"query": query}),
        )
        return context


class EntryViewSet(ModelViewSet):
    model = Entry
    name = "entries"
    url_prefix = "entries"
    url_namespace = "competitions_admin"
    icon = "tasks"
    index_view_class = QueueView
    list_per_page = PAGE_SIZE
    add_to_admin_menu = False  # the menu item is `wagtail_hooks`, shown by permission
    inspect_view_enabled = False
    copy_view_enabled = False
    add_to_reference_index = False  # entries reference nothing editors manage

    def get_urlpatterns(self):
        index = self.index_view
        return [
            path("", index, name="index"),
            path("", index, name="queue"),
            path("results/", self.index_results_view, name="index_results"),
            path(
                "export.<str:fmt>",
                never_cache(self.export_view),
                name="export",
            ),
            path("<int:pk>/", admin_views.detail, name="detail"),
            path("bulk/", admin_views.bulk, name="bulk"),
            path("<int:pk>/file/<str:variant>/", admin_views.entry_file, name="file"),
            path("safeguarding/", admin_views.safeguarding_queue, name="safeguarding_queue"),
            path(
                "safeguarding/<int:pk>/",
                admin_views.safeguarding_detail,
                name="safeguarding_detail",
            ),
        ]

    def export_view(self, request, fmt):
        view = self.construct_view(
            self.index_view_class,
            **self.get_index_view_kwargs(),
            export_format=fmt if fmt in QueueView.FORMATS else QueueView.FORMAT_CSV,
        )
        return view(request)

    def get_permissions_to_register(self):
        # Only the two permissions the roles are made of appear in the group editor.
        return (
            super()
            .get_permissions_to_register()
            .filter(codename__in=[permissions.MODERATE_CODENAME, permissions.SAFEGUARD_CODENAME])
        )


entry_viewset = EntryViewSet()
