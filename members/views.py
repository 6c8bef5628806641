from contextlib import nullcontext

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext, gettext_lazy

from core.fragments import cached_value
from core.pagination import keyset_page
from core.ratelimit import limited_response, refuse_if_limited
from core.search import similarity_scope

from . import services
from .access import AccessLinkRequestView, access_link_required, mark_used
from .apps import PROFILE_PURPOSE
from .filters import OrganisationFilter
from .forms import (
    AccessRequestForm,
    ContactFormSet,
    ContactMessageForm,
    MembershipApplicationForm,
    ProfileForm,
)
from .models import ContactPerson, Organisation

PAGE_SIZE = 24
# What the directory's count depends on: the members (and their regions).
COUNT_TOPICS = ("members", "regions")


def _count(request, filterset, results):
    """How many members the filters find: counted once per change of the members and per
    combination of filters, for every page and order of it (not on every cold page)."""
    return cached_value(
        request,
        "members:count",
        COUNT_TOPICS,
        lambda: results.order_by().count(),
        address=filterset.results_address,
    )


def _directory_page(request, filterset):
    """The page of results the request asks for: by keyset (`after`/`before` cursors) in the
    name and newest orders, so that a deep page costs what the first costs; by number when
    sorted by relevance. A search runs in one transaction that sets the similarity threshold
    once (core.search)."""
    scope = similarity_scope(filterset.queryset.db) if filterset.searching else nullcontext()
    with scope:
        results = filterset.qs
        order = filterset.order
        if order is None:
            paginator = Paginator(results, PAGE_SIZE)
            paginator.count = _count(request, filterset, results)
            page = paginator.get_page(request.GET.get("page"))
            page.object_list = list(page.object_list)
        else:
            page = keyset_page(
                results,
                order=order,
                per_page=PAGE_SIZE,
                params=request.GET,
                count=lambda: _count(request, filterset, results),
            )
        page.paginator.count  # noqa: B018 - read here, inside the search's transaction
    return page


def organisation_list(request):
    queryset = (
        Organisation.objects.members()
        .select_related("region")
        .defer("search_vector")
        .prefetch_related("innovation_fields")
    )
    filterset = SimpleLazyObject(lambda: OrganisationFilter(request.GET or None, queryset=queryset))

    def invalid_filters():
        invalid = sorted(filterset.form.errors) if filterset.is_bound else []
        return [filterset.form.fields[name].label for name in invalid]

    # Lazy: the template reads all of it only when its cached fragment has to be rendered.
    return render(
        request,
        "members/organisation_list.html",
        {
            "filter": filterset,
            "page_obj": SimpleLazyObject(lambda: _directory_page(request, filterset)),
            "invalid_filters": SimpleLazyObject(invalid_filters),
        },
    )


def _public_organisation(slug):
    # The stored search vector is never shown; reading it cost more than the rest of the row.
    organisations = Organisation.objects.members().select_related("region").defer("search_vector")
    return get_object_or_404(organisations, slug=slug)


def _with_profile_details(organisation):
    prefetch_related_objects(
        [organisation],
        "innovation_fields",
        "sectors",
        Prefetch(
            "contact_persons",
            queryset=ContactPerson.objects.filter(is_public=True),
            to_attr="public_contacts",
        ),
    )
    organisation.reachable = services.can_be_contacted(organisation)
    return organisation


def organisation_detail(request, slug):
    organisation = _public_organisation(slug)
    # The details are read only when the profile's cached fragment has to be rendered.
    profile = SimpleLazyObject(lambda: _with_profile_details(organisation))
    return render(
        request,
        "members/organisation_detail.html",
        {"organisation": organisation, "profile": profile},
    )


def contact_message(request, slug):
    """The form that sends a visitor's message to a member without showing its address."""
    organisation = _public_organisation(slug)
    if not services.can_be_contacted(organisation):
        raise Http404
    public_contacts = list(
        organisation.contact_persons.filter(is_public=True).order_by("position", "name")
    )
    form = ContactMessageForm(
        request.POST or None, organisation=organisation, public_contacts=public_contacts
    )
    refusal = None
    if request.method == "POST":
        refusal = refuse_if_limited(
            request, form, scope="organisation-contact", email=request.POST.get("email")
        )
    if request.method == "POST" and refusal is None and form.is_valid():
        data = form.cleaned_data
        services.contact_message_send(
            organisation=organisation,
            choice=data["recipient"],
            sender_name=data["name"],
            sender_email=data["email"],
            sender_organisation=data["organisation"],
            subject=data["subject"],
            message=data["message"],
            language=get_language(),
            consent=form.consent_values(),
        )
        messages.success(
            request,
            gettext(
                "Thank you. Your message has been sent to %(organisation)s, and a copy to you. "
                "The organisation answers you directly."
            )
            % {"organisation": organisation.name},
        )
        return redirect(organisation.get_absolute_url())
    response = render(
        request, "members/contact_form.html", {"organisation": organisation, "form": form}
    )
    return limited_response(response, refusal)


def application_create(request):
    form = MembershipApplicationForm(request.POST or None, request.FILES or None)
    refusal = None
    if request.method == "POST":
        refusal = refuse_if_limited(
            request, form, scope="membership-application", email=request.POST.get("contact_email")
        )
    if request.method == "POST" and refusal is None and form.is_valid():
        services.application_submit(
            organisation_data=form.organisation_data(),
            contact_data=form.contact_data(),
            message=form.cleaned_data.get("message", ""),
            language=get_language(),
            consent=form.consent_values(),
        )
        return redirect("members:application_thanks")
    return limited_response(
        render(request, "members/application_form.html", {"form": form}), refusal
    )


def application_thanks(request):
    return render(request, "members/application_thanks.html")


class ProfileLinkRequestView(AccessLinkRequestView):
    """Ask for a one-time link to update a profile; the answer never reveals the address."""

    purpose = PROFILE_PURPOSE
    form_class = AccessRequestForm
    template_name = "members/access_request.html"
    rate_limit_scope = "access-request"
    sent_message = gettext_lazy(
        "Thank you. If this is the address of a contact person of %(organisation)s or "
        "its public e-mail address, we have sent a link to update the profile to it. "
        "Please check your inbox."
    )

    def get_objects(self, slug):
        return {"organisation": _public_organisation(slug)}

    def get_success_url(self, organisation, objects):
        return organisation.get_absolute_url()


access_request = ProfileLinkRequestView.as_view()


@access_link_required(PROFILE_PURPOSE)
def profile_edit(request, access):
    organisation = access.organisation
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = ProfileForm(data, files, instance=organisation, prefix="profile")
    formset = ContactFormSet(data, instance=organisation, prefix="contacts")
    refusal = None
    if request.method == "POST":
        # Counted per link holder's address: the link already names who is submitting.
        refusal = refuse_if_limited(request, form, scope="profile-change", email=access.email)
    if request.method == "POST" and refusal is None:
        if request.POST.get("action") == "confirm":
            return _confirm_unchanged(request, access)
        if form.is_valid() and formset.is_valid():
            proposal = services.proposal_from_forms(form, formset)
            logo = form.cleaned_data.get("logo")
            if not services.profile_differs(organisation, proposal, bool(logo)):
                return _confirm_unchanged(request, access)
            services.change_request_submit(
                access=access,
                proposal=proposal,
                logo=logo,
                language=get_language(),
                consent=form.consent_values(),
            )
            return render(
                request,
                "members/profile_done.html",
                {"organisation": organisation, "changed": True},
            )
    response = render(
        request,
        "members/profile_form.html",
        {"organisation": organisation, "form": form, "formset": formset},
    )
    return limited_response(response, refusal)


def _confirm_unchanged(request, access):
    with transaction.atomic():
        mark_used(access)  # a second use of the link is answered by access_link_required
        services.profile_confirm(organisation=access.organisation)
    return render(
        request,
        "members/profile_done.html",
        {"organisation": access.organisation, "changed": False},
    )
