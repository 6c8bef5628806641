"""The B2B meetings left the app `partnering` for `b2b` (b2b/migrations/0001) and keep every row:
profiles (with their innovation fields), slots, tables, meetings and seats on their renamed
tables, and their content types, the B2B exchange's proxy included (and so the permissions
granted to groups and users, and the admin log).

The demo data (plus what the demo has none of) is written with today's code, taken back to the
schema before the move by the migrations' reverse, checked there against the models as they
were, and migrated forward again; then every table must hold what it held.
"""

import datetime as dt
from io import StringIO

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from b2b.models import B2BExchange, B2BProfile, Meeting, MeetingSlot
from events.emails import personal_token
from tests.migrating import leaf_nodes, moved, queue, rows, snapshot, tables

# The schema before the move: partnering at its last migration before it.
BEFORE = [("partnering", "0004_privacy_notice_in_legal"), ("b2b", None)]
TABLES = {
    "b2b_b2bprofile": "partnering_b2bprofile",
    "b2b_b2bprofile_innovation_fields": "partnering_b2bprofile_innovation_fields",
    "b2b_meetingslot": "partnering_meetingslot",
    "b2b_meetingtable": "partnering_meetingtable",
    "b2b_meeting": "partnering_meeting",
    "b2b_meetingseat": "partnering_meetingseat",
}
MODELS = {"b2bexchange", "b2bprofile", "meeting", "meetingseat", "meetingslot", "meetingtable"}
# A mail about a meeting and the periodic job of the app the meetings left, queued before the
# move: neither names a moved module, so each keeps its path.
QUEUED = ["core.mail.deliver_email", "partnering.tasks.send_partnering_digest"]


def portal_data():
    """The demo data, and the grants and log entries the demo has none of."""
    call_command("load_demo", "--no-admin", stdout=StringIO())
    user_model = get_user_model()
    admin = user_model.objects.create_superuser("chefin", "chefin@example.org", "x")
    team = Group.objects.create(name="B2B-Team")
    team.permissions.add(*Permission.objects.filter(content_type__app_label="b2b"))
    planner = user_model.objects.create_user("planung", is_staff=True)
    planner.user_permissions.add(Permission.objects.get(codename="change_b2bexchange"))
    meeting = Meeting.objects.filter(slot__isnull=False).order_by("pk").first()
    exchange = B2BExchange.objects.get(pk=meeting.event_id)
    LogEntry.objects.log_actions(admin.pk, [meeting], CHANGE, change_message="Tisch getauscht")
    # As the admin logs a change of the exchange: under the proxy's own content type.
    LogEntry.objects.create(
        user=admin,
        content_type=ContentType.objects.get_for_model(B2BExchange, for_concrete_model=False),
        object_id=str(exchange.pk),
        object_repr=str(exchange),
        action_flag=CHANGE,
        change_message="Zeitfenster ergänzt",
    )
    return {"meeting": meeting, "exchange": exchange}


def test_the_b2b_meetings_keep_every_row_content_type_and_grant(migrator, client):
    data = portal_data()
    before = snapshot()
    for table in TABLES:
        assert before[table], table
    assert len(before["b2b_meeting"]) == 10
    proxy = ContentType.objects.get(app_label="b2b", model="b2bexchange")
    assert Permission.objects.filter(content_type=proxy).count() == 4

    old = migrator(BEFORE)

    # Before the move: the same rows on the old tables, the content types under partnering.
    assert tables() >= set(TABLES.values()) and not set(TABLES) & tables()
    assert snapshot() == moved(before, TABLES, MODELS, "b2b", "partnering")
    assert not old.is_installed("b2b")
    old_meeting = old.get_model("partnering", "Meeting").objects.get(pk=data["meeting"].pk)
    assert (old_meeting.slot_id, old_meeting.table_id) == (
        data["meeting"].slot_id,
        data["meeting"].table_id,
    )
    old_profiles = old.get_model("partnering", "B2BProfile").objects
    assert old_profiles.filter(innovation_fields__isnull=False).exists()
    assert old.get_model("partnering", "B2BExchange")._meta.proxy
    for path in QUEUED:
        queue(path)
    at_the_old_state = snapshot()

    new = migrator(leaf_nodes())

    # After the move: every table holds what it held, the meetings' under their new names.
    assert tables() >= set(TABLES) and not set(TABLES.values()) & tables()
    assert snapshot() == moved(
        at_the_old_state, {v: k for k, v in TABLES.items()}, MODELS, "partnering", "b2b"
    )
    assert not [
        m
        for m in new.get_models()
        if m._meta.app_label == "partnering"
        and m.__name__ in {"Meeting", "B2BProfile", "B2BExchange"}
    ]
    assert not ContentType.objects.filter(app_label="partnering", model__in=MODELS).exists()
    assert rows(new, "b2b", "Meeting") == [
        dict(row) for row in sorted(before["b2b_meeting"], key=lambda row: dict(row)["id"])
    ]

    # Today's code serves them: grants, log, the participant's pages, the queued tasks.
    planner = get_user_model().objects.get(username="planung")
    assert planner.has_perm("b2b.change_b2bexchange")
    assert Group.objects.get(name="B2B-Team").permissions.count() == 6 * 4
    edited = {entry.get_edited_object() for entry in LogEntry.objects.all()}
    assert edited == {data["meeting"], data["exchange"]}
    meeting = Meeting.objects.get(pk=data["meeting"].pk)
    token = personal_token(meeting.requester)
    assert client.get(f"/kooperationsboerse/b2b/{token}/gespraechsplan/").status_code == 200
    assert B2BProfile.objects.filter(innovation_fields__isnull=False).exists()
    assert sorted(DBTaskResult.objects.values_list("task_path", flat=True)) == sorted(QUEUED)
    for path in QUEUED:
        import_string(path)
    # New rows continue the moved tables' sequences.
    slot = MeetingSlot.objects.create(
        event=meeting.event,
        start=meeting.event.end + dt.timedelta(hours=1),
        end=meeting.event.end + dt.timedelta(hours=2),
    )
    assert slot.pk > max(dict(row)["id"] for row in before["b2b_meetingslot"])
