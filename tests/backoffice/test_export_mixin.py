"""ExportAdminMixin: any admin exports its filtered list; the regional scope applies."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission

from cooperations.models import CooperationPartner
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.backoffice.export_site")]


@pytest.fixture
def events(muensterland, saarland):
    factories.make_event(title="Workshop Münster", kind="workshop", region=muensterland)
    factories.make_event(title="Kongress Münster", kind="congress", region=muensterland)
    factories.make_event(title="Workshop Saar", kind="workshop", region=saarland)


def exported_titles(response):
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    column = header.index("title")
    return {row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_event_export_as_excel_follows_the_filter(admin_client, events):
    response = admin_client.post(
        "/export-admin/events/event/export/?kind__exact=workshop",
        {"format": "1", "eventresource_title": "on", "eventresource_city": "on"},
    )
    assert response.status_code == 200
    assert exported_titles(response) == {"Workshop Münster", "Workshop Saar"}


def test_regional_managers_event_export_holds_only_their_events(client, events, regional_manager):
    regional_manager.user_permissions.add(Permission.objects.get(codename="view_event"))
    client.force_login(regional_manager)
    response = client.post(
        "/export-admin/events/event/export/", {"format": "1", "eventresource_title": "on"}
    )
    assert exported_titles(response) == {"Workshop Münster", "Kongress Münster"}


def test_scope_through_a_path_limits_partner_roles_to_the_managers_organisations(
    client, regional_manager, muensterland, saarland
):
    cooperation = factories.make_cooperation(title="Grenzregion")
    for name, region in [("Münster GmbH", muensterland), ("Saar GmbH", saarland)]:
        CooperationPartner.objects.create(
            cooperation=cooperation,
            organisation=factories.make_organisation(name=name, region=region),
            role=CooperationPartner.Role.HOST,
        )
    regional_manager.user_permissions.add(
        Permission.objects.get(codename="view_cooperationpartner")
    )
    client.force_login(regional_manager)

    response = client.get("/export-admin/cooperations/cooperationpartner/")
    foreign = CooperationPartner.objects.get(organisation__name="Saar GmbH")

    assert {str(p.organisation) for p in response.context["cl"].result_list} == {"Münster GmbH"}
    detail = client.get(f"/export-admin/cooperations/cooperationpartner/{foreign.pk}/change/")
    assert detail.status_code == 404
