"""The e-bulletin subscription in a real browser, in Albanian: the footer form → the subscribe page
→ the e-mailed confirmation link and its button → the personal preferences link → a new language
→ unsubscribe. The live server runs in this process: e-mails land in `django.core.mail.outbox`.
Every ORM call happens while the browser is idle (after a navigation has finished loading)."""

import datetime
import importlib
import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from newsletter import scheduling, sending
from newsletter.enums import ConsentSource, DeliveryState, Language, SendState, SubscriberState
from newsletter.models import BulletinSend, Delivery, Subscriber
from tests.factories import TopicFactory, UserFactory
from tests.factories.bulletins import BulletinIndexPageFactory, BulletinPageFactory, own_item
from tests.factories.newsletter import SubscriberFactory
from website.demo import get_or_create_home

create_roles = importlib.import_module("website.migrations.0003_roles_and_workflow").create_roles
grant_newsletter = importlib.import_module("newsletter.migrations.0002_publisher_permissions").grant

pytestmark = pytest.mark.browser

EMAIL = "lexuesja@example.org"
CONSENT_SQ = (
    "Pranoj të marr me e-mail buletinin elektronik të programit, afërsisht një herë në muaj. "
    "Adresa ime nuk përdoret për asgjë tjetër dhe mund të çregjistrohem në çdo kohë me lidhjen "
    "që gjendet në çdo e-mail."
)


def navigate(page, action):
    """Run `action` (a click that leaves the page) and wait until the next page has loaded."""
    with page.expect_navigation(wait_until="load"):
        action()


def h1(page):
    return page.inner_text("h1").strip()


def links_in(message, base_url):
    return re.findall(re.escape(base_url) + r"/\S+", message.body)


def subscriber():
    return Subscriber.objects.get(email=EMAIL)


@pytest.fixture
def newsletter_site(live_site, settings):
    settings.WAGTAILADMIN_BASE_URL = live_site  # the e-mails' links lead to the live server
    return live_site


@pytest.fixture
def topics(newsletter_site):
    """The topics a reader can choose."""
    return [
        TopicFactory(slug="parandalimi", name_sq="Parandalimi", name_en="Prevention"),
        TopicFactory(slug="mbrojtja", name_sq="Mbrojtja", name_en="Protection"),
    ]


def test_subscribe_in_footer_confirm_change_language_and_unsubscribe(
    page, newsletter_site, topics, axe_violations
):
    base = newsletter_site
    first_topic = topics[0]

    # The footer of the home page: an address and a language, posted (never in the URL).
    page.goto(f"{base}/sq/")
    footer = page.locator("form.newsletter-signup__form")
    footer.locator("input[name=email]").fill(EMAIL)
    assert footer.locator("input[name=language][value=sq]").is_checked()
    navigate(page, lambda: footer.get_by_role("button", name="Abonohu", exact=True).click())

    # The subscribe page, pre-filled, with the consent box and the protected POST.
    assert page.url == f"{base}/sq/abonohu/fillo/"
    assert h1(page) == "Abonohu në buletinin elektronik"
    form = page.locator("form.newsletter-form")
    assert form.locator("input[name=email]").input_value() == EMAIL
    assert form.locator("input[name=language][value=sq]").is_checked()
    assert form.locator("input[name=source]").input_value() == "footer"
    assert not form.locator("input[name=consent]").is_checked()
    assert axe_violations(page) == []
    assert not Subscriber.objects.exists()  # the footer's GET stored nothing
    form.locator(f"input[name=topics][value='{first_topic.pk}']").check()
    form.get_by_label(CONSENT_SQ).check()
    navigate(page, lambda: form.get_by_role("button", name="Abonohu", exact=True).click())

    assert page.url == f"{base}/sq/abonohu/faleminderit/"
    assert h1(page) == "Shikoni kutinë tuaj postare"
    pending = subscriber()
    assert (pending.state, pending.language, pending.consent_source) == (
        SubscriberState.PENDING,
        Language.SQ,
        ConsentSource.FOOTER,
    )
    assert pending.consent_text == CONSENT_SQ
    assert list(pending.topics.all()) == [first_topic]
    [confirmation] = mail.outbox
    assert confirmation.to == [EMAIL]
    assert confirmation.subject == "Konfirmoni abonimin në buletinin elektronik"
    confirm_link, preferences_link = links_in(confirmation, base)
    assert confirm_link.startswith(f"{base}/sq/buletini/konfirmo/")
    assert preferences_link == f"{base}/sq/buletini/preferencat/{pending.token}/"

    # The confirmation link shows a button; opening it changes nothing, pressing it confirms.
    page.goto(confirm_link)
    assert h1(page) == "Konfirmoni abonimin"
    assert page.locator("form.newsletter-signup__form").count() == 0
    assert page.get_by_text(
        "Shtypni butonin për të filluar të merrni buletinin elektronik."
    ).is_visible()
    assert subscriber().state == SubscriberState.PENDING
    navigate(
        page, lambda: page.get_by_role("button", name="Konfirmo abonimin tim", exact=True).click()
    )
    assert h1(page) == "Abonimi u konfirmua"
    assert page.get_by_text(
        "Faleminderit. Do të merrni buletinin e ardhshëm elektronik."
    ).is_visible()
    confirmed = subscriber()
    assert (confirmed.state, confirmed.language) == (SubscriberState.CONFIRMED, Language.SQ)
    assert confirmed.confirmed_at is not None
    assert len(mail.outbox) == 1  # nothing else is sent on confirming

    # The personal link from the e-mail: the reader switches to English.
    page.goto(preferences_link)
    assert h1(page) == "Preferencat tuaja për buletinin elektronik"
    assert (
        page.locator("form.newsletter-signup__form").count() == 0
    )  # a private page: no footer form
    assert page.locator("input[name=language][value=sq]").is_checked()
    assert page.locator(f"input[name=topics][value='{first_topic.pk}']").is_checked()
    page.get_by_label("Anglisht", exact=True).check()
    navigate(page, lambda: page.get_by_role("button", name="Ruaj", exact=True).click())
    assert page.inner_text("[role=status]") == "Preferencat tuaja u ruajtën."
    assert page.locator("input[name=language][value=en]").is_checked()
    changed = subscriber()
    assert (changed.state, changed.language) == (SubscriberState.CONFIRMED, Language.EN)
    assert list(changed.topics.all()) == [first_topic]

    # Unsubscribing takes effect at once; the link then says so and changes nothing.
    navigate(page, lambda: page.get_by_role("button", name="Çregjistrohu", exact=True).click())
    assert h1(page) == "U çregjistruat"
    assert page.get_by_text("Nuk do të merrni më buletine elektronike në këtë adresë.").is_visible()
    gone = subscriber()
    assert (gone.state, gone.language) == (SubscriberState.UNSUBSCRIBED, Language.EN)
    assert gone.unsubscribed_at is not None
    page.goto(preferences_link)
    assert h1(page) == "U çregjistruat"
    assert page.locator("input[name=language]").count() == 0
    assert len(mail.outbox) == 1


# --- comms staff: sending a bulletin ----------------------------------------------------------

STAFF_PASSWORD = "Correct-horse-battery-7"
ADMIN_VIEWPORT = {"width": 1280, "height": 800}


@pytest.fixture
def bulletin_site(newsletter_site, topics):
    """A published bulletin, a publisher allowed to send it, and confirmed subscribers:
    two read Albanian (one about prevention), one English (protection), one both (prevention)."""
    ContentType.objects.clear_cache()
    create_roles(apps, None)
    grant_newsletter(apps, None)
    home = get_or_create_home()
    bulletin = BulletinPageFactory(
        parent=BulletinIndexPageFactory(parent=home), items=[own_item(n) for n in (3, 11)]
    )
    UserFactory(username="botuese", password=STAFF_PASSWORD, groups=["Publishers"])
    prevention, protection = topics
    SubscriberFactory(email="a@example.org", topics=[prevention])
    SubscriberFactory(email="b@example.org")
    SubscriberFactory(email="c@example.org", language=Language.EN, topics=[protection])
    SubscriberFactory(email="d@example.org", language=Language.BOTH, topics=[prevention])
    return newsletter_site, bulletin


@pytest.fixture
def staff_page(browser):
    context = browser.new_context(locale="sq-AL", viewport=ADMIN_VIEWPORT)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def log_in(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", STAFF_PASSWORD)
    navigate(page, lambda: page.click("form button[type=submit]"))
    assert page.url == f"{base}/admin/"


def in_viewport(page, locator):
    box = locator.bounding_box()
    size = page.viewport_size
    return (
        box is not None
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= size["width"]
        and box["y"] + box["height"] <= size["height"]
    )


def test_send_by_email_is_a_visible_button_on_a_bulletin_page(staff_page, bulletin_site):
    base, bulletin = bulletin_site
    page = staff_page
    log_in(page, base, "botuese")

    page.goto(f"{base}/admin/pages/{bulletin.pk}/edit/")

    button = page.locator("#w-slim-header-buttons").get_by_role("link", name="Dërgo me e-mail")
    assert button.is_visible()  # without opening the "…" menu
    assert in_viewport(page, button)
    navigate(page, button.click)
    assert page.url == f"{base}/admin/newsletter/send/{bulletin.pk}/"
    assert page.locator("[data-recipients=total]").inner_text() == "4"


def test_a_scheduled_segmented_send_shows_its_progress(staff_page, bulletin_site, topics, tmp_path):
    base, bulletin = bulletin_site
    prevention = topics[0]
    page = staff_page
    log_in(page, base, "botuese")
    page.goto(f"{base}/admin/newsletter/send/{bulletin.pk}/")
    summary = page.locator("#recipient-summary")
    assert summary.locator("[data-recipients=sq]").inner_text() == "2"
    assert summary.get_by_text("Untold Stories <").count() == 1  # the English sender

    # Choosing a topic recounts at once (the page's script asks the server).
    page.locator(f"input[name=send-topics][value='{prevention.pk}']").check()
    expect(summary.locator("[data-recipients=total]")).to_have_text("2")
    expect(summary.locator("[data-recipients=sq]")).to_have_text("1")
    expect(summary.locator("[data-recipients=en]")).to_have_text("0")

    # Scheduled for 09:00 Tirana time next January.
    year = timezone.now().year + 1
    page.get_by_label("Në një datë dhe orë (ora e Tiranës)").check()
    page.fill("input[name=send-scheduled_for]", f"{year}-01-15T09:00")
    page.locator("input[name=send-checked]").check()
    navigate(page, lambda: page.get_by_role("button", name="Dërgoni ose planifikoni").click())
    assert page.get_by_text(f"Ky buletin do të dërgohet më 15.01.{year} 09:00").is_visible()
    send = BulletinSend.objects.get(page=bulletin)
    assert send.state == SendState.SCHEDULED
    assert send.scheduled_for == datetime.datetime(year, 1, 15, 8, 0, tzinfo=datetime.UTC)
    assert mail.outbox == []

    # The worker starts it at its time; two of the segment's e-mails have gone out so far.
    scheduling.start_due_sends(now=send.scheduled_for)
    page.reload()
    progress = page.locator("#send-progress")
    assert progress.locator("[data-count=waiting]").inner_text() == "2"
    assert progress.locator("[data-count=total]").inner_text() == "2"
    Delivery.objects.filter(send=send, subscriber__email="a@example.org").update(
        state=DeliveryState.SENT
    )

    # The bar and the counts follow without reloading the page.
    expect(progress.locator("[data-count=sent]")).to_have_text("1")
    expect(progress.locator("[data-count=waiting]")).to_have_text("1")
    assert progress.locator("progress").get_attribute("value") == "1"
    assert in_viewport(page, progress.locator("progress"))  # at the top, at 1280×800
    page.screenshot(path=tmp_path / "send-progress.png", full_page=True)
    print("screenshot:", tmp_path / "send-progress.png")

    # The job sends the rest; the page shows the send finished.
    sending.run_send(send.pk)
    expect(progress.locator("[data-progress=state_label]")).to_have_text("Përfunduar")
    assert sorted(message.to[0] for message in mail.outbox) == ["d@example.org"]
