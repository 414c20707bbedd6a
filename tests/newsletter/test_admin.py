"""Staff screens: subscribers list, import, export, send; Publishers and superusers only."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from newsletter import importing, sending
from newsletter.enums import ConsentSource, Language, SendState, SubscriberState
from newsletter.models import BulletinSend, Subscriber
from tests.factories.bulletins import BulletinPageFactory
from tests.factories.newsletter import BulletinSendFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_renderer(monkeypatch):
    def render(page, mode, *, base_url, context=None):
        context = context or {}
        html = (
            f"<html><head><style>p {{ color: red; }}</style></head><body><p>{mode}</p>"
            f'<a href="{context["unsubscribe_url"]}">x</a></body></html>'
        )
        return f"Bulletin {mode}", html, f"{mode}\n{context['unsubscribe_url']}\n"

    monkeypatch.setattr(sending, "get_renderer", lambda: render)
    return render


# The admin speaks the default language, Albanian; a refusal is a 403 page with the reason.
NO_SENDING = "Nuk keni leje të dërgoni buletine."


def nothing_here():
    """website.admin_tools.not_found's reason, in Albanian once its catalogue has it."""
    with translation.override("sq"):
        return gettext("There is nothing here.")


def refusal(response):
    """The reason on the admin's refusal page (None when the response is not one)."""
    if response.status_code != 403 or response.templates[0].name != "website/admin/refused.html":
        return None
    return str(response.context["reason"])


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("/admin/newsletter/import/", "Nuk keni leje të importoni abonentë."),
        ("/admin/newsletter/export/", "Nuk keni leje të eksportoni abonentët."),
        ("/admin/newsletter/sends/", NO_SENDING),
        ("/admin/newsletter_subscribers/", "Nuk keni leje të shihni abonentët."),
    ],
)
def test_editors_are_refused_the_newsletter_screens_with_the_reason(client, editor, url, reason):
    client.force_login(editor)

    response = client.get(url)

    assert response.status_code == 403
    assert refusal(response) == reason
    assert f"<p>{reason}</p>" in response.content.decode()


def test_send_screen_refuses_editors(client, editor, bulletin):
    client.force_login(editor)
    url = f"/admin/newsletter/send/{bulletin.pk}/"

    screen = client.get(url)
    preview = client.get(f"{url}preview/sq/")
    send = client.post(url, {"action": "send", "send-checked": "on"})
    test = client.post(
        url, {"action": "test", "test-mode": "en", "test-addresses": "staff@example.org"}
    )

    assert [refusal(r) for r in (screen, preview, send, test)] == [NO_SENDING] * 4
    assert BulletinSend.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("", "Nuk keni leje të shihni abonentët."),
        ("edit/{pk}/", "Nuk keni leje të ndryshoni abonentët."),
        ("delete/{pk}/", "Nuk keni leje të fshini abonentët."),
        ("inspect/{pk}/", "Nuk keni leje të shihni abonentët."),
    ],
)
def test_subscriber_records_refuse_editors_with_the_reason(client, editor, path, reason):
    subscriber = SubscriberFactory(email="reader@example.org")
    client.force_login(editor)

    response = client.get(f"/admin/newsletter_subscribers/{path.format(pk=subscriber.pk)}")

    assert response.status_code == 403
    assert refusal(response) == reason
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_nobody_adds_a_subscriber_by_hand_not_even_a_superuser(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)

    form = client.get("/admin/newsletter_subscribers/new/")
    post = client.post("/admin/newsletter_subscribers/new/", {"email": "x@example.org"})

    assert (
        refusal(form)
        == refusal(post)
        == ("Abonentët shtohen vetëm përmes formularit të abonimit ose një importi.")
    )
    assert Subscriber.objects.count() == 0


def test_a_page_that_is_not_a_bulletin_has_no_send_screen(client, publisher, home):
    client.force_login(publisher)

    screen = client.get(f"/admin/newsletter/send/{home.pk}/")
    preview = client.get(f"/admin/newsletter/send/{home.pk}/preview/sq/")

    assert refusal(screen) == refusal(preview) == nothing_here()


def test_preview_of_an_unknown_mode_is_refused(client, publisher, bulletin):
    client.force_login(publisher)

    response = client.get(f"/admin/newsletter/send/{bulletin.pk}/preview/fr/")

    assert refusal(response) == nothing_here()


def test_subscribers_listing_filters_by_language_and_state(client, publisher):
    SubscriberFactory(email="a@example.org", language=Language.EN)
    SubscriberFactory(email="b@example.org", language=Language.SQ)
    SubscriberFactory(email="c@example.org", language=Language.EN, unsubscribed=True)
    client.force_login(publisher)

    response = client.get("/admin/newsletter_subscribers/?language=en&state=confirmed")

    assert response.status_code == 200
    body = response.content.decode()
    assert "a@example.org" in body
    assert "b@example.org" not in body
    assert "c@example.org" not in body


def listing_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/newsletter_subscribers/")
    assert response.status_code == 200
    return len(queries)


def test_subscribers_listing_query_count_does_not_grow(client, publisher):
    SubscriberFactory()
    client.force_login(publisher)
    client.get("/admin/newsletter_subscribers/")  # warm caches (site, permissions)
    with_one = listing_queries(client)
    SubscriberFactory.create_batch(29)

    with_thirty = listing_queries(client)

    assert with_one == with_thirty


def upload(content, name="list.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_import_with_bom_windows_line_ends_duplicates_bad_and_formula_cells(client, publisher):
    SubscriberFactory(email="old@example.org", unsubscribed=True)
    content = (
        "\ufeffemail,language\r\n"
        "new1@example.org,en\r\n"
        "New1@Example.org,sq\r\n"
        "not-an-address\r\n"
        '=HYPERLINK("http://evil.example")\r\n'
        "new2@example.org,=1+1\r\n"
        "old@example.org\r\n"
        "new3@example.org,xx\r\n"
        "\r\n"
        "new4@example.org\r\n"
    ).encode()
    client.force_login(publisher)

    response = client.post(
        "/admin/newsletter/import/",
        {
            "file": upload(content),
            "default_language": "both",
            "consent_text": "Paper form, Kukës workshop, 12 March 2024",
        },
    )

    assert response.status_code == 200
    report = response.context["report"]
    assert report.imported == ["new1@example.org", "new4@example.org"]
    assert [(line, str(reason)) for line, _value, reason in report.skipped] == [
        # The admin speaks the default language, Albanian.
        (3, "E përsëritur në skedar"),
        (4, "Nuk është adresë e vlefshme e-maili"),
        (5, "Një qelizë fillon si formulë fletëllogaritëse"),
        (6, "Një qelizë fillon si formulë fletëllogaritëse"),
        (7, "Është tashmë në listë (gjendja e saj mbetet e njëjtë)"),
        (8, "Gjuhë e panjohur (përdorni sq, en ose both)"),
    ]
    new1 = Subscriber.objects.get(email="new1@example.org")
    assert new1.state == SubscriberState.CONFIRMED
    assert new1.language == Language.EN
    assert new1.consent_source == ConsentSource.IMPORT
    assert new1.consent_text == "Paper form, Kukës workshop, 12 March 2024"
    assert new1.created_by == publisher
    assert Subscriber.objects.get(email="new4@example.org").language == Language.BOTH
    assert Subscriber.objects.get(email="old@example.org").state == SubscriberState.UNSUBSCRIBED
    assert mail.outbox == []


def test_import_refuses_a_file_that_is_not_utf8(client, publisher):
    client.force_login(publisher)

    response = client.post(
        "/admin/newsletter/import/",
        {
            "file": upload("për@example.org\n".encode("cp1250")),
            "default_language": "sq",
            "consent_text": "x",
        },
    )

    assert response.status_code == 200
    assert "Skedari nuk është tekst UTF-8." in response.content.decode()
    assert Subscriber.objects.count() == 0


def test_import_parses_semicolons_and_a_file_without_header():
    report = importing.ImportReport()

    rows = importing.parse(
        "a@example.org;en\nb@example.org;both\n", default_language="sq", report=report
    )

    assert [(r.email, r.language) for r in rows] == [
        ("a@example.org", "en"),
        ("b@example.org", "both"),
    ]
    assert report.skipped == []


def test_export_neutralises_formula_cells(client, publisher):
    SubscriberFactory(email="a@example.org", consent_text='=HYPERLINK("http://evil.example")')
    client.force_login(publisher)

    response = client.get("/admin/newsletter/export/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode().split("\r\n")
    assert lines[0] == "\ufeffemail,language,state,consent_source,consent_at,consent_text"
    assert lines[1].startswith("a@example.org,sq,confirmed,page,")
    assert lines[1].endswith(',"\'=HYPERLINK(""http://evil.example"")"')


def test_neutralise():
    assert importing.neutralise("=1+1") == "'=1+1"
    assert importing.neutralise("+33") == "'+33"
    assert importing.neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert importing.neutralise("a@example.org") == "a@example.org"


def test_send_screen_preview_test_and_send(
    client,
    publisher,
    bulletin,
    fake_renderer,
    fast_sending,
    django_capture_on_commit_callbacks,
):
    SubscriberFactory(email="reader@example.org", language=Language.EN)
    client.force_login(publisher)
    url = f"/admin/newsletter/send/{bulletin.pk}/"

    screen = client.get(url)
    preview = client.get(f"{url}preview/both/")
    test = client.post(
        url, {"action": "test", "test-mode": "en", "test-addresses": "staff@example.org"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, {"action": "send", "send-checked": "on"})
    progress = client.get(url)

    assert screen.status_code == 200
    assert preview.status_code == 200
    assert '<p style="color: red;">both</p>' in preview.content.decode()
    assert test.status_code == 302
    assert sent.status_code == 302
    assert [m.to for m in mail.outbox] == [["staff@example.org"], ["reader@example.org"]]
    send = BulletinSend.objects.get()
    assert send.state == SendState.FINISHED
    assert send.started_by == publisher
    assert progress.context["counts"].sent == 1


def test_page_header_has_a_send_by_email_button_for_publishers(client, publisher, bulletin):
    client.force_login(publisher)

    response = client.get(f"/admin/pages/{bulletin.pk}/edit/")

    assert response.status_code == 200
    assert f"/admin/newsletter/send/{bulletin.pk}/" in response.content.decode()


def test_editors_get_no_send_by_email_button(client, editor, bulletin):
    client.force_login(editor)

    response = client.get(f"/admin/pages/{bulletin.pk}/edit/")

    assert response.status_code == 200
    assert f"/admin/newsletter/send/{bulletin.pk}/" not in response.content.decode()


NEWSLETTER_MENU = [
    "/admin/newsletter_subscribers/",
    "/admin/newsletter/import/",
    "/admin/newsletter/export/",
    "/admin/newsletter/sends/",
]


def test_the_e_bulletin_menu_is_shown_to_publishers_only(client, editor, publisher):
    client.force_login(publisher)
    publishers = client.get("/admin/").content.decode()
    client.force_login(editor)
    editors = client.get("/admin/").content.decode()

    assert [url in publishers for url in NEWSLETTER_MENU] == [True] * 4
    assert [url in editors for url in NEWSLETTER_MENU] == [False] * 4


def sends_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/newsletter/sends/")
    assert response.status_code == 200
    return len(queries), len(response.context["rows"])


def test_sends_listing_query_count_does_not_grow(client, publisher, bulletin):
    BulletinSendFactory(page=bulletin)
    client.force_login(publisher)
    client.get("/admin/newsletter/sends/")  # warm caches (site, permissions)
    with_one = sends_queries(client)
    for number in (7, 8, 9):
        issue = BulletinPageFactory(parent=bulletin.get_parent(), number=number)
        BulletinSendFactory(page=issue)

    with_four = sends_queries(client)

    assert with_four == (with_one[0], 4)
    assert with_one[1] == 1
