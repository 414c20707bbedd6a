"""Factories of the site-wide models: users, images, taxonomy, partners, home and standard pages."""

import io
from contextlib import contextmanager

import factory
import wagtail_factories
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from modelsearch import signal_handlers as search_signals
from PIL import Image as PILImage
from wagtail import signal_handlers as wagtail_signals
from wagtail.models import Collection, Page, Site

from website.models import (
    CustomImage,
    HomePage,
    Municipality,
    Partner,
    Region,
    StandardPage,
    Topic,
    User,
)


def image_file(name="test.png", size=(64, 48), color=(30, 90, 160), fmt="PNG"):
    """A real image file made by Pillow."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, format=fmt)
    buffer.seek(0)
    return ImageFile(buffer, name=name)


class UserFactory(factory.django.DjangoModelFactory):
    """A user; `groups=["Editors", …]` puts them in those (existing) role groups."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = "Tester"
    preferred_language = "sq"
    password = factory.PostGenerationMethodCall("set_password", "password")

    class Params:
        superuser = factory.Trait(is_superuser=True, is_staff=True)

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.add(*Group.objects.filter(name__in=names))
            if Group.objects.filter(name__in=names).count() != len(set(names)):
                raise ValueError(f"Unknown role group among {names}")
        if create:
            self.save()


def member_of(group_name, **kwargs):
    """A user in one role group (e.g. "Competition moderators")."""
    return UserFactory(groups=[group_name], **kwargs)


class CustomImageFactory(wagtail_factories.ImageFactory):
    class Meta:
        model = CustomImage

    # The root collection, as an upload in the admin; wagtail-factories would make a new root.
    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.LazyFunction(image_file)
    alt_text_sq = "Një imazh prove"
    alt_text_en = "A test image"
    credit = "UNICEF"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name_sq = factory.LazyAttribute(lambda topic: f"Temë {topic.slug}")
    name_en = factory.LazyAttribute(lambda topic: f"Topic {topic.slug}")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"region-{n}")
    name_sq = factory.LazyAttribute(lambda region: f"Qark {region.slug}")
    name_en = factory.LazyAttribute(lambda region: f"Region {region.slug}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"municipality-{n}")
    name = factory.LazyAttribute(lambda municipality: f"Bashkia {municipality.slug}")
    region = factory.SubFactory(RegionFactory)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner {n}")
    short_name = factory.Sequence(lambda n: f"P{n}")
    email = factory.Sequence(lambda n: f"partner{n}@example.org")
    website = factory.Sequence(lambda n: f"https://partner{n}.example.org/")


class _Once:
    """Stands in for a task that indexes one object by id: each object is remembered once and
    queued, with the real task, when `once_per_object` ends."""

    def __init__(self, task):
        self.task = task
        self.queued = {}

    def enqueue(self, *args):
        self.queued.setdefault(args, None)


@contextmanager
def once_per_object():
    """Inside, each object saved is indexed once, at the end, instead of at every save.

    Creating and publishing a page saves it three times (`add_child`, `save_revision`,
    `publish`), and each save queues modelsearch's indexing and Wagtail's reference index for
    the page. Both tasks read the object again by id, so the last run alone decides what they
    store: running each once after the last save leaves the same rows. Nothing is skipped and no
    signal is disconnected; `page_published` and every other receiver run as before."""
    if isinstance(search_signals.insert_or_update_object_task, _Once):
        yield  # inside another factory's call: that one runs the tasks
        return
    tasks = {
        search_signals: "insert_or_update_object_task",
        wagtail_signals: "update_reference_index_task",
    }
    stand_ins = {module: _Once(getattr(module, name)) for module, name in tasks.items()}
    for module, name in tasks.items():
        setattr(module, name, stand_ins[module])
    try:
        yield
    finally:
        for module, name in tasks.items():
            setattr(module, name, stand_ins[module].task)
    for once in stand_ins.values():
        for app_label, model_name, pk in once.queued:
            # One deleted since (Wagtail's welcome page, say) left no rows behind either.
            if apps.get_model(app_label, model_name).objects.filter(pk=pk).exists():
                once.task.enqueue(app_label, model_name, pk)


class TranslatedPageFactory(wagtail_factories.PageFactory):
    """Base of every page factory: both languages' title and slug, published (a revision is
    saved and published) unless `live=False`.

    Subclasses set `Meta.model`; `parent=` is required (use the `home` fixture or another page).
    """

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    title_sq = factory.Sequence(lambda n: f"Faqe {n}")
    title_en = factory.Sequence(lambda n: f"Page {n}")
    title = factory.SelfAttribute("title_sq")
    slug_sq = factory.Sequence(lambda n: f"faqe-{n}")
    slug_en = factory.Sequence(lambda n: f"page-{n}")
    slug = factory.SelfAttribute("slug_sq")

    @classmethod
    def _generate(cls, strategy, params):
        with once_per_object():
            return super()._generate(strategy, params)

    @factory.post_generation
    def publish(self, create, extracted, **kwargs):
        if create and extracted is not False and self.live:
            # `add_child` has just validated the page, and `publish` validates it again.
            self.save_revision(clean=False).publish()


class HomePageFactory(TranslatedPageFactory):
    """The site's home page under the tree root; the default site points to it (testserver)."""

    class Meta:
        model = HomePage
        # modeltranslation rewrites `slug` to the active language's column: look up by slug_sq.
        django_get_or_create = ("slug_sq", "parent")

    parent = factory.LazyFunction(Page.get_first_root_node)
    title_sq = "Së bashku kundër trafikimit"
    title_en = "Together against human trafficking"
    slug_sq = "ballina"
    slug_en = "home"

    @factory.post_generation
    def site(self, create, extracted, **kwargs):
        if not create:
            return
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        welcome_id = site.root_page_id
        site.root_page = self
        site.hostname = "testserver"
        site.port = 80
        site.save()
        # Wagtail's welcome page, which the home page replaces (as `load_demo` does).
        Page.objects.filter(pk=welcome_id, depth=2, content_type__model="page").exclude(
            pk=self.pk
        ).delete()


class StandardPageFactory(TranslatedPageFactory):
    class Meta:
        model = StandardPage

    intro_sq = "Një përmbledhje e shkurtër."
    intro_en = "A short summary."
