"""The joint stands left the app `events` for `stands` (stands/migrations/0001) and keep every row:
the stands and applications with their renamed tables, their content types (and so the
permissions granted to groups and users, and the admin log), their audit history in
backoffice, the one-time links of their purpose, and the tasks queued before the move.

The demo data (plus what the demo has none of) is written with today's code, taken back to the
schema before the move by the migrations' reverse, checked there against the models as they
were, and migrated forward again; then every table must hold what it held.
"""

from io import StringIO

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from backoffice.roles import REGIONAL_MANAGEMENT
from members.access import access_from_token, access_link_url
from members.models import AccessLink
from stands import services
from stands.apps import STAND_ACCESS_PURPOSE
from stands.models import CoExhibitorApplication, JointStand
from tests.factories import make_trade_fair
from tests.migrating import leaf_nodes, moved, queue, rows, shared, snapshot, tables

# The schema before the move: events and backoffice at their last migrations before it.
BEFORE = [
    ("events", "0009_picture"),
    ("backoffice", "0010_region_contacts_moved"),
    ("stands", None),
]
TABLES = {
    "stands_jointstand": "events_jointstand",
    "stands_coexhibitorapplication": "events_coexhibitorapplication",
}
MODELS = {"jointstand", "coexhibitorapplication"}
HISTORY_TABLES = {"backoffice_historicaljointstand", "backoffice_historicalcoexhibitorapplication"}
# Tasks a worker may find queued when the new code starts: a mail of the stands, the periodic
# jobs of the apps the stands left. None names a moved module, so each keeps its path.
QUEUED = [
    "core.mail.deliver_email",
    "events.tasks.process_registration_deadlines",
    "events.tasks.send_event_reminders",
]


def portal_data():
    """The demo data, a decision with its history, and the grants, log entries and links the
    demo has none of."""
    call_command("load_demo", "--no-admin", stdout=StringIO())
    user_model = get_user_model()
    admin = user_model.objects.create_superuser("chefin", "chefin@example.org", "x")
    application = CoExhibitorApplication.objects.filter(status="applied").order_by("pk").first()
    services.stand_accept(application=application, by=admin)
    team = Group.objects.create(name="Messeteam")
    team.permissions.add(
        *Permission.objects.filter(content_type__app_label="stands", content_type__model__in=MODELS)
    )
    clerk = user_model.objects.create_user("messe", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="change_coexhibitorapplication"))
    stand = application.stand
    LogEntry.objects.log_actions(admin.pk, [stand], CHANGE, change_message="Halle geprüft")
    LogEntry.objects.log_actions(admin.pk, [application], CHANGE, change_message="Zugesagt")
    link = AccessLink.objects.create(
        organisation=application.organisation,
        email=application.contact_email,
        purpose=STAND_ACCESS_PURPOSE,
    )
    return {"stand": stand, "application": application, "link": link, "admin": admin}


def test_the_stands_keep_every_row_content_type_grant_and_history_row(migrator, client):
    data = portal_data()
    before = snapshot()
    for table in [*TABLES, *HISTORY_TABLES]:
        assert before[table], table
    assert len(before["stands_jointstand"]) == 10
    assert any(
        dict(row)["history_type"] == "~"
        for row in before["backoffice_historicalcoexhibitorapplication"]
    )
    regional = Group.objects.get(name=REGIONAL_MANAGEMENT)
    assert regional.permissions.filter(content_type__app_label="stands").count() == 6

    old = migrator(BEFORE)

    # Before the move: the same rows on the old tables, the content types under events.
    assert tables() >= set(TABLES.values()) and not set(TABLES) & tables()
    now, expected = shared(snapshot(), moved(before, TABLES, MODELS, "stands", "events"))
    assert now == expected
    assert not old.is_installed("stands")
    old_stand = old.get_model("events", "JointStand").objects.get(pk=data["stand"].pk)
    assert old_stand.title_de == data["stand"].title_de
    assert [row["id"] for row in rows(old, "events", "CoExhibitorApplication")] == [
        dict(row)["id"] for row in sorted(before["stands_coexhibitorapplication"])
    ]
    historical = old.get_model("backoffice", "HistoricalCoExhibitorApplication")
    assert historical._meta.get_field("stand").related_model._meta.label == "events.JointStand"
    # Tasks queued by the code of that time, waiting for their worker.
    for path in QUEUED:
        queue(path)
    at_the_old_state = snapshot()

    new = migrator(leaf_nodes())

    # After the move: every table holds what it held, the stands' under their new names.
    assert tables() >= set(TABLES) and not set(TABLES.values()) & tables()
    now, expected = shared(
        snapshot(),
        moved(at_the_old_state, {v: k for k, v in TABLES.items()}, MODELS, "events", "stands"),
    )
    assert now == expected
    assert not [m for m in new.get_models() if m._meta.label == "events.JointStand"]
    historical = new.get_model("backoffice", "HistoricalCoExhibitorApplication")
    assert historical._meta.get_field("stand").related_model._meta.label == "stands.JointStand"
    assert not ContentType.objects.filter(app_label="events", model__in=MODELS).exists()

    # Today's code serves them: grants, log, history, the mailed link, the queued tasks.
    stand, application = data["stand"], data["application"]
    clerk = get_user_model().objects.get(username="messe")
    assert clerk.has_perm("stands.change_coexhibitorapplication")
    assert Group.objects.get(name="Messeteam").permissions.count() == 8
    regional = Group.objects.get(name=REGIONAL_MANAGEMENT)
    assert regional.permissions.filter(content_type__app_label="stands").count() == 6
    edited = {entry.get_edited_object() for entry in LogEntry.objects.all()}
    assert edited == {stand, application}
    history = CoExhibitorApplication.objects.get(pk=application.pk).history.order_by("history_id")
    assert [h.history_type for h in history] == ["+", "~"]
    assert (history.last().status, history.last().decided_by) == ("accepted", data["admin"])
    assert history.last().stand == stand
    token = access_link_url(data["link"]).split("/")[-2]
    assert access_from_token(token, STAND_ACCESS_PURPOSE) == data["link"]
    assert client.get(access_link_url(data["link"])).status_code == 200
    assert sorted(DBTaskResult.objects.values_list("task_path", flat=True)) == sorted(QUEUED)
    for path in QUEUED:
        import_string(path)
    # New rows continue the moved tables' sequences, and their history is kept.
    newcomer = JointStand.objects.create(event=make_trade_fair(), title="Neuer Stand", places=2)
    assert newcomer.pk > max(dict(row)["id"] for row in before["stands_jointstand"])
    assert newcomer.history.count() == 1
