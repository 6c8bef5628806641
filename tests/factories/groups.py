import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from events.models import Event
from groups.models import GroupDocument, GroupMeeting, GroupMembership, WorkingGroup

from .base import unique
from .events import make_event
from .members import make_organisation
from .regions import make_region

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def make_group(**overrides) -> WorkingGroup:
    """A published working group with a named spokesperson unless told otherwise."""
    slug = overrides.pop("slug", None) or unique("arbeitsgruppe")
    values = {
        "name": slug.replace("-", " ").title(),
        "topic": "Telemedizin in der Regelversorgung",
        "description": "Die Gruppe trifft sich viermal im Jahr.",
        "spokesperson_name": "Dr. Eva Sprecherin",
        "spokesperson_organisation": "Klinikum Beispiel",
    }
    values.update(overrides)
    if "region" not in values:
        values["region"] = make_region()
    return WorkingGroup.objects.create(slug=slug, **values)


def make_group_membership(group, organisation=None, **overrides) -> GroupMembership:
    """A current member unless told otherwise."""
    organisation = organisation or make_organisation()
    values = {
        "status": GroupMembership.Status.MEMBER,
        "contact_name": "Anna Beispiel",
        "contact_email": f"anna@{organisation.slug}.example",
        "language": "de",
        "consented_at": timezone.now(),
    }
    values.update(overrides)
    return GroupMembership.objects.create(group=group, organisation=organisation, **values)


def make_group_meeting(group, **event_overrides) -> GroupMeeting:
    values = {"kind": Event.Kind.WORKING_GROUP, "region": group.region}
    values.update(event_overrides)
    return GroupMeeting.objects.create(group=group, event=make_event(**values))


def make_group_document(group, **overrides) -> GroupDocument:
    values = {
        "title": "Protokoll des Treffens",
        "kind": GroupDocument.Kind.MINUTES,
        "date": timezone.localdate() - dt.timedelta(days=7),
        "file": ContentFile(PDF_BYTES, name="protokoll.pdf"),
    }
    values.update(overrides)
    return GroupDocument.objects.create(group=group, **values)
