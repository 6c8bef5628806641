"""The joint stands' public pages: the list of stands, asking for the one-time link to apply
(members only), and the application form behind that link."""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from billing.forms import BillingDetailsForm
from billing.models import Invoice
from core.refusals import RuleRefused
from events.models import Event
from members.access import AccessLinkRequestView, access_link_required, mark_used
from members.models import ContactPerson, Organisation

from . import services
from .apps import STAND_ACCESS_PURPOSE
from .forms import CoExhibitorApplicationForm, StandAccessRequestForm
from .models import CoExhibitorApplication, JointStand

PAGE_SIZE = 20


def stand_list(request):
    stands = JointStand.objects.with_places_taken().select_related("event", "event__region")
    # Read only when the list's cached fragment has to be rendered.
    past = SimpleLazyObject(
        lambda: Paginator(stands.past(), PAGE_SIZE).get_page(request.GET.get("page"))
    )
    return render(
        request,
        "stands/stand_list.html",
        {"upcoming": stands.upcoming(), "past_page": past},
    )


class StandLinkRequestView(AccessLinkRequestView):
    """Ask for the one-time link to the co-exhibitor application (members only)."""

    purpose = STAND_ACCESS_PURPOSE
    form_class = StandAccessRequestForm
    template_name = "stands/access_request.html"
    rate_limit_scope = "stand-access"
    sent_message = gettext_lazy(
        "Thank you. If this is the address of a contact person of "
        "%(organisation)s or its public e-mail address, we have sent it a link to "
        "the application form. Please check your inbox."
    )

    def get_objects(self, slug):
        event = get_object_or_404(Event.objects.published(), slug=slug)
        stand = get_object_or_404(JointStand.objects.published(), event=event)
        stand.event = event
        if not stand.accepts_applications():
            return render(self.request, "stands/closed.html", {"stand": stand, "event": event})
        return {"stand": stand, "event": event}

    def get_success_url(self, organisation, objects):
        return objects["stand"].get_absolute_url()


stand_access_request = StandLinkRequestView.as_view()


@access_link_required(STAND_ACCESS_PURPOSE)
def stand_apply(request, access):
    """The application form, reached through the one-time link; the link fixes the member."""
    organisation = access.organisation
    if organisation.status != Organisation.Status.MEMBER:
        return render(
            request,
            "stands/closed.html",
            {"reason": services.NotAMember.message},
            status=403,
        )
    applied = CoExhibitorApplication.objects.active().filter(organisation=organisation)
    stands = (
        JointStand.objects.open_for_applications()
        .exclude(pk__in=applied.values("stand"))
        .select_related("event")
        .order_by("event__start")
    )
    if not stands:
        return render(
            request,
            "stands/closed.html",
            {
                "reason": _(
                    "There is no joint stand open for applications from %(organisation)s at "
                    "the moment: the deadlines have passed, or your organisation has "
                    "already applied."
                )
                % {"organisation": organisation.name},
                "applications": _applications_with_invoices(organisation),
            },
        )
    contact = ContactPerson.objects.filter(
        organisation=organisation, email__iexact=access.email
    ).first()
    initial = {"contact_email": access.email}
    if contact is not None:
        initial.update(contact_name=contact.name, contact_phone=contact.phone)
    form = CoExhibitorApplicationForm(
        request.POST or None, organisation=organisation, stands=stands, initial=initial
    )
    # Billing details are asked only where a place costs money; with paid and free stands to
    # choose from, they are checked only when the chosen stand is a paid one.
    billing_form = None
    if any(stand.is_paid for stand in stands):
        billing_form = BillingDetailsForm(
            request.POST or None,
            initial={
                "billing_organisation": organisation.name,
                "billing_street": organisation.street,
                "billing_postcode": organisation.postcode,
                "billing_city": organisation.city,
                "billing_country": organisation.country or "DE",
                "billing_email": access.email,
            },
        )
    form_valid = request.method == "POST" and form.is_valid()
    chosen = form.cleaned_data.get("stand") if request.method == "POST" else None
    paid = chosen is not None and chosen.is_paid
    # Both forms are checked, so that every mistake is shown at once; nothing is stored
    # unless both are right.
    billing_valid = billing_form.is_valid() if paid else True
    if form_valid and billing_valid:
        data = form.cleaned_data
        try:
            with transaction.atomic():
                mark_used(access)  # a second use is answered by access_link_required
                application = services.stand_apply(
                    stand=data["stand"],
                    organisation=organisation,
                    contact_person=contact,
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"],
                    contact_phone=data["contact_phone"],
                    products=data["products"],
                    places_needed=data["places_needed"],
                    remarks=data["remarks"],
                    language=translation.get_language(),
                    consent=form.consent_values(),
                    billing=billing_form.cleaned_data if paid else None,
                )
        except RuleRefused as error:
            form.add_error(None, error.message)
        else:
            return render(
                request,
                "stands/application_done.html",
                {"application": application, "stand": application.stand},
            )
    return render(
        request,
        "stands/application_form.html",
        {
            "organisation": organisation,
            "form": form,
            "billing_form": billing_form,
            "only_some_paid": billing_form is not None and not all(s.is_paid for s in stands),
            "applications": _applications_with_invoices(organisation),
        },
    )


def _applications_with_invoices(organisation):
    """The organisation's applications with the invoice of each, for the access-link page."""
    applications = list(
        CoExhibitorApplication.objects.filter(organisation=organisation)
        .select_related("stand", "stand__event")
        .order_by("-created_at")
    )
    invoices = {}
    if applications:
        for invoice in Invoice.objects.filter(
            source_type=ContentType.objects.get_for_model(CoExhibitorApplication),
            source_id__in=[application.pk for application in applications],
            kind=Invoice.Kind.INVOICE,
        ).order_by("pk"):
            invoices[invoice.source_id] = invoice
    for application in applications:
        application.invoice = invoices.get(application.pk)
    return applications
