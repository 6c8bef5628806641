"""Cluster managers import organisations from CSV/Excel with a preview, and export lists."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from members.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db

ORGANISATIONS = "/admin/members/organisation/"
HEADER = "name,slug,kind,status,region,city,sectors,innovation_fields,joined_on\n"


@pytest.fixture
def taxonomy(db):
    factories.make_region(name="Münsterland", slug="muensterland")
    factories.make_region(name="Saarland", slug="saarland")
    factories.make_sector(name="Medizintechnik")
    factories.make_sector(name="Pflege")
    factories.make_innovation_field(name="Telemedizin")


def upload(client, text: str, name="organisations.csv"):
    """The first step: the file is read and checked, nothing is written (dry run)."""
    data = text.encode("utf-8")
    return client.post(
        f"{ORGANISATIONS}import/",
        {"format": "0", "import_file": SimpleUploadedFile(name, data, "text/csv")},
    )


def confirm(client, preview):
    form = preview.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields}
    return client.post(f"{ORGANISATIONS}process_import/", data)


GOOD_ROWS = HEADER + (
    "Neue Klinik Münster,,clinic,member,muensterland,Münster,Pflege,Telemedizin,2024-03-01\n"
    "Saar Medtech GmbH,saar-medtech,medtech,applicant,saarland,Saarbrücken,"
    "Medizintechnik; Pflege,,\n"
)


def test_preview_shows_row_by_row_what_would_be_created_and_writes_nothing(admin_client, taxonomy):
    response = upload(admin_client, GOOD_ROWS)

    assert response.status_code == 200
    result = response.context["result"]
    assert [row.import_type for row in result.rows] == ["new", "new"]
    assert "confirm_form" in response.context
    assert not Organisation.objects.exists()


def test_confirmed_import_creates_the_organisations_with_region_sectors_and_fields(
    admin_client, taxonomy
):
    confirm(admin_client, upload(admin_client, GOOD_ROWS))

    clinic = Organisation.objects.get(slug="neue-klinik-munster")
    assert (clinic.name, clinic.region.slug, clinic.city) == (
        "Neue Klinik Münster",
        "muensterland",
        "Münster",
    )
    assert [s.name for s in clinic.sectors.all()] == ["Pflege"]
    assert [f.name for f in clinic.innovation_fields.all()] == ["Telemedizin"]
    medtech = Organisation.objects.get(slug="saar-medtech")
    assert sorted(s.name for s in medtech.sectors.all()) == ["Medizintechnik", "Pflege"]


def test_import_updates_existing_organisations_by_slug_or_by_name(admin_client, taxonomy):
    by_slug = factories.make_organisation(name="Alter Name GmbH", slug="alter-name", city="Köln")
    by_name = factories.make_organisation(name="Reha Zentrum Ost", slug="reha-ost", city="Essen")
    text = HEADER + (
        "Neuer Name GmbH,alter-name,medtech,member,saarland,Saarlouis,,,2020-01-01\n"
        "reha zentrum ost,,clinic,member,muensterland,Ahaus,,,2020-01-01\n"
    )

    preview = upload(admin_client, text)
    assert [row.import_type for row in preview.context["result"].rows] == ["update", "update"]
    confirm(admin_client, preview)

    by_slug.refresh_from_db()
    by_name.refresh_from_db()
    assert (by_slug.name, by_slug.city, by_slug.region.slug) == (
        "Neuer Name GmbH",
        "Saarlouis",
        "saarland",
    )
    assert (by_name.slug, by_name.city) == ("reha-ost", "Ahaus")
    assert Organisation.objects.count() == 2


BAD_ROWS = HEADER + (
    "Gute Firma GmbH,,medtech,member,muensterland,Münster,,,2020-01-01\n"
    "Falsche Region AG,,medtech,member,atlantis,Münster,,,2020-01-01\n"
    "Falsche Art AG,,spaceship,member,saarland,Saarbrücken,,,2020-01-01\n"
    "Falscher Sektor AG,,medtech,member,saarland,Saarbrücken,Raumfahrt,,2020-01-01\n"
)


def test_a_file_with_wrong_rows_writes_nothing_and_names_each_row_and_reason(
    admin_client, taxonomy
):
    response = upload(admin_client, BAD_ROWS)

    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_validation_errors()
    invalid = {row.number: row.error_dict for row in result.invalid_rows}
    assert set(invalid) == {2, 3, 4}
    assert "atlantis" in str(invalid[2]["region"])
    assert "kind" in invalid[3]
    assert "Raumfahrt" in str(invalid[4]["sectors"])
    content = response.content.decode()
    assert "atlantis" in content and "Raumfahrt" in content
    # No confirmation is offered while any row is wrong, and nothing was written.
    assert "confirm_form" not in response.context
    assert "process_import" not in content
    assert not Organisation.objects.exists()


def test_forcing_the_confirmation_of_a_wrong_file_still_writes_nothing(admin_client, taxonomy):
    good = upload(admin_client, GOOD_ROWS)
    form = good.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields}
    # The same stored file name, but the stored file swapped for one with a wrong row.
    from import_export.tmp_storages import TempFolderStorage

    storage = TempFolderStorage(name=data["import_file_name"], encoding="utf-8-sig")
    storage.save(BAD_ROWS)

    admin_client.post(f"{ORGANISATIONS}process_import/", data)

    assert not Organisation.objects.exists()


def test_an_unreadable_file_gets_a_clear_message(admin_client):
    response = admin_client.post(
        f"{ORGANISATIONS}import/",
        {
            "format": "1",
            "import_file": SimpleUploadedFile("list.xlsx", b"not a spreadsheet", "text/plain"),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Organisation.objects.exists()


def test_import_reads_an_excel_file(admin_client, taxonomy):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["name", "kind", "status", "region", "joined_on"])
    sheet.append(["Excel Klinik", "clinic", "member", "saarland", "2021-05-05"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    preview = admin_client.post(
        f"{ORGANISATIONS}import/",
        {"format": "1", "import_file": SimpleUploadedFile("list.xlsx", buffer.getvalue())},
    )
    confirm(admin_client, preview)

    assert Organisation.objects.get(slug="excel-klinik").region.slug == "saarland"


# Export ---------------------------------------------------------------------------------------


@pytest.fixture
def listed_organisations(taxonomy):
    factories.make_organisation(name="Mitglied GmbH", status="member")
    factories.make_organisation(name="Bewerber AG", status="applicant", joined_on=None)
    factories.make_organisation(name="=HYPERLINK(evil)", slug="formula", status="member")


def export(client, query: str, file_format: str):
    return client.post(
        f"{ORGANISATIONS}export/?{query}",
        {
            "format": file_format,
            "organisationresource_name": "on",
            "organisationresource_status": "on",
        },
    )


def test_csv_export_holds_only_the_filtered_organisations(admin_client, listed_organisations):
    response = export(admin_client, "status__exact=applicant", "0")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = response.content.decode("utf-8-sig")
    assert "Bewerber AG" in content
    assert "Mitglied GmbH" not in content


def test_excel_export_holds_only_the_filtered_organisations(admin_client, listed_organisations):
    response = export(admin_client, "status__exact=member", "1")

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "Mitglied GmbH" in names
    assert "Bewerber AG" not in names


def test_export_cells_that_look_like_formulas_are_neutralised(admin_client, listed_organisations):
    csv_text = export(admin_client, "q=HYPERLINK", "0").content.decode("utf-8-sig")
    sheet = openpyxl.load_workbook(io.BytesIO(export(admin_client, "q=HYPERLINK", "1").content))

    assert "'=HYPERLINK(evil)" in csv_text
    assert sheet.active.cell(row=2, column=1).value == "'=HYPERLINK(evil)"


def test_export_of_selected_rows_from_the_action(admin_client, listed_organisations):
    chosen = Organisation.objects.get(name="Bewerber AG")
    form_page = admin_client.post(
        ORGANISATIONS, {"action": "export_admin_action", "_selected_action": [chosen.pk]}
    )
    assert form_page.status_code == 200
    response = admin_client.post(
        f"{ORGANISATIONS}export/",
        {"format": "0", "organisationresource_name": "on", "export_items": [chosen.pk]},
    )
    content = response.content.decode("utf-8-sig")
    assert "Bewerber AG" in content
    assert "Mitglied GmbH" not in content
