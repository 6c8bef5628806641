from django import template

from backoffice import dashboard

register = template.Library()


@register.simple_tag(takes_context=True)
def dashboard_panels(context):
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return []
    return dashboard.panels(request)
