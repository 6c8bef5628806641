from django import template

from news.models import NewsItem

register = template.Library()

LIMIT = 5


@register.simple_tag
def news_for_region(region, limit=LIMIT):
    return list(NewsItem.objects.for_region(region)[:limit])


@register.simple_tag
def news_for_organisation(organisation, limit=LIMIT):
    return list(NewsItem.objects.for_organisation(organisation)[:limit])


@register.simple_tag
def news_for_event(event, limit=LIMIT):
    return list(NewsItem.objects.for_event(event)[:limit])
