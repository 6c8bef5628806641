"""Writes that carry the directory's rules, shared by views, admin actions and commands."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.mail import manager_addresses, send_mail_in_language
from core.refusals import RuleRefused

from .apps import PROFILE_PURPOSE
from .models import (
    RESERVED_SLUGS,
    AccessLink,
    ContactMessage,
    ContactPerson,
    Decision,
    InnovationField,
    MembershipApplication,
    Organisation,
    ProfileChangeRequest,
)

# The profile fields a member may change itself; everything else stays with the managers.
PROFILE_FIELDS = [
    "legal_form",
    "description",
    "website",
    "email",
    "phone",
    "street",
    "postcode",
    "city",
    "employee_band",
    "founded_year",
]
CONTACT_FIELDS = ["name", "role", "email", "phone", "is_public"]


class DecisionError(RuleRefused):
    """The application or request has already been decided."""

    message = _("This has already been decided.")


def unique_slug(name: str) -> str:
    base = slugify(name)[:190] or "organisation"
    slug, number = base, 2
    while slug in RESERVED_SLUGS or Organisation.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


# --- membership applications --------------------------------------------------------------


@transaction.atomic
def _create_application(*, organisation_data, contact_data, message, language, consent):
    innovation_fields = organisation_data.pop("innovation_fields", [])
    sectors = organisation_data.pop("sectors", [])
    organisation = Organisation(
        **organisation_data,
        slug=unique_slug(organisation_data["name"]),
        status=Organisation.Status.APPLICANT,
    )
    organisation.full_clean()
    organisation.save()
    organisation.innovation_fields.set(innovation_fields)
    organisation.sectors.set(sectors)
    contact = ContactPerson.objects.create(organisation=organisation, **contact_data)
    return MembershipApplication.objects.create(
        organisation=organisation,
        contact=contact,
        message=message,
        language=language,
        **consent,
    )


def application_submit(
    *, organisation_data: dict, contact_data: dict, message: str, language: str, consent: dict
) -> MembershipApplication:
    """Store an application (applicant, contact, consent) and tell applicant and managers."""
    application = _create_application(
        organisation_data=dict(organisation_data),
        contact_data=contact_data,
        message=message,
        language=language,
        consent=consent,
    )
    context = {"application": application, "organisation": application.organisation}
    send_mail_in_language(
        template="members/email/application_received",
        to=[application.contact.email],
        language=language,
        context=context,
    )
    managers = manager_addresses()
    if managers:
        send_mail_in_language(
            template="members/email/application_manager_notice",
            to=managers,
            language="de",
            context=context,
        )
    return application


def _lock_pending_application(application: MembershipApplication) -> MembershipApplication:
    locked = (
        MembershipApplication.objects.select_for_update(of=("self",))
        .select_related("organisation", "contact")
        .get(pk=application.pk)
    )
    if locked.decision != Decision.PENDING:
        raise DecisionError(_("This application has already been decided."))
    return locked


def _mail_applicant(application: MembershipApplication, template: str, reason: str = "") -> None:
    if application.contact is None:
        return
    context = {
        "application": application,
        "organisation": application.organisation,
        "reason": reason,
    }
    transaction.on_commit(
        lambda: send_mail_in_language(
            template=template,
            to=[application.contact.email],
            language=application.language,
            context=context,
        )
    )


@transaction.atomic
def application_approve(*, application: MembershipApplication, by=None) -> MembershipApplication:
    application = _lock_pending_application(application)
    today = timezone.localdate()
    organisation = application.organisation
    organisation.status = Organisation.Status.MEMBER
    organisation.joined_on = organisation.joined_on or today
    organisation.last_confirmed_on = today
    organisation.save(update_fields=["status", "joined_on", "last_confirmed_on", "updated_at"])
    application.decision = Decision.APPROVED
    application.decided_at = timezone.now()
    application.decided_by = by
    application.save(update_fields=["decision", "decided_at", "decided_by"])
    _mail_applicant(application, "members/email/application_approved")
    return application


@transaction.atomic
def application_decline(
    *, application: MembershipApplication, by=None, reason: str = ""
) -> MembershipApplication:
    """Turn the application down; the applicant is told, with the reason if given."""
    application = _lock_pending_application(application)
    organisation = application.organisation
    # A declined applicant is kept (the decision is on record) but never listed.
    organisation.status = Organisation.Status.NON_MEMBER
    organisation.save(update_fields=["status", "updated_at"])
    application.decision = Decision.DECLINED
    application.decided_at = timezone.now()
    application.decided_by = by
    application.save(update_fields=["decision", "decided_at", "decided_by"])
    _mail_applicant(application, "members/email/application_declined", reason)
    return application


# --- self-service profile changes ---------------------------------------------------------


def _jsonable(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def current_profile(organisation: Organisation) -> dict:
    """The organisation's self-service values in the shape of `ProfileChangeRequest.proposed`."""
    return {
        "fields": {name: _jsonable(getattr(organisation, name)) for name in PROFILE_FIELDS},
        "innovation_fields": sorted(organisation.innovation_fields.values_list("pk", flat=True)),
        "contacts": [
            {"id": contact.pk, **{name: getattr(contact, name) for name in CONTACT_FIELDS}}
            for contact in organisation.contact_persons.all()
        ],
    }


def proposal_from_forms(profile_form, contact_formset) -> dict:
    fields = {name: _jsonable(profile_form.cleaned_data.get(name)) for name in PROFILE_FIELDS}
    # Text columns store "" for empty; the founding year is the one nullable value.
    fields = {
        name: ("" if value is None and name != "founded_year" else value)
        for name, value in fields.items()
    }
    contacts = []
    for form in contact_formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if not data or data.get("DELETE") or not data.get("name"):
            continue
        contact = {name: data.get(name) for name in CONTACT_FIELDS}
        contact["is_public"] = bool(contact["is_public"])
        contact["role"] = contact["role"] or ""
        contact["phone"] = contact["phone"] or ""
        instance = data.get("id")
        contact["id"] = instance.pk if instance else None
        contacts.append(contact)
    return {
        "fields": fields,
        "innovation_fields": sorted(
            field.pk for field in profile_form.cleaned_data.get("innovation_fields", [])
        ),
        "contacts": contacts,
    }


def profile_differs(organisation: Organisation, proposal: dict, has_logo: bool) -> bool:
    return has_logo or _normalised(current_profile(organisation)) != _normalised(proposal)


def _normalised(profile: dict) -> dict:
    return {
        "fields": profile["fields"],
        "innovation_fields": sorted(profile["innovation_fields"]),
        "contacts": sorted(
            (sorted(contact.items()) for contact in profile["contacts"]),
            key=lambda items: str(dict(items).get("id")),
        ),
    }


@transaction.atomic
def profile_confirm(*, organisation: Organisation) -> None:
    """The member checked its profile and found it correct."""
    organisation.last_confirmed_on = timezone.localdate()
    organisation.save(update_fields=["last_confirmed_on", "updated_at"])


def change_request_submit(
    *,
    access: AccessLink,
    proposal: dict,
    logo=None,
    language: str = "de",
    consent: dict | None = None,
) -> ProfileChangeRequest:
    """Store proposed changes for review; nothing on the public profile changes yet."""
    from .access import mark_used

    with transaction.atomic():
        mark_used(access)
        change_request = ProfileChangeRequest(
            organisation=access.organisation,
            submitted_by=access.email,
            proposed=proposal,
            **(consent or {}),
        )
        if logo:
            change_request.logo = logo
        change_request.save()
    managers = manager_addresses()
    if managers:
        send_mail_in_language(
            template="members/email/change_request_manager_notice",
            to=managers,
            language="de",
            context={"change_request": change_request, "organisation": access.organisation},
        )
    return change_request


def _lock_pending_request(change_request: ProfileChangeRequest) -> ProfileChangeRequest:
    locked = (
        ProfileChangeRequest.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=change_request.pk)
    )
    if locked.decision != Decision.PENDING:
        raise DecisionError(_("This change request has already been decided."))
    return locked


@transaction.atomic
def change_request_approve(*, change_request: ProfileChangeRequest, by=None):
    """Apply the proposed values to the public profile."""
    change_request = _lock_pending_request(change_request)
    organisation = Organisation.objects.select_for_update().get(pk=change_request.organisation_id)
    proposal = change_request.proposed
    change_request.previous = current_profile(organisation)
    previous_logo = organisation.logo.name
    for name, value in proposal.get("fields", {}).items():
        if name in PROFILE_FIELDS:
            setattr(organisation, name, value)
    organisation.last_confirmed_on = timezone.localdate()
    if change_request.logo:
        with change_request.logo.open("rb") as source:
            organisation.logo.save(change_request.logo.name.rsplit("/", 1)[-1], source, save=False)
    organisation.full_clean(exclude=["logo"])
    organisation.save()
    if "innovation_fields" in proposal:
        organisation.innovation_fields.set(
            InnovationField.objects.filter(pk__in=proposal["innovation_fields"])
        )
    if "contacts" in proposal:
        _apply_contacts(organisation, proposal["contacts"])
    change_request.decision = Decision.APPROVED
    change_request.decided_at = timezone.now()
    change_request.decided_by = by
    change_request.previous["logo"] = previous_logo
    change_request.save(update_fields=["decision", "decided_at", "decided_by", "previous"])
    return change_request


def _apply_contacts(organisation: Organisation, contacts: list[dict]) -> None:
    existing = {contact.pk: contact for contact in organisation.contact_persons.all()}
    kept = {contact.get("id") for contact in contacts if contact.get("id") in existing}
    # Delete first so that an e-mail moved from a removed to a new person does not clash.
    organisation.contact_persons.exclude(pk__in=kept).delete()
    for position, data in enumerate(contacts):
        values = {
            name: data.get(name) or ("" if name != "is_public" else False)
            for name in CONTACT_FIELDS
        }
        values["position"] = position
        contact = existing.get(data.get("id"))
        if contact is None:
            ContactPerson.objects.create(organisation=organisation, **values)
        else:
            for name, value in values.items():
                setattr(contact, name, value)
            contact.save()


@transaction.atomic
def change_request_decline(*, change_request: ProfileChangeRequest, by=None):
    change_request = _lock_pending_request(change_request)
    change_request.decision = Decision.DECLINED
    change_request.decided_at = timezone.now()
    change_request.decided_by = by
    change_request.save(update_fields=["decision", "decided_at", "decided_by"])
    if change_request.logo:
        change_request.logo.delete(save=False)
        ProfileChangeRequest.objects.filter(pk=change_request.pk).update(logo="")
    return change_request


def change_request_diff(change_request: ProfileChangeRequest) -> list[tuple[str, str, str]]:
    """(what, before, after) for every value the request would change."""
    organisation = change_request.organisation
    # Once approved, the profile shows the new values; compare with what it showed before.
    current = change_request.previous or current_profile(organisation)
    proposal = change_request.proposed
    rows = []
    for name, value in proposal.get("fields", {}).items():
        if name not in PROFILE_FIELDS:
            continue
        old = current["fields"].get(name)
        if (old or "") != (value or ""):
            field = Organisation._meta.get_field(name)
            rows.append((str(field.verbose_name), _display(field, old), _display(field, value)))
    if "innovation_fields" in proposal and sorted(proposal["innovation_fields"]) != sorted(
        current["innovation_fields"]
    ):
        names = dict(InnovationField.objects.values_list("pk", "name"))
        rows.append(
            (
                str(Organisation._meta.get_field("innovation_fields").verbose_name),
                ", ".join(names.get(pk, "?") for pk in current["innovation_fields"]),
                ", ".join(names.get(pk, "?") for pk in proposal["innovation_fields"]),
            )
        )
    if "contacts" in proposal:
        before = [_contact_line(contact) for contact in current["contacts"]]
        after = [_contact_line(contact) for contact in proposal["contacts"]]
        if before != after:
            rows.append((str(_("contact persons")), "\n".join(before), "\n".join(after)))
    if change_request.logo:
        rows.append(
            (
                str(_("logo")),
                current.get("logo", organisation.logo.name) or "–",
                change_request.logo.name,
            )
        )
    return rows


def _display(field, value) -> str:
    if value in (None, ""):
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def _contact_line(contact: dict) -> str:
    visibility = _("public") if contact.get("is_public") else _("not public")
    parts = [contact.get("name"), contact.get("role"), contact.get("email"), contact.get("phone")]
    return " · ".join(str(part) for part in parts if part) + f" ({visibility})"


# --- yearly confirmation reminder ---------------------------------------------------------


def send_confirmation_reminder(*, organisation: Organisation) -> int:
    """Mail every contact person of the organisation (or, without any, its public address) a
    link to confirm or update the profile, through the one sending function of access links.

    Records the day, so that a second run in the same year sends nothing. Returns the number
    of e-mails sent.
    """
    from .access import send_organisation_access_link

    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        today = timezone.localdate()
        if (
            locked.confirmation_reminded_on
            and locked.confirmation_reminded_on > today - dt.timedelta(days=365)
        ):
            return 0
        application = MembershipApplication.objects.filter(organisation=locked).first()
        language = application.language if application else "de"
        addresses = [contact.email for contact in locked.contact_persons.all()]
        if not addresses and locked.email:
            addresses = [locked.email]
        # Queued in this transaction: a reminder is recorded exactly when its mails are.
        sent = sum(
            send_organisation_access_link(
                organisation=locked,
                email=address,
                purpose=PROFILE_PURPOSE,
                language=language,
                template="members/email/confirmation_reminder",
            )
            for address in addresses
        )
        locked.confirmation_reminded_on = today
        locked.save(update_fields=["confirmation_reminded_on"])
    return sent


# --- messages to members through the profile's contact form --------------------------------

GENERAL_ADDRESS = "organisation"


def message_route(organisation: Organisation, choice: str = GENERAL_ADDRESS):
    """Where a message to `organisation` goes, as (addresses, contact person, via management).

    A public contact person the visitor chose; or else the organisation's public address; or
    without one its contact persons (the first three by position); or, for a member that has
    given the portal no address at all, the cluster management, who pass it on. The addresses
    are never shown to the visitor.
    """
    contacts = organisation.contact_persons.order_by("position", "name")
    if choice != GENERAL_ADDRESS:
        person = contacts.filter(is_public=True, pk=choice).first()
        if person is not None:
            return [person.email], person, False
    if organisation.email:
        return [organisation.email], None, False
    addresses = list(contacts.values_list("email", flat=True)[:3])
    if addresses:
        return addresses, None, False
    return manager_addresses(), None, True


def can_be_contacted(organisation: Organisation) -> bool:
    return bool(message_route(organisation)[0])


@transaction.atomic
def contact_message_send(
    *,
    organisation: Organisation,
    choice: str,
    sender_name: str,
    sender_email: str,
    sender_organisation: str,
    subject: str,
    message: str,
    language: str,
    consent: dict,
) -> ContactMessage:
    """Record the message, send it to the member with the visitor as reply-to, and send the
    visitor a copy that names the organisation (and the person) but no address."""
    recipients, person, via_management = message_route(organisation, choice)
    if not recipients:
        raise RuleRefused(_("This organisation cannot be reached through the portal yet."))
    record = ContactMessage.objects.create(
        organisation=organisation,
        contact_person=person,
        recipients=recipients,
        via_management=via_management,
        sender_name=sender_name,
        sender_email=sender_email,
        sender_organisation=sender_organisation,
        subject=subject,
        message=message,
        language=language,
        **consent,
    )
    context = {
        "record": record,
        "organisation": organisation,
        "person": person,
        "via_management": via_management,
    }
    send_mail_in_language(
        template="members/email/contact_message",
        to=recipients,
        # Members are addressed in German, the portal's language, whatever the visitor used.
        language="de",
        context=context,
        reply_to=[sender_email],
    )
    send_mail_in_language(
        template="members/email/contact_copy",
        to=[sender_email],
        language=language,
        context=context,
    )
    return record
