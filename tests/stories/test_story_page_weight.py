"""What a reader downloads for a story page, images aside, stays under 60 KB compressed."""

import datetime
import gzip
import json
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders

from tests.factories.stories import StoryPageFactory
from website.demo import load_site_settings
from website.models import Topic

BUDGET_BYTES = 60 * 1024

PARAGRAPH = (
    "<p>Të rinjtë nga shkollat e qytetit folën me punonjësit socialë për mënyrat se si "
    "trafikantët i afrojnë fëmijët, në internet dhe jashtë tij, dhe ku mund të kërkojnë "
    "ndihmë kur diçka nuk shkon. Partnerët ndanë fletëpalosje dhe numrat e linjave të ndihmës."
    "</p>"
)


def body(image):
    blocks = []
    for number in range(8):
        blocks.append({"type": "paragraph", "value": PARAGRAPH})
        if number == 2:
            blocks.append({"type": "image", "value": {"image": image.pk, "caption": "Takimi"}})
        if number == 4:
            blocks.append(
                {
                    "type": "quote",
                    "value": {
                        "text": "Tani e di ku të kërkoj ndihmë.",
                        "attribution": "A., 15 vjeç",
                    },
                }
            )
    return json.dumps(blocks)


def gzipped_size(content):
    return len(gzip.compress(content, compresslevel=9))


def local_assets(html):
    """The paths of the stylesheets and scripts the page links from our own static files."""
    soup = BeautifulSoup(html, "html.parser")
    urls = [link["href"] for link in soup.select('link[rel="stylesheet"][href]')]
    urls += [script["src"] for script in soup.select("script[src]")]
    paths = []
    for url in urls:
        path = urlsplit(url).path
        assert path.startswith(settings.STATIC_URL), f"not one of our static files: {url}"
        paths.append(path.removeprefix(settings.STATIC_URL))
    return paths


def test_story_page_html_css_and_js_stay_under_60_kb_compressed(
    client, folder_2020, image, taxonomy
):
    load_site_settings()
    topics = list(Topic.objects.all()[:3])
    for n in range(1, 4):  # three related stories, shown under the story
        StoryPageFactory(
            parent=folder_2020,
            key=f"tjeter-{n}",
            date=datetime.date(2020, 11, n),
            hero_image=image,
            topics=topics,
        )
    StoryPageFactory(
        parent=folder_2020,
        key="takimi",
        date=datetime.date(2020, 11, 17),
        hero_image=image,
        topics=topics,
        body_sq=body(image),
        body_en=body(image),
    )
    url = "/sq/histori/2020/takimi-sq/"

    response = client.get(url)

    assert response.status_code == 200
    assert (
        len(BeautifulSoup(response.content, "html.parser").select(".related-stories .story-card"))
        == 3
    )
    sizes = {url: gzipped_size(response.content)}
    assets = local_assets(response.content)
    assert "website/css/site.css" in assets
    assert "website/js/site.js" in assets
    for path in assets:
        found = finders.find(path)
        assert found, f"static file not found: {path}"
        with open(found, "rb") as handle:
            sizes[path] = gzipped_size(handle.read())
    total = sum(sizes.values())
    assert total < BUDGET_BYTES, f"{total} bytes compressed: {sizes}"
