"""The benchmark's scale data and its floor view (issue 11). Nothing here is timed."""

import importlib
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.urls import clear_url_caches

from bench.database import bench_url, target_url
from bench.scale import get_model, has_field
from cluster_portal import urls as portal_urls
from cooperations.models import Cooperation, CooperationPartner
from core.pgtools import Target
from events.models import Event
from members.models import Organisation
from regions.models import Region

ROOT = Path(__file__).resolve().parents[2]
SIZE = {
    "organisations": 45,
    "events": 14,
    "registrations": 60,
    "cooperations": 6,
    "joint-stands": 2,
}


def build(seed: int = 7, **sizes) -> None:
    arguments = [f"--{name}={value}" for name, value in (SIZE | sizes).items()]
    call_command("build_scale_data", "--here", f"--seed={seed}", *arguments, stdout=StringIO())


@pytest.fixture
def demo(db):
    call_command("load_demo", "--no-admin", stdout=StringIO())


def counts() -> dict:
    return {
        "organisations": Organisation.objects.count(),
        "events": Event.objects.count(),
        "cooperations": Cooperation.objects.count(),
    }


def snapshot(after: dict) -> dict:
    """The generated rows by natural keys (primary keys differ between runs)."""
    organisations = Organisation.objects.order_by("pk")[after["organisations"] :]
    events = Event.objects.order_by("pk")[after["events"] :]
    cooperations = Cooperation.objects.order_by("pk")[after["cooperations"] :]
    return {
        "organisations": [
            (o.slug, o.name, o.kind, o.status, o.region.slug, o.city, o.description, o.joined_on)
            + (tuple(o.innovation_fields.order_by("slug").values_list("slug", flat=True)),)
            for o in organisations
        ],
        "events": [(e.slug, e.title, e.kind, e.start, e.region_id is not None) for e in events],
        "cooperations": [
            (c.slug, c.title, c.started_on, c.countries)
            + (tuple(c.partner_roles.values_list("organisation__slug", "role")),)
            for c in cooperations
        ],
    }


def test_scale_data_adds_as_many_rows_as_asked(demo):
    before = counts()
    build()
    after = counts()
    assert after["organisations"] - before["organisations"] == SIZE["organisations"]
    assert after["events"] - before["events"] == SIZE["events"]
    assert after["cooperations"] - before["cooperations"] == SIZE["cooperations"]
    new = Cooperation.objects.order_by("pk")[before["cooperations"] :]
    assert all(c.partner_roles.count() >= 2 for c in new)
    registration = get_model("events.Registration")
    if registration is not None and has_field(Event, "registration_enabled"):
        assert registration.objects.count() >= SIZE["registrations"]


def test_scale_data_spreads_organisations_over_regions_kinds_and_taxonomies(demo):
    before = Organisation.objects.count()
    build()
    new = list(Organisation.objects.order_by("pk")[before:])
    assert {o.region_id for o in new} == set(Region.objects.values_list("pk", flat=True))
    assert {o.kind for o in new} == set(Organisation.Kind.values)
    for organisation in new:
        assert 1 <= organisation.sectors.count() <= 3
        assert 1 <= organisation.innovation_fields.count() <= 3
        # German descriptions, from the word lists.
        assert organisation.description.endswith(".")
    assert any(" und " in o.description or " für " in o.description for o in new)


def test_same_seed_gives_the_same_data_and_another_seed_other_data(demo):
    start = counts()
    with transaction.atomic():
        build(seed=11)
        first = snapshot(start)
        transaction.set_rollback(True)
    with transaction.atomic():
        build(seed=11)
        second = snapshot(start)
        transaction.set_rollback(True)
    build(seed=12)
    other = snapshot(start)
    assert first == second
    assert first["organisations"] != other["organisations"]


def test_scale_data_fills_stored_search_vectors(demo):
    if not has_field(Organisation, "search_vector"):
        pytest.skip("Organisation has no stored search vector on this branch yet")
    before = Organisation.objects.count()
    build()
    new = Organisation.objects.order_by("pk")[before:]
    assert all(vector for vector in new.values_list("search_vector", flat=True))


def test_scale_data_gives_a_share_of_organisations_a_logo(demo, settings):
    if not has_field(Organisation, "logo"):
        pytest.skip("Organisation has no logo on this branch yet")
    before = Organisation.objects.count()
    build(organisations=60)
    logos = [o.logo for o in Organisation.objects.order_by("pk")[before:] if o.logo]
    assert 0 < len(logos) < 60
    assert all((settings.MEDIA_ROOT / logo.name).is_file() for logo in logos)


def test_partner_roles_of_scale_cooperations_are_unique(demo):
    build()
    pairs = list(CooperationPartner.objects.values_list("cooperation", "organisation", "role"))
    assert len(pairs) == len(set(pairs))


def test_scale_data_refuses_to_fill_the_portals_own_database(db, settings):
    own = target_url(Target.from_settings(settings.DATABASES["default"]))
    with pytest.raises(CommandError, match="separate"):
        call_command("build_scale_data", f"--database-url={own}", stdout=StringIO())


def test_benchmark_database_lies_beside_the_portals(settings):
    target = Target.from_settings(settings.DATABASES["default"])
    derived = Target.from_url(bench_url())
    assert derived.name == target.name + "_bench"
    assert (derived.host, derived.port, derived.user) == (target.host, target.port, target.user)
    assert Target.from_url(bench_url(suffix="_bench_10x")).name == target.name + "_bench_10x"


def test_negative_sizes_are_refused(db):
    with pytest.raises(CommandError, match="negative"):
        call_command("build_scale_data", "--here", "--organisations=-1", stdout=StringIO())


@pytest.fixture
def floor_switched(settings):
    """The root URLconf as it is built with BENCHMARK_FLOOR at the value the test sets."""

    def switch(on: bool):
        settings.BENCHMARK_FLOOR = on
        importlib.reload(portal_urls)
        clear_url_caches()

    yield switch
    settings.BENCHMARK_FLOOR = False
    importlib.reload(portal_urls)
    clear_url_caches()


def test_floor_is_a_404_unless_the_benchmark_switches_it_on(client, db, floor_switched):
    floor_switched(False)
    assert client.get("/bench/floor/").status_code == 404


def test_production_urlconf_imports_no_benchmark_code():
    """Without BENCHMARK_FLOOR the root URLconf neither routes the floor nor imports bench/."""
    script = (
        "import sys, django; django.setup(); "
        "from django.urls import get_resolver; get_resolver().url_patterns; "
        "import cluster_portal.urls as urls; "
        "assert not [m for m in sys.modules if m == 'bench' or m.startswith('bench.')], 'bench'; "
        "assert 'bench/floor/' not in str(urls.urlpatterns)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cluster_portal.settings.test"}
    env.pop("BENCHMARK_FLOOR", None)
    subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, check=True)


def test_floor_lists_twelve_rows_and_one_added_sorted_in_one_query(
    client, demo, floor_switched, django_assert_num_queries
):
    floor_switched(True)
    build(organisations=20, events=0, registrations=0, cooperations=0)
    with django_assert_num_queries(1):
        response = client.get("/bench/floor/")
    assert response.status_code == 200
    names = [name for _pk, name in response.context["rows"]]
    assert len(names) == 13
    assert names == sorted(names)
    assert "Zusätzliche Zeile, zur Laufzeit hinzugefügt." in names
    assert response.content.decode().count("<tr>") == 14  # header and 13 rows


def test_every_page_type_of_the_benchmark_has_paths_that_answer(demo, client):
    """The benchmark's paths come from URL names and the data: a renamed URL or a moved app
    must fail here, not in the middle of `make bench`."""
    import random

    prepare = importlib.import_module("bench.prepare")

    paths = prepare.choose_paths(random.Random(3))

    public = [key for key, _label, kind in prepare.PAGES if kind in ("public", "search")]
    missing = [key for key in public if key != "registration_post" and not paths.get(key)]
    assert missing == []
    answers = {key: client.get(paths[key][0]).status_code for key in public if key in paths}
    assert answers == dict.fromkeys(answers, 200)


def test_benchmark_confirms_paid_places_through_their_links_with_an_invoice_each(
    demo, client, monkeypatch
):
    from billing.models import Invoice

    prepare = importlib.import_module("bench.prepare")
    monkeypatch.setattr(prepare, "PAID_CONFIRMS", 2)
    event = prepare.paid_event()

    links = prepare.paid_confirm_targets(event)
    answers = [client.post(link).status_code for link in links]

    assert answers == [302, 302]
    assert Invoice.objects.filter(seller=event.seller).count() == 2
    assert prepare.paid_event() == event


def test_the_write_stream_asks_for_profile_links_that_are_stored(demo, client):
    import random

    from members.models import AccessLink

    prepare = importlib.import_module("bench.prepare")
    targets = prepare.access_request_targets(random.Random(1))

    assert targets
    for target in targets[:3]:
        response = client.post(
            target["path"], target["body"], content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 302
    assert AccessLink.objects.count() == 3


def test_the_free_registration_posts_go_to_free_events_whose_form_they_fill(demo, client):
    import random

    prepare = importlib.import_module("bench.prepare")
    paths, body = prepare.registration_targets(random.Random(2))

    answers = {
        path: client.post(
            path,
            body.replace("{n}", str(number)),
            content_type="application/x-www-form-urlencoded",
            REMOTE_ADDR=f"10.8.0.{number}",
        ).status_code
        for number, path in enumerate(paths)
    }

    assert answers == dict.fromkeys(paths, 302)
