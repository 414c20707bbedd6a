"""Reads that need a little thought."""

from website.models import Topic


def has_topics():
    return Topic.objects.exists()
