from django.core.exceptions import ValidationError
from django.db import transaction

from .models import NewsItem


@transaction.atomic
def news_publish(*, item: NewsItem) -> NewsItem:
    """Release a draft; it appears at its publication time (at once if that has passed).

    The item is validated first, so that a press release without its contact or an image
    without alternative text never goes public, whichever way it is published.
    """
    was_draft = item.is_draft
    item.is_draft = False
    try:
        item.full_clean()
    except ValidationError:
        item.is_draft = was_draft
        raise
    if was_draft:
        item.save(update_fields=["is_draft", "updated_at"])
    return item


@transaction.atomic
def news_withdraw(*, item: NewsItem) -> NewsItem:
    """Take an item back to draft: it disappears from lists, feeds, search and the sitemap."""
    if not item.is_draft:
        item.is_draft = True
        item.save(update_fields=["is_draft", "updated_at"])
    return item
