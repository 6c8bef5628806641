"""The records a manager decides, one maker per admin, for the decision tests (built on
the factories, named for the case: a record waiting for a decision in a region)."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from events.models import Registration
from members.models import ContactPerson, Decision, MembershipApplication, Organisation
from partnering.models import Post
from stands.models import CoExhibitorApplication
from tests import factories
from tests.factories import make_stand, make_stand_application, make_trade_fair


def registration_to_decide(region, status=Registration.Status.AWAITING_APPROVAL, **event):
    event = factories.make_event(
        title="Netzwerktreffen Telemedizin",
        region=region,
        registration_enabled=True,
        requires_approval=True,
        **event,
    )
    return Registration.objects.create(
        event=event,
        name="Erika Mustermann",
        email=factories.unique("erika") + "@example.org",
        language="de",
        status=status,
        waiting_since=timezone.now() if status == Registration.Status.WAITING_LIST else None,
    )


def co_exhibitor_to_decide(region, status=CoExhibitorApplication.Status.APPLIED):
    stand = make_stand(make_trade_fair(region=region), places=4)
    organisation = factories.make_organisation(name="Aussteller GmbH", region=region)
    return make_stand_application(stand, organisation, status=status)


def application_to_decide(region, decision=Decision.PENDING):
    organisation = factories.make_organisation(
        name="Neue Orthesen GmbH",
        region=region,
        status=Organisation.Status.APPLICANT,
        joined_on=None,
    )
    contact = ContactPerson.objects.create(
        organisation=organisation,
        name="Clara Neu",
        email=factories.unique("clara") + "@example.org",
    )
    decided = {} if decision == Decision.PENDING else {"decided_at": timezone.now()}
    return MembershipApplication.objects.create(
        organisation=organisation, contact=contact, decision=decision, language="de", **decided
    )


def post_to_decide(region, status=Post.Status.SUBMITTED):
    organisation = factories.make_organisation(name="Klinik Beispiel", region=region)
    return Post.objects.create(
        organisation=organisation,
        kind=Post.Kind.TECHNOLOGY_OFFER,
        title="Telemonitoring gesucht",
        description="Wir suchen eine Plattform.",
        valid_until=timezone.localdate() + dt.timedelta(days=30),
        status=status,
        published_at=timezone.now() if status == Post.Status.PUBLISHED else None,
        submitted_by_email="poster@example.org",
        language="de",
    )


@dataclass
class Case:
    """One admin's decisions: where it lives, how to make a record, what its decline does."""

    key: str
    url: str
    make: object  # make(region) -> a record waiting for a decision
    accept: str  # the name of the accepting decision
    decline: str  # the name of the declining decision (takes a reason)
    declined: object  # declined(record) -> True once declined
    accepted: object
    recipient: object  # recipient(record) -> the address the decline mail goes to
    decided_state: object  # make_decided(region) -> a record no button applies to

    def change_url(self, record):
        return f"{self.url}{record.pk}/change/"

    def decide_url(self, record):
        return f"{self.url}{record.pk}/decide/"


CASES = [
    Case(
        key="registration",
        url="/admin/events/registration/",
        make=registration_to_decide,
        accept="confirm_registrations",
        decline="decline_registrations",
        declined=lambda r: r.status == Registration.Status.DECLINED,
        accepted=lambda r: r.status == Registration.Status.CONFIRMED,
        recipient=lambda r: r.email,
        decided_state=lambda region: registration_to_decide(region, Registration.Status.CONFIRMED),
    ),
    Case(
        key="co-exhibitor",
        url="/admin/stands/coexhibitorapplication/",
        make=co_exhibitor_to_decide,
        accept="accept",
        decline="decline",
        declined=lambda a: a.status == CoExhibitorApplication.Status.DECLINED,
        accepted=lambda a: a.status == CoExhibitorApplication.Status.ACCEPTED,
        recipient=lambda a: a.contact_email,
        decided_state=lambda region: co_exhibitor_to_decide(
            region, CoExhibitorApplication.Status.WITHDRAWN
        ),
    ),
    Case(
        key="membership",
        url="/admin/members/membershipapplication/",
        make=application_to_decide,
        accept="approve",
        decline="decline",
        declined=lambda a: a.decision == Decision.DECLINED,
        accepted=lambda a: a.decision == Decision.APPROVED,
        recipient=lambda a: a.contact.email,
        decided_state=lambda region: application_to_decide(region, Decision.APPROVED),
    ),
    Case(
        key="post",
        url="/admin/partnering/post/",
        make=post_to_decide,
        accept="approve",
        decline="reject",
        declined=lambda p: p.status == Post.Status.REJECTED,
        accepted=lambda p: p.status == Post.Status.PUBLISHED,
        recipient=lambda p: p.submitted_by_email,
        decided_state=lambda region: post_to_decide(region, Post.Status.REJECTED),
    ),
]
