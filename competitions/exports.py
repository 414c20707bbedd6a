"""Entries as CSV or XLSX for staff, with spreadsheet formula injection neutralised."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value):
    """Text a spreadsheet would read as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


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
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows(entries):
        writer.writerow(row)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    response["Cache-Control"] = "no-store"
    return response


def xlsx_response(entries):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Entries"
    for row in rows(entries):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    response["Cache-Control"] = "no-store"
    return response
