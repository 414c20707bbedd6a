import io

import pytest

from newsletter import demo
from newsletter.enums import SubscriberState
from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent(home):
    demo.load(home, io.StringIO())
    tokens = dict(Subscriber.objects.values_list("email", "token"))

    demo.load(home, io.StringIO())

    assert Subscriber.objects.count() == 4
    assert dict(Subscriber.objects.values_list("email", "token")) == tokens
    assert Subscriber.objects.filter(state=SubscriberState.CONFIRMED).count() == 3
    assert all(email.endswith("@example.org") for email in tokens)
