"""`{% fragment %}`: a part of a page cached until what it shows changes (see core.fragments);
`{% live %}`: a part inside it that is filled afresh for every response.

{% fragment "members:list" on "members regions" %} ... {% endfragment %}
{% fragment "events:list" on "events regions members" per "minute" %} ... {% endfragment %}
{% fragment "members:detail" on "members:profile:{pk} regions" pk=organisation.pk %} ...
{% live "events:places" event.pk %}
"""

from django import template

from core.fragments import (
    LIVE_ATTRIBUTE,
    PERIODS,
    _fields,
    cached_fragment,
    fill_live_parts,
    known_shapes,
    live_marker,
    live_parts,
    shape,
)

register = template.Library()


def _literal(bit: str, tag: str) -> str:
    if len(bit) < 2 or bit[0] != bit[-1] or bit[0] not in "\"'":
        raise template.TemplateSyntaxError(f"{tag}: {bit} must be a quoted string")
    return bit[1:-1]


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, topics, per, values):
        self.nodelist = nodelist
        self.name = name
        self.topics = topics
        self.per = per
        self.values = values

    def render(self, context):
        values = {name: value.resolve(context) for name, value in self.values.items()}
        return cached_fragment(
            context.get("request"),
            self.name,
            tuple(topic.format_map(values) for topic in self.topics),
            lambda: self.nodelist.render(context),
            per=self.per,
        )


@register.tag("fragment")
def do_fragment(parser, token):
    tag, *bits = token.split_contents()
    usage = (
        f'usage: {{% {tag} "name" on "topic topic:{{key}}" [per "minute"|"day"] [key=value …] %}}'
    )
    values = {}
    while bits and "=" in bits[-1] and bits[-1][0] not in "\"'":
        name, value = bits.pop().split("=", 1)
        values[name] = parser.compile_filter(value)
    if len(bits) not in (3, 5) or bits[1] != "on" or (len(bits) == 5 and bits[3] != "per"):
        raise template.TemplateSyntaxError(usage)
    name = _literal(bits[0], tag)
    topics = tuple(_literal(bits[2], tag).split())
    known = known_shapes()
    unknown = {topic for topic in topics if shape(topic) not in known}
    if not topics or unknown:
        raise template.TemplateSyntaxError(
            f"{tag}: unknown topics {sorted(unknown)}; a topic is a content app's label or "
            "declared with core.fragments.affects() or declare_topic()"
        )
    needed = set().union(*(_fields(topic) for topic in topics))
    if needed != set(values):
        raise template.TemplateSyntaxError(
            f"{tag}: the topics need the values {sorted(needed)}, given {sorted(values)}"
        )
    per = _literal(bits[4], tag) if len(bits) == 5 else None
    if per is not None and per not in PERIODS:
        raise template.TemplateSyntaxError(f"{tag}: per must be one of {sorted(PERIODS)}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, name, topics, per, values)


class LiveNode(template.Node):
    def __init__(self, name, key, variant):
        self.name = name
        self.key = key
        self.variant = variant

    def render(self, context):
        marker = live_marker(self.name, self.key.resolve(context), self.variant)
        request = context.get("request")
        if request is not None and hasattr(request, LIVE_ATTRIBUTE):
            return marker  # LivePartsMiddleware fills every marker of the page at once
        return fill_live_parts(marker, request)


@register.tag("live")
def do_live(parser, token):
    """`{% live "events:places" event.pk ["variant"] %}`: a part never cached (see
    core.fragments.register_live_part)."""
    tag, *bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError(f'usage: {{% {tag} "name" key ["variant"] %}}')
    name = _literal(bits[0], tag)
    if name not in live_parts:
        raise template.TemplateSyntaxError(
            f"{tag}: no live part {name!r}; declared are {sorted(live_parts)}"
        )
    variant = _literal(bits[2], tag) if len(bits) == 3 else ""
    return LiveNode(name, parser.compile_filter(bits[1]), variant)
