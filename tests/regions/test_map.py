"""The SVG map of Germany: drawn by the portal, every region a reachable, named link."""

import re
from decimal import Decimal

import pytest

from regions import map as region_map
from regions import projection
from regions.models import Region
from tests import factories
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db


def svg_of(response) -> str:
    content = response.content.decode()
    match = re.search(
        r"<svg class=\"region-map__svg region-map__svg--wide\".*?</svg>", content, re.S
    )
    assert match, "the page has no region map"
    return match.group(0)


def map_links(svg: str) -> list[dict]:
    links = []
    for attributes, body in re.findall(r"<a ([^>]*)>(.*?)</a>", svg, re.S):
        links.append(
            {
                "href": re.search(r'href="([^"]+)"', attributes).group(1),
                "label": re.search(r'aria-label="([^"]+)"', attributes).group(1),
                "title": re.search(r"<title>([^<]+)</title>", body).group(1),
                "text": re.search(r"<text[^>]*>([^<]+)</text>", body).group(1),
            }
        )
    return links


def test_map_links_every_region_with_a_coordinate_to_its_page(
    client, nrw, muensterland, mitteldeutschland, saarland
):
    links = map_links(svg_of(client.get("/regionen/")))
    assert sorted(link["href"] for link in links) == [
        "/regionen/mitteldeutschland/",
        "/regionen/muensterland/",
        "/regionen/nordrhein-westfalen/",
        "/regionen/saarland/",
    ]


def test_map_gives_every_region_link_an_accessible_name_and_visible_label(client, muensterland):
    links = map_links(svg_of(client.get("/regionen/")))
    (link,) = [link for link in links if link["href"] == "/regionen/muensterland/"]
    assert link["label"] == "Münsterland (Gesundheitswirtschaftsregion)"
    assert link["title"] == link["label"]
    assert link["text"] == "Münsterland"


def test_map_is_a_labelled_group_so_screen_readers_reach_its_links(client, muensterland):
    svg = svg_of(client.get("/regionen/"))
    opening = svg.split(">", 1)[0]
    assert 'role="group"' in opening
    assert 'role="img"' not in svg
    title_id = re.search(r'aria-labelledby="([^"]+)"', opening).group(1)
    assert f'<title id="{title_id}">Deutschlandkarte mit den Regionen des Netzwerks</title>' in svg
    # Links with href are focusable; nothing takes them out of the tab order.
    assert "tabindex" not in svg


def test_map_draws_the_outline_of_germany_and_loads_nothing_from_elsewhere(client, muensterland):
    response = client.get("/regionen/")
    svg = svg_of(response)
    assert f'd="{region_map.outline()["path"]}"' in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<script" not in svg and "<image" not in svg
    assert "Natural Earth" in response.content.decode()


def test_map_uses_decimal_points_in_german(client, muensterland):
    svg = svg_of(client.get("/regionen/"))
    circle = re.search(r'<circle [^>]*cx="([^"]+)" cy="([^"]+)"', svg)
    assert (float(circle.group(1)), float(circle.group(2))) == projection.project(51.96, 7.626)


def test_map_leaves_out_regions_without_coordinate(client, muensterland):
    factories.make_region(name="Ohne Ort", slug="ohne-ort")
    svg = svg_of(client.get("/regionen/"))
    assert "Ohne Ort" not in svg
    assert "Ohne Ort" in client.get("/regionen/").content.decode()


def test_map_places_north_up_and_west_left():
    aachen = projection.project(50.776, 6.084)
    goerlitz = projection.project(51.15, 14.99)
    flensburg = projection.project(54.78, 9.43)
    assert aachen[0] < goerlitz[0]
    assert flensburg[1] < aachen[1]


def test_map_labels_of_neighbouring_regions_do_not_overlap(db):
    from regions import demo

    demo.load()
    markers = region_map.layout(Region.objects.all())
    assert len(markers) == Region.objects.count()
    boxes = [region_map._label_box(m.region.name, m.label_x, m.label_y, m.anchor) for m in markers]
    for index, box in enumerate(boxes):
        for other in boxes[index + 1 :]:
            assert not region_map._overlaps(box, other)


def test_home_page_shows_the_map_with_region_links(client, nrw, muensterland):
    for path, prefix in [("/", "/regionen/"), ("/en/", "/en/regions/")]:
        links = map_links(svg_of(client.get(path)))
        assert {link["href"] for link in links} == {
            f"{prefix}nordrhein-westfalen/",
            f"{prefix}muensterland/",
        }


def test_home_page_query_count_does_not_grow_with_regions(client):
    def add_regions(count):
        for _ in range(count):
            factories.make_region(latitude=Decimal("50.5"), longitude=Decimal("8.5"))

    assert_constant_queries(client, "/", add_regions)
