from django import template

from ..map import map_context

register = template.Library()


@register.inclusion_tag("regions/_map.html")
def region_map(regions, title_id="region-map-title"):
    """Germany with every region of `regions` that has a coordinate, each linked to its page.

    Usage: {% load region_map %}{% region_map regions %}
    """
    return map_context(regions, title_id=title_id)
