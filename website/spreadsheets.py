"""CSV and XLSX files for staff, with spreadsheet formula injection neutralised (OWASP "CSV
injection"). Used by the competitions' entry export, the jury's results and the newsletter."""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook

# A cell starting with one of these would run as a formula in a spreadsheet (full-width forms too).
FORMULA_STARTS = (
    "=", "+", "-", "@", "|", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20",
)  # fmt: skip
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """Text a spreadsheet would read as a formula gets a leading apostrophe; None becomes ""."""
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(rows):
    """Rows as CSV text with a BOM, so that Excel reads the UTF-8 as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row)
    return "\ufeff" + buffer.getvalue()


def _download(body, content_type, filename):
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def csv_response(rows, filename):
    return _download(csv_text(rows), "text/csv; charset=utf-8", filename)


def xlsx_response(rows, filename, *, sheet_title):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _download(buffer.getvalue(), XLSX_TYPE, filename)
