"""The joint stands' public pages: the list of stands, asking for the one-time link to apply
(members only), and the application form behind that link."""

from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    past = Paginator(stands.past(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "stands/stand_list.html",
        {"upcoming": list(stands.upcoming()), "past_page": past},
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
                % {"organisation": organisation.name}
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
    if request.method == "POST" and form.is_valid():
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
        {"organisation": organisation, "form": form},
    )
