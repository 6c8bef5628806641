"""Timestamps and signatures the portal writes itself are never offered for editing."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from members.models import ContactPerson, MembershipApplication
from tests import factories

pytestmark = pytest.mark.django_db

# Written by services (decisions, anonymisation, consent, mail runs), never by hand.
SYSTEM_FIELDS = {
    "anonymised_at",
    "created_at",
    "updated_at",
    "submitted_at",
    "decided_at",
    "decided_by",
    "confirmed_at",
    "cancelled_at",
    "consented_at",
    "used_at",
    "sent_at",
    "reviewed_by",
    "erased_at",
    "erased_by",
}


def test_membership_application_change_form_shows_anonymised_at_read_only(admin_client):
    organisation = factories.make_organisation(status="applicant", joined_on=None)
    contact = ContactPerson.objects.create(
        organisation=organisation, name="Clara Antrag", email="clara@antrag.example"
    )
    application = MembershipApplication.objects.create(organisation=organisation, contact=contact)

    response = admin_client.get(
        f"/admin/members/membershipapplication/{application.pk}/change/",
        headers={"accept-language": "de"},
    )

    assert response.status_code == 200
    assert "Anonymisiert am" in response.text
    assert 'name="anonymised_at' not in response.text


def test_no_admin_change_form_lets_a_manager_edit_a_system_field():
    user = get_user_model().objects.create_superuser("chef", password="a-long-test-password")
    request = RequestFactory().get("/admin/")
    request.user = user
    editable = {}
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_change_permission(request):
            continue
        form = model_admin.get_form(request, None)
        fields = {field.name for field in model._meta.concrete_fields} & SYSTEM_FIELDS
        if found := fields & set(form.base_fields):
            editable[model._meta.label] = sorted(found)
    assert editable == {}
