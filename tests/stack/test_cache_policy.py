"""The cache headers website/cache.py gives each kind of response, read through the test client
(no front needed), and the deploy files that must agree with the settings."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from competitions.forms import MAX_STORY_CHARACTERS
from deploy import servers
from newsletter import conf as newsletter_conf
from tests.factories import UserFactory
from website.object_storage import HalfConfigured, s3_storages

ROOT = Path(__file__).resolve().parents[2]
FRONT_HEADERS = ("Cache-Control", "CDN-Cache-Control", "Surrogate-Control")


def front_headers(response):
    return {name: response.headers.get(name) for name in FRONT_HEADERS}


def shared(seconds):
    return {
        "Cache-Control": "no-store",
        "CDN-Cache-Control": f"max-age={seconds}",
        "Surrogate-Control": f"max-age={seconds}",
    }


@pytest.mark.django_db
def test_page_kept_by_the_front_even_when_it_sets_the_lang_cookie(client, home):
    response = client.get("/sq/")

    assert response.cookies["lang"].value == "sq"
    assert front_headers(response) == shared(600)


@pytest.mark.django_db
def test_search_results_kept_a_short_while(client, home):
    with translation.override("en"):
        response = client.get(reverse("sitesearch:search"), {"q": "trafficking"})

    assert front_headers(response) == shared(60)


@pytest.mark.django_db
def test_sitemap_keeps_its_own_header_for_browsers(client, home):
    response = client.get("/sitemap.xml")

    assert front_headers(response) == {
        "Cache-Control": "max-age=300, public",
        "CDN-Cache-Control": "max-age=60",
        "Surrogate-Control": "max-age=60",
    }


@pytest.mark.django_db
def test_signed_in_reader_never_kept(client, home):
    client.force_login(UserFactory())

    response = client.get("/sq/")

    assert front_headers(response) == {
        "Cache-Control": "no-store",
        "CDN-Cache-Control": None,
        "Surrogate-Control": None,
    }


@pytest.mark.django_db
def test_never_cache_view_left_as_it_is(client, home):
    with translation.override("sq"):
        response = client.get(reverse("jury:login"))

    assert front_headers(response) == {
        "Cache-Control": "max-age=0, no-cache, no-store, must-revalidate, private",
        "CDN-Cache-Control": None,
        "Surrogate-Control": None,
    }


@pytest.mark.django_db
def test_form_with_a_csrf_token_never_kept(client, home):
    with translation.override("sq"):
        response = client.get(reverse("newsletter:subscribe"))

    assert "csrftoken" in response.cookies
    assert (response["Cache-Control"], response.get("CDN-Cache-Control")) == ("no-store", None)


@pytest.mark.django_db
def test_post_never_kept(client, home):
    response = client.post("/sq/")

    assert response.get("CDN-Cache-Control") is None


# --- Deploy files ---------------------------------------------------------------------------

VCL = (ROOT / "deploy/varnish/default.vcl").read_text()
MB = 1024 * 1024


def test_front_body_limit_covers_every_upload_the_site_allows():
    limits = {int(value) for value in re.findall(r"Content-Length, 0\) > (\d+)\)", VCL)}
    limits |= {int(value) * MB for value in re.findall(r"cache_req_body\((\d+)MB\)", VCL)}
    largest_entry = 30 * MB + MAX_STORY_CHARACTERS * 4  # the cap in docs/deploy.md, "Limits"

    assert limits == {31 * MB}
    assert largest_entry < 31 * MB
    # Wagtail's default for editors' images is 10 MB.
    assert getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * MB) < 31 * MB
    assert newsletter_conf.get("NEWSLETTER_IMPORT_MAX_BYTES") < 31 * MB
    nginx = (ROOT / "deploy/nginx/untold.conf").read_text()
    assert "client_max_body_size 31m;" in nginx


def test_production_backends_vcl_is_the_rendered_one():
    committed = (ROOT / "deploy/varnish/backends.vcl").read_text()

    assert committed == servers.render_backends([8001, 8002])


@pytest.mark.skipif(servers.varnishd() is None, reason="varnishd is not installed")
def test_vcl_compiles(tmp_path):
    result = subprocess.run(
        [
            servers.varnishd(),
            "-C",
            "-j",
            "none",
            "-n",
            str(tmp_path),
            "-f",
            str(ROOT / "deploy/varnish/default.vcl"),
            "-p",
            f"vcl_path={ROOT / 'deploy/varnish'}",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr[-2000:]


def test_s3_needs_both_buckets():
    with pytest.raises(HalfConfigured):
        s3_storages({"S3_MEDIA_BUCKET": "media"})


def test_no_bucket_no_s3():
    assert s3_storages({}) == {}


def test_stack_script_is_executable():
    assert shutil.which("stack", path=str(ROOT / "bin")) == str(ROOT / "bin" / "stack")
