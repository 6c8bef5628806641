"""The working groups on other apps' pages: `{% load groups %}`, then
- `{% working_group_for_event event %}`: on a meeting's event page, the group it belongs to."""

from django import template
from django.template.loader import render_to_string

from events.models import Event

from ..models import GroupMeeting

register = template.Library()


@register.simple_tag
def working_group_for_event(event):
    """A short section naming the group (`groups/_group_for_event.html`); nothing at all
    unless the event is a working-group meeting of a published group."""
    if event.kind != Event.Kind.WORKING_GROUP:
        return ""
    meeting = (
        GroupMeeting.objects.filter(event=event, group__is_published=True)
        .select_related("group")
        .first()
    )
    if meeting is None:
        return ""
    return render_to_string("groups/_group_for_event.html", {"group": meeting.group})
