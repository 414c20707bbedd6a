"""Factories of the resources library: the library page, resources and their documents.

    ResourcePageFactory(parent=library, key="raporti", document__year=2022, document__language="en")

A resource's `key` makes its slugs (`<key>`, `<key>-en`), titles and summaries; its document is
a real one-page PDF (`resources.pdf.placeholder_pdf`) titled "File <key>".
"""

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.models import Collection

from resources.models import ResourceIndexPage, ResourcePage
from resources.pdf import placeholder_pdf
from tests.factories.website import TranslatedPageFactory
from website.models import CustomDocument


class CustomDocumentFactory(wagtail_factories.DocumentFactory):
    """A PDF document with its language, year and publisher."""

    class Meta:
        model = CustomDocument

    # In the root collection, as the admin's upload puts it (wagtail-factories would make a new
    # root collection for each document).
    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Report {n}")
    file = factory.LazyAttribute(
        lambda document: ContentFile(placeholder_pdf([document.title]), name="report.pdf")
    )
    # As the admin's upload form does.
    file_size = factory.LazyAttribute(lambda document: document.file.size)
    language = "en"
    year = 2014
    publisher = "Ministry"


class ResourceIndexPageFactory(TranslatedPageFactory):
    """The library under `parent` (got when it exists)."""

    class Meta:
        model = ResourceIndexPage
        django_get_or_create = ("slug_sq", "parent")

    title_sq = "Burime"
    title_en = "Resources"
    slug_sq = "burime"
    slug_en = "resources"
    intro_sq = "Raporte."
    intro_en = "Reports."


class ResourcePageFactory(TranslatedPageFactory):
    class Meta:
        model = ResourcePage

    class Params:
        key = factory.Sequence(lambda n: f"resource-{n}")

    title_sq = factory.LazyAttribute(lambda page: f"Raport {page.key}")
    title_en = factory.LazyAttribute(lambda page: f"Report {page.key}")
    slug_sq = factory.LazyAttribute(lambda page: page.key)
    slug_en = factory.LazyAttribute(lambda page: f"{page.key}-en")
    summary_sq = factory.LazyAttribute(lambda page: f"Përmbledhje {page.key}")
    summary_en = factory.LazyAttribute(lambda page: f"Summary {page.key}")
    document = factory.SubFactory(
        CustomDocumentFactory,
        title=factory.LazyAttribute(lambda document: f"File {document.factory_parent.key}"),
    )
