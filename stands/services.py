"""Joint-stand rules: every change of a co-exhibitor application goes through these functions.

Views, admin actions and the demo call the same functions. Accepting locks the stand row
first (`lock_for_allocation`) and sums the accepted places under that lock, so parallel
accepts on several app processes can never hand out more places than the stand has. The
e-mails are queued inside the same transaction (the mail queue lives in the database), so
none announces a change that was rolled back.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from billing.models import Invoice
from billing.services import Buyer, credit_note_issue, invoice_issue
from core.allocation import lock_for_allocation
from core.mail import manager_addresses, send_mail_in_language
from core.refusals import RuleRefused
from core.site_urls import absolute_url
from members.models import ContactPerson, Organisation

from .models import CoExhibitorApplication, CoExhibitorBilling, JointStand

Status = CoExhibitorApplication.Status

TEMPLATES = {
    "applied": "stands/emails/applied",
    "accepted": "stands/emails/accepted",
    "waiting": "stands/emails/waiting",
    "declined": "stands/emails/declined",
    "withdrawn": "stands/emails/withdrawn",
}


# The states from which a manager may take each decision (checked under the stand's lock).
ACCEPTABLE = (Status.APPLIED, Status.WAITING)
WAITLISTABLE = (Status.APPLIED, Status.ACCEPTED)


class StandError(RuleRefused):
    """A rule stops the application's change; `message` says why in the user's words."""

    message = _("This is not possible for this application.")


class NotAMember(StandError):
    message = _(
        "Only member organisations of the network can exhibit on a joint stand. "
        "If your organisation would like to join, please apply for membership first."
    )


class ApplicationsClosed(StandError):
    message = _("The application deadline for this joint stand has passed.")


class AlreadyApplied(StandError):
    message = _("Your organisation has already applied for this joint stand.")


class StandFull(StandError):
    message = _("There are not enough free places on this joint stand.")


class BillingDetailsMissing(StandError):
    message = _(
        "This joint stand is paid: the application needs billing details (whom to invoice) "
        "before it can be accepted."
    )


def stand_invoice(application: CoExhibitorApplication) -> Invoice | None:
    """The invoice written for the application's places (the latest), or None."""
    return (
        Invoice.objects.filter(
            source_type=ContentType.objects.get_for_model(CoExhibitorApplication),
            source_id=application.pk,
            kind=Invoice.Kind.INVOICE,
        )
        .order_by("-pk")
        .first()
    )


def _places_to_invoice(application: CoExhibitorApplication, *, member: bool) -> int:
    """The application's places that cost anything: a member organisation's first
    `free_places_per_member` places on the stand are free, as an event's are (counted with
    its other accepted places on the stand; called under the stand's allocation lock)."""
    stand = application.stand
    if not member or not stand.free_places_per_member:
        return application.places_needed
    others = (
        stand.applications.filter(status=Status.ACCEPTED, organisation=application.organisation)
        .exclude(pk=application.pk)
        .aggregate(total=Sum("places_needed"))["total"]
        or 0
    )
    free_left = max(stand.free_places_per_member - others, 0)
    return max(application.places_needed - free_left, 0)


def invoice_for_places(
    application: CoExhibitorApplication, by=None, *, mail: bool = True
) -> Invoice | None:
    """Invoice the accepted places when they cost anything (inside the accept's transaction),
    in the applicant's language; `mail=False` writes it without mailing it (the demo)."""
    stand = application.stand
    organisation = application.organisation
    applied_on = timezone.localtime(application.created_at).date()
    member = organisation.status == Organisation.Status.MEMBER
    if not stand.unit_price_cents(member=member, on=applied_on):
        return None
    quantity = _places_to_invoice(application, member=member)
    if not quantity:
        return None
    billing = CoExhibitorBilling.objects.filter(application=application).first()
    if billing is None:
        raise BillingDetailsMissing
    event = stand.event
    with translation.override(application.language):
        description = str(
            _("Place on the joint stand “%(stand)s” at %(fair)s")
            % {"stand": stand.title, "fair": event.title}
        )
    return invoice_issue(
        seller=stand.seller,
        buyer=Buyer.of(billing),
        lines=[stand.line(description, quantity=quantity, member=member, on=applied_on)],
        service_date=timezone.localtime(event.start).date(),
        region=event.region,
        source=application,
        by=by if by is not None and getattr(by, "is_authenticated", False) else None,
        language=application.language,
        mail=mail,
    )


def credit_places(
    application: CoExhibitorApplication, by=None, *, mail: bool = True
) -> Invoice | None:
    """Cancel the places' invoice by a credit note, when one was issued and stands, mailed in
    the applicant's language; `mail=False` writes it without mailing it (the demo)."""
    invoice = stand_invoice(application)
    if invoice is None or invoice.status == Invoice.Status.CANCELLED:
        return None
    return credit_note_issue(
        invoice=invoice,
        by=by if by is not None and getattr(by, "is_authenticated", False) else None,
        language=application.language,
        mail=mail,
    )


def send_stand_mail(
    kind: str, application: CoExhibitorApplication, *, reason: str = "", invoice=None
) -> None:
    stand = application.stand
    with translation.override(application.language):
        event_url = absolute_url(stand.event.get_absolute_url())
    send_mail_in_language(
        template=TEMPLATES[kind],
        to=[application.contact_email],
        language=application.language,
        context={
            "application": application,
            "stand": stand,
            "event": stand.event,
            "organisation": application.organisation,
            "event_url": event_url,
            "reason": reason,
            "invoice": invoice,
        },
    )


def _notify_managers(application: CoExhibitorApplication) -> None:
    recipients = set(manager_addresses())
    manager = application.stand.manager
    if manager is not None and manager.email:
        recipients.add(manager.email)
    if recipients:
        send_mail_in_language(
            template="stands/emails/manager_notice",
            to=sorted(recipients),
            language="de",
            context={"application": application, "stand": application.stand},
        )


def _decided(application: CoExhibitorApplication, by) -> None:
    application.decided_at = timezone.now()
    application.decided_by = by if by is not None and by.is_authenticated else None


def places_taken(stand: JointStand, *, exclude=None) -> int:
    accepted = stand.applications.filter(status=Status.ACCEPTED)
    if exclude is not None:
        accepted = accepted.exclude(pk=exclude.pk)
    return accepted.aggregate(total=Sum("places_needed"))["total"] or 0


def _locked(application: CoExhibitorApplication):
    """Lock the stand (the allocation lock), then re-read the application under it."""
    stand = lock_for_allocation(JointStand, application.stand_id)
    fresh = (
        CoExhibitorApplication.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=application.pk)
    )
    stand.event  # noqa: B018 - loaded once for the e-mails
    fresh.stand = stand
    return stand, fresh


def stand_apply(
    *,
    stand: JointStand,
    organisation: Organisation,
    contact_name: str,
    contact_email: str,
    products: str,
    places_needed: int = 1,
    contact_person: ContactPerson | None = None,
    contact_phone: str = "",
    remarks: str = "",
    language: str = "de",
    consent: dict,
    billing: dict | None = None,
) -> CoExhibitorApplication:
    """Record a member organisation's application, confirm it and tell the managers.

    For a paid stand, `billing` holds the billing details (billing.forms.BillingDetailsForm's
    cleaned data); they are stored with the application, in its transaction.
    """
    if organisation.status != Organisation.Status.MEMBER:
        raise NotAMember
    if not stand.accepts_applications():
        raise ApplicationsClosed
    if places_needed < 1 or places_needed > stand.places:
        raise StandError(
            _("Please ask for between 1 and %(places)s places.") % {"places": stand.places}
        )
    if contact_person is not None and contact_person.organisation_id != organisation.pk:
        raise StandError(_("The contact person works for another organisation."))
    try:
        with transaction.atomic():
            application = CoExhibitorApplication.objects.create(
                stand=stand,
                organisation=organisation,
                contact_person=contact_person,
                contact_name=contact_name,
                contact_email=contact_email,
                contact_phone=contact_phone,
                products=products,
                places_needed=places_needed,
                remarks=remarks,
                language=language,
                **consent,
            )
            if stand.is_paid:
                if not billing:
                    raise StandError(_("Please give the billing details for the invoice."))
                CoExhibitorBilling.objects.create(application=application, **billing)
            send_stand_mail("applied", application)
            _notify_managers(application)
    except IntegrityError as error:
        # The partial unique constraint: an active application exists (maybe a parallel one).
        raise AlreadyApplied from error
    return application


def stand_accept(*, application: CoExhibitorApplication, by=None) -> CoExhibitorApplication:
    """Give the application its places; when they are not free, it goes on the waiting list.

    An application already waiting stays there while the stand is full (StandFull).
    """
    with transaction.atomic():
        stand, application = _locked(application)
        if application.status not in ACCEPTABLE:
            raise StandError(_("Only applied or waiting applications can be accepted."))
        free = stand.places - places_taken(stand, exclude=application)
        if application.places_needed > free:
            if application.status == Status.WAITING:
                raise StandFull
            application.status = Status.WAITING
            _decided(application, by)
            application.save()
            send_stand_mail("waiting", application)
            return application
        application.status = Status.ACCEPTED
        _decided(application, by)
        application.save()
        invoice = invoice_for_places(application, by)
        send_stand_mail("accepted", application, invoice=invoice)
    return application


def stand_waitlist(*, application: CoExhibitorApplication, by=None) -> CoExhibitorApplication:
    """Put an application on the waiting list (an accepted one gives its places back)."""
    with transaction.atomic():
        _stand, application = _locked(application)
        if application.status not in WAITLISTABLE:
            raise StandError(
                _("Only applied or accepted applications can be put on the waiting list.")
            )
        was_accepted = application.status == Status.ACCEPTED
        application.status = Status.WAITING
        _decided(application, by)
        application.save()
        if was_accepted:
            credit_places(application, by)
        send_stand_mail("waiting", application)
    return application


def stand_decline(
    *, application: CoExhibitorApplication, by=None, reason: str = ""
) -> CoExhibitorApplication:
    """Turn the application down; the contact is told, with the reason if given."""
    with transaction.atomic():
        _stand, application = _locked(application)
        if not application.is_active:
            raise StandError(_("Only open applications can be declined."))
        application.status = Status.DECLINED
        _decided(application, by)
        application.save()
        credit_places(application, by)
        send_stand_mail("declined", application, reason=reason)
    return application


def stand_withdraw(*, application: CoExhibitorApplication, by=None) -> CoExhibitorApplication:
    """The organisation withdraws (told to a manager, who records it)."""
    with transaction.atomic():
        _stand, application = _locked(application)
        if not application.is_active:
            raise StandError(_("This application is no longer active."))
        application.status = Status.WITHDRAWN
        _decided(application, by)
        application.save()
        credit_places(application, by)
        send_stand_mail("withdrawn", application)
    return application
