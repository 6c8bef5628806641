"""Rebuild the spelling lexicon of the search from the published texts.

Saves keep the lexicon current by adding words (see `core.lexicon`); this rebuild
also removes the words that no longer occur anywhere published (a deleted or unpublished
member, an edited description, a news item withdrawn) and adds those that writes without
signals (bulk imports, `QuerySet.update()`) or the clock (a scheduled news item) brought in.
The scheduler runs it every hour (core/tasks.py); it is safe to run at any time.
"""

from django.core.management.base import BaseCommand

from core import lexicon


class Command(BaseCommand):
    help = "Rebuild the search's spelling lexicon from the published texts."

    def handle(self, *args, **options):
        for kind, counts in lexicon.refresh_all().items():
            self.stdout.write(
                f"{kind}: {counts['added']} word(s) added, {counts['removed']} removed, "
                f"{counts['recounted']} recounted."
            )
