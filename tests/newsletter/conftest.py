import datetime

import pytest
from django.utils import timezone

from newsletter.enums import ConsentSource, Language, SubscriberState
from newsletter.models import Subscriber


@pytest.fixture
def make_subscriber(db):
    def make(email="reader@example.org", *, language=Language.SQ, state=SubscriberState.CONFIRMED):
        return Subscriber.objects.create(
            email=email,
            language=language,
            state=state,
            consent_text="I agree.",
            consent_at=timezone.now(),
            consent_source=ConsentSource.PAGE,
            confirmed_at=timezone.now() if state == SubscriberState.CONFIRMED else None,
            suppression_reason="bounced" if state == SubscriberState.SUPPRESSED else "",
        )

    return make


def own_item(n):
    return (
        "own",
        {
            "date": datetime.date(2020, 12, n),
            "headline_sq": f"Titulli i lajmit {n}",
            "headline_en": f"News headline {n}",
            "summary_sq": f"Përmbledhja e lajmit {n}.",
            "summary_en": f"Summary of news item {n}.",
            "image": None,
            "url": f"https://example.org/full-{n}",
        },
    )


@pytest.fixture
def bulletin(home, site_settings):
    from bulletins.models import BulletinIndexPage, BulletinPage

    archive = BulletinIndexPage(
        title_sq="Buletini",
        title_en="Bulletin",
        slug="buletini",
        slug_sq="buletini",
        slug_en="bulletin",
    )
    home.add_child(instance=archive)
    archive.save_revision().publish()
    issue = BulletinPage(
        title_sq="Buletini elektronik: nëntor–dhjetor 2020",
        title_en="e-Bulletin: November–December 2020",
        slug="nentor-dhjetor-2020",
        slug_sq="nentor-dhjetor-2020",
        slug_en="november-december-2020",
        period_label_sq="Nëntor–Dhjetor 2020",
        period_label_en="November–December 2020",
        number=6,
        issue_date=datetime.date(2020, 12, 30),
        masthead_intro_sq="Lajmet e dy muajve të fundit.",
        masthead_intro_en="The news of the last two months.",
        items=[own_item(n) for n in (3, 11, 17)],
    )
    archive.add_child(instance=issue)
    issue.save_revision().publish()
    return BulletinPage.objects.get(pk=issue.pk)


@pytest.fixture
def publisher(db):
    from django.contrib.auth.models import Group

    from website.models import User

    user = User.objects.create_user(username="pub", email="pub@example.org", password="x")
    user.groups.add(Group.objects.get(name="Publishers"))
    return user


@pytest.fixture
def editor(db):
    from django.contrib.auth.models import Group

    from website.models import User

    user = User.objects.create_user(username="ed", email="ed@example.org", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def fast_sending(settings):
    settings.NEWSLETTER_SEND_RATE = None
    settings.NEWSLETTER_RETRY_DELAY = 0
    settings.NEWSLETTER_BATCH_SIZE = 7
    return settings
