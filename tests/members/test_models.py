import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from members.models import ContactPerson, Organisation
from tests import factories

pytestmark = pytest.mark.django_db


def test_database_refuses_an_implausible_founding_year():
    with pytest.raises(IntegrityError):
        factories.make_organisation(founded_year=99)


def test_clean_explains_a_founding_year_in_the_future():
    organisation = factories.make_organisation()
    organisation.founded_year = 2999
    with pytest.raises(ValidationError) as caught:
        organisation.full_clean()
    assert "founded_year" in caught.value.message_dict


def test_clean_wants_both_coordinates_or_none():
    organisation = factories.make_organisation()
    organisation.latitude = 51
    with pytest.raises(ValidationError) as caught:
        organisation.full_clean()
    assert "longitude" in caught.value.message_dict


def test_a_member_needs_a_joining_date():
    with pytest.raises(IntegrityError):
        factories.make_organisation(status=Organisation.Status.MEMBER, joined_on=None)


def test_contact_e_mail_is_unique_per_organisation_ignoring_case(member):
    duplicate = ContactPerson(organisation=member, name="Doppelt", email="ANNA@beispiel.example")
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    with pytest.raises(IntegrityError):
        duplicate.save()


def test_demo_data_loads_twice_without_changes(settings):
    from django.core.management import call_command

    call_command("load_demo", "--no-admin")
    before = list(Organisation.objects.order_by("pk").values_list("pk", "updated_at"))
    call_command("load_demo", "--no-admin")
    after = list(Organisation.objects.order_by("pk").values_list("pk", "updated_at"))
    assert before == after
    members = Organisation.objects.members()
    assert members.filter(name__contains="(fiktiv)").count() >= 32
    assert members.filter(name="MedLife e. V.", region__slug="aachen").exists()
    assert ContactPerson.objects.filter(is_public=True).exists()
    for slug in [
        "aachen",
        "koeln-bonn",
        "ostwestfalen-lippe",
        "suedwestfalen",
        "muensterland",
        "metropole-ruhr",
        "saarland",
        "mitteldeutschland",
    ]:
        assert members.filter(region__slug=slug).count() >= 4
