from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField

from website.helplines import DEFAULT_HELP_LINES, DEFAULT_QUICK_EXIT_URL, HelpLine


class HelpLineBlock(blocks.StructBlock):
    """One help line. Both languages sit in the same block so they never drift apart."""

    number = blocks.CharBlock(label=_("number or address as shown"), max_length=40)
    href = blocks.CharBlock(
        label=_("link"),
        max_length=200,
        help_text=_("tel:129 for a phone number, https://… for a website."),
    )
    kind = blocks.ChoiceBlock(
        label=_("purpose"),
        choices=[("report", _("Report a case")), ("support", _("Seek support"))],
    )
    label_sq = blocks.CharBlock(label=_("name in Albanian"), max_length=120)
    label_en = blocks.CharBlock(label=_("name in English"), max_length=120)

    class Meta:
        icon = "mobile-alt"
        label = _("Help line")


@register_setting(icon="help")
class SiteSettings(BaseGenericSetting):
    """Site-wide settings editable by comms staff: help lines and the quick exit."""

    help_lines = StreamField(
        [("help_line", HelpLineBlock())],
        blank=True,
        verbose_name=_("help lines"),
        help_text=_("Shown on every page and in every e-mail, in this order."),
    )
    quick_exit_url = models.URLField(
        _("quick exit destination"),
        default=DEFAULT_QUICK_EXIT_URL,
        help_text=_(
            "A neutral website the quick-exit control opens instead of this one, "
            "e.g. a weather or search page."
        ),
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Where readers send feedback or content to publish."),
    )

    panels = [FieldPanel("help_lines"), FieldPanel("quick_exit_url"), FieldPanel("contact_email")]

    class Meta:
        verbose_name = _("site settings")

    def get_help_lines(self):
        """The help lines as HelpLine values; the defaults when none are set."""
        lines = [
            HelpLine(
                number=block.value["number"],
                href=block.value["href"],
                kind=block.value["kind"],
                label_sq=block.value["label_sq"],
                label_en=block.value["label_en"],
            )
            for block in self.help_lines
        ]
        return lines or list(DEFAULT_HELP_LINES)
