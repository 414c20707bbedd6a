import pytest

pytestmark = pytest.mark.django_db


def test_robots_txt_lets_crawlers_read_the_public_pages_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\nDisallow: /admin/\n\nSitemap: http://testserver/sitemap.xml\n"
    )
    assert response["Cache-Control"] == "max-age=86400, public"


def test_robots_txt_names_the_host_it_was_asked_on(client):
    response = client.get("/robots.txt", HTTP_HOST="localhost")

    assert response.content.decode().endswith("Sitemap: http://localhost/sitemap.xml\n")
