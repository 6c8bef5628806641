"""The models that left the app `cluster_portal` keep their data: the legal pages and barrier
reports (now `legal`), the erasure records, content versions, rate-limit counters and the search
lexicon (now `core`), with their content types, the permissions granted on them, admin log
entries, the consents that point at a privacy notice, and queued tasks of the moved modules.

The demo data (plus the rows the demo has none of) is written with today's code, taken back to
the schema before the move by the migrations' reverse, checked there against the models as they
were, and migrated forward again; then every row must be as it was.
"""

import datetime as dt
import uuid
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core import privacy
from core.models import ContentVersion, ErasureRecord, RateLimitCounter, SearchWord
from events.models import Registration
from legal.models import BarrierReport, LegalPage
from members.models import MembershipApplication
from tests.migrating import leaf_nodes, rows, tables

# The schema before the move: the old app at its last migration, the new apps not there.
BEFORE = [
    ("cluster_portal", "0006_search_lexicon"),
    ("core", None),
    ("legal", None),
    ("backoffice", "0007_history_of_partnering_posts"),
    ("events", "0007_event_date_unknown"),
    ("members", "0008_admin_search_indexes"),
    ("partnering", "0003_post_digest_unsubscribed_at"),
]
MOVED = {
    "legal": [LegalPage, BarrierReport],
    "core": [ContentVersion, ErasureRecord, RateLimitCounter, SearchWord],
}
OLD_TABLES = {
    "cluster_portal_legalpage",
    "cluster_portal_barrierreport",
    "cluster_portal_contentversion",
    "cluster_portal_erasurerecord",
    "cluster_portal_ratelimitcounter",
    "cluster_portal_searchword",
}
NEW_TABLES = {model._meta.db_table for models in MOVED.values() for model in models}


@pytest.fixture
def portal_data(transactional_db):
    """The demo data, and a row of each moved kind the demo does not have."""
    call_command("load_demo", "--no-admin", stdout=StringIO())
    user_model = get_user_model()
    admin = user_model.objects.create_superuser("chefin", "chefin@example.org", "x")
    privacy_notice = LegalPage.objects.current(LegalPage.Kind.PRIVACY)
    BarrierReport.objects.create(
        page_url="/mitglieder/",
        description="Der Kontrast der Filter ist zu schwach.",
        name="Erika Mustermann",
        email="erika@example.org",
        privacy_notice=privacy_notice,
        consented_at=timezone.now(),
    )
    BarrierReport.objects.create(page_url="/veranstaltungen/", description="Ohne Tastatur.")
    privacy.erase(email="niemand@example.org", by=admin)
    RateLimitCounter.objects.create(
        key=uuid.uuid4(),
        scope="barrier-report",
        hits=3,
        window_ends=timezone.now() + dt.timedelta(hours=1),
    )
    officer = user_model.objects.create_user("datenschutz")
    officer.user_permissions.add(Permission.objects.get(codename="manage_personal_data"))
    editors = Group.objects.create(name="Redaktion Rechtstexte")
    editors.permissions.add(*Permission.objects.filter(content_type__app_label="legal"))
    imprint = LegalPage.objects.current(LegalPage.Kind.IMPRINT)
    LogEntry.objects.log_actions(admin.pk, [imprint], CHANGE, change_message="Text geprüft")
    return {"privacy_notice": privacy_notice, "imprint": imprint}


# Taking the schema back also takes back later migrations that depend on it; regions 0007 moves
# each region's contacts, and its writes publish a new content token for `regions`, as every
# write does (core/fragments.py). That token is meant to change; every other row is not.
REPUBLISHED_ON_THE_WAY = {"regions"}


def kept_rows(label: str, table_rows: list) -> list:
    """The rows without the content tokens the round trip rightly renews."""
    if label != "core.ContentVersion":
        return table_rows
    return [
        row
        for row in table_rows
        if row.get("topic", row.get("app_label")) not in REPUBLISHED_ON_THE_WAY
    ]


def kept(state: dict) -> dict:
    return {**state, "rows": {label: kept_rows(label, r) for label, r in state["rows"].items()}}


def state_of_the_portal() -> dict:
    """Everything the move must keep, read with today's models."""
    moved_types = {
        (content_type.app_label, content_type.model): content_type.pk
        for content_type in ContentType.objects.filter(app_label__in=MOVED)
    }
    return {
        "rows": {
            model._meta.label: rows(django_apps, model._meta.app_label, model.__name__)
            for models in MOVED.values()
            for model in models
        },
        "content_types": moved_types,
        "permissions": sorted(
            Permission.objects.filter(content_type__app_label__in=MOVED).values_list(
                "pk", "codename", "content_type_id"
            )
        ),
        "granted": sorted(
            get_user_model()
            .user_permissions.through.objects.filter(permission__content_type__app_label="core")
            .values_list("user_id", "permission_id")
        ),
        "group_permissions": sorted(
            Group.permissions.through.objects.filter(
                permission__content_type__app_label="legal"
            ).values_list("group_id", "permission_id")
        ),
        "log": list(LogEntry.objects.values_list("pk", "content_type_id", "object_id")),
        "consents": sorted(
            Registration.objects.filter(privacy_notice__isnull=False).values_list(
                "pk", "privacy_notice_id"
            )
        ),
        "application_consents": sorted(
            MembershipApplication.objects.values_list("pk", "privacy_notice_id")
        ),
    }


def test_moved_models_keep_every_row_permission_and_consent(migrator, portal_data):
    before = state_of_the_portal()
    assert len(before["rows"]["legal.LegalPage"]) == 4
    assert len(before["rows"]["legal.BarrierReport"]) == 2
    assert len(before["rows"]["core.SearchWord"]) > 500
    assert before["content_types"].keys() == {
        ("legal", "legalpage"),
        ("legal", "barrierreport"),
        ("core", "contentversion"),
        ("core", "erasurerecord"),
        ("core", "ratelimitcounter"),
        ("core", "searchword"),
    }
    assert before["consents"] and before["granted"] and before["log"]
    assert all(before["rows"].values())

    old = migrator(BEFORE)

    # The schema and the data as they were before the move, under the old app.
    assert tables() >= OLD_TABLES and not NEW_TABLES & tables()
    # core's migration 0002 renamed the content versions' key from app_label to topic.
    renamed = {"core.ContentVersion": {"topic": "app_label"}}
    for label, moved_rows in before["rows"].items():
        model_name = label.split(".")[1]
        columns = renamed.get(label, {})
        as_stored = [{columns.get(k, k): v for k, v in row.items()} for row in moved_rows]
        assert rows(old, "cluster_portal", model_name) == as_stored, label
    assert set(
        ContentType.objects.filter(pk__in=before["content_types"].values()).values_list(
            "app_label", flat=True
        )
    ) == {"cluster_portal"}
    assert not old.is_installed("legal")
    old_page = old.get_model("cluster_portal", "LegalPage")
    notice = portal_data["privacy_notice"]
    assert old_page.objects.get(pk=notice.pk).version == notice.version
    # A mail queued by the code of that time, waiting for its worker.
    queued = DBTaskResult.objects.create(
        task_path="cluster_portal.mail.deliver_email",
        args_kwargs={"args": [], "kwargs": {"message": {}, "attempt": 1}},
        queue_name="mail",
        backend_name="default",
        run_after=timezone.now(),
        status="READY",
        exception_class_path="",
        traceback="",
    )

    new = migrator(leaf_nodes())

    assert tables() >= NEW_TABLES and not OLD_TABLES & tables()
    assert kept(state_of_the_portal()) == kept(before)
    for label, moved_rows in kept(before)["rows"].items():
        app_label, model_name = label.split(".")
        assert kept_rows(label, rows(new, app_label, model_name)) == moved_rows, label
    assert not [m for m in new.get_models() if m._meta.app_label == "cluster_portal"]
    registration_model = new.get_model("events", "Registration")
    privacy_notice_field = registration_model._meta.get_field("privacy_notice")
    assert privacy_notice_field.related_model._meta.label == "legal.LegalPage"
    # The rows are served by today's code, consents included.
    assert LegalPage.objects.current(LegalPage.Kind.PRIVACY) == notice
    assert Registration.objects.filter(privacy_notice=notice).count() == len(before["consents"])
    assert privacy.collect("erika@example.org")["barrier_reports"][0]["name"] == (
        "Erika Mustermann"
    )
    officer = get_user_model().objects.get(username="datenschutz")
    assert officer.has_perm("core.manage_personal_data")
    assert LogEntry.objects.get().get_edited_object() == portal_data["imprint"]
    queued.refresh_from_db()
    assert queued.task_path == "core.mail.deliver_email"
    # New rows continue the moved tables' sequences.
    page = LegalPage.objects.create(kind=LegalPage.Kind.IMPRINT, version=9, title="T", body="B")
    assert page.pk > max(row["id"] for row in before["rows"]["legal.LegalPage"])
