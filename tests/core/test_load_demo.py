import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from events.models import Event
from members.models import Organisation
from regions.models import Region

pytestmark = pytest.mark.django_db

PORTAL_APPS = ["regions", "members", "events", "cooperations"]


def snapshot():
    """Every row of the portal's own tables, so that a rerun can be compared field by field."""
    rows = {}
    for app_label in PORTAL_APPS:
        for model in apps.get_app_config(app_label).get_models():
            rows[model._meta.label] = list(model.objects.order_by("pk").values())
    return rows


def test_load_demo_loads_the_seed_regions_members_and_events(settings):
    settings.DEBUG = True
    call_command("load_demo", "--no-admin")
    region_names = set(Region.objects.values_list("name", flat=True))
    for name in [
        "Aachen",
        "Köln-Bonn",
        "Ostwestfalen-Lippe",
        "Südwestfalen",
        "Münsterland",
        "Metropole Ruhr",
        "Mitteldeutschland",
    ]:
        assert name in region_names
    assert Organisation.objects.members().filter(name="Uniklinik RWTH Aachen").exists()
    assert Event.objects.upcoming().exists()
    assert Event.objects.past().filter(city="Münster").exists()


def test_running_load_demo_twice_changes_nothing(settings):
    settings.DEBUG = True
    call_command("load_demo", "--no-admin")
    first = snapshot()
    call_command("load_demo", "--no-admin")
    assert snapshot() == first


def test_load_demo_creates_the_local_admin_once(settings):
    settings.DEBUG = True
    call_command("load_demo")
    call_command("load_demo")
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff


def test_load_demo_refuses_the_admin_login_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="local development only"):
        call_command("load_demo")
    assert not get_user_model().objects.filter(username="admin").exists()
