"""The two staff roles exist after migrate and hold the right permissions."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from backoffice import roles

pytestmark = pytest.mark.django_db


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def test_network_management_may_do_everything_in_the_portal_apps():
    granted = codenames(roles.NETWORK_MANAGEMENT)
    for codename in [
        "members.delete_organisation",
        "events.add_event",
        "cooperations.change_cooperation",
        "regions.change_region",
        "backoffice.change_staffregion",
    ]:
        assert codename in granted
    assert "auth.change_user" not in granted


def test_regional_management_edits_organisations_and_events_but_deletes_nothing():
    granted = codenames(roles.REGIONAL_MANAGEMENT)
    assert {
        "members.view_organisation",
        "members.add_organisation",
        "members.change_organisation",
        "events.view_event",
        "events.add_event",
        "events.change_event",
        "regions.view_region",
    } <= granted
    assert "members.delete_organisation" not in granted
    assert "regions.change_region" not in granted
    assert not any(codename.startswith("cooperations.") for codename in granted)


def test_sync_roles_gives_a_model_added_later_its_permissions():
    group = Group.objects.get(name=roles.REGIONAL_MANAGEMENT)
    permission = Permission.objects.get(content_type__app_label="events", codename="view_event")
    group.permissions.remove(permission)

    call_command("sync_roles", stdout=None)

    assert group.permissions.filter(pk=permission.pk).exists()


def test_sync_roles_tolerates_models_that_do_not_exist_yet():
    # "stands.jointstand" is listed, and synced by backoffice's migration 0002, long before the
    # migration that gives the app stands its models.
    assert ("stands", "add_jointstand") in roles.regional_codenames()
    counts = roles.sync_roles()
    assert (
        counts[roles.REGIONAL_MANAGEMENT]
        == Group.objects.get(name=roles.REGIONAL_MANAGEMENT).permissions.count()
    )


def test_sync_roles_keeps_permissions_granted_by_hand():
    group = Group.objects.get(name=roles.REGIONAL_MANAGEMENT)
    extra = Permission.objects.get(
        content_type__app_label="cooperations", codename="view_cooperation"
    )
    group.permissions.add(extra)

    roles.sync_roles()

    assert group.permissions.filter(pk=extra.pk).exists()


def test_migrate_completes_the_roles_once_all_apps_have_their_permissions():
    from django.apps import apps

    group = Group.objects.get(name=roles.REGIONAL_MANAGEMENT)
    permission = Permission.objects.get(content_type__app_label="events", codename="change_event")
    group.permissions.remove(permission)
    configs = [config for config in apps.get_app_configs() if config.models_module]

    roles.sync_roles_after_migrate(sender=configs[0])
    assert not group.permissions.filter(pk=permission.pk).exists()

    roles.sync_roles_after_migrate(sender=configs[-1])
    assert group.permissions.filter(pk=permission.pk).exists()
