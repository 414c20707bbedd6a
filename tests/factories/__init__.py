"""Factories for every model and page type (factory_boy + wagtail-factories).

One module per app (`tests/factories/<app>.py`); this package re-exports the site-wide ones.
Conventions:
- no surprising side effects: a factory creates its object and what it cannot exist without;
- pages are created under a parent (`parent=`), with both languages' title and slug, and are
  published unless `live=False`; `TranslatedPageFactory` does this for every page type;
- passwords are `password` unless given.
"""

from tests.factories.website import (
    CustomImageFactory,
    HomePageFactory,
    MunicipalityFactory,
    PartnerFactory,
    RegionFactory,
    StandardPageFactory,
    TopicFactory,
    TranslatedPageFactory,
    UserFactory,
    image_file,
    member_of,
)

__all__ = [
    "CustomImageFactory",
    "HomePageFactory",
    "MunicipalityFactory",
    "PartnerFactory",
    "RegionFactory",
    "StandardPageFactory",
    "TopicFactory",
    "TranslatedPageFactory",
    "UserFactory",
    "image_file",
    "member_of",
]
