from cooperations.models import Cooperation, CooperationPartner
from members.models import Organisation

from .base import unique
from .members import make_organisation


def make_cooperation(**overrides) -> Cooperation:
    slug = overrides.pop("slug", None) or unique("cooperation")
    values = {"title": slug.replace("-", " ").title(), "kind": Cooperation.Kind.PARTNERSHIP}
    values.update(overrides)
    return Cooperation.objects.create(slug=slug, **values)


def make_partner(**overrides) -> Organisation:
    """A cooperation partner that is not a member of the network."""
    values = {
        "status": Organisation.Status.NON_MEMBER,
        "is_partner": True,
        "partner_category": Organisation.PartnerCategory.CLUSTER,
        "joined_on": None,
    }
    values.update(overrides)
    return make_organisation(**values)


def add_partner(
    cooperation, organisation, role=CooperationPartner.Role.CO_ORGANISER, **extra
) -> CooperationPartner:
    return CooperationPartner.objects.create(
        cooperation=cooperation, organisation=organisation, role=role, **extra
    )
