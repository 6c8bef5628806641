"""One export per admin: what the list's filters show, as CSV and Excel, in the manager's regions,
with formula cells neutralised (organisations, registrations, co-exhibitors, partnering posts)."""

import csv
import io

import openpyxl
import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Registration
from members.models import Organisation
from partnering.models import Post
from stands.models import CoExhibitorApplication
from tests import factories
from tests.factories import make_staff

from .decision_cases import co_exhibitor_to_decide, post_to_decide, registration_to_decide

pytestmark = pytest.mark.django_db

CSV, EXCEL = "0", "1"
ORGANISATION_LISTED = "Organisation darf öffentlich genannt werden"
FORMULA = '=HYPERLINK("http://evil.example","klick")'


def export(client, url, file_format=EXCEL, query=""):
    """Press the list's "Export" button: the page offers every column, all ticked."""
    page = client.get(f"{url}export/{query}")
    assert page.status_code == 200
    form = page.context["form"]
    data = {"format": file_format, "resource": "0"}
    data.update(
        {
            name: "on"
            for name, field in form.fields.items()
            if getattr(field, "is_selectable_field", False)
        }
    )
    response = client.post(f"{url}export/{query}", data)
    assert response.status_code == 200, response.content[:500]
    return response


def rows(response) -> list[list]:
    """The export as rows of cell values, whichever format it came in."""
    if response["Content-Type"].startswith("text/csv"):
        text = response.content.decode("utf-8-sig")
        return [row for row in csv.reader(io.StringIO(text))]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def column(table, header):
    index = table[0].index(header)
    return [row[index] for row in table[1:]]


# Organisations ------------------------------------------------------------------------------

ORGANISATIONS = "/admin/members/organisation/"


@pytest.fixture
def organisations(muensterland, saarland):
    factories.make_organisation(name=FORMULA, region=muensterland, street="=1+1")
    factories.make_organisation(name="Münster Medtech GmbH", region=muensterland)
    factories.make_organisation(
        name="Bewerber GmbH",
        region=muensterland,
        status=Organisation.Status.APPLICANT,
        joined_on=None,
    )
    factories.make_organisation(name="Saar Pharma AG", region=saarland)


@pytest.mark.parametrize("file_format", [CSV, EXCEL])
def test_organisations_export_what_the_filter_shows_with_formulas_neutralised(
    admin_client, organisations, file_format
):
    table = rows(export(admin_client, ORGANISATIONS, file_format, "?status__exact=member"))

    assert table[0][:4] == ["slug", "name", "legal_form", "kind"]
    assert sorted(column(table, "name")) == [
        "'" + FORMULA,
        "Münster Medtech GmbH",
        "Saar Pharma AG",
    ]
    assert "'=1+1" in column(table, "street")


def test_a_regional_manager_exports_only_their_regions_organisations(
    client, regional_manager, organisations
):
    client.force_login(regional_manager)
    table = rows(export(client, ORGANISATIONS))
    assert sorted(column(table, "name")) == ["'" + FORMULA, "Bewerber GmbH", "Münster Medtech GmbH"]


def test_organisations_have_one_export_only(admin_client):
    model_admin = admin.site._registry[Organisation]
    names = set(model_admin.get_actions(admin_client.get(ORGANISATIONS).wsgi_request))
    assert "export_csv" not in names
    assert "export_admin_action" in names


def test_organisation_export_runs_a_constant_number_of_queries(admin_client, muensterland):
    sector, field = factories.make_sector(), factories.make_innovation_field()

    def queries(count):
        for _number in range(count):
            organisation = factories.make_organisation(region=muensterland)
            organisation.sectors.add(sector)
            organisation.innovation_fields.add(field)
        with CaptureQueriesContext(connection) as context:
            table = rows(export(admin_client, ORGANISATIONS, CSV))
        assert len(table) == Organisation.objects.count() + 1
        return len(context.captured_queries)

    assert queries(5) == queries(60)


def test_an_exported_organisation_file_imports_again_unchanged(admin_client, organisations):
    from backoffice.resources import OrganisationResource

    exported = OrganisationResource().export(Organisation.objects.order_by("pk"))
    result = OrganisationResource().import_data(exported, dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert {row.import_type for row in result.rows} == {"skip"}


# Registrations, co-exhibitors, posts: exports for reading -----------------------------------


@pytest.fixture
def registrations(muensterland, saarland):
    confirmed = registration_to_decide(muensterland, Registration.Status.CONFIRMED)
    confirmed.name = FORMULA
    confirmed.save()
    registration_to_decide(muensterland, Registration.Status.WAITING_LIST)
    registration_to_decide(saarland, Registration.Status.CONFIRMED)


@pytest.mark.parametrize("file_format", [CSV, EXCEL])
def test_registrations_export_what_the_filter_shows_in_german(
    admin_client, registrations, file_format
):
    table = rows(
        export(admin_client, "/admin/events/registration/", file_format, "?status__exact=confirmed")
    )

    assert table[0][:4] == ["Veranstaltung", "Beginn", "Name", "E-Mail"]
    assert column(table, "Status") == ["Bestätigt", "Bestätigt"]
    assert "'" + FORMULA in column(table, "Name")
    assert set(column(table, ORGANISATION_LISTED)) <= {"ja", "nein"}


def test_registrations_export_keeps_dates_as_dates_in_excel(admin_client, registrations):
    table = rows(export(admin_client, "/admin/events/registration/", EXCEL))
    assert all(hasattr(value, "year") for value in column(table, "Beginn"))


def test_a_regional_manager_exports_only_their_regions_registrations(
    client, regional_manager, registrations
):
    client.force_login(regional_manager)
    table = rows(export(client, "/admin/events/registration/"))
    assert len(table) == 3  # the header and the two of Münsterland


def test_co_exhibitor_applications_export_filtered_and_scoped(client, muensterland, saarland):
    applied = co_exhibitor_to_decide(muensterland)
    applied.products = FORMULA
    applied.save()
    co_exhibitor_to_decide(muensterland, CoExhibitorApplication.Status.DECLINED)
    co_exhibitor_to_decide(saarland)
    manager = make_staff("stands", "Regionalmanagement", [muensterland])
    client.force_login(manager)

    table = rows(
        export(client, "/admin/stands/coexhibitorapplication/", EXCEL, "?status__exact=applied")
    )

    assert table[0][:3] == ["Gemeinschaftsstand", "Veranstaltung", "Organisation"]
    assert column(table, "Status") == ["Beworben"]
    assert column(table, "Gezeigte Produkte und Leistungen") == ["'" + FORMULA]


def test_partnering_posts_export_filtered_and_scoped(client, muensterland, saarland):
    submitted = post_to_decide(muensterland)
    submitted.title = FORMULA
    submitted.save()
    post_to_decide(muensterland, Post.Status.PUBLISHED)
    post_to_decide(saarland)
    manager = make_staff("posts", "Regionalmanagement", [muensterland])
    manager.user_permissions.add(Permission.objects.get(codename="view_post"))
    client.force_login(manager)

    table = rows(export(client, "/admin/partnering/post/", CSV, "?status__exact=submitted"))

    assert column(table, "Titel") == ["'" + FORMULA]
    assert "poster@example.org" not in str(table)


def test_selected_rows_export_through_the_action(admin_client, registrations):
    chosen = Registration.objects.filter(status=Registration.Status.WAITING_LIST).get()
    page = admin_client.post(
        "/admin/events/registration/",
        {"action": "export_admin_action", "_selected_action": [chosen.pk]},
    )
    assert page.status_code == 200
    assert "export_items" in page.context["form"].fields


def test_selected_rows_of_another_region_are_not_exported(client, regional_manager, registrations):
    own = Registration.objects.filter(event__region__slug="muensterland").first()
    foreign = Registration.objects.exclude(event__region__slug="muensterland").get()
    client.force_login(regional_manager)
    form = client.get("/admin/events/registration/export/").context["form"]
    columns = {name: "on" for name, field in form.fields.items() if name.startswith("regis")}

    response = client.post(
        "/admin/events/registration/export/",
        {"format": CSV, "resource": "0", "export_items": [own.pk, foreign.pk], **columns},
    )

    assert column(rows(response), "E-Mail") == [own.email]
