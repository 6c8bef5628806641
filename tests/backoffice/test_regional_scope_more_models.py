"""Regional scope on the admins added with the apps: registrations, membership applications,
joint stands and co-exhibitor applications (list, direct change URL, CSV export)."""

import pytest

from members.models import MembershipApplication
from tests import factories
from tests.factories import make_registration, make_stand, make_stand_application, make_trade_fair

pytestmark = pytest.mark.django_db


def listed(response):
    assert response.status_code == 200
    return {obj.pk for obj in response.context["cl"].result_list}


@pytest.fixture
def registrations(muensterland, saarland):
    own = make_registration(factories.make_event(region=muensterland), name="Eigene Person")
    foreign = make_registration(factories.make_event(region=saarland), name="Fremde Person")
    return own, foreign


@pytest.fixture
def applications(muensterland, saarland):
    def apply(region):
        organisation = factories.make_organisation(status="applicant", region=region)
        return MembershipApplication.objects.create(organisation=organisation)

    return apply(muensterland), apply(saarland)


@pytest.fixture
def stands(muensterland, saarland):
    own = make_stand(make_trade_fair(region=muensterland))
    foreign = make_stand(make_trade_fair(region=saarland))
    return own, foreign


def test_regional_manager_lists_only_registrations_of_events_in_their_regions(
    regional_client, registrations
):
    own, foreign = registrations
    assert listed(regional_client.get("/admin/events/registration/")) == {own.pk}


def test_registration_of_another_region_answers_404_on_its_change_page(
    regional_client, registrations
):
    own, foreign = registrations
    assert regional_client.get(f"/admin/events/registration/{own.pk}/change/").status_code == 200
    response = regional_client.get(f"/admin/events/registration/{foreign.pk}/change/")
    assert response.status_code == 404
    assert "Fremde Person" not in response.content.decode()


def test_network_manager_lists_registrations_of_every_region(network_client, registrations):
    assert listed(network_client.get("/admin/events/registration/")) == {
        registration.pk for registration in registrations
    }


def test_regional_manager_sees_only_membership_applications_of_their_regions(
    regional_client, applications
):
    own, foreign = applications
    url = "/admin/members/membershipapplication/"
    assert listed(regional_client.get(url)) == {own.pk}
    assert regional_client.get(f"{url}{foreign.pk}/change/").status_code == 404


def test_regional_manager_sees_only_joint_stands_of_fairs_in_their_regions(regional_client, stands):
    own, foreign = stands
    url = "/admin/stands/jointstand/"
    assert listed(regional_client.get(url)) == {own.pk}
    assert regional_client.get(f"{url}{foreign.pk}/change/").status_code == 404


def test_regional_manager_sees_only_co_exhibitor_applications_of_their_fairs(
    regional_client, stands
):
    own_stand, foreign_stand = stands
    own, foreign = make_stand_application(own_stand), make_stand_application(foreign_stand)
    url = "/admin/stands/coexhibitorapplication/"
    assert listed(regional_client.get(url)) == {own.pk}
    assert regional_client.get(f"{url}{foreign.pk}/change/").status_code == 404
