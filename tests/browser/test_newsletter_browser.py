"""The e-bulletin subscription in a real browser, in Albanian: the footer form → the subscribe page
→ the e-mailed confirmation link and its button → the personal preferences link → a new language
→ unsubscribe. The live server runs in this process: e-mails land in `django.core.mail.outbox`.
Every ORM call happens while the browser is idle (after a navigation has finished loading)."""

import re

import pytest
from django.core import mail

from newsletter.enums import ConsentSource, Language, SubscriberState
from newsletter.models import Subscriber
from tests.factories import TopicFactory

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

    # The footer of the home page: an address and a language, sent with GET.
    page.goto(f"{base}/sq/")
    footer = page.locator("form.newsletter-signup__form")
    footer.locator("input[name=email]").fill(EMAIL)
    assert footer.locator("input[name=language][value=sq]").is_checked()
    navigate(page, lambda: footer.get_by_role("button", name="Abonohu", exact=True).click())

    # The subscribe page, pre-filled, with the consent box and the protected POST.
    assert page.url == f"{base}/sq/abonohu/?source=footer&email=lexuesja%40example.org&language=sq"
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
