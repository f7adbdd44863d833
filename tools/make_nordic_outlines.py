"""Extract the outlines of the five Nordic countries for the map page (a one-off; run by hand).

The outlines come from Natural Earth's 1:110m "Admin 0 – Countries" (public domain), in the copy
that the geopandas 0.14.4 wheel ships as geopandas/datasets/naturalearth_lowres/. The wheel is
read as a zip file; nothing is installed except the pure-Python shapefile reader pyshp, which is
not a dependency of the site (use a throw-away virtual environment):

    python3 -m venv /tmp/shpenv && /tmp/shpenv/bin/pip install pyshp
    pip download --no-deps geopandas==0.14.4 -d /tmp/gp
    /tmp/shpenv/bin/python tools/make_nordic_outlines.py /tmp/gp/geopandas-0.14.4-py3-none-any.whl \
        > hooks/innocities/data/nordic.json

What it does: keeps Sweden, Norway, Denmark, Finland and Iceland; drops Svalbard (rings north of
74°N); rounds coordinates to 2 decimals (about 1 km, far finer than 1:110m); drops points that
rounding made repeat and ones that lie on a straight line between their neighbours. Rings are
[lon, lat] pairs, closed (the first point is not repeated).
"""

from __future__ import annotations

import io
import json
import sys
import zipfile

import shapefile  # pyshp

MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
COUNTRIES = {"Sweden": "SE", "Norway": "NO", "Denmark": "DK", "Finland": "FI", "Iceland": "IS"}
NORTH_LIMIT = 74.0  # Svalbard and Jan Mayen lie beyond; the map leaves them out
DECIMALS = 2


def rings_of(shape) -> list[list[tuple[float, float]]]:
    bounds = list(shape.parts) + [len(shape.points)]
    return [shape.points[a:b] for a, b in zip(bounds, bounds[1:])]


def clean(ring) -> list[list[float]]:
    pts = [(round(x, DECIMALS), round(y, DECIMALS)) for x, y in ring]
    if pts and pts[0] == pts[-1]:
        pts = pts[:-1]
    out: list[tuple[float, float]] = []
    for p in pts:
        if not out or out[-1] != p:
            out.append(p)
    changed = True
    while changed and len(out) > 3:  # drop points on a straight line between their neighbours
        changed = False
        for i in range(len(out)):
            (ax, ay), (bx, by), (cx, cy) = out[i - 1], out[i], out[(i + 1) % len(out)]
            if abs((bx - ax) * (cy - ay) - (by - ay) * (cx - ax)) < 1e-9:
                del out[i]
                changed = True
                break
    return [[x, y] for x, y in out]


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as z:
        files = {ext: io.BytesIO(z.read(f"{MEMBER}.{ext}")) for ext in ("shp", "shx", "dbf")}
        encoding = z.read(f"{MEMBER}.cpg").decode("ascii").strip()  # the .dbf's code page
    reader = shapefile.Reader(shp=files["shp"], shx=files["shx"], dbf=files["dbf"], encoding=encoding)
    countries = {}
    for item in reader.iterShapeRecords():
        name = item.record.as_dict()["name"]
        if name not in COUNTRIES:
            continue
        rings = [clean(r) for r in rings_of(item.shape) if min(y for _, y in r) < NORTH_LIMIT]
        countries[COUNTRIES[name]] = {"name": name, "rings": [r for r in rings if len(r) >= 3]}
    missing = set(COUNTRIES.values()) - set(countries)
    if missing:
        raise SystemExit(f"not found in the shapefile: {sorted(missing)}")
    data = {
        "source": "Natural Earth, public domain, 1:110m Admin 0 - Countries, via the naturalearth_lowres "
                  "dataset in the geopandas 0.14.4 wheel (geopandas/datasets/naturalearth_lowres)",
        "made_by": "tools/make_nordic_outlines.py",
        "license": "Public domain (https://www.naturalearthdata.com/about/terms-of-use/)",
        "format": "rings of [longitude, latitude] in degrees (WGS 84), rounded to 2 decimals; "
                  "Svalbard and Jan Mayen left out",
        "countries": {code: countries[code] for code in ("SE", "NO", "DK", "FI", "IS")},
    }
    # One ring per line: small, and a diff shows which ring changed.
    lines = ["{"]
    for key in ("source", "made_by", "license", "format"):
        lines.append(f"  {json.dumps(key)}: {json.dumps(data[key], ensure_ascii=False)},")
    lines.append('  "countries": {')
    codes = list(data["countries"])
    for ci, code in enumerate(codes):
        c = data["countries"][code]
        lines.append(f"    {json.dumps(code)}: {{\"name\": {json.dumps(c['name'])}, \"rings\": [")
        for ri, ring in enumerate(c["rings"]):
            comma = "," if ri < len(c["rings"]) - 1 else ""
            lines.append("      " + json.dumps(ring, separators=(",", ":")) + comma)
        lines.append("    ]}" + ("," if ci < len(codes) - 1 else ""))
    lines.append("  }")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    json.loads(text)  # what is written must read back
    sys.stdout.write(text)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
