"""The help lines, as they stand when nobody has edited them in the site settings.

Used to fill the settings on first load and by the 500 page, which must render
without the database.
"""

from dataclasses import dataclass

from django.utils.translation import get_language


@dataclass(frozen=True)
class HelpLine:
    number: str
    href: str
    kind: str  # "report" or "support"
    label_sq: str
    label_en: str

    @property
    def label(self):
        return self.label_en if get_language() == "en" else self.label_sq


DEFAULT_HELP_LINES = (
    HelpLine("129", "tel:129", "report", "Policia e Shtetit", "Albanian State Police"),
    HelpLine(
        "116 006",
        "tel:116006",
        "report",
        "Linja kombëtare kundër trafikimit",
        "National anti-trafficking hotline",
    ),
    HelpLine(
        "ALO 116 111",
        "tel:116111",
        "support",
        "Linja Kombëtare e Këshillimit për Fëmijët",
        "National Child Helpline",
    ),
    HelpLine(
        "nukjevetem.al",
        "https://nukjevetem.al",
        "support",
        "Këshillim në internet: nuk je vetëm",
        "Online counselling: you are not alone",
    ),
)

DEFAULT_QUICK_EXIT_URL = "https://www.google.com/search?q=moti+tirane"
