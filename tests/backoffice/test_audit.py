"""Every change of an organisation, event, region and cooperation leaves a trace."""

import re

import pytest
from django.apps import apps

from tests import factories
from tests.helpers import admin_change_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(db):
    region = factories.make_region(name="Münsterland", slug="muensterland")
    return factories.make_organisation(
        name="Beispiel Medizintechnik GmbH", city="Münster", region=region
    )


def change_organisation(client, organisation, **changes):
    url = f"/admin/members/organisation/{organisation.pk}/change/"
    data = admin_change_data(client, url, **changes)
    response = client.post(f"/admin/members/organisation/{organisation.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def test_changing_an_organisation_records_who_when_and_the_old_and_new_values(
    admin_client, admin_user, organisation
):
    change_organisation(admin_client, organisation, city="Bielefeld")

    latest = organisation.history.latest()
    assert latest.history_user == admin_user
    assert latest.history_type == "~"
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes if c.field == "city"] == [
        ("city", "Münster", "Bielefeld")
    ]


def test_history_page_of_an_organisation_shows_user_and_old_and_new_value(
    admin_client, admin_user, organisation
):
    change_organisation(admin_client, organisation, city="Bielefeld")

    response = admin_client.get(f"/admin/members/organisation/{organisation.pk}/history/")

    content = response.content.decode()
    assert response.status_code == 200
    assert f'/admin/auth/user/{admin_user.pk}/change/">admin</a>' in content
    assert re.search(
        r"<strong>Ort:</strong>\s*Münster\s*&nbsp;&rarr;&nbsp;&nbsp;Bielefeld", content
    )


def test_an_unchanged_save_still_shows_who_saved_it(admin_client, admin_user, organisation):
    change_organisation(admin_client, organisation)
    assert organisation.history.count() == 2
    assert organisation.history.latest().history_user == admin_user


def test_deleting_an_organisation_keeps_its_last_values_in_the_history(organisation):
    pk = organisation.pk
    organisation.delete()
    from members.models import Organisation

    last = Organisation.history.filter(id=pk).latest()
    assert last.history_type == "-"
    assert last.city == "Münster"


def test_changes_of_events_regions_and_cooperations_are_recorded(admin_client):
    region = factories.make_region(name="Saarland", slug="saarland")
    event = factories.make_event(title="Gesundheitstag", region=region)
    cooperation = factories.make_cooperation(title="Grenzüberschreitender Austausch")

    event.title = "Gesundheitstag Saar"
    event.save()
    region.summary = "Gesundheitswirtschaft an der Saar"
    region.save()
    cooperation.delete()

    assert [h.history_type for h in event.history.all()] == ["~", "+"]
    assert region.history.latest().summary == "Gesundheitswirtschaft an der Saar"
    assert type(cooperation).history.latest().history_type == "-"


def test_cooperation_history_page_is_reachable_from_the_admin(admin_client):
    cooperation = factories.make_cooperation(title="EFRE-Projekt")
    response = admin_client.get(f"/admin/cooperations/cooperation/{cooperation.pk}/history/")
    assert response.status_code == 200
    assert "EFRE-Projekt" in response.content.decode()


def test_changing_the_sectors_of_an_organisation_shows_old_and_new_sectors(
    admin_client, organisation
):
    care = factories.make_sector(name="Pflege")
    medtech = factories.make_sector(name="Medizintechnik")
    organisation.sectors.add(care)

    change_organisation(admin_client, organisation, sectors=[medtech.pk])

    latest = organisation.history.latest()
    assert latest.history_type == "~"
    assert [row.sector.name for row in latest.sectors.all()] == ["Medizintechnik"]
    assert ["Pflege"] in [
        [row.sector.name for row in h.sectors.all()] for h in organisation.history.all()
    ]
    content = admin_client.get(
        f"/admin/members/organisation/{organisation.pk}/history/"
    ).content.decode()
    assert re.search(
        r"<strong>Branchen:</strong>\s*\[\]\s*&nbsp;&rarr;&nbsp;&nbsp;\[Medizintechnik\]", content
    )


def test_history_models_read_their_own_tables():
    """No column of a historical model points at its model's table (a field copied after the
    original had compiled its column once, while the apps loaded)."""
    for model in apps.get_models():
        if not model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            column = field.get_col(model._meta.db_table)
            assert column.alias == model._meta.db_table, f"{model.__name__}.{field.name}"
