"""The map on a phone (large numbers and a legend) and the state borders where the outline
has them; the build script turns an admin-1 file into those borders."""

import importlib.util
import re
from pathlib import Path

import pytest
from django.core.cache import caches

from regions import map as region_map
from regions import projection

pytestmark = pytest.mark.django_db

PHONE_MAP_WIDTH_PX = 358  # a 390-pixel phone less the page's margins


def phone_svg(html: str) -> str:
    return re.search(r'<svg class="region-map__svg region-map__svg--phone".*?</svg>', html, re.S)[0]


def test_the_phone_map_numbers_every_region_link_and_names_them_beneath(
    client, nrw, muensterland, mitteldeutschland, saarland
):
    html = client.get("/regionen/").text
    svg = phone_svg(html)
    links = re.findall(r'<a class="region-map__link" href="([^"]+)" aria-label="([^"]+)"', svg)
    assert len(links) == 4
    assert ("/regionen/saarland/", "Saarland (Bundesland)") in links
    numbers = re.findall(r"<text[^>]*>(\d+)</text>", svg)
    assert sorted(numbers) == ["1", "2", "3", "4"]
    legend = re.search(r'<ol class="region-map__legend.*?</ol>', html, re.S)[0]
    names = re.findall(r'aria-hidden="true">(\d+)</span> ([^<]+)</li>', legend)
    # From north to south, as the map reads.
    assert [name for _number, name in names][-1] == "Saarland"
    assert [number for number, _name in names] == ["1", "2", "3", "4"]


def test_the_phone_numbers_are_large_enough_to_read(nrw, muensterland, mitteldeutschland, saarland):
    from regions.models import Region

    context = region_map.map_context(Region.objects.all())
    width = float(context["phone_view_box"].split()[2])
    rendered = region_map.PHONE_FONT_SIZE * PHONE_MAP_WIDTH_PX / width
    assert rendered >= 16, f"numbers drawn {rendered:.1f} px high"
    wide = float(context["view_box"].split()[2])
    assert wide > width  # the names need the room the numbers do not


def test_state_borders_are_drawn_where_the_outline_has_them(client, saarland, monkeypatch):
    assert "region-map__borders" not in client.get("/regionen/").text
    data = dict(region_map.outline(), borders="M10 10L20 20Z")
    monkeypatch.setattr(region_map, "outline", lambda: data)
    # A new outline comes with a deployment, which starts workers with empty fragment memory.
    caches["fragments"].clear()
    html = client.get("/regionen/").text
    assert html.count('class="region-map__borders" d="M10 10L20 20Z"') == 2


def load_build_script():
    path = Path(__file__).resolve().parents[2] / "scripts" / "build_germany_outline.py"
    spec = importlib.util.spec_from_file_location("build_germany_outline", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_build_script_draws_the_german_states_of_an_admin1_file():
    build = load_build_script()
    square = [[[6.9, 49.1], [7.4, 49.1], [7.4, 49.6], [6.9, 49.6], [6.9, 49.1]]]
    geojson = {
        "type": "FeatureCollection",
        "features": [
            {
                "properties": {"iso_3166_2": "DE-SL"},
                "geometry": {"type": "Polygon", "coordinates": square},
            },
            {
                "properties": {"iso_3166_2": "FR-57"},
                "geometry": {"type": "Polygon", "coordinates": square},
            },
        ],
    }
    path = build.state_borders(geojson)
    x, y = projection.project(49.1, 6.9)
    assert path.startswith(f"M{x:g} {y:g}") and path.count("M") == 1 and path.endswith("Z")
