from django.db import models
from django.db.models import Q
from django.http import Http404
from django.urls import Resolver404
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from website import content_cache
from website.blocks import ContentBlocks
from website.i18n import LANGUAGE_CODES
from website.registry import home_sections


def _resolves(routable_class, path_components):
    """Whether one of the routes of a routable page type takes this rest of the path."""
    try:
        routable_class.get_resolver().resolve("/" + "/".join(path_components) + "/")
    except Resolver404:
        return False
    return True


def restore_translated_routing(models):
    """wagtail-modeltranslation sets its own `route` on every translated page type (it loads
    every sibling at each level); give the page types back the `route` their classes define
    (TranslatedPageMixin's, or RoutablePageMixin's before it). Called from WebsiteConfig.ready,
    after wagtail-modeltranslation has patched the models."""
    for model in models:
        if issubclass(model, TranslatedPageMixin):
            patched = model.__dict__.get("route")
            if patched is not None and patched.__module__.startswith("wagtail_modeltranslation"):
                delattr(model, "route")


def _specific(page, page_class):
    """The specific page, with the relations its type names in `route_select_related` (the
    hero image, shown and shared) in the same query."""
    related = getattr(page_class, "route_select_related", ())
    if not related:
        return page.specific
    return page_class.objects.select_related(*related).get(pk=page.pk)


class TranslatedPageMixin:
    """What every public page needs to live in two languages.

    * preview in either language from the admin (preview modes), whatever the editor's UI language;
    * routing by the slug of the active language: the whole path in one query, instead of two
      per level (wagtail-modeltranslation loads every sibling);
    * absolute URLs of the page in each language, for hreflang alternates and the switcher;
    * both titles in the search index, so the admin's page search finds either;
    * the image and description used when the page is shared (base.html's meta block).
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # The admin's page search autocompletes on `title`, which is indexed in one language
        # only: index both titles so an editor finds a page by either.
        names = {(type(field), field.field_name) for field in cls.search_fields}
        cls.search_fields = [
            *cls.search_fields,
            *(
                index.AutocompleteField(name)
                for name in ("title_sq", "title_en")
                if (index.AutocompleteField, name) not in names
            ),
        ]

    # Sharing (Open Graph, Twitter card, meta description): the first of these fields that the
    # page type has and that is filled in. A page type may override the two methods instead.
    share_image_field = "hero_image"
    share_description_fields = ("search_description", "summary", "intro", "masthead_intro")

    def get_share_image(self):
        """The image shown when the page is shared, or None."""
        return getattr(self, self.share_image_field, None) if self.share_image_field else None

    def get_share_description(self):
        """A sentence or two about the page, in the active language (plain text, may be "")."""
        for name in self.share_description_fields:
            text = (getattr(self, name, "") or "").strip()
            if text:
                return Truncator(" ".join(text.split())).chars(200)
        return ""

    @property
    def preview_modes(self):
        return [("sq", "Shqip"), ("en", "English")]

    @property
    def default_preview_mode(self):
        return "sq"

    def serve_preview(self, request, mode_name):
        code = mode_name if mode_name in LANGUAGE_CODES else "sq"
        with translation.override(code):
            request.LANGUAGE_CODE = code
            response = super().serve_preview(request, mode_name)
            # Render now: a TemplateResponse rendered later would use the editor's language.
            if hasattr(response, "render"):
                response.render()
            return response

    def route(self, request, path_components):
        """Walk down the path in two queries whatever its depth: every descendant on the way
        whose slug (in the active language) is one of the path's, then the page found. A page
        that routes by itself (a routable page: feeds, filters) gets the rest of the path."""
        if (
            isinstance(self, RoutablePageMixin)
            and self.live
            and _resolves(type(self), path_components)
        ):
            return RoutablePageMixin.route(self, request, path_components)
        if not path_components:
            return super().route(request, path_components)
        code = get_language() if get_language() in LANGUAGE_CODES else "sq"
        match = Q(**{f"slug_{code}__in": set(path_components)})
        if code != "sq":
            # An empty English slug falls back to the Albanian one.
            match |= Q(**{f"slug_{code}__in": ["", None], "slug_sq__in": set(path_components)})
        candidates = (
            Page.objects.descendant_of(self)
            .filter(depth__lte=self.depth + len(path_components))
            .filter(match)
            .defer_streamfields()
            .order_by("path")
        )
        children = {}
        for candidate in candidates:
            slug = getattr(candidate, f"slug_{code}") or candidate.slug_sq
            children.setdefault((candidate.path[: -Page.steplen], slug), candidate)
        current = self
        for number, slug in enumerate(path_components, start=1):
            child = children.get((current.path, slug))
            if child is None:
                raise Http404
            page_class, rest = child.specific_class, path_components[number:]
            if not rest or page_class is None:
                return _specific(child, page_class).route(request, rest)
            if issubclass(page_class, RoutablePageMixin):
                if child.live and _resolves(page_class, rest):
                    return child.specific.route(request, rest)
            elif page_class.route is not TranslatedPageMixin.route:
                return child.specific.route(request, rest)
            current = child
        raise Http404  # not reached: the loop returns or raises

    def get_view_restrictions(self):
        """No query on the usual site, where no page is restricted (whether any is, is kept per
        content generation, website/content_cache.py); Wagtail's lookup otherwise."""
        if not content_cache.any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def localized_urls(self, request=None):
        """{language code: absolute URL of this page in that language}."""
        urls = {}
        for code in LANGUAGE_CODES:
            with translation.override(code):
                if request is not None:
                    urls[code] = request.build_absolute_uri(self.get_url(request))
                else:
                    urls[code] = self.get_full_url()
        return urls


class HomePage(TranslatedPageMixin, Page):
    """The root of the public site in both languages."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the title: what the programme does."),
    )
    body = StreamField(
        ContentBlocks(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Sections of the home page, in order."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        """The page's own fields, then the sections the apps add (`<app>/home.py`), read only
        when the template renders them: it keeps their HTML until the content changes."""
        context = super().get_context(request, *args, **kwargs)
        sections = home_sections()
        context["home_sections"] = SimpleLazyObject(
            lambda: [
                {"template": section.template, "context": section_context}
                for section in sections
                if (section_context := section.get_context(request)) is not None
            ]
        )
        context["home_stylesheets"] = list(
            dict.fromkeys(name for section in sections for name in section.stylesheets)
        )
        return context


class StandardPage(TranslatedPageMixin, Page):
    """A plain content page: "Programme at a glance", privacy notice, about."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("A short summary."))
    body = StreamField(
        ContentBlocks(),
        blank=True,
        verbose_name=_("body"),
        help_text=_(
            "The text of the page, in order: headings, paragraphs, images, quotes, figures."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["website.HomePage", "website.StandardPage"]
    subpage_types = ["website.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
