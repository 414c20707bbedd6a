"""The site-wide factories build what they promise."""

import pytest
from wagtail.models import Page, Site

from tests.factories import (
    CustomImageFactory,
    HomePageFactory,
    MunicipalityFactory,
    StandardPageFactory,
    member_of,
)


@pytest.mark.django_db
def test_home_page_factory_replaces_the_welcome_page_once():
    home = HomePageFactory()

    assert HomePageFactory().pk == home.pk
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert list(Page.objects.filter(depth=2).values_list("pk", flat=True)) == [home.pk]


@pytest.mark.django_db
def test_standard_page_factory_publishes_in_both_languages(client):
    page = StandardPageFactory(parent=HomePageFactory(), slug_sq="rreth-nesh", slug_en="about")

    assert page.live is True
    assert client.get("/en/about/").status_code == 200
    assert client.get("/sq/rreth-nesh/").status_code == 200


@pytest.mark.django_db
def test_member_of_puts_the_user_in_the_role_group():
    user = member_of("Editors")

    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    assert user.check_password("password") is True


@pytest.mark.django_db
def test_member_of_refuses_an_unknown_group():
    with pytest.raises(ValueError, match="Unknown role group"):
        member_of("Astronauts")


@pytest.mark.django_db
def test_image_and_municipality_factories_make_what_they_need():
    assert CustomImageFactory().file.name.endswith(".png")
    assert MunicipalityFactory().region.slug.startswith("region-")
