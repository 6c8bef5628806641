from django import template

from ..map import location_context, map_context

register = template.Library()


@register.inclusion_tag("regions/_map.html")
def region_map(regions, title_id="region-map-title"):
    """Germany with every region of `regions` that has a coordinate, each linked to its page.

    Usage: {% load region_map %}{% region_map regions %}
    """
    return map_context(regions, title_id=title_id)


@register.inclusion_tag("regions/_location_map.html")
def location_map(latitude, longitude, label, title_id="location-map-title"):
    """A small map of Germany, drawn by the portal, with the point of `latitude`/`longitude`.

    Usage: {% location_map organisation.latitude organisation.longitude label %}
    """
    return location_context(latitude, longitude, label=label, title_id=title_id)
