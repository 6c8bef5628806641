"""`{% fragment %}`: a part of a page cached until its data changes (see core.fragments).

{% fragment "members:list" on "members regions" %} ... {% endfragment %}
{% fragment "events:list" on "events regions" per "minute" %} ... {% endfragment %}
"""

from django import template

from core.fragments import PERIODS, cached_fragment, content_apps

register = template.Library()


def _literal(bit: str, tag: str) -> str:
    if len(bit) < 2 or bit[0] != bit[-1] or bit[0] not in "\"'":
        raise template.TemplateSyntaxError(f"{tag}: {bit} must be a quoted string")
    return bit[1:-1]


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, apps, per):
        self.nodelist = nodelist
        self.name = name
        self.apps = apps
        self.per = per

    def render(self, context):
        return cached_fragment(
            context.get("request"),
            self.name,
            self.apps,
            lambda: self.nodelist.render(context),
            per=self.per,
        )


@register.tag("fragment")
def do_fragment(parser, token):
    tag, *bits = token.split_contents()
    if len(bits) not in (3, 5) or bits[1] != "on" or (len(bits) == 5 and bits[3] != "per"):
        raise template.TemplateSyntaxError(
            f'usage: {{% {tag} "name" on "app app" [per "minute"|"day"] %}}'
        )
    name = _literal(bits[0], tag)
    apps = tuple(_literal(bits[2], tag).split())
    unknown = set(apps) - set(content_apps())
    if not apps or unknown:
        raise template.TemplateSyntaxError(
            f"{tag}: unknown apps {sorted(unknown)}; content apps are {content_apps()}"
        )
    per = _literal(bits[4], tag) if len(bits) == 5 else None
    if per is not None and per not in PERIODS:
        raise template.TemplateSyntaxError(f"{tag}: per must be one of {sorted(PERIODS)}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, name, apps, per)
