import pytest
from django.core.files.base import ContentFile

from resources.models import ResourceIndexPage, ResourcePage
from resources.pdf import placeholder_pdf
from website.models import CustomDocument


@pytest.fixture
def library(home):
    page = ResourceIndexPage(
        title_sq="Burime",
        title_en="Resources",
        slug="burime",
        slug_sq="burime",
        slug_en="resources",
        intro_sq="Raporte.",
        intro_en="Reports.",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_document(title, *, language="en", year=2014, publisher="Ministry"):
    document = CustomDocument(title=title, language=language, year=year, publisher=publisher)
    document.file.save("report.pdf", ContentFile(placeholder_pdf([title])), save=False)
    document.file_size = document.file.size
    document.save()
    return document


def make_resource(library, slug, *, language="en", year=2014, **fields):
    defaults = {
        "title_sq": f"Raport {slug}",
        "title_en": f"Report {slug}",
        "summary_sq": f"Përmbledhje {slug}",
        "summary_en": f"Summary {slug}",
    }
    defaults.update(fields)
    page = ResourcePage(
        slug=slug,
        slug_sq=slug,
        slug_en=f"{slug}-en",
        document=make_document(f"File {slug}", language=language, year=year),
        **defaults,
    )
    library.add_child(instance=page)
    page.save_revision().publish()
    return page
