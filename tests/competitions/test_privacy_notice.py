"""The competitions' privacy notice, in both languages, linked from the form and the footer."""

import pytest

from website.models import SiteSettings


@pytest.mark.parametrize(
    ("url", "heading", "phrase"),
    [
        (
            "/sq/konkurse/privatesia/",
            "<h1>Njoftimi i privatësisë për konkurset</h1>",
            "180 ditë pasi shpallen rezultatet",
        ),
        (
            "/en/competitions/privacy/",
            "<h1>Privacy notice of the competitions</h1>",
            "180 days after the results are announced",
        ),
    ],
)
def test_privacy_notice_in_both_languages(client, home, url, heading, phrase):
    response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert heading in html
    assert phrase in html


def test_privacy_notice_tells_retention_and_who_sees_what(client, home):
    html = client.get("/en/competitions/privacy/").content.decode()

    assert "within 14 days, the entry and your personal data are deleted" in html
    assert "deleted 30 days after the decision" in html
    assert "never your name, age, e-mail" in html
    assert "download a copy of everything we hold about you" in html


def test_privacy_notice_shows_the_contact_address(client, home):
    settings_row = SiteSettings.load()
    settings_row.contact_email = "privacy@example.org"
    settings_row.save()

    html = client.get("/en/competitions/privacy/").content.decode()

    assert 'write to <a href="mailto:privacy@example.org">privacy@example.org</a>.' in html


@pytest.mark.parametrize(
    ("url", "link"),
    [("/sq/", 'href="/sq/konkurse/privatesia/"'), ("/en/", 'href="/en/competitions/privacy/"')],
)
def test_footer_links_to_the_privacy_notice(client, home, url, link):
    html = client.get(url).content.decode()

    assert link in html


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            'Read <a href="/en/competitions/photo/">the rules</a> and '
            '<a href="/en/competitions/privacy/">the privacy notice</a>.',
        ),
        (
            "sq",
            'Lexo <a href="/sq/konkurse/foto/">rregullat</a> dhe '
            '<a href="/sq/konkurse/privatesia/">njoftimin e privatësisë</a>.',
        ),
    ],
)
def test_entry_form_declaration_links_the_rules_and_privacy_notice(client, photo, language, text):
    prefix = "konkurse" if language == "sq" else "competitions"
    enter = "merr-pjese" if language == "sq" else "enter"

    html = client.get(f"/{language}/{prefix}/{photo.pk}/{enter}/").content.decode()

    assert text in html
