"""The kernel moved from cluster_portal to core, but what it signed and hashed before goes on
matching: its salts keep the old module names. Links already sent still open, rate-limit
counters keep counting the same addresses, and a later request about an erased address is
still matched to its erasure record."""

from django.core import signing
from django.utils.crypto import salted_hmac

from core import links, privacy, ratelimit
from events.emails import CONFIRM_PURPOSE


def test_a_link_signed_before_the_move_still_opens():
    token = signing.dumps(
        {"pk": 42, "state": "pending"}, salt=f"cluster_portal.links.{CONFIRM_PURPOSE}"
    )
    assert links.read_token(token, purpose=CONFIRM_PURPOSE) == links.LinkPayload(42, "pending")
    made_now = links.make_token(purpose=CONFIRM_PURPOSE, pk=42, state="pending")
    assert signing.loads(made_now, salt=f"cluster_portal.links.{CONFIRM_PURPOSE}") == {
        "pk": 42,
        "state": "pending",
    }


def test_rate_limit_keys_are_those_counted_before_the_move():
    digest = salted_hmac(
        "cluster_portal.ratelimit", "barrier-report\0email\0ada@example.org", algorithm="sha256"
    ).digest()
    assert ratelimit._key("barrier-report", "email", "ada@example.org").bytes == digest[:16]


def test_erasure_records_match_addresses_hashed_before_the_move():
    before = salted_hmac(
        "cluster_portal.privacy.erasure", "ada@example.org", algorithm="sha256"
    ).hexdigest()
    assert privacy.hash_email(" Ada@Example.org ") == before
