"""The report page: figures of one year and region, counted by hand here, as charts with
their tables and as an Excel workbook."""

import datetime as dt
import io
import xml.etree.ElementTree as ET  # noqa: S405 - parses the portal's own output

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from openpyxl import load_workbook

from backoffice.reports.figures import build_report, name_key
from events.models import Registration
from members.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db
YEAR = 2025
Kind = Organisation.Kind
Status = Registration.Status
SVG = "{http://www.w3.org/2000/svg}"


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def network(muensterland, saarland):
    """A small network whose figures for 2025 are counted by hand in the tests below."""
    member = factories.make_organisation
    a = member(
        name="LZG.NRW Landeszentrum",
        kind=Kind.MEDICAL_TECHNOLOGY,
        region=muensterland,
        joined_on=dt.date(2020, 3, 1),
        employee_band="10-49",
    )
    member(
        name="Klinikum Münster",
        kind=Kind.CLINIC,
        region=muensterland,
        joined_on=dt.date(YEAR, 5, 10),
        employee_band="1000+",
    )
    c = member(
        name="saar.is e. V.",
        kind=Kind.MEDICAL_TECHNOLOGY,
        region=saarland,
        joined_on=dt.date(YEAR, 5, 20),
    )
    member(name="Später dabei", kind=Kind.RESEARCH, region=saarland, joined_on=dt.date(2026, 2, 1))
    member(name="Bewerber", status="applicant", region=muensterland, joined_on=None)

    first = factories.make_event(
        title="Netzwerktreffen", region=muensterland, start=at(dt.date(YEAR, 6, 10))
    )
    second = factories.make_event(
        title="Saar-Forum", region=saarland, start=at(dt.date(YEAR, 9, 1))
    )
    factories.make_event(title="Voriges Jahr", region=muensterland, start=at(dt.date(2024, 6, 1)))
    factories.make_event(
        title="Entwurf", region=muensterland, start=at(dt.date(YEAR, 7, 1)), is_published=False
    )

    def register(event, organisation, status, created):
        registration = factories.make_registration(
            event, organisation_name=organisation, status=status
        )
        Registration.objects.filter(pk=registration.pk).update(created_at=at(created))

    register(first, "lzg nrw landeszentrum", Status.CONFIRMED, dt.date(YEAR, 6, 8))
    register(first, "Unbekannt GmbH", Status.CONFIRMED, dt.date(YEAR, 5, 20))
    register(first, "Klinikum  Münster", Status.WAITING_LIST, dt.date(YEAR, 1, 1))
    register(first, "KLINIKUM MÜNSTER", Status.CONFIRMED, dt.date(YEAR, 6, 9))
    register(second, "saar.is e.V.", Status.CONFIRMED, dt.date(YEAR, 8, 30))

    def cooperation(countries, started, ended, partner):
        made = factories.make_cooperation(countries=countries, started_on=started, ended_on=ended)
        factories.add_partner(made, partner)

    cooperation(["NL", "BE"], dt.date(2024, 1, 1), None, a)
    cooperation(["NL"], dt.date(YEAR, 3, 1), dt.date(YEAR, 12, 1), c)
    cooperation(["FR"], dt.date(2023, 1, 1), dt.date(2024, 12, 31), a)
    cooperation(["US"], dt.date(2026, 1, 1), None, a)
    return {"first": first, "second": second}


def rows(report, key) -> dict:
    figure = report.figure(key)
    return {str(row[0]): row[1:] if len(row) > 2 else row[1] for row in figure.rows}


def nonzero(report, key) -> dict:
    return {label: value for label, value in rows(report, key).items() if value}


def test_figures_of_the_whole_network_match_the_hand_count(network):
    report = build_report(YEAR, None, None)

    assert nonzero(report, "members-by-kind") == {
        "Medizintechnik / Medizinprodukteindustrie": 2,
        "Krankenhaus / Reha-Klinik": 1,
    }
    assert nonzero(report, "members-by-region") == {"Münsterland": 2, "Saarland": 1}
    assert nonzero(report, "new-members") == {"Mai": 2}
    participants = {k: v for k, v in rows(report, "participants-by-kind").items() if v[0]}
    assert participants == {
        "Medizintechnik / Medizinprodukteindustrie": [2, 2],
        "Krankenhaus / Reha-Klinik": [1, 1],
        "Kein Mitglied": [1, 1],
    }
    sme = nonzero(report, "sme-share")
    assert sme == {"10–49 Beschäftigte": 1, "1.000 Beschäftigte oder mehr": 1, "Keine Angabe": 1}
    assert "50 %" in report.figure("sme-share").description
    # Everyone who registered for the first event, by the week before its start.
    assert nonzero(report, "registrations-per-week") == {
        "letzte Woche": 3,  # 8 and 9 June, 30 August
        "4. Woche davor": 1,  # 20 May: 21 days before, in the fourth week before the event
        "13. Woche oder früher": 1,  # 1 January
    }
    by_event = report.figure("registrations-per-week-by-event")
    assert [row[-1] for row in by_event.rows] == [4, 1]
    assert nonzero(report, "cooperations-by-country") == {"Niederlande": 2, "Belgien": 1}


def test_a_regional_managers_report_covers_their_regions_only(
    regional_client, network, muensterland
):
    response = regional_client.get("/admin/reports/", {"year": YEAR})

    assert response.status_code == 200
    report = response.context["report"]
    assert nonzero(report, "members-by-region") == {"Münsterland": 2}
    assert nonzero(report, "members-by-kind") == {
        "Medizintechnik / Medizinprodukteindustrie": 1,
        "Krankenhaus / Reha-Klinik": 1,
    }
    participants = {k: v for k, v in rows(report, "participants-by-kind").items() if v[0]}
    assert participants == {
        "Medizintechnik / Medizinprodukteindustrie": [1, 1],
        "Krankenhaus / Reha-Klinik": [1, 1],
        "Kein Mitglied": [1, 1],
    }
    assert nonzero(report, "cooperations-by-country") == {"Niederlande": 1, "Belgien": 1}
    assert "Saar-Forum" not in response.text
    # Another region cannot be chosen: the choice is not offered, and the report stays theirs.
    assert [str(r) for r in response.context["form"].fields["region"].queryset] == ["Münsterland"]


def test_the_network_management_can_narrow_the_report_to_one_region(
    network_client, network, saarland
):
    report = network_client.get("/admin/reports/", {"year": YEAR, "region": saarland.pk}).context[
        "report"
    ]

    assert nonzero(report, "members-by-region") == {"Saarland": 1}
    assert nonzero(report, "cooperations-by-country") == {"Niederlande": 1}


def test_each_chart_is_an_accessible_svg_with_its_table(admin_client, network):
    response = admin_client.get("/admin/reports/", {"year": YEAR})
    html = response.text
    figures = response.context["report"].figures

    assert html.count('<svg class="report-chart"') == len(figures)
    for figure in figures:
        start = html.index(f'id="figure-{figure.key}"')
        section = html[start : html.index("</section>", start)]
        svg = section[section.index("<svg") : section.index("</svg>") + 6]
        root = ET.fromstring(svg)  # noqa: S314 - our own output
        assert root.get("role") == "img"
        assert root.get("aria-labelledby") == f"{figure.key}-title {figure.key}-desc"
        assert root.find(f"{SVG}title").text == figure.title
        assert root.find(f"{SVG}desc").text
        assert "<table>" in section and "<caption>" in section
        assert "style=" not in svg and "<script" not in svg
    # Every bar is labelled with its number, so colour and length alone tell nothing.
    sme = html[html.index('id="figure-members-by-region"') :]
    assert ">Münsterland</text>" in sme and 'font-weight="bold">2</text>' in sme


def test_the_same_figures_download_as_excel_one_sheet_each(admin_client, network):
    response = admin_client.get("/admin/reports/", {"year": YEAR, "format": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bericht-2025-netzwerk.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Mitglieder nach Art",
        "Mitglieder nach Region",
        "Neue Mitglieder",
        "Veranstaltungen und Teilnehmend",
        "Anteil der KMU",
        "Anmeldungen je Woche vor der Ve",
        "Anmeldungen je Woche vor jeder ",
        "Kooperationen nach Ländern",
    ]
    regions = workbook["Mitglieder nach Region"]
    assert [cell.value for cell in regions[5]] == ["Region", "Mitglieder"]
    assert [[cell.value for cell in row] for row in regions.iter_rows(min_row=6)] == [
        ["Münsterland", 2],
        ["Saarland", 1],
    ]


def test_reports_are_for_staff_who_may_see_organisations(client, network):
    assert client.get("/admin/reports/").status_code == 302  # to the login
    staff = factories.make_staff("nobody", "Regionalmanagement")
    staff.groups.clear()
    client.force_login(staff)
    assert client.get("/admin/reports/").status_code == 403


def test_the_start_page_links_to_the_reports(regional_client):
    assert 'href="/admin/reports/"' in regional_client.get("/admin/").text


def test_registrations_are_matched_to_members_whatever_their_spelling():
    assert name_key("LZG.NRW") == name_key("lzg nrw") == name_key("LZG-NRW")
    assert name_key("saar.is e. V.") == name_key("Saar.is e.V.")
    assert name_key("Klinikum Münster") != name_key("Klinikum Münsterland")


def test_figures_of_the_demo_data_match_a_count_by_hand():
    """The demo's members of Saarland, counted in the demo files: members/demo.py has the
    Fraunhofer IBMT and saar.is (joined 2016) and four invented members (joined 2015–2024,
    1–9 employees twice, 10–49 and 50–249 once), partnering/demo.py BioCell Labortechnik
    (joined 2021, no size stated): seven, four of them SMEs by their stated size."""
    call_command("load_demo", "--no-admin")
    from regions.models import Region

    saarland = Region.objects.get(slug="saarland")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM members_organisation")
        assert cursor.fetchone()[0] > 0
    report = build_report(2025, saarland, set(Region.objects.descendant_ids(saarland)))

    assert nonzero(report, "members-by-region") == {"Saarland (healthcare.saarland)": 7}
    assert nonzero(report, "sme-share") == {
        "1–9 Beschäftigte": 2,
        "10–49 Beschäftigte": 1,
        "50–249 Beschäftigte": 1,
        "Keine Angabe": 3,
    }
    assert "100 % der 4 Mitglieder" in report.figure("sme-share").description


def test_the_report_page_shows_no_english(admin_client, network):
    from tests.backoffice.test_admin_translations import assert_german

    assert_german(admin_client, f"/admin/reports/?year={YEAR}")


def test_another_region_asked_for_by_hand_is_refused_and_the_report_stays_theirs(
    regional_client, network, saarland
):
    response = regional_client.get("/admin/reports/", {"year": YEAR, "region": saarland.pk})

    assert response.status_code == 200
    assert response.context["form"].errors["region"]
    assert 'class="errorlist' in response.text
    report = response.context["report"]
    assert report.year == YEAR
    assert nonzero(report, "members-by-region") == {"Münsterland": 2}
