import re

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from core import fragments
from tests import factories
from tests.migrating import leaf_nodes, migrate


@pytest.fixture(autouse=True)
def _german_to_start_with():
    """Each test starts in the default language: a request to an English page leaves English
    active in the thread, and modeltranslation would then store a factory's texts as English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


LINK = re.compile(r"https?://[^\s<>\"')]+")


def _texts(message) -> list[str]:
    """What a recipient reads: the body, the alternative parts, the text attachments."""
    texts = [message.body]
    texts += [content for content, _mimetype in getattr(message, "alternatives", [])]
    for attachment in message.attachments:
        mimetype = getattr(attachment, "mimetype", None) or attachment[2]
        if not mimetype.startswith("text/"):
            continue  # a PDF or an e-invoice's XML is not read as text (namespaces aren't links)
        content = getattr(attachment, "content", None) or attachment[1]
        texts.append(content.decode() if isinstance(content, bytes) else str(content))
    return texts


@pytest.fixture(autouse=True)
def _mail_links_start_with_the_portal_address(request, settings):
    """Every link in every e-mail a test sends leads to the portal's configured address.

    Links that point elsewhere on purpose (an event's online meeting, a visitor's own website)
    are named by the test with `@pytest.mark.external_links("meet.example.org", ...)`.
    """
    yield
    marker = request.node.get_closest_marker("external_links")
    external = tuple(f"https://{host}" for host in (marker.args if marker else ()))
    wrong = [
        (message.subject, link)
        for message in getattr(mail, "outbox", [])
        for text in _texts(message)
        for link in LINK.findall(text)
        if not link.startswith(settings.PORTAL_BASE_URL + "/") and not link.startswith(external)
    ]
    assert not wrong, f"links that do not start with {settings.PORTAL_BASE_URL}: {wrong}"


@pytest.fixture(autouse=True)
def _empty_fragment_cache():
    """Each test starts with no rendered fragments: the cache is the process's memory and would
    otherwise serve one test the pages of another (whose keys may match: the same address, and
    no token for an app whose data no committed change has touched)."""
    fragments.fragment_cache().clear()


@pytest.fixture
def fragment_cache_off(settings):
    """Pages rendered afresh on every request, for a test about rendering itself."""
    settings.CACHES = {
        **settings.CACHES,
        fragments.CACHE_ALIAS: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }


@pytest.fixture
def migrator(transactional_db):
    """`tests.migrating.migrate`; afterwards the schema is at the latest migrations again."""
    yield migrate
    # Leave the schema as the rest of the suite expects it.
    migrate(leaf_nodes())


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def region(db):
    return factories.make_region(name="Münsterland", slug="muensterland")


@pytest.fixture
def innovation_field(db):
    return factories.make_innovation_field(name="Telemedizin", slug="telemedizin")


@pytest.fixture
def organisation(db, region):
    return factories.make_organisation(name="Beispiel Medizintechnik GmbH", region=region)


@pytest.fixture
def event(db, region):
    return factories.make_event(title="Netzwerktreffen Telemedizin", region=region)
