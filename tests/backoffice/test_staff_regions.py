"""Superusers, and the central network management, assign regional managers to their regions
on the user's admin page; the network management can raise nobody above itself."""

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


# --- The central network management gives staff their regions --------------------------------


def limited_form_data(response, **changes):
    """What the network management's user page posts: its groups and the regions inline."""
    form = response.context["adminform"].form
    assert set(form.fields) <= {"groups", "password"}  # nothing else is editable for them
    formset = response.context["inline_admin_formsets"][-1].formset
    offered = set(form.fields["groups"].queryset)
    data = {
        # The browser sends the selected groups among those offered.
        "groups": [group.pk for group in form.initial.get("groups", []) if group in offered],
        f"{formset.prefix}-TOTAL_FORMS": str(len(formset.forms)),
        f"{formset.prefix}-INITIAL_FORMS": str(formset.initial_form_count()),
    }
    for index, inline_form in enumerate(formset.forms):
        for name in ("id", "user", "region"):
            value = inline_form[name].value()
            if value is not None:
                data[f"{formset.prefix}-{index}-{name}"] = value
    data.update(changes)
    return data


@pytest.fixture
def new_colleague(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("new-colleague", password="x", is_staff=True)


@pytest.fixture
def all_powerful_group(db):
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Benutzerverwaltung")
    group.permissions.add(Permission.objects.get(codename="change_user"))
    return group


def test_network_management_finds_the_staff_users_but_no_superuser(
    network_client, regional_manager, admin_user, django_user_model
):
    django_user_model.objects.create_user("member-login", password="x")

    index = network_client.get("/admin/")
    response = network_client.get("/admin/auth/user/")

    assert 'href="/admin/auth/user/"' in index.text
    assert response.status_code == 200
    listed = {user.username for user in response.context["cl"].result_list}
    assert listed == {"muenster-manager", "central-office"}
    assert network_client.get(f"/admin/auth/user/{admin_user.pk}/change/").status_code == 302


def test_network_management_makes_a_staff_member_a_regional_manager(
    network_client, new_colleague, saarland
):
    from django.contrib.auth.models import Group

    from backoffice.roles import REGIONAL_MANAGEMENT

    url = f"/admin/auth/user/{new_colleague.pk}/change/"
    page = network_client.get(url)
    regional = Group.objects.get(name=REGIONAL_MANAGEMENT)
    data = limited_form_data(
        page,
        groups=[regional.pk],
        **{
            "staff_regions-TOTAL_FORMS": "1",
            "staff_regions-0-user": new_colleague.pk,
            "staff_regions-0-region": saarland.pk,
        },
    )

    response = network_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(new_colleague.groups.all()) == [regional]
    assert region_ids_for(type(new_colleague).objects.get(pk=new_colleague.pk)) == {saarland.pk}


def test_network_management_changes_a_managers_regions(
    network_client, regional_manager, muensterland, saarland
):
    url = f"/admin/auth/user/{regional_manager.pk}/change/"
    data = limited_form_data(network_client.get(url))
    data["staff_regions-0-region"] = saarland.pk

    response = network_client.post(url, data)

    assert response.status_code == 302
    assert list(regional_manager.staff_regions.values_list("region__slug", flat=True)) == [
        "saarland"
    ]


def test_network_management_cannot_raise_anyone_above_itself(
    network_client, new_colleague, all_powerful_group
):
    from django.contrib.auth.models import Permission

    url = f"/admin/auth/user/{new_colleague.pk}/change/"
    page = network_client.get(url)
    offered = set(page.context["adminform"].form.fields["groups"].queryset)
    assert all_powerful_group not in offered
    change_user = Permission.objects.get(codename="change_user")

    # What the page does not offer is ignored (flags, single permissions, names) ...
    response = network_client.post(
        url,
        limited_form_data(
            page,
            is_superuser="on",
            user_permissions=[change_user.pk],
            username="renamed",
            password="pbkdf2_sha256$1$x$y",
        ),
    )
    assert response.status_code == 302
    new_colleague.refresh_from_db()
    assert not new_colleague.is_superuser
    assert new_colleague.username == "new-colleague"
    assert not new_colleague.user_permissions.exists()
    assert new_colleague.check_password("x")
    # ... and a group with more rights than its own is refused.
    response = network_client.post(url, limited_form_data(page, groups=[all_powerful_group.pk]))
    assert response.status_code == 200
    assert "groups" in response.context["adminform"].form.errors
    assert not new_colleague.groups.exists()


def test_groups_beyond_the_network_managements_rights_stay_as_they_were(
    network_client, regional_manager, all_powerful_group
):
    regional_manager.groups.add(all_powerful_group)
    url = f"/admin/auth/user/{regional_manager.pk}/change/"
    page = network_client.get(url)

    response = network_client.post(url, limited_form_data(page))

    assert response.status_code == 302
    assert all_powerful_group in regional_manager.groups.all()


def test_network_management_sets_no_password_adds_and_deletes_no_user(
    network_client, regional_manager
):
    base = f"/admin/auth/user/{regional_manager.pk}"
    assert network_client.get(f"{base}/password/").status_code == 403
    assert (
        network_client.post(f"{base}/password/", {"password1": "a", "password2": "a"}).status_code
        == 403
    )
    assert network_client.get("/admin/auth/user/add/").status_code == 403
    assert network_client.get(f"{base}/delete/").status_code == 403


def test_regional_managers_cannot_assign_regions(regional_client, regional_manager):
    assert regional_client.get("/admin/auth/user/").status_code == 403
    url = f"/admin/auth/user/{regional_manager.pk}/change/"
    assert regional_client.get(url).status_code == 403


def test_the_network_managements_user_pages_are_german(network_client, regional_manager):
    from tests.backoffice.test_admin_translations import assert_german

    assert_german(network_client, "/admin/auth/user/")
    assert_german(network_client, f"/admin/auth/user/{regional_manager.pk}/change/")
