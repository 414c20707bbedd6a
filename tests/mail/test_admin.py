"""The outbox report in the Wagtail admin: who sees it, what it lists, "send again"."""

import pytest
from django.db import transaction
from django.urls import reverse

from mail import outbox
from mail.enums import FailureKind, MessageState
from mail.models import Message
from tests.factories import UserFactory, member_of

pytestmark = pytest.mark.django_db


def failed(n=1, **kwargs):
    with transaction.atomic():
        rows = [
            outbox.enqueue(to=f"r{i}@example.org", subject=f"Subject {i}", body="B", **kwargs)
            for i in range(n)
        ]
    Message.objects.filter(pk__in=[row.pk for row in rows]).update(
        state=MessageState.FAILED,
        failure=FailureKind.REFUSED,
        attempts=1,
        last_error="SMTPRecipientsRefused: 550 No such user here",
    )
    return rows


@pytest.fixture
def publisher(db):
    return member_of("Publishers", username="pub")


def test_report_lists_failed_messages_with_the_answer(client, publisher):
    failed(2)
    client.force_login(publisher)
    response = client.get(reverse("mail_admin:report"))
    assert response.status_code == 200
    assert [m.to for m in response.context["page_obj"]] == [["r1@example.org"], ["r0@example.org"]]
    html = response.content.decode()
    assert "SMTPRecipientsRefused: 550 No such user here" in html
    assert response.context["tabs"][2][2] == 2


def test_report_refused_without_permission(client):
    client.force_login(member_of("Editors", username="ed"))
    response = client.get(reverse("mail_admin:report"))
    assert response.status_code == 403
    assert (
        "Llogaria juaj nuk mund të shohë e-mailet që dërgon platforma." in response.content.decode()
    )


@pytest.mark.parametrize("count", [1, 40])
def test_report_query_count(client, publisher, django_assert_num_queries, count):
    failed(count)
    client.force_login(publisher)
    client.get(reverse("mail_admin:report"))
    # The same number with 1 and with 40 e-mails: the report's own are the counts by state,
    # the page count and one query for the rows; the rest is the session, the user, the
    # permissions, the second factor and Wagtail's menu.
    with django_assert_num_queries(13):
        response = client.get(reverse("mail_admin:report"))
    assert len(response.context["page_obj"]) == count


def test_send_again_queues_and_sends(
    client, publisher, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = failed(2)
    client.force_login(publisher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mail_admin:send_again"), {"message": [first.pk]})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, first.attempts, first.failure) == (MessageState.SENT, 1, "")
    assert second.state == MessageState.FAILED
    assert [m.to for m in mailoutbox] == [["r0@example.org"]]


def test_send_again_refused_without_permission(client):
    [message] = failed(1)
    viewer = UserFactory(username="viewer", is_staff=True)
    client.force_login(viewer)
    response = client.post(reverse("mail_admin:send_again"), {"message": [message.pk]})
    assert response.status_code == 403
    message.refresh_from_db()
    assert message.state == MessageState.FAILED
