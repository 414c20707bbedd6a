"""The admin's scripts without inline code (the admin's Content-Security-Policy, website/csp.py).

Three places in Wagtail 8 and its add-ons still write inline <script>s; each now leaves data
attributes that static/website/js/admin-csp.js acts on instead:

* the chooser widgets (page, image, document, snippet, task): `BaseChooser.render` below;
* the date and time pickers and inline panels: our copies of Wagtail's templates
  (website/templates/wagtailadmin/);
* wagtail-modeltranslation's settings on every editing page: its hook is replaced by the same
  settings in a data attribute of admin-csp.js's own tag.
"""

import json

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from modeltranslation import settings as mt_settings
from wagtail import hooks
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.admin.widgets.workflows import AdminTaskChooser
from wagtail_modeltranslation import settings as wmt_settings
from wagtail_modeltranslation import wagtail_hooks as modeltranslation_hooks

from website.dashboard import ScheduledPublicationsPanel

ADMIN_SCRIPT = "website/js/admin-csp.js"

hooks._hooks["insert_editor_js"] = [  # Wagtail has no public way to unregister
    (fn, order)
    for fn, order in hooks._hooks.get("insert_editor_js", [])
    if fn is not modeltranslation_hooks.translation_settings
]


_wagtail_chooser_render = BaseChooser.render


def render_chooser(self, name, value, attrs=None, renderer=None):
    """Wagtail's `BaseChooser.render` with the widget's JavaScript start in data attributes."""
    overrides_js = type(self).render_js_init is not BaseChooser.render_js_init
    if overrides_js and not isinstance(self, AdminTaskChooser):
        return _wagtail_chooser_render(self, name, value, attrs=attrs, renderer=renderer)
    id_ = attrs["id"]  # Wagtail's own render fails the same way without one
    value_data = self.get_value_data(value)
    widget_html = mark_safe(self.render_html(name, value_data, attrs))  # noqa: S308 - Wagtail's
    if isinstance(self, AdminTaskChooser):
        return format_html(
            '{}<span hidden data-w-chooser-call="createTaskChooser" data-w-chooser-target="{}">'
            "</span>",
            widget_html,
            id_,
        )
    return format_html(
        '{}<span hidden data-w-chooser-widget="{}" data-w-chooser-target="{}" '
        'data-w-chooser-options="{}"></span>',
        widget_html,
        self.js_constructor,
        id_,
        json.dumps(self.get_js_init_options(id_, name, value_data)),
    )


BaseChooser.render = render_chooser


def model_translation_settings():
    """What wagtail-modeltranslation's inline script sets as `wagtailModelTranslations`."""
    picker_default = wmt_settings.LOCALE_PICKER_DEFAULT
    return {
        "languages": [code for code, _name in settings.LANGUAGES],
        "defaultLanguage": mt_settings.DEFAULT_LANGUAGE,
        "viewEditString": gettext("View / edit fields for"),
        "translate_slugs": bool(wmt_settings.TRANSLATE_SLUGS),
        "locale_picker_default": list(picker_default)
        if picker_default is not None
        else [mt_settings.DEFAULT_LANGUAGE],
        "locale_picker_restore": bool(wmt_settings.LOCALE_PICKER_RESTORE),
    }


@hooks.register("insert_editor_js", order=-100)
def model_translation_settings_script():
    # Synchronous, before the package's own scripts (order -100), which read the settings.
    return format_html(
        '<script src="{}" data-model-translations="{}"></script>',
        static(ADMIN_SCRIPT),
        json.dumps(model_translation_settings()),
    )


@hooks.register("insert_global_admin_js")
def admin_script():
    return format_html('<script src="{}"></script>', static(ADMIN_SCRIPT))


@hooks.register("construct_homepage_panels")
def add_scheduled_publications_panel(request, panels):
    panels.append(ScheduledPublicationsPanel())
