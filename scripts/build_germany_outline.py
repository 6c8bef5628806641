#!/usr/bin/env python3
"""Build regions/static/regions/germany-outline.json, the outline of Germany on the region map.

Source: Natural Earth 1:50m admin-0 countries (public domain, https://www.naturalearthdata.com/),
as TopoJSON in the npm package world-atlas 2.0.2 (ISC licence, Mike Bostock). Germany is the
geometry with ISO 3166-1 numeric id 276. The script decodes the quantized, delta-encoded TopoJSON
arcs itself and projects them with regions/projection.py, the same projection the page uses for
the region markers.

    python3 scripts/build_germany_outline.py                      # fetches the package with npm
    python3 scripts/build_germany_outline.py path/to/countries-50m.json
    python3 scripts/build_germany_outline.py path/to/countries-50m.json --states states.geojson

State borders: world-atlas holds countries only. `--states` takes a GeoJSON FeatureCollection
of first-level subdivisions (Natural Earth "admin 1 – states, provinces" or any other source
whose licence allows it); the features whose `iso_3166_2` (or `ISO_3166_2`, `iso_a2`…) starts
with "DE-" are drawn as the `borders` path, which the region map and the location map show.
No such file can be fetched offline today: Natural Earth's admin-1 layer is in no package of
the registries this project reaches (world-atlas has admin 0 only, Debian's gmt-dcw has states
for the eight largest countries, r-cran-rnaturalearthdata's states50 for a few large
countries, and the npm packages with German states need a paid or a branding licence), so the
committed outline has no `borders` yet.
"""

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from regions import projection  # noqa: E402 - needs the checkout on the path first

PACKAGE = "world-atlas@2.0.2"
GERMANY = "276"
OUTPUT = ROOT / "regions" / "static" / "regions" / "germany-outline.json"


def fetch_topology() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["npm", "pack", PACKAGE], cwd=folder, check=True, capture_output=True)
        archive = next(Path(folder).glob("world-atlas-*.tgz"))
        with tarfile.open(archive) as tar:
            member = tar.extractfile("package/countries-50m.json")
            return json.load(member)


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute longitude/latitude points of every arc (positions are deltas, quantized)."""
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        # A negative index ~i means arc i walked backwards.
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        # Consecutive arcs share their joining point.
        points.extend(arc if not points else arc[1:])
    return points


def ring_path(points: list[tuple[float, float]]) -> str:
    projected = []
    for longitude, latitude in points:
        if not projection.inside_frame(latitude, longitude):
            raise SystemExit(f"point {latitude}, {longitude} lies outside the map frame")
        x, y = projection.project(latitude, longitude)
        if not projected or projected[-1] != (x, y):
            projected.append((x, y))
    head, *tail = projected
    return f"M{head[0]:g} {head[1]:g}" + "".join(f"L{x:g} {y:g}" for x, y in tail) + "Z"


STATE_CODE_KEYS = ("iso_3166_2", "ISO_3166_2", "code_hasc", "iso_a2")


def state_borders(geojson: dict) -> str:
    """The outlines of Germany's states in `geojson` as one SVG path (shared borders are
    drawn twice, which looks the same)."""
    paths = []
    for feature in geojson.get("features", []):
        properties = feature.get("properties") or {}
        code = next((str(properties[k]) for k in STATE_CODE_KEYS if properties.get(k)), "")
        if not code.upper().startswith("DE"):
            continue
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        for polygon in polygons:
            for ring in polygon:
                paths.append(ring_path([(lon, lat) for lon, lat, *_rest in ring]))
    return "".join(paths)


def main() -> None:
    args = sys.argv[1:]
    states_file = None
    if "--states" in args:
        at = args.index("--states")
        states_file = Path(args[at + 1])
        del args[at : at + 2]
    topology = json.loads(Path(args[0]).read_text()) if args else fetch_topology()
    geometry = next(
        g for g in topology["objects"]["countries"]["geometries"] if g.get("id") == GERMANY
    )
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    arcs = decode_arcs(topology)
    path = "".join(ring_path(ring_points(ring, arcs)) for polygon in polygons for ring in polygon)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "source": "Natural Earth 1:50m admin-0 countries (public domain), "
        f"via the npm package {PACKAGE} (ISC licence); built by {Path(__file__).name}",
        "viewBox": projection.VIEWBOX,
        "path": path,
    }
    if states_file is not None:
        data["borders"] = state_borders(json.loads(states_file.read_text()))
        data["borders_source"] = states_file.name
    OUTPUT.write_text(json.dumps(data, indent=1) + "\n")
    print(f"{OUTPUT.relative_to(ROOT)}: {len(path)} characters, {len(polygons)} polygons")


if __name__ == "__main__":
    main()
