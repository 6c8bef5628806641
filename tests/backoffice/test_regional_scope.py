"""A regional manager sees and edits only the records of their regions and sub-regions."""

import json

import pytest
from django.contrib.auth.models import Group

from backoffice.roles import REGIONAL_MANAGEMENT
from members.models import Organisation
from tests import factories
from tests.helpers import admin_change_data

pytestmark = pytest.mark.django_db

ORGANISATIONS = "/admin/members/organisation/"
EVENTS = "/admin/events/event/"
REGIONS = "/admin/regions/region/"
COOPERATIONS = "/admin/cooperations/cooperation/"


@pytest.fixture
def own_organisation(muensterland):
    return factories.make_organisation(name="Münster Medtech GmbH", region=muensterland)


@pytest.fixture
def sub_region_organisation(kreis_steinfurt):
    return factories.make_organisation(name="Steinfurt Reha GmbH", region=kreis_steinfurt)


@pytest.fixture
def foreign_organisation(saarland):
    return factories.make_organisation(name="Saarbrücker Pharma AG", region=saarland)


@pytest.fixture
def own_event(muensterland):
    return factories.make_event(title="Münsteraner Netzwerktreffen", region=muensterland)


@pytest.fixture
def foreign_event(saarland):
    return factories.make_event(title="Saarländischer Gesundheitstag", region=saarland)


def listed(response):
    assert response.status_code == 200
    return {str(obj) for obj in response.context["cl"].result_list}


def organisation_form(organisation, **changes):
    data = {
        "name": organisation.name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "status": organisation.status,
        "partner_category": "",
        "region": organisation.region_id or "",
        "city": organisation.city,
        "country": organisation.country,
        "description": "",
        "website": "",
        "joined_on": "2020-01-01",
    }
    data.update(changes)
    return data


# Lists -------------------------------------------------------------------------------------


def test_regional_manager_lists_organisations_of_their_region_and_sub_regions(
    regional_client, own_organisation, sub_region_organisation, foreign_organisation
):
    assert listed(regional_client.get(ORGANISATIONS)) == {
        "Münster Medtech GmbH",
        "Steinfurt Reha GmbH",
    }


def test_regional_managers_search_by_contact_e_mail_stays_in_their_regions(
    regional_client, own_organisation, foreign_organisation
):
    for organisation in (own_organisation, foreign_organisation):
        for person in ("anna", "bernd"):
            organisation.contact_persons.create(name=person, email=f"{person}@kontakt.example")
    response = regional_client.get(ORGANISATIONS, {"q": "kontakt.example"})
    assert listed(response) == {own_organisation.name}
    assert response.context["cl"].result_count == 1


def test_regional_manager_lists_only_events_of_their_regions(
    regional_client, own_event, foreign_event
):
    assert listed(regional_client.get(EVENTS)) == {"Münsteraner Netzwerktreffen"}


def test_regional_manager_sees_only_their_regions_in_the_region_list(
    regional_client, nrw, muensterland, kreis_steinfurt, saarland
):
    assert listed(regional_client.get(REGIONS)) == {"Münsterland", "Kreis Steinfurt"}


def test_region_filter_offers_a_regional_manager_only_regions_of_their_records(
    regional_client, own_organisation, sub_region_organisation, foreign_organisation
):
    response = regional_client.get(ORGANISATIONS)
    region_filter = next(
        spec for spec in response.context["cl"].filter_specs if spec.field_path == "region"
    )
    assert {label for _pk, label in region_filter.lookup_choices} == {
        "Münsterland",
        "Kreis Steinfurt",
    }
    assert "Saarland" not in response.content.decode()


def test_network_manager_lists_every_region(network_client, own_organisation, foreign_organisation):
    assert listed(network_client.get(ORGANISATIONS)) == {
        "Münster Medtech GmbH",
        "Saarbrücker Pharma AG",
    }


def test_regional_manager_without_a_region_sees_no_organisation(
    client, django_user_model, own_organisation
):
    user = django_user_model.objects.create_user(username="new-manager", is_staff=True)
    user.groups.add(Group.objects.get(name=REGIONAL_MANAGEMENT))
    client.force_login(user)
    assert listed(client.get(ORGANISATIONS)) == set()


def test_regional_manager_may_not_open_the_cooperations(regional_client):
    assert regional_client.get(COOPERATIONS).status_code == 403


# Change pages, history and delete by direct URL --------------------------------------------


def test_regional_manager_opens_an_organisation_of_a_sub_region(
    regional_client, sub_region_organisation
):
    response = regional_client.get(f"{ORGANISATIONS}{sub_region_organisation.pk}/change/")
    assert response.status_code == 200


@pytest.mark.parametrize("view", ["change", "history", "delete"])
def test_organisation_of_another_region_answers_404_by_direct_url(
    regional_client, foreign_organisation, view
):
    response = regional_client.get(f"{ORGANISATIONS}{foreign_organisation.pk}/{view}/")
    assert response.status_code == 404
    assert "Saarbrücker" not in response.content.decode()


@pytest.mark.parametrize("view", ["change", "history"])
def test_event_of_another_region_answers_404_by_direct_url(regional_client, foreign_event, view):
    response = regional_client.get(f"{EVENTS}{foreign_event.pk}/{view}/")
    assert response.status_code == 404
    assert "Saarländischer" not in response.content.decode()


def test_old_version_of_another_regions_organisation_answers_404(
    regional_client, foreign_organisation
):
    version = foreign_organisation.history.latest()
    response = regional_client.get(
        f"{ORGANISATIONS}{foreign_organisation.pk}/history/{version.history_id}/"
    )
    assert response.status_code == 404


def test_region_of_another_manager_answers_404(regional_client, saarland):
    assert regional_client.get(f"{REGIONS}{saarland.pk}/change/").status_code == 404


def test_regional_manager_cannot_post_changes_to_another_regions_organisation(
    regional_client, foreign_organisation, muensterland
):
    response = regional_client.post(
        f"{ORGANISATIONS}{foreign_organisation.pk}/change/",
        organisation_form(foreign_organisation, name="Taken over", region=muensterland.pk),
    )
    assert response.status_code == 404
    foreign_organisation.refresh_from_db()
    assert foreign_organisation.name == "Saarbrücker Pharma AG"


# Saving --------------------------------------------------------------------------------------


def test_regional_manager_saves_an_organisation_in_their_region(
    regional_client, own_organisation, kreis_steinfurt
):
    response = regional_client.post(
        f"{ORGANISATIONS}{own_organisation.pk}/change/",
        admin_change_data(
            regional_client,
            f"{ORGANISATIONS}{own_organisation.pk}/change/",
            city="Münster",
            region=kreis_steinfurt.pk,
        ),
    )
    assert response.status_code == 302
    own_organisation.refresh_from_db()
    assert (own_organisation.city, own_organisation.region) == ("Münster", kreis_steinfurt)


def test_moving_an_organisation_into_another_region_is_refused_with_a_form_error(
    regional_client, own_organisation, saarland, muensterland
):
    response = regional_client.post(
        f"{ORGANISATIONS}{own_organisation.pk}/change/",
        admin_change_data(
            regional_client, f"{ORGANISATIONS}{own_organisation.pk}/change/", region=saarland.pk
        ),
    )
    assert response.status_code == 200
    assert "region" in response.context["adminform"].form.errors
    own_organisation.refresh_from_db()
    assert own_organisation.region == muensterland


def test_regional_manager_cannot_add_an_organisation_without_a_region(regional_client):
    data = organisation_form(
        Organisation(name="Ohne Region", slug="ohne-region", kind="clinic", status="member"),
        region="",
    )
    response = regional_client.post(f"{ORGANISATIONS}add/", data)
    assert response.status_code == 200
    assert "region" in response.context["adminform"].form.errors
    assert not Organisation.objects.filter(slug="ohne-region").exists()


def test_regional_manager_is_offered_only_their_regions_in_the_form(
    regional_client, own_organisation, kreis_steinfurt, saarland
):
    response = regional_client.get(f"{ORGANISATIONS}{own_organisation.pk}/change/")
    queryset = response.context["adminform"].form.fields["region"].queryset
    assert set(queryset.values_list("slug", flat=True)) == {"muensterland", "kreis-steinfurt"}


def test_regional_manager_cannot_move_an_event_into_another_region(
    regional_client, own_event, saarland, muensterland
):
    data = {
        "title": own_event.title,
        "slug": own_event.slug,
        "kind": own_event.kind,
        "start_0": own_event.start.strftime("%d.%m.%Y"),
        "start_1": own_event.start.strftime("%H:%M:%S"),
        "end_0": own_event.end.strftime("%d.%m.%Y"),
        "end_1": own_event.end.strftime("%H:%M:%S"),
        "city": own_event.city,
        "country": "DE",
        "region": saarland.pk,
        "is_published": "on",
    }
    response = regional_client.post(f"{EVENTS}{own_event.pk}/change/", data)
    assert response.status_code == 200
    assert "region" in response.context["adminform"].form.errors
    own_event.refresh_from_db()
    assert own_event.region == muensterland


# Autocomplete ----------------------------------------------------------------------------------


def autocomplete(client, app_label, model_name, field_name, term=""):
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return {item["text"] for item in json.loads(response.content)["results"]}


def test_region_autocomplete_offers_a_regional_manager_only_their_regions(
    regional_client, nrw, muensterland, kreis_steinfurt, saarland
):
    assert autocomplete(regional_client, "members", "organisation", "region") == {
        "Münsterland",
        "Kreis Steinfurt",
    }
    assert autocomplete(regional_client, "events", "event", "region", "Saar") == set()


def test_region_autocomplete_offers_the_network_manager_every_region(
    network_client, muensterland, saarland
):
    assert {"Münsterland", "Saarland"} <= autocomplete(network_client, "events", "event", "region")


def test_organisation_autocomplete_offers_only_organisations_of_the_managers_regions(
    client, own_organisation, foreign_organisation, muensterland
):
    # Organisations are picked in cooperations (partners) and, later, in events and stands;
    # a regional manager who may view cooperations still only finds their own organisations.
    from django.contrib.auth.models import Permission

    from tests.factories import make_staff

    user = make_staff("manager-with-cooperations", REGIONAL_MANAGEMENT, [muensterland])
    user.user_permissions.add(
        Permission.objects.get(codename="view_cooperation"),
        Permission.objects.get(codename="change_cooperation"),
    )
    client.force_login(user)
    found = autocomplete(client, "cooperations", "cooperationpartner", "organisation")
    assert found == {"Münster Medtech GmbH"}


# Actions and exports ---------------------------------------------------------------------------


def test_an_action_posted_with_another_regions_ids_touches_nothing_there(
    client, muensterland, own_organisation, foreign_organisation
):
    from django.contrib.auth.models import Permission

    from tests.factories import make_staff

    user = make_staff("manager-who-deletes", REGIONAL_MANAGEMENT, [muensterland])
    user.user_permissions.add(Permission.objects.get(codename="delete_organisation"))
    client.force_login(user)

    client.post(
        ORGANISATIONS,
        {
            "action": "delete_selected",
            "_selected_action": [own_organisation.pk, foreign_organisation.pk],
            "post": "yes",
        },
    )

    assert not Organisation.objects.filter(pk=own_organisation.pk).exists()
    assert Organisation.objects.filter(pk=foreign_organisation.pk).exists()


def test_export_of_a_regional_manager_holds_only_their_organisations(
    regional_client, own_organisation, foreign_organisation
):
    response = regional_client.post(
        f"{ORGANISATIONS}export/",
        {"format": "0", "organisationresource_name": "on", "organisationresource_slug": "on"},
    )
    assert response.status_code == 200
    content = response.content.decode("utf-8-sig")
    assert "Münster Medtech GmbH" in content
    assert "Saarbrücker" not in content


def test_export_of_selected_rows_with_another_regions_ids_exports_only_their_own(
    regional_client, own_organisation, foreign_organisation
):
    response = regional_client.post(
        f"{ORGANISATIONS}export/",
        {
            "format": "0",
            "organisationresource_name": "on",
            "export_items": [own_organisation.pk, foreign_organisation.pk],
        },
    )
    content = response.content.decode("utf-8-sig")
    assert "Münster Medtech GmbH" in content
    assert "Saarbrücker" not in content


def test_regional_manager_may_not_import(regional_client):
    assert regional_client.get(f"{ORGANISATIONS}import/").status_code == 403
