"""Untold Stories competitions in a real browser.

1. An entrant of 16 sends a photo from a phone-sized window; the guardian consents through the
   e-mailed link; a moderator (signed in through the admin's login form) asks for a change; the
   entrant replaces the image through the private link; the moderator approves.
2. A story is flagged for safeguarding: the moderator loses it, only a Safeguarding officer sees it.

The live server runs in this process: e-mails land in `django.core.mail.outbox` (locmem) and the
tasks that send them run at once. Every ORM call below happens while the browser is idle (after a
navigation has finished loading), so the live server and the test never use the database at once.
"""

import io
import re
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image, ImageDraw
from wagtail.users.models import UserProfile

from competitions.enums import Actor, CompetitionKind, ConsentState, CreditChoice, EntryState
from competitions.models import Entry
from tests.factories import UserFactory
from tests.factories.competitions import (
    CompetitionIndexPageFactory,
    CompetitionPageFactory,
    EntryFactory,
)
from website import demo
from website.models import Municipality

from .conftest import PHONE, TIMEOUT_MS

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery-staple-7"  # a test account
# Staff roles as the migrations grant them (a live-server test's flush removes groups).
ROLES = {
    "Competition moderators": [
        ("wagtailadmin", "access_admin"),
        ("competitions", "moderate_entry"),
    ],
    "Safeguarding officers": [
        ("wagtailadmin", "access_admin"),
        ("competitions", "handle_safeguarding"),
    ],
}
RULES_SQ = "<p>Punimi duhet të jetë i yti dhe i pabotuar; asnjë viktimë nuk duhet të njihet.</p>"
RULES_EN = "<p>The work must be your own and unpublished; no victim may be recognisable.</p>"
CHANGE_MESSAGE = (
    "Fytyra e personit në të majtë njihet. Ju lutemi dërgoni një version ku nuk njihet."
)
STORY = (
    "Motra ime u largua një mëngjes me një burrë që i premtoi punë në Itali. "
    "Që atëherë nuk na ka shkruar më dhe unë kam frikë për të."
)


# --- helpers -------------------------------------------------------------------------------


def jpeg(size, color, spot):
    """A real JPEG made by Pillow, as bytes: a background and a bright disc at `spot` (0 to 1 of
    the width), so that two such photos differ to the perceptual hash too."""
    width, height = size
    image = Image.new("RGB", size, color)
    left = int(spot * width * 0.6)
    ImageDraw.Draw(image).ellipse(
        (left, height // 4, left + width // 3, height // 4 + width // 3), fill=(250, 220, 90)
    )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def path(name, *args, lang="sq"):
    with translation.override(lang):
        return reverse(name, args=args)


def mails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def link_in(message, base_url):
    """The one link to the live server in an e-mail's body."""
    links = re.findall(re.escape(base_url) + r"/\S+", message.body)
    assert len(links) == 1, message.body
    return links[0]


def unsigned(link):
    """A private link without its timestamp and signature: the same for each link to an entry."""
    return link.rsplit(":", 2)[0]


def navigate(page, action):
    """Run `action` (a click or tap that leaves the page) and wait until the next page loaded."""
    with page.expect_navigation(wait_until="load"):
        action()


def h1(page):
    return page.inner_text("h1").strip()


def make_staff(username, group_name):
    group, _created = Group.objects.get_or_create(name=group_name)
    for app_label, codename in ROLES[group_name]:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    user = UserFactory(username=username, password=PASSWORD, groups=[group_name])
    # The admin speaks Albanian to whoever chose nothing; these staff chose English.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def admin_login(page, base_url, username, next_path):
    """Sign in through the Wagtail admin's own login form (django-axes is in the way: no shortcut)."""
    page.goto(f"{base_url}/admin/login/?next={next_path}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    navigate(page, lambda: page.click("form button[type=submit]"))
    assert page.url == base_url + next_path


def moderate(page, action, message="", note=""):
    """On an entry's admin page: write the message, press the action's button (and confirm a
    rejection or a flag)."""
    form = page.locator("#moderation-form")
    if message:
        form.locator("textarea[name=message]").fill(message)
    if note:
        form.locator("textarea[name=note]").fill(note)
    navigate(page, lambda: form.locator(f"button[name=action][value={action}]").click())
    if action in ("reject", "flag"):
        navigate(page, lambda: page.locator("[data-moderation-confirm]").click())


def queue_references(page):
    """The references listed in an admin queue (each links to the entry's admin page)."""
    links = page.locator("table.listing tbody a[href^='/admin/entries/']")
    return [text.strip() for text in links.all_inner_texts()]


def image_loaded(locator):
    return locator.evaluate("img => img.complete && img.naturalWidth > 0")


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture
def new_context(browser):
    """`new_context(**options)` → a browser context closed after the test (own cookies)."""
    contexts = []

    def make(**options):
        options.setdefault("locale", "sq-AL")
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def competitions(live_site, settings):
    """An open photo and an open story competition (edition 3), with the municipalities."""
    settings.WAGTAILADMIN_BASE_URL = live_site  # the e-mails' links lead to the live server
    home = demo.get_or_create_home()
    demo.load_taxonomy()
    index = CompetitionIndexPageFactory(
        parent=home, title_sq="Historitë e pathëna", title_en="Untold Stories"
    )
    now = timezone.now()
    common = {
        "parent": index,
        "edition": 3,
        "opens_at": now - timedelta(days=10),
        "deadline": now + timedelta(days=20),
        "rules_sq": RULES_SQ,
        "rules_en": RULES_EN,
        "licence_sq": "<p>Organizatorët mund ta publikojnë punimin pa pagesë.</p>",
        "licence_en": "<p>The organisers may publish the work free of charge.</p>",
    }
    photo = CompetitionPageFactory(
        title_sq="Konkursi i fotografisë",
        title_en="Photography competition",
        slug_sq="fotografia",
        slug_en="photography",
        kind=CompetitionKind.PHOTO,
        min_image_side=600,
        theme_sq="Rrugët e pathëna",
        theme_en="Untold roads",
        **common,
    )
    story = CompetitionPageFactory(
        title_sq="Konkursi i tregimit",
        title_en="Short story competition",
        slug_sq="tregimi",
        slug_en="short-story",
        kind=CompetitionKind.STORY,
        story_min_words=10,
        story_max_words=200,
        **common,
    )
    return SimpleNamespace(url=live_site, photo=photo, story=story)


# --- 1. a minor's photo, from the phone to approval ------------------------------------------


def test_minor_enters_photo_from_phone_guardian_consents_change_requested_and_approved(
    new_context, competitions, axe_violations
):
    base = competitions.url
    photo = competitions.photo
    moderator = make_staff("moderator", "Competition moderators")
    born = date(timezone.localdate().year - 16, 1, 1)  # 16 on any day of this year
    shkoder = Municipality.objects.get(slug="shkoder")

    # The entrant, on a phone, reads the competition page and opens the form.
    phone = new_context(**PHONE).new_page()
    response = phone.goto(f"{base}/sq/konkurse/fotografia/")
    assert response.status == 200
    assert h1(phone) == "Konkursi i fotografisë"
    assert axe_violations(phone) == []
    navigate(
        phone, lambda: phone.get_by_role("link", name="Merr pjesë në konkurs", exact=True).tap()
    )
    assert phone.url == base + path("competitions:enter", photo.pk)
    assert phone.get_attribute("html", "lang") == "sq"
    assert axe_violations(phone) == []

    form = phone.locator("form[enctype='multipart/form-data']")
    form.locator("input[name=full_name]").fill("Elira Gjoka")
    form.locator("input[name=email]").fill("elira@example.com")
    form.locator("input[name=date_of_birth]").fill(born.isoformat())
    assert form.locator("select[name=country]").input_value() == "AL"
    form.locator("select[name=municipality]").select_option(label="Shkodër")
    assert form.locator("select[name=message_language]").input_value() == "sq"
    form.locator("input[name=credit][value=pen_name]").tap()
    form.locator("input[name=pen_name]").fill("Dallëndyshja")
    form.locator("input[name=guardian_name]").fill("Mira Gjoka")
    form.locator("input[name=guardian_email]").fill("mira@example.com")
    form.locator("input[name=title]").fill("Stacioni i fundit")
    form.locator("textarea[name=description]").fill("Një valixhe e harruar në stacion.")
    form.locator("input[name=image]").set_input_files(
        files=[
            {
                "name": "IMG_0042.jpg",
                "mimeType": "image/jpeg",
                "buffer": jpeg((1200, 900), (200, 60, 40), spot=0),
            }
        ]
    )
    for name in ("non_professional", "own_work", "people_agreed", "rules_read", "licence"):
        form.locator(f"input[name=declare_{name}]").tap()
    # Nothing is wider than the phone: no sideways scrolling.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    navigate(phone, lambda: phone.get_by_role("button", name="Dërgo punimin", exact=True).tap())

    # The receipt.
    entry = Entry.objects.select_related("entrant").get()
    assert phone.url.startswith(f"{base}/sq/")
    assert h1(phone) == "Faleminderit: punimi yt mbërriti"
    assert phone.inner_text(".reference") == "US3-PHOTO-0001"
    assert phone.get_by_text(
        "I kemi shkruar prindit ose kujdestarit tënd. Punimi yt kontrollohet vetëm "
        "pasi ata të japin pëlqimin."
    ).is_visible()
    assert axe_violations(phone) == []
    assert (entry.reference, entry.state, entry.consent_state, entry.age) == (
        "US3-PHOTO-0001",
        EntryState.AWAITING_CONSENT,
        ConsentState.PENDING,
        16,
    )
    assert (entry.image_width, entry.image_height) == (1200, 900)
    assert "IMG_0042" not in entry.image.name
    assert (entry.entrant.full_name, entry.entrant.municipality, entry.entrant.pen_name) == (
        "Elira Gjoka",
        shkoder,
        "Dallëndyshja",
    )
    assert (entry.entrant.guardian_name, entry.entrant.guardian_email) == (
        "Mira Gjoka",
        "mira@example.com",
    )
    [receipt] = mails_to("elira@example.com")
    [consent_request] = mails_to("mira@example.com")
    assert receipt.subject == "Punimi yt US3-PHOTO-0001 ka mbërritur"
    private_link = link_in(receipt, base)
    # The page and the e-mail sign the same entry's link, each in its own second.
    assert unsigned(phone.inner_text(".private-link a")) == unsigned(private_link)
    assert consent_request.subject == "Një i ri ose një e re ju kërkon pëlqimin"

    # The guardian opens the e-mailed link (on a computer) and consents.
    guardian = new_context().new_page()
    guardian_link = link_in(consent_request, base)
    guardian.goto(guardian_link)
    assert h1(guardian) == "Një i ri ose një e re ju kërkon pëlqimin"
    assert "Elira Gjoka" in guardian.inner_text("main")
    assert guardian.inner_text("main strong >> nth=0") == "Stacioni i fundit"
    assert image_loaded(guardian.locator("img.entry-thumb"))
    assert guardian.get_by_text(
        "Punimi duhet të jetë i yti dhe i pabotuar; asnjë viktimë nuk duhet të njihet."
    ).is_visible()
    navigate(
        guardian, lambda: guardian.get_by_role("button", name="Jap pëlqimin", exact=True).click()
    )
    assert h1(guardian) == "Faleminderit për pëlqimin"
    assert guardian.get_by_text(
        "Ju e keni dhënë pëlqimin. Punimin e kontrollojnë organizatorët; nuk nevojitet asgjë "
        "tjetër nga ju."
    ).is_visible()
    entry.refresh_from_db()
    assert (entry.state, entry.consent_state, entry.guardian_nonce) == (
        EntryState.IN_MODERATION,
        ConsentState.GIVEN,
        "",
    )
    assert entry.consent_at is not None
    # The link worked once; opened again it says how it ended, and nothing of the entry.
    assert guardian.goto(guardian_link).status == 200
    assert h1(guardian) == "Faleminderit për pëlqimin"

    # The moderator signs in, finds the entry in the queue and asks for a change.
    admin = new_context(locale="en-GB").new_page()
    admin_login(admin, base, "moderator", "/admin/entries/")
    assert queue_references(admin) == ["US3-PHOTO-0001"]
    navigate(admin, lambda: admin.get_by_role("link", name="US3-PHOTO-0001", exact=True).click())
    assert admin.url == f"{base}/admin/entries/{entry.pk}/"
    assert image_loaded(admin.locator(f"img[src='/admin/entries/{entry.pk}/file/thumbnail/']"))
    moderate(admin, "request_changes", message=CHANGE_MESSAGE)
    assert admin.url == f"{base}/admin/entries/"
    assert "US3-PHOTO-0001" in admin.inner_text(".messages")
    entry.refresh_from_db()
    assert entry.state == EntryState.CHANGES_REQUESTED
    event = entry.events.get(to_state=EntryState.CHANGES_REQUESTED)
    assert (event.user, event.actor, event.message) == (moderator, Actor.MODERATOR, CHANGE_MESSAGE)
    news = mails_to("elira@example.com")[-1]
    assert news.subject == "Të reja për punimin tënd US3-PHOTO-0001"
    assert CHANGE_MESSAGE in news.body
    assert unsigned(link_in(news, base)) == unsigned(private_link)  # to the same entry

    # The entrant opens the private link from the receipt and replaces the image.
    old_files = [entry.image.name, entry.thumbnail.name]
    old_hash = entry.image_hash
    phone.goto(private_link)
    assert h1(phone) == "Punimi yt US3-PHOTO-0001"
    assert phone.inner_text(".entry-state strong") == "Kërkohen ndryshime"
    assert phone.inner_text(".message p:not(.when)") == CHANGE_MESSAGE
    assert image_loaded(phone.locator("img.entry-thumb"))
    change_form = phone.locator("form:has(input[name=action][value=answer])")
    assert change_form.locator("input[name=title]").input_value() == "Stacioni i fundit"
    change_form.locator("input[name=image]").set_input_files(
        files=[
            {
                "name": "new.jpg",
                "mimeType": "image/jpeg",
                "buffer": jpeg((1600, 1200), (30, 90, 160), spot=1),
            }
        ]
    )
    navigate(phone, lambda: phone.get_by_role("button", name="Dërgo ndryshimet", exact=True).tap())
    assert phone.url == private_link
    assert phone.inner_text(".entry-state strong") == "Në kontroll"
    assert phone.locator("input[name=action][value=answer]").count() == 0
    entry.refresh_from_db()
    assert entry.state == EntryState.IN_MODERATION
    assert (entry.image_width, entry.image_height) == (1600, 1200)
    assert entry.image_hash != old_hash
    storage = entry.image.storage
    assert [storage.exists(name) for name in old_files] == [False, False]
    assert storage.exists(entry.image.name)

    # The moderator sees the new image and approves.
    admin.goto(f"{base}/admin/entries/{entry.pk}/")
    assert "1600×1200" in admin.inner_text("main")
    moderate(admin, "approve", note="Fytyra nuk njihet më.")
    entry.refresh_from_db()
    assert entry.state == EntryState.APPROVED
    approved = mails_to("elira@example.com")[-1]
    assert "Punimi yt u kontrollua dhe kalon te juria." in approved.body
    phone.goto(private_link)
    assert phone.inner_text(".entry-state strong") == "Miratuar për vlerësim"
    assert [m.subject for m in mail.outbox] == [
        "Punimi yt US3-PHOTO-0001 ka mbërritur",
        "Një i ri ose një e re ju kërkon pëlqimin",
        "Pëlqimi për punimin tënd US3-PHOTO-0001 mbërriti",
        "Të reja për punimin tënd US3-PHOTO-0001",
        "Të reja për punimin tënd US3-PHOTO-0001",
    ]


# --- 2. a story held for safeguarding ---------------------------------------------------------


def test_story_flagged_for_safeguarding_is_seen_only_by_the_safeguarding_officer(
    new_context, competitions
):
    base = competitions.url
    make_staff("moderator", "Competition moderators")
    officer = make_staff("officer", "Safeguarding officers")
    entry = EntryFactory(
        competition=competitions.story,
        title="Motra ime",
        description="",
        story_text=STORY,
        country="XK",
        entrant__full_name="Besa Leka",
        entrant__email="besa@example.com",
        entrant__language="en",
        entrant__credit=CreditChoice.ANONYMOUS,
        entrant__pen_name="",
    )
    assert entry.reference == "US3-STORY-0001"
    detail = f"/admin/entries/{entry.pk}/"

    # The moderator reads the story and flags it.
    moderator = new_context(locale="en-GB").new_page()
    admin_login(moderator, base, "moderator", detail)
    assert "Motra ime u largua një mëngjes" in moderator.inner_text(".story-text")
    moderate(moderator, "flag", note="Tregon një rast të mundshëm trafikimi.")
    assert moderator.url == f"{base}/admin/entries/"
    entry.refresh_from_db()
    assert entry.state == EntryState.SAFEGUARDING_HOLD

    # It has left the moderator's queue, and neither its page nor the safeguarding queue opens.
    assert queue_references(moderator) == []
    assert moderator.inner_text("#listing-results").strip() == "No entries match."
    response = moderator.goto(base + detail)
    assert response.status == 403
    assert "There is no such entry here." in moderator.inner_text("main")
    assert "Motra ime" not in moderator.content()
    response = moderator.goto(f"{base}/admin/entries/safeguarding/")
    assert response.status == 403
    assert "Only Safeguarding officers can see entries held for safeguarding." in (
        moderator.inner_text("main")
    )
    response = moderator.goto(f"{base}/admin/entries/safeguarding/{entry.pk}/")
    assert response.status == 403

    # The officer is told at once, without the story, and follows the link.
    [alert] = mails_to("officer@example.org")
    assert "US3-STORY-0001" in alert.subject
    assert "Motra" not in alert.body
    link = link_in(alert, base)
    assert link == f"{base}/admin/entries/safeguarding/{entry.pk}/"
    [to_entrant] = mails_to("besa@example.com")
    assert "Thank you for your entry. We are still checking it." in to_entrant.body

    officer_page = new_context(locale="en-GB").new_page()
    admin_login(officer_page, base, "officer", f"/admin/entries/safeguarding/{entry.pk}/")
    assert "Motra ime u largua një mëngjes" in officer_page.inner_text(".story-text")
    assert "Besa Leka · besa@example.com" in officer_page.inner_text("main")
    officer_page.goto(f"{base}/admin/entries/safeguarding/")
    assert queue_references(officer_page) == ["US3-STORY-0001"]
    assert officer.has_perm("competitions.handle_safeguarding")
