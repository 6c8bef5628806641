import datetime as dt

from django.utils import timezone

from members.models import (
    ContactMessage,
    ContactPerson,
    Decision,
    InnovationField,
    MembershipApplication,
    Organisation,
    Sector,
)

from .base import unique


def make_innovation_field(**overrides) -> InnovationField:
    slug = overrides.pop("slug", None) or unique("field")
    values = {"name": slug.replace("-", " ").title()}
    values.update(overrides)
    return InnovationField.objects.create(slug=slug, **values)


def make_sector(**overrides) -> Sector:
    slug = overrides.pop("slug", None) or unique("sector")
    values = {"name": slug.replace("-", " ").title()}
    values.update(overrides)
    return Sector.objects.create(slug=slug, **values)


def make_organisation(**overrides) -> Organisation:
    """A member organisation unless told otherwise."""
    slug = overrides.pop("slug", None) or unique("organisation")
    values = {
        "name": slug.replace("-", " ").title(),
        "kind": Organisation.Kind.MEDICAL_TECHNOLOGY,
        "status": Organisation.Status.MEMBER,
        "joined_on": dt.date(2020, 1, 1),
    }
    values.update(overrides)
    return Organisation.objects.create(slug=slug, **values)


def make_member_with_contact(email=None, **overrides) -> tuple[Organisation, ContactPerson]:
    organisation = make_organisation(**overrides)
    contact = ContactPerson.objects.create(
        organisation=organisation,
        name="Anna Beispiel",
        email=email or f"anna@{organisation.slug}.example",
        phone="+49 000 1",
    )
    return organisation, contact


def make_membership_application(
    decision=Decision.DECLINED, decided_days_ago=200, email=None
) -> MembershipApplication:
    """An applicant's application with its contact person, decided `decided_days_ago`."""
    organisation = make_organisation(
        status=Organisation.Status.APPLICANT, email="info@applicant.example", phone="0251 1"
    )
    contact = ContactPerson.objects.create(
        organisation=organisation,
        name="Clara Antrag",
        email=email or unique("clara") + "@applicant.example",
        phone="0251 2",
        role="CEO",
    )
    decided_at = None
    if decision != Decision.PENDING:
        decided_at = timezone.now() - dt.timedelta(days=decided_days_ago)
    return MembershipApplication.objects.create(
        organisation=organisation,
        contact=contact,
        message="Wir möchten Mitglied werden – Clara, 0171 555",
        decision=decision,
        decided_at=decided_at,
    )


def make_contact_message(organisation=None, **overrides) -> ContactMessage:
    """A visitor's message to a member, sent through the profile's contact form with consent."""
    organisation = organisation or make_organisation()
    values = {
        "organisation": organisation,
        "recipients": [f"{unique('info')}@example.org"],
        "sender_name": "Jan Muster",
        "sender_email": f"{unique('jan')}@example.org",
        "subject": "Kooperation in der Telemedizin",
        "message": "Guten Tag, wir suchen Partner für eine Studie.",
        "consented_at": timezone.now(),
    }
    values.update(overrides)
    return ContactMessage.objects.create(**values)
