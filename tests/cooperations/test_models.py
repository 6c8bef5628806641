import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from cooperations.models import Cooperation, CooperationPartner
from tests import factories
from tests.factories import add_partner, make_partner

from .conftest import Role

pytestmark = pytest.mark.django_db


def test_database_refuses_an_end_before_the_start():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_cooperation(started_on=dt.date(2017, 5, 1), ended_on=dt.date(2017, 4, 30))


def test_form_validation_explains_an_end_before_the_start():
    cooperation = Cooperation(
        title="Reise",
        slug="reise",
        kind=Cooperation.Kind.TRIP,
        started_on=dt.date(2017, 5, 1),
        ended_on=dt.date(2017, 4, 30),
    )
    with pytest.raises(ValidationError) as error:
        cooperation.full_clean()
    assert "ended_on" in error.value.message_dict


def test_database_refuses_a_country_code_outside_the_list():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_cooperation(countries=["DE", "XX"])


def test_an_organisation_holds_a_role_only_once_per_cooperation():
    cooperation = factories.make_cooperation()
    partner = make_partner()
    add_partner(cooperation, partner, Role.HOST)
    add_partner(cooperation, partner, Role.FUNDER)  # a second role is fine
    with pytest.raises(IntegrityError), transaction.atomic():
        add_partner(cooperation, partner, Role.HOST)


def test_slug_of_the_partners_page_is_refused_for_a_cooperation():
    cooperation = Cooperation(title="Partner", slug="partner", kind=Cooperation.Kind.PARTNERSHIP)
    with pytest.raises(ValidationError) as error:
        cooperation.full_clean()
    assert "slug" in error.value.message_dict


def test_ongoing_and_finished_split_by_the_end_date():
    today = timezone.localdate()
    open_ended = factories.make_cooperation(started_on=dt.date(2015, 1, 1))
    ends_later = factories.make_cooperation(ended_on=today + dt.timedelta(days=30))
    ended = factories.make_cooperation(
        started_on=dt.date(2014, 1, 1), ended_on=today - dt.timedelta(days=1)
    )
    assert set(Cooperation.objects.ongoing()) == {open_ended, ends_later}
    assert set(Cooperation.objects.finished()) == {ended}


def test_period_shows_years_or_since():
    assert (
        factories.make_cooperation(
            started_on=dt.date(2014, 1, 1), ended_on=dt.date(2015, 12, 31)
        ).period
        == "2014–2015"
    )
    assert (
        factories.make_cooperation(
            started_on=dt.date(2017, 1, 1), ended_on=dt.date(2017, 12, 31)
        ).period
        == "2017"
    )
    assert "2015" in factories.make_cooperation(started_on=dt.date(2015, 1, 1)).period


def test_for_organisation_lists_each_cooperation_once_with_all_its_roles():
    partner = make_partner()
    cooperation = factories.make_cooperation()
    add_partner(cooperation, partner, Role.HOST)
    add_partner(cooperation, partner, Role.FUNDER)
    add_partner(factories.make_cooperation(), make_partner(), Role.HOST)  # someone else's

    found = list(Cooperation.objects.for_organisation(partner))

    assert found == [cooperation]
    assert {role.role for role in found[0].organisation_roles} == {Role.HOST, Role.FUNDER}


def test_for_event_and_event_cooperations_link_both_ways():
    event = factories.make_event()
    cooperation = factories.make_cooperation()
    cooperation.events.add(event)
    factories.make_cooperation()

    assert list(Cooperation.objects.for_event(event)) == [cooperation]
    assert list(event.cooperations.all()) == [cooperation]


def test_organisation_with_cooperations_is_protected_from_deletion():
    partner = make_partner()
    add_partner(factories.make_cooperation(), partner)
    with pytest.raises(ProtectedError):
        partner.delete()
    assert CooperationPartner.objects.count() == 1
