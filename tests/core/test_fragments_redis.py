"""The shared tier of the fragment cache, against a real redis-server: a fragment one worker
rendered is served by the others, and a change still shows at every worker's next visit.

`make test` installs Debian's redis-server; each test session starts its own on a free port,
without persistence, and stops it afterwards (`redis_url`, tests/core/conftest.py).
"""

import uuid

import pytest
from django.core.cache import caches
from django.urls import reverse

from core import fragments
from members.models import Organisation
from tests.factories import make_organisation
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_tier(settings, redis_url):
    """Fragments in each worker's memory and in Redis, as with REDIS_URL in production."""
    settings.CACHES = {
        **settings.CACHES,
        fragments.SHARED_CACHE_ALIAS: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        },
    }
    shared = caches[fragments.SHARED_CACHE_ALIAS]
    yield shared
    shared.clear()


def another_worker():
    """What a request to another worker sees: its own memory holds no fragment yet."""
    fragments.fragment_cache().clear()


def test_a_fragment_one_worker_rendered_is_served_by_another_from_redis(
    client, shared_tier, member
):
    url = reverse("members:list")
    rendered, first = count_queries(client, url)

    another_worker()
    served, second = count_queries(client, url)

    assert second.content == first.content
    assert "Aachener Sensorik GmbH" in second.content.decode()
    assert served == 1 < rendered  # only the content versions are read
    # And the other worker keeps it in its own memory from then on.
    assert any(key.startswith(":1:fragment:") for key in fragments.fragment_cache()._cache)


@pytest.mark.django_db(transaction=True)
def test_a_change_shows_at_every_workers_next_visit_despite_the_shared_copy(
    client, shared_tier, member
):
    url = reverse("members:list")
    client.get(url)

    make_organisation(name="Eifel Reha GmbH", status=Organisation.Status.MEMBER)
    another_worker()
    page = client.get(url).content.decode()

    assert "Eifel Reha GmbH" in page
    assert "Aachener Sensorik GmbH" in page
