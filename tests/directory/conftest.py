import pytest

from directory.models import DirectoryPage, Organisation, Service
from website.demo import load_taxonomy
from website.models import Region


@pytest.fixture
def taxonomy(db):
    load_taxonomy()


@pytest.fixture
def directory_page(home):
    page = DirectoryPage(
        title_sq="Ku të gjesh ndihmë",
        title_en="Where to find help",
        slug="ku-te-gjesh-ndihme",
        slug_sq="ku-te-gjesh-ndihme",
        slug_en="find-help",
        intro_sq="Organizata që ndihmojnë.",
        intro_en="Organisations that help.",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_organisation(slug, *, services=(), regions=(), nationwide=False, **fields):
    defaults = {
        "name_sq": f"Organizata {slug}",
        "name_en": f"Organisation {slug}",
        "description_sq": f"Përshkrim {slug}",
        "description_en": f"Description {slug}",
    }
    defaults.update(fields)
    organisation = Organisation.objects.create(
        slug=slug, name=defaults["name_sq"], nationwide=nationwide, **defaults
    )
    organisation.services.set(Service.objects.filter(code__in=services))
    organisation.regions.set(Region.objects.filter(slug__in=regions))
    return organisation
