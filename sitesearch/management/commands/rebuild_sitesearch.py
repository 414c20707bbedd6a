"""Rebuild the per-language search documents of every story, bulletin, campaign, help
organisation and resource (publishing keeps them up to date; run this after an import)."""

from django.core.management.base import BaseCommand

from sitesearch import indexing


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        indexing.rebuild(stdout=self.stdout)
