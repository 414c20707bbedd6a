"""A round's results as CSV or XLSX for the chair and the moderators (formula injection
neutralised). Codes and jurors' names only: no entrant's identity is ever exported here."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jury.enums import RoundKind
from website import spreadsheets
from website.spreadsheets import neutralise


def _number(value):
    return "" if value is None else round(value, 2)


def _scores(item):
    """“2 of 3” (counted of expected: scores, or in rank rounds the jurors who placed it); the
    count alone when nothing was expected."""
    if item.get("expected") is None:
        return "" if item.get("counted") is None else item["counted"]
    return _("%(counted)s of %(expected)s") % item


def _complete(item, kind):
    if item.get("complete", True):
        return _("yes")
    if kind == RoundKind.RANK:
        return (
            ngettext(
                "incomplete (placed by %(counted)s of %(expected)s juror)",
                "incomplete (placed by %(counted)s of %(expected)s jurors)",
                item["expected"],
            )
            % item
        )
    return (
        ngettext(
            "incomplete (%(counted)s of %(expected)s score)",
            "incomplete (%(counted)s of %(expected)s scores)",
            item["expected"],
        )
        % item
    )


def rows(context):
    """The table as the results page shows it: complete entries ranked first, then the entries
    missing scores, ranked apart and marked."""
    jurors = context["jurors"]
    yield [
        neutralise(value)
        for value in (
            _("Rank"), _("Code"), _("Category"), _("Result"), _("Scores"), _("Complete"),
            _("Lowest"), _("Highest"), _("Spread (SD)"), _("Tied"), _("Advanced"), _("Awards"),
            *[str(juror) for juror in jurors],
        )
    ]  # fmt: skip
    for item in context["rows"]:
        row = item["row"]
        spread = getattr(row, "spread", None)
        yield [
            row.rank if row.rank is not None else "",
            neutralise(item["code"]),
            neutralise(str(item["category"] or "")),
            _number(getattr(row, "result", None)),
            _scores(item),
            _complete(item, context["round"].kind),
            _number(spread.minimum) if spread else "",
            _number(spread.maximum) if spread else "",
            _number(spread.sd) if spread else "",
            _("yes") if row.tied else "",
            _("yes") if item["advanced"] else "",
            neutralise(", ".join(str(award.get_kind_display()) for award in item["awards"])),
            *[_number(score.raw) if score else "" for score in item["juror_scores"]],
        ]


def _filename(round, extension):
    return f"jury-round-{round.pk}-{timezone.localdate():%Y-%m-%d}.{extension}"


def csv_response(round, context):
    return spreadsheets.csv_response(rows(context), _filename(round, "csv"))


def xlsx_response(round, context):
    return spreadsheets.xlsx_response(
        rows(context), _filename(round, "xlsx"), sheet_title="Results"
    )
