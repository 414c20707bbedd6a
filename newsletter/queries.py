"""Reads that need a little thought."""

from newsletter.models import Subscriber
from website.models import Topic


def subscriber_by_token(token):
    if not token or len(token) > 64:
        return None
    return Subscriber.objects.filter(token=token).first()


def has_topics():
    return Topic.objects.exists()


def subscribers_for_admin(*, language=None, state=None):
    queryset = Subscriber.objects.order_by("-created_at", "-id")
    if language:
        queryset = queryset.filter(language=language)
    if state:
        queryset = queryset.filter(state=state)
    return queryset
