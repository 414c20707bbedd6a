"""Factories of the help directory: the directory page, services and organisations.

    OrganisationFactory(key="vatra", services=["shelter", "24-7"], regions=["diber"])

`services` are ServiceKind codes and `regions` Region slugs (the rows exist: services from a
migration, regions from the `taxonomy` fixture or RegionFactory).
"""

import factory

from directory.models import DirectoryPage, Organisation, Service
from tests.factories.website import TranslatedPageFactory
from website.models import Region


class DirectoryPageFactory(TranslatedPageFactory):
    """The directory page under `parent` (got when it exists)."""

    class Meta:
        model = DirectoryPage
        django_get_or_create = ("slug_sq", "parent")

    title_sq = "Ku të gjesh ndihmë"
    title_en = "Where to find help"
    slug_sq = "ku-te-gjesh-ndihme"
    slug_en = "find-help"
    intro_sq = "Organizata që ndihmojnë."
    intro_en = "Organisations that help."


class ServiceFactory(factory.django.DjangoModelFactory):
    """A service of the vocabulary; its row exists already (made by a migration)."""

    class Meta:
        model = Service
        django_get_or_create = ("code",)

    code = "shelter"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    class Params:
        key = factory.Sequence(lambda n: f"org-{n}")

    slug = factory.LazyAttribute(lambda organisation: organisation.key)
    name_sq = factory.LazyAttribute(lambda organisation: f"Organizata {organisation.key}")
    name_en = factory.LazyAttribute(lambda organisation: f"Organisation {organisation.key}")
    name = factory.SelfAttribute("name_sq")
    description_sq = factory.LazyAttribute(lambda organisation: f"Përshkrim {organisation.key}")
    description_en = factory.LazyAttribute(lambda organisation: f"Description {organisation.key}")
    nationwide = False

    @factory.post_generation
    def services(self, create, codes, **kwargs):
        if create and codes:
            self.services.set(Service.objects.filter(code__in=codes))

    @factory.post_generation
    def regions(self, create, slugs, **kwargs):
        if create and slugs:
            self.regions.set(Region.objects.filter(slug__in=slugs))
