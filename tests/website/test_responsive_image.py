"""`{% responsive_image %}`: a <picture> with AVIF (where Pillow writes it) and WebP srcsets."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.utils import translation
from PIL import features

from tests.factories import CustomImageFactory, image_file
from website.templatetags.website_tags import picture_formats

HAS_AVIF = features.check("avif")


@pytest.fixture
def photo(db):
    return CustomImageFactory(
        title="Takim në Kukës",
        file=image_file(name="kukes.png", size=(1600, 1000)),
        alt_text_sq="Të rinj në një takim në Kukës",
        alt_text_en="Young people at a meeting in Kukës",
        credit="",
    )


def render(source, **context):
    html = Template("{% load website_tags %}" + source).render(Context(context))
    return BeautifulSoup(html, "html.parser")


def widths(srcset):
    return [int(part.rsplit(" ", 1)[1].removesuffix("w")) for part in srcset.split(", ")]


def test_picture_formats_follow_what_pillow_can_write():
    assert picture_formats() == (("avif", "webp") if HAS_AVIF else ("webp",))


def test_responsive_image_is_lazy_with_width_height_and_webp_srcset(photo):
    with translation.override("en"):
        soup = render(
            '{% responsive_image photo "width-{400,800,1200}" sizes="50vw" css_class="card" %}',
            photo=photo,
        )

    img = soup.select_one("picture > img")
    assert img["alt"] == "Young people at a meeting in Kukës"
    assert (img["width"], img["height"]) == ("1200", "750")  # the largest: CSS scales it down
    assert img["loading"] == "lazy"
    assert img["class"] == ["card"]
    assert img["sizes"] == "50vw"
    assert img["src"].endswith(".webp")
    assert "fetchpriority" not in img.attrs
    assert widths(img["srcset"]) == [1200, 800, 400]
    assert all(".webp " in part for part in img["srcset"].split(", "))


@pytest.mark.skipif(not HAS_AVIF, reason="this Pillow does not write AVIF")
def test_responsive_image_offers_avif_first_where_supported(photo):
    soup = render('{% responsive_image photo "width-{400,800}" %}', photo=photo)

    sources = soup.select("picture > source")
    assert [source["type"] for source in sources] == ["image/avif"]
    assert widths(sources[0]["srcset"]) == [800, 400]
    assert all(".avif " in part for part in sources[0]["srcset"].split(", "))


def test_responsive_image_for_the_hero_is_eager_and_high_priority(photo):
    soup = render('{% responsive_image photo "width-{400,800}" eager=True %}', photo=photo)

    img = soup.select_one("picture > img")
    assert img["fetchpriority"] == "high"
    assert "loading" not in img.attrs


def test_responsive_image_crops_with_fill(photo):
    soup = render('{% responsive_image photo "fill-{400x250,800x500}" %}', photo=photo)

    img = soup.select_one("picture > img")
    assert (img["width"], img["height"]) == ("800", "500")
    assert widths(img["srcset"]) == [800, 400]


def test_responsive_image_never_lists_the_same_width_twice(db):
    small = CustomImageFactory(
        title="Logo",
        file=image_file(size=(300, 200)),
        alt_text_sq="Logoja",
        alt_text_en="",
        credit="",
    )

    soup = render('{% responsive_image small "width-{400,800,1200}" %}', small=small)

    img = soup.select_one("picture > img")
    assert (img["width"], img["height"]) == ("300", "200")
    assert img["src"].endswith(".format-webp.webp")
    assert "srcset" not in img.attrs  # one size only: nothing to choose from


def test_responsive_image_renders_nothing_without_an_image(db):
    assert str(render('{% responsive_image None "width-{400,800}" %}')) == ""
