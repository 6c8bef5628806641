import datetime as dt
import itertools

from django.utils import timezone

from partnering.models import Post

_titles = itertools.count(1)


def make_post(organisation, **overrides) -> Post:
    """A published, public post valid for a month unless told otherwise."""
    fields = overrides.pop("innovation_fields", [])
    sectors = overrides.pop("sectors", [])
    target_regions = overrides.pop("target_regions", [])
    values = {
        "kind": Post.Kind.TECHNOLOGY_OFFER,
        "title": f"Angebot {next(_titles)}",
        "description": "Ein Angebot aus dem Netzwerk.",
        "valid_until": timezone.localdate() + dt.timedelta(days=30),
        "status": Post.Status.PUBLISHED,
        "published_at": timezone.now(),
        "submitted_by_email": "geheim-poster@example.org",
    }
    values.update(overrides)
    post = Post.objects.create(organisation=organisation, **values)
    post.innovation_fields.set(fields)
    post.sectors.set(sectors)
    post.target_regions.set(target_regions)
    return post
