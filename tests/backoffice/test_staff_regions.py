"""Superusers assign regional managers to their regions on the user's admin page."""

import pytest

from backoffice.models import StaffRegion
from backoffice.scoping import region_ids_for

pytestmark = pytest.mark.django_db


def test_user_page_offers_the_regions_looked_after(admin_client, regional_manager):
    response = admin_client.get(f"/admin/auth/user/{regional_manager.pk}/change/")
    assert response.status_code == 200
    assert "staff_regions-TOTAL_FORMS" in response.content.decode()


def test_superuser_assigns_a_region_to_a_manager_on_the_user_page(
    admin_client, regional_manager, saarland
):
    url = f"/admin/auth/user/{regional_manager.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(
        {
            "groups": [g.pk for g in regional_manager.groups.all()],
            "staff_regions-TOTAL_FORMS": "2",
            "staff_regions-INITIAL_FORMS": "1",
            "staff_regions-0-id": regional_manager.staff_regions.get().pk,
            "staff_regions-0-user": regional_manager.pk,
            "staff_regions-0-region": regional_manager.staff_regions.get().region_id,
            "staff_regions-1-user": regional_manager.pk,
            "staff_regions-1-region": saarland.pk,
        }
    )
    for key in ("is_active", "is_staff"):
        data[key] = "on"
    data.pop("is_superuser", None)
    data.pop("user_permissions", None)
    data.pop("password", None)
    data.pop("last_login", None)
    data["date_joined_0"] = regional_manager.date_joined.strftime("%d.%m.%Y")
    data["date_joined_1"] = regional_manager.date_joined.strftime("%H:%M:%S")
    data.pop("date_joined", None)

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert set(
        StaffRegion.objects.filter(user=regional_manager).values_list("region__slug", flat=True)
    ) == {
        "muensterland",
        "saarland",
    }


def test_a_manager_of_a_region_also_looks_after_its_sub_regions(
    regional_manager, muensterland, kreis_steinfurt, saarland
):
    assert region_ids_for(regional_manager) == {muensterland.pk, kreis_steinfurt.pk}


def test_the_same_region_cannot_be_assigned_twice(regional_manager, muensterland):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        StaffRegion.objects.create(user=regional_manager, region=muensterland)
