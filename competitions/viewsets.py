"""The moderation queue as a Wagtail `ModelViewSet` (/admin/entries/): a listing with filters
(django-filter), CSV/XLSX export, and a permission policy built on competitions/permissions.py.

The viewset owns every URL under /admin/entries/ (namespace `competitions_admin`); the moderation
actions stay custom views (competitions/admin_views.py) and are routed here too. No add, edit or
delete screens: entries change only through the workflow (`services.move_entry`).
"""

from urllib.parse import urlencode

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
from competitions.enums import CompetitionKind, ContentWarning, EntryState
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
    check = django_filters.ChoiceFilter(
        label=_("To check"),
        method="filter_check",
        choices=[
            ("answered", _("Changes answered")),
            ("consent", _("Consent to check")),
            ("duplicate", _("Possible duplicate")),
        ],
    )

    class Meta:
        model = Entry
        fields = ["competition", "state", "category", "kind", "age_group", "country"]

    def filter_check(self, queryset, name, value):
        # On the annotations of `queries.moderation_queue`.
        if value == "answered":
            return queryset.filter(changes_answered=True)
        if value == "consent":
            return queryset.exclude(consent_check="")
        if value == "duplicate":
            return queryset.filter(possible_duplicate=True)
        return queryset

    def filter_age_group(self, queryset, name, value):
        if value == "minor":
            return queryset.filter(age__lt=18)
        if value == "adult":
            return queryset.filter(age__gte=18)
        return queryset


class SelectColumn(Column):
    """A checkbox per entry for bulk moderation (the form is below the listing)."""

    cell_template_name = "competitions/admin/select_cell.html"


class ThumbnailColumn(Column):
    """The entry's small thumbnail, through the permission-checked file view, loaded lazily."""

    cell_template_name = "competitions/admin/thumbnail_cell.html"


class EntryColumn(TitleColumn):
    """The reference (a link to the entry's screen) with the title under it."""

    cell_template_name = "competitions/admin/entry_cell.html"


class ChecksColumn(Column):
    """What to look at: answered changes, a consent flag, a possible duplicate, a content
    warning (as short tags)."""

    cell_template_name = "competitions/admin/checks_cell.html"


# The queue's views: what needs a decision (the default) and every entry in the queue's states.
SCOPE_DECIDE = "decide"
SCOPE_ALL = "all"


class QueueView(generic.IndexView):
    """The moderation queue: entries in `permissions.moderation_entries(user)`. It opens on what
    needs a decision (`queries.needs_decision`), the nearest deadline first; `?show=all` (or
    choosing a state) lists every entry of the queue's states."""

    template_name = "competitions/admin/queue.html"
    results_template_name = "competitions/admin/queue_results.html"
    page_title = _("Entries to moderate")
    header_icon = "tasks"
    default_ordering = queries.QUEUE_ORDER
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
        chose_state = bool(request.GET.get("state"))
        self.scope = SCOPE_ALL if request.GET.get("show") == SCOPE_ALL or chose_state else (
            SCOPE_DECIDE
        )  # fmt: skip

    def all_rows(self):
        user = self.request.user
        return queries.moderation_queue(
            permissions.moderation_entries(user), permissions.visible_duplicates(user)
        )

    def get_base_queryset(self):
        rows = self.all_rows()
        return queries.needs_decision(rows) if self.scope == SCOPE_DECIDE else rows

    @cached_property
    def columns(self):
        return [
            SelectColumn("select", label=_("Select")),
            ThumbnailColumn("thumbnail", label=_("Image")),
            EntryColumn(
                "reference",
                label=_("Entry"),
                get_url=lambda entry: reverse("competitions_admin:detail", args=[entry.pk]),
            ),
            Column(
                "competition",
                label=_("Competition (deadline)"),
                accessor=lambda entry: "{title} ({deadline})".format(
                    title=entry.competition.title,
                    deadline=date_format(timezone.localtime(entry.competition.deadline), "j M Y"),
                ),
                sort_key="competition__deadline",
            ),
            Column("state", label=_("State"), accessor="get_state_display"),
            ChecksColumn("checks", label=_("To check")),
            Column("age", label=_("Age")),
            Column(
                "country",
                label=_("Country"),
                accessor=lambda entry: admin_views.country_name(entry.country),
            ),
            Column(
                "submitted_at",
                label=_("Submitted at"),
                accessor=lambda entry: date_format(
                    timezone.localtime(entry.submitted_at), "j M Y, H:i"
                ),
                sort_key="submitted_at",
            ),
        ]

    def get_valid_orderings(self):
        return ["submitted_at", "-submitted_at", "competition__deadline", "-competition__deadline"]

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

    def _link(self, **params):
        """The queue's URL with the current competition filter and `params`."""
        query = {key: value for key, value in params.items() if value}
        competition = self.request.GET.get("competition")
        if competition:
            query = {"competition": competition, **query}
        url = reverse("competitions_admin:queue")
        return f"{url}?{urlencode(query)}" if query else url

    def tabs(self, summary):
        """The queue's views with their counts: (label, count, url, current)."""
        state = self.request.GET.get("state", "")
        check = self.request.GET.get("check", "")
        decide = self.scope == SCOPE_DECIDE
        tabs = [
            (
                gettext("Needs a decision"),
                summary["decide"],
                self._link(),
                decide and not check,
            ),
            (
                gettext("Changes answered"),
                summary["answered"],
                self._link(check="answered"),
                decide and check == "answered",
            ),
            (
                gettext("Consent to check"),
                summary["consent"],
                self._link(check="consent"),
                decide and check == "consent",
            ),
            (
                gettext("Possible duplicates"),
                summary["duplicate"],
                self._link(check="duplicate"),
                decide and check == "duplicate",
            ),
        ]
        tabs += [
            (
                str(EntryState(value).label),
                summary[f"state_{value}"],
                self._link(state=value),
                state == value,
            )
            for value in permissions.MODERATED_STATES
            if value != EntryState.IN_MODERATION
        ]
        tabs.append(
            (
                gettext("All entries"),
                summary["all"],
                self._link(show=SCOPE_ALL),
                not decide and not state,
            )
        )
        return tabs

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if self.is_export:
            return context
        cleaned = self.filters.form.cleaned_data if self.filters.is_valid() else {}
        rows = self.all_rows()
        if cleaned.get("competition"):
            rows = rows.filter(competition=cleaned["competition"])
        summary = queries.queue_summary(rows, permissions.MODERATED_STATES)
        query = self.request.GET.urlencode()
        context.update(
            summary=summary,
            counts=[
                (EntryState(state), summary[f"state_{state}"])
                for state in permissions.MODERATED_STATES
            ],
            tabs=self.tabs(summary),
            scope=self.scope,
            filter_form=self.filters.form,
            # Our own filter bar (labels beside their controls), not Wagtail's drill-down menu.
            filters=None,
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
