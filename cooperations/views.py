from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from core.fragments import lazy_page
from events.models import Event
from members.models import Organisation

from .filters import CooperationFilter
from .models import Cooperation, CooperationPartner

PAGE_SIZE = 20


def cooperation_list(request):
    cooperations = Cooperation.objects.select_related("funding_programme").with_partners()
    filterset = SimpleLazyObject(
        lambda: CooperationFilter(request.GET or None, queryset=cooperations)
    )
    # Lazy: the template reads the page only when its cached fragment has to be rendered.
    page = lazy_page(request, filterset, PAGE_SIZE)
    return render(
        request,
        "cooperations/cooperation_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "is_filtered": any(request.GET.get(name) for name in CooperationFilter.base_filters),
        },
    )


def cooperation_detail(request, slug):
    cooperation = get_object_or_404(
        Cooperation.objects.select_related("funding_programme").prefetch_related(
            Prefetch(
                "partner_roles",
                queryset=CooperationPartner.objects.select_related("organisation"),
            ),
            Prefetch(
                "events",
                queryset=Event.objects.published().order_by("start"),
                to_attr="published_events",
            ),
            "innovation_fields",
        ),
        slug=slug,
    )
    return render(request, "cooperations/cooperation_detail.html", {"cooperation": cooperation})


def _partner_groups() -> list[dict]:
    partners = (
        Organisation.objects.partners()
        .only("pk", "name", "slug", "partner_category")
        .prefetch_related(
            Prefetch(
                "cooperations",
                # distinct: an organisation in two roles of one cooperation lists it once.
                queryset=Cooperation.objects.distinct(),
                to_attr="partner_cooperations",
            )
        )
    )
    groups = {category: [] for category in Organisation.PartnerCategory.values}
    others = []
    for partner in partners:
        groups.get(partner.partner_category, others).append(partner)
    labels = dict(Organisation.PartnerCategory.choices)
    partner_groups = [
        {"label": labels[category], "partners": members}
        for category, members in groups.items()
        if members
    ]
    if others:
        partner_groups.append({"label": _("Further partners"), "partners": others})
    return partner_groups


def partner_list(request):
    # Read only when the cached fragment has to be rendered.
    partner_groups = SimpleLazyObject(_partner_groups)
    return render(request, "cooperations/partner_list.html", {"partner_groups": partner_groups})


def partner_detail(request, slug):
    partner = get_object_or_404(Organisation.objects.partners(), slug=slug)
    cooperations = Cooperation.objects.for_organisation(partner).select_related("funding_programme")
    return render(
        request,
        "cooperations/partner_detail.html",
        {
            "partner": partner,
            "cooperations": cooperations,
            "is_member": partner.is_member,
        },
    )
