"""Reading a CSV of addresses that already consented, and writing the export.

The import file: UTF-8 (with or without a BOM), any line ends, comma or semicolon separated;
the first column is the address; an optional second column is the language (sq, en, both).
A header row ("email", "e-mail", "address"…) is skipped. Rows are skipped, each with its line
and reason, for: a bad address, a duplicate in the file, an address already on the list, an
unknown language, a cell that a spreadsheet would run as a formula.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from newsletter.enums import Language
from newsletter.validation import clean_email
from website.spreadsheets import FORMULA_STARTS, csv_text, neutralise

HEADER_WORDS = {"email", "e-mail", "mail", "address", "adresa", "email address", "e-mail address"}

REASONS = {
    "duplicate": _("Duplicate in the file"),
    "exists": _("Already on the list (its state is kept)"),
    "invalid": _("Not a valid e-mail address"),
    "formula": _("A cell starts like a spreadsheet formula"),
    "language": _("Unknown language (use sq, en or both)"),
    "empty": _("Empty line"),
}


class ImportFileError(Exception):
    pass


@dataclass
class ParsedRow:
    line: int
    email: str
    language: str


@dataclass
class ImportReport:
    imported: list = field(default_factory=list)  # addresses
    skipped: list = field(default_factory=list)  # (line, value, reason)

    def skip(self, line, value, reason_key):
        self.skipped.append((line, value, REASONS[reason_key]))


def decode(raw_bytes):
    try:
        return raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(_("The file is not UTF-8 text. Save it as CSV UTF-8.")) from error


def parse(text, *, default_language, report):
    """The rows worth importing; every other line goes into the report with its reason."""
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    seen = set()
    rows = []
    for line, cells in enumerate(reader, start=1):
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue  # blank lines (a trailing newline, a Windows "\r\n\r\n") say nothing
        if line == 1 and cells[0].lower() in HEADER_WORDS:
            continue
        value = cells[0]
        if any(cell.startswith(FORMULA_STARTS) for cell in cells if cell):
            report.skip(line, neutralise(value), "formula")
            continue
        language = cells[1].lower() if len(cells) > 1 and cells[1] else default_language
        if language not in Language.values:
            report.skip(line, value, "language")
            continue
        try:
            email = clean_email(value)
        except ValidationError:
            report.skip(line, value, "invalid")
            continue
        if email.lower() in seen:
            report.skip(line, email, "duplicate")
            continue
        seen.add(email.lower())
        rows.append(ParsedRow(line, email, language))
    return rows


def write_csv(rows, header):
    return csv_text([header, *([neutralise(cell) for cell in row] for row in rows)])
