"""An RSS feed of the newest stories, one per language: /sq/histori/feed/, /en/stories/feed/.

The language is the URL's (Django's Feed writes `get_language()` into <language>); titles and
summaries come from the active language's fields, with the Albanian fallback.
The index page is passed in; this module never imports stories.models (which imports it).
"""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

FEED_LENGTH = 20


class StoryFeed(Feed):
    feed_type = Rss201rev2Feed
    item_guid_is_permalink = True

    def __init__(self, index):
        super().__init__()
        self.index = index
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index

    def title(self, index):
        return f"{index.title} · {_('Untold Stories')}"

    def link(self, index):
        return index.get_url(self.request)

    def feed_url(self, index):
        return self.request.build_absolute_uri(self.request.path)

    def description(self, index):
        return index.intro or _("News and stories from the programme against human trafficking.")

    def items(self, index):
        return list(index.stories().prefetch_related("topics")[:FEED_LENGTH])

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        return story.summary

    def item_link(self, story):
        return story.get_url(self.request)

    def item_guid(self, story):
        return self.request.build_absolute_uri(story.get_url(self.request))

    def item_pubdate(self, story):
        return timezone.make_aware(datetime.combine(story.date, time(12, 0)))

    def item_updateddate(self, story):
        return story.last_published_at

    def item_categories(self, story):
        return [topic.name for topic in story.topics.all()]
