"""Entries as CSV or XLSX for staff, with spreadsheet formula injection neutralised."""

from django.utils import timezone
from django.utils.translation import gettext as _

from website import spreadsheets
from website.spreadsheets import neutralise


def rows(entries):
    yield [
        _("Reference"), _("Competition"), _("State"), _("Category"), _("Title"), _("Age"),
        _("Country"), _("Content warning"), _("Submitted at"), _("Full name"), _("E-mail"),
        _("Credit"), _("Pen name"),
    ]  # fmt: skip
    for entry in entries:
        entrant = getattr(entry, "entrant", None)
        yield [
            neutralise(value)
            for value in (
                entry.reference,
                entry.competition.title,
                entry.get_state_display(),
                entry.category or "",
                entry.title,
                entry.age,
                entry.country,
                entry.get_content_warning_display(),
                timezone.localtime(entry.submitted_at).strftime("%Y-%m-%d %H:%M"),
                entrant.full_name if entrant else "",
                entrant.email if entrant else "",
                entrant.get_credit_display() if entrant else "",
                entrant.pen_name if entrant else "",
            )
        ]


def _filename(extension):
    return f"entries-{timezone.localdate():%Y-%m-%d}.{extension}"


def csv_response(entries):
    return spreadsheets.csv_response(rows(entries), _filename("csv"))


def xlsx_response(entries):
    return spreadsheets.xlsx_response(rows(entries), _filename("xlsx"), sheet_title="Entries")
