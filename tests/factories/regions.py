from regions.models import FederalState, Region

from .base import unique


def make_region(**overrides) -> Region:
    slug = overrides.pop("slug", None) or unique("region")
    values = {"name": slug.replace("-", " ").title(), "kind": Region.Kind.HEALTH_REGION}
    values.update(overrides)
    # A federal state lies in exactly one state, a cross-state region in several.
    values.setdefault(
        "states",
        {
            Region.Kind.STATE: [FederalState.NORDRHEIN_WESTFALEN],
            Region.Kind.CROSS_STATE: [FederalState.SACHSEN, FederalState.THUERINGEN],
        }.get(values["kind"], []),
    )
    return Region.objects.create(slug=slug, **values)
