"""The demo's working groups: GWMD's local groups (seed 003), marked as examples, with members
from the demo organisations, a picture and an upcoming meeting."""

import pytest
from django.core.management import call_command

from events.models import Event
from groups.models import GroupMeeting, GroupMembership, WorkingGroup

pytestmark = pytest.mark.django_db


def test_demo_working_groups_of_gwmd_are_examples_with_members_and_a_meeting(client):
    call_command("load_demo", "--no-admin")

    groups = WorkingGroup.objects.published()
    assert groups.count() == 3
    assert all(group.is_example and group.region.slug == "mitteldeutschland" for group in groups)
    assert all(group.picture and group.picture.is_published for group in groups)
    members = GroupMembership.objects.current()
    assert members.filter(organisation__name__contains="GWMD").count() == 3
    assert members.exclude(organisation__name__contains="GWMD").count() >= 3
    for group in groups:
        meeting = GroupMeeting.objects.filter(group=group).upcoming().get()
        assert meeting.event.kind == Event.Kind.WORKING_GROUP

    for group in groups:
        [minutes] = group.documents.all()
        with minutes.file.open("rb") as file:
            assert file.read(5) == b"%PDF-"

    counts = (WorkingGroup.objects.count(), GroupMembership.objects.count(), Event.objects.count())
    call_command("load_demo", "--no-admin")
    assert (
        WorkingGroup.objects.count(),
        GroupMembership.objects.count(),
        Event.objects.count(),
    ) == counts

    page = client.get("/arbeitsgruppen/ag-medizintechnik-jena/").text
    assert "Beispiel</span>" in page
    assert "Gesundheitswirtschaft Mitteldeutschland (GWMD)" in page
    assert "Treffen der Arbeitsgruppe Medizintechnik Jena" in page
    assert "Grafik: Clustermanagement" in page
    english = client.get("/en/working-groups/ag-medizintechnik-jena/").text
    assert "Working group medical technology Jena" in english and "Example</span>" in english
