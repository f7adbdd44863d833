"""The map of participating organisations, drawn at build time from their coordinates.

No tiles and no map service: borders and coast are Natural Earth's public-domain 1:10m country
shapes, the large lakes its 1:50m lakes (data/nordic.json, made once by
tools/make_nordic_outlines.py). Here they and the organisations are projected to SVG user units;
map.html draws the SVG. Only numbers and SVG path data leave this module.

Projection: an equidistant conic with standard parallels 58°N and 68°N and central meridian
15°E, so that east–west distances are right across Scandinavia (a plain longitude/latitude grid
would stretch the north and squeeze Denmark).

When the organisations lie close together (today: around the Oslofjord and Lake Mälaren), a
second, enlarged map of that area holds the markers; the overview then marks the enlarged area
and shows small dots. Each marker is a number, explained by the list under the map, so every
label is readable without hover. Organisations whose markers would overlap share one marker
(`group_points`, linear in the number of points: a grid of cells one marker wide, so each
point is compared only with the few markers near it; 800 points take milliseconds, where
pushing every pair apart took 25 s at 761).

Organisation pages show a small locator map: the outlines are one shared file drawn once per
build (LOCATOR_PATH, template locator.svg), and each page adds only a dot.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .index import Index
from .model import Municipality
from .schema import COUNTRIES

DATA = Path(__file__).parent / "data" / "nordic.json"

EARTH_RADIUS_KM = 6371.0
STANDARD_PARALLELS = (58.0, 68.0)
ORIGIN = (62.0, 15.0)  # latitude, longitude of (0, 0)

WIDTH = 640.0  # SVG user units; charts.css draws the map at most about this wide
MARGIN = 10.0
MARKER_RADIUS = 10.0  # a numbered marker
DOT_RADIUS = 2.5  # an organisation in the overview, when the markers are in the detail map
GAP = 2.0  # at least this between two markers
DETAIL_PADDING_KM = 35.0
DETAIL_MIN_HEIGHT, DETAIL_MAX_HEIGHT = 220.0, 480.0
MIN_ZOOM, MAX_ZOOM = 2.0, 8.0  # detail scale relative to the overview; below MIN no detail map
# Coordinates outside this window (say, a partner in Brussels) are listed but not drawn.
WINDOW = {"lat": (53.0, 72.0), "lon": (-26.0, 34.0)}

LOCATOR_PATH = "karta/norden.svg"  # the shared outlines of the locator maps, a file of the site
LOCATOR_WIDTH = 200.0

# Where each country's name is written (latitude, longitude), and which side of it.
NAME_AT = {"SE": (63.2, 15.6, "middle"), "NO": (61.4, 8.6, "middle"), "FI": (63.4, 26.6, "middle"),
           "DK": (56.3, 7.8, "end"), "IS": (64.9, -18.6, "middle")}


# --- projection ---------------------------------------------------------------------------

def _conic():
    p1, p2 = (math.radians(p) for p in STANDARD_PARALLELS)
    n = (math.cos(p1) - math.cos(p2)) / (p2 - p1)
    g = math.cos(p1) / n + p1
    return n, g, g - math.radians(ORIGIN[0])


_N, _G, _RHO0 = _conic()


def project(lat: float, lon: float) -> tuple[float, float]:
    """Kilometres east and south of 62°N 15°E (y grows southwards, as in SVG)."""
    rho = _G - math.radians(lat)
    theta = _N * math.radians(lon - ORIGIN[1])
    return EARTH_RADIUS_KM * rho * math.sin(theta), -EARTH_RADIUS_KM * (_RHO0 - rho * math.cos(theta))


@cache
def _data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


@cache
def outlines() -> dict[str, list[list[tuple[float, float]]]]:
    """Country code → rings of (lat, lon)."""
    return {code: [[(lat, lon) for lon, lat in ring] for ring in c["rings"]] for code, c in _data()["countries"].items()}


@cache
def lakes() -> list[list[tuple[float, float]]]:
    """The large lakes: rings of (lat, lon)."""
    return [[(lat, lon) for lon, lat in ring] for ring in _data()["lakes"]]


@cache
def _projected() -> tuple[dict[str, list[list[tuple[float, float]]]], list[list[tuple[float, float]]]]:
    """Outlines and lakes in kilometres, projected once per process."""
    return ({code: [[project(*p) for p in ring] for ring in rings] for code, rings in outlines().items()},
            [[project(*p) for p in ring] for ring in lakes()])


@dataclass(frozen=True)
class Frame:
    """Kilometres → SVG units: x = left + (km_x - km_left) * scale."""

    km_left: float
    km_top: float
    scale: float  # SVG units per km
    left: float = 0.0
    top: float = 0.0

    def xy(self, km: tuple[float, float]) -> tuple[float, float]:
        return (self.left + (km[0] - self.km_left) * self.scale, self.top + (km[1] - self.km_top) * self.scale)

    def path(self, rings: list[list[tuple[float, float]]], min_step: float = 0.1) -> str:
        """SVG path data from rings in km, one closed sub-path per ring; a point closer than
        min_step (SVG units) to the one before is left out (a small map would repeat many)."""
        parts = []
        for ring in rings:
            pts: list[str] = []
            last = None
            for p in ring:
                x, y = self.xy(p)
                if last is None or abs(x - last[0]) >= min_step or abs(y - last[1]) >= min_step:
                    pts.append(f"{x:.1f} {y:.1f}")
                    last = (x, y)
            if len(pts) >= 3:
                parts.append("M" + " L".join(pts) + " Z")
        return " ".join(parts)


def _frame_of(km_pts: list[tuple[float, float]], width: float, margin: float) -> tuple[Frame, float]:
    """The frame that fits these points into `width`, and the height it needs."""
    xs, ys = [p[0] for p in km_pts], [p[1] for p in km_pts]
    frame = Frame(min(xs), min(ys), (width - 2 * margin) / (max(xs) - min(xs)), margin, margin)
    return frame, round((max(ys) - min(ys)) * frame.scale + 2 * margin, 1)


# --- what the template draws ---------------------------------------------------------------

@dataclass(frozen=True)
class Shape:
    code: str
    d: str


@dataclass(frozen=True)
class Name:
    code: str
    x: float
    y: float
    anchor: str


@dataclass(frozen=True)
class Entry:
    m: Municipality
    projects: int
    on_map: bool
    number: int | None = None  # the marker's number, when the organisation is on the map
    anchor: bool = False  # the first entry of its marker in the list: the marker links here

    @property
    def off_map(self) -> str | None:
        """Why the organisation is not on the map: "no_coordinates", "outside" or None."""
        if self.on_map:
            return None
        return "no_coordinates" if self.m.coordinates is None else "outside"


@dataclass(frozen=True)
class Marker:
    """One numbered marker: the organisations at (or very near) one place."""

    number: int
    x: float
    y: float
    members: tuple[Entry, ...]


@dataclass(frozen=True)
class ScaleBar:
    x: float
    y: float
    length: float
    km: int


@dataclass(frozen=True)
class View:
    """One SVG map: the overview of the Nordic countries, or the enlargement of where the points are."""

    width: float
    height: float
    shapes: tuple[Shape, ...]
    lakes: str  # SVG path data of the lakes
    names: tuple[Name, ...]
    markers: tuple[Marker, ...]
    dots: tuple[tuple[float, float], ...]  # the overview's dots, when the markers are in the detail map
    area: tuple[float, float, float, float] | None  # the enlarged area: x, y, width, height
    scale_bar: ScaleBar
    marker_radius: float = MARKER_RADIUS
    dot_radius: float = DOT_RADIUS


def on_map(m: Municipality) -> bool:
    if m.coordinates is None:
        return False
    lat, lon = m.coordinates
    return WINDOW["lat"][0] <= lat <= WINDOW["lat"][1] and WINDOW["lon"][0] <= lon <= WINDOW["lon"][1]


@dataclass
class Grouping:
    """What group_points found: the groups, and how many point-to-marker distances it measured."""

    groups: list[tuple[float, float, tuple[int, ...]]]  # x, y, indices of the points, in input order
    comparisons: int


def group_points(points: list[tuple[float, float]], distance: float,
                 box: tuple[float, float, float, float]) -> Grouping:
    """Markers at least `distance` apart, inside box (x0, y0, x1, y1): points that would come
    closer share a marker at their mean position.

    Linear: the markers placed so far sit in a grid of cells `distance` wide. As no two of them
    are closer than `distance`, a cell holds at most four, so a new point is compared with at most
    36 markers (its cell and the eight around it); a merge removes a marker, so there are fewer
    merges than points. Deterministic: points are taken in input order.
    """
    cell = distance
    grid: dict[tuple[int, int], list[int]] = {}
    groups: list[list] = []  # [x, y, weight, indices, alive]
    comparisons = 0

    def key(x: float, y: float) -> tuple[int, int]:
        return math.floor(x / cell), math.floor(y / cell)

    for i, (x, y) in enumerate(points):
        x, y = min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])
        weight, members = 1, [i]
        while True:
            cx, cy = key(x, y)
            nearest, best = None, distance
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for g in grid.get((cx + dx, cy + dy), ()):
                        comparisons += 1
                        d = math.hypot(groups[g][0] - x, groups[g][1] - y)
                        if d < best:
                            nearest, best = g, d
            if nearest is None:
                break
            gx, gy, gw, gm, _ = groups[nearest]
            grid[key(gx, gy)].remove(nearest)
            groups[nearest][4] = False
            x, y = (gx * gw + x * weight) / (gw + weight), (gy * gw + y * weight) / (gw + weight)
            if len(gm) >= len(members):  # the smaller list into the larger: linear in all
                gm, members = members, gm
            members.extend(gm)
            weight += gw
        groups.append([x, y, weight, members, True])
        grid.setdefault(key(x, y), []).append(len(groups) - 1)
    out = [(round(g[0], 1), round(g[1], 1), tuple(sorted(g[3]))) for g in groups if g[4]]
    return Grouping(sorted(out, key=lambda g: g[2][0]), comparisons)


def nice_km(max_km: float) -> int:
    """The longest round distance (1, 2 or 5 × 10^n km) not longer than max_km."""
    best = 1
    for exp in range(0, 5):
        for m in (1, 2, 5):
            if m * 10 ** exp <= max_km:
                best = m * 10 ** exp
    return best


def _reaches(ring: list[tuple[float, float]], km_box: tuple[float, float, float, float] | None) -> bool:
    if km_box is None:
        return True
    return not (max(p[0] for p in ring) < km_box[0] or min(p[0] for p in ring) > km_box[2]
                or max(p[1] for p in ring) < km_box[1] or min(p[1] for p in ring) > km_box[3])


def clip(ring: list[tuple[float, float]], box: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """The part of a ring inside box (x0, y0, x1, y1) (Sutherland–Hodgman): a detail map draws
    only its own area, not the whole of Norway. Edges it adds run along the box, which lies
    outside the visible map."""
    def cut(pts, inside, cross):
        out = []
        for i, cur in enumerate(pts):
            prev = pts[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        return out

    def at_x(x):
        return lambda a, b: (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))

    def at_y(y):
        return lambda a, b: (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)

    x0, y0, x1, y1 = box
    pts = ring
    for inside, cross in ((lambda p: p[0] >= x0, at_x(x0)), (lambda p: p[0] <= x1, at_x(x1)),
                          (lambda p: p[1] >= y0, at_y(y0)), (lambda p: p[1] <= y1, at_y(y1))):
        if not pts:
            break
        pts = cut(pts, inside, cross)
    return pts


def _shapes(frame: Frame, km_box: tuple[float, float, float, float] | None = None,
            min_step: float = 0.1) -> tuple[tuple[Shape, ...], str]:
    """Country outlines and the lakes' path; with km_box only what lies in it."""
    countries, water = _projected()

    def kept(rings):
        if km_box is None:
            return rings
        return [c for c in (clip(r, km_box) for r in rings if _reaches(r, km_box)) if len(c) >= 3]

    out = []
    for code in COUNTRIES:
        rings = kept(countries.get(code, []))
        if rings:
            out.append(Shape(code, frame.path(rings, min_step)))
    return tuple(out), frame.path(kept(water), min_step)


class NordicMap:
    """The overview, and (when the organisations crowd it) a detail map that holds the markers."""

    def __init__(self, ix: Index) -> None:
        self.ix = ix
        # Fictional example organisations have no place on a map of real places; they are listed apart.
        self.real = [m for m in ix.municipalities if not m.example]
        self.examples = [Entry(m, len(ix.by_municipality.get(m.slug, [])), False) for m in ix.municipalities if m.example]
        located = [m for m in self.real if on_map(m)]
        self.total = len(self.real)
        self.located = len(located)
        km_points = [project(*m.coordinates) for m in located]
        countries, _ = _projected()
        frame, height = _frame_of([p for rs in countries.values() for r in rs for p in r] + km_points, WIDTH, MARGIN)
        names = tuple(Name(code, *(round(v, 1) for v in frame.xy(project(lat, lon))), anchor)
                      for code, (lat, lon, anchor) in NAME_AT.items() if code in countries)
        detail = self._detail_frame(km_points, frame.scale)
        overview_xy = [frame.xy(p) for p in km_points]
        # A point every 1.5 units (about 6.5 km; 1.5 px at full width) in the overview.
        shapes, water = _shapes(frame, min_step=1.5)
        if detail is None:
            markers = self._markers(located, overview_xy, WIDTH, height)
            self.detail = None
            self.overview = View(WIDTH, height, shapes, water, names, markers, (), None,
                                 self._scale_bar(frame, WIDTH, height))
        else:
            dframe, dwidth, dheight = detail
            ax, ay = frame.xy((dframe.km_left, dframe.km_top))
            area = (round(ax, 1), round(ay, 1), round(dwidth / dframe.scale * frame.scale, 1),
                    round(dheight / dframe.scale * frame.scale, 1))
            dots = tuple(sorted({(round(x, 1), round(y, 1)) for x, y in overview_xy}))
            self.overview = View(WIDTH, height, shapes, water, names, (), dots, area,
                                 self._scale_bar(frame, WIDTH, height))
            pad = 5 / dframe.scale  # a little beyond the edge, so that no clipped edge shows
            km_box = (dframe.km_left - pad, dframe.km_top - pad, dframe.km_left + dwidth / dframe.scale + pad,
                      dframe.km_top + dheight / dframe.scale + pad)
            detail_xy = [dframe.xy(p) for p in km_points]
            markers = self._markers(located, detail_xy, dwidth, dheight)
            # Country names along the top edge, above the middle of that country's points.
            by_country: dict[str, list[float]] = {}
            for m, (x, _) in zip(located, detail_xy):
                by_country.setdefault(m.country, []).append(x)
            dnames = tuple(Name(code, round(sum(v) / len(v), 1), 20.0, "middle")
                           for code, v in sorted(by_country.items(), key=lambda kv: sum(kv[1]) / len(kv[1])))
            dshapes, dwater = _shapes(dframe, km_box)
            self.detail = View(round(dwidth, 1), round(dheight, 1), dshapes, dwater, dnames, markers, (),
                               None, self._scale_bar(dframe, dwidth, dheight))
        self.markers = markers

    def _projects(self, m: Municipality) -> int:
        return len(self.ix.by_municipality.get(m.slug, []))

    def _markers(self, located: list[Municipality], xy: list[tuple[float, float]],
                 width: float, height: float) -> tuple[Marker, ...]:
        """Numbered markers. Numbers follow the list under the map (country, then name of the
        marker's first organisation), so that the list reads 1, 2, 3 down each country."""
        r = MARKER_RADIUS
        grouping = group_points(xy, 2 * r + GAP, (r + 1, r + 1, width - r - 1, height - r - 1))
        order = {code: i for i, code in enumerate(COUNTRIES)}

        def sort_key(m: Municipality):
            return order.get(m.country, len(order)), m.name.casefold(), m.slug

        groups = []
        for x, y, idx in grouping.groups:
            members = sorted((located[i] for i in idx), key=sort_key)
            groups.append((sort_key(members[0]), x, y, members))
        groups.sort(key=lambda g: g[0])
        return tuple(Marker(n, x, y, tuple(Entry(m, self._projects(m), True, n, k == 0) for k, m in enumerate(members)))
                     for n, (_, x, y, members) in enumerate(groups, start=1))

    @staticmethod
    def _scale_bar(frame: Frame, width: float, height: float) -> ScaleBar:
        km = nice_km(0.2 * (width - 2 * MARGIN) / frame.scale)
        length = km * frame.scale
        return ScaleBar(round(width - MARGIN - length, 1), round(height - MARGIN - 6, 1), round(length, 1), km)

    @staticmethod
    def _detail_frame(km_points: list[tuple[float, float]], overview_scale: float):
        """Frame, width and height of the detail map, or None when the overview is roomy enough."""
        if len(km_points) < 2:
            return None
        xs, ys = [p[0] for p in km_points], [p[1] for p in km_points]
        km_w = max(xs) - min(xs) + 2 * DETAIL_PADDING_KM
        km_h = max(ys) - min(ys) + 2 * DETAIL_PADDING_KM
        scale = min((WIDTH - 2 * MARGIN) / km_w, DETAIL_MAX_HEIGHT / km_h, MAX_ZOOM * overview_scale)
        if scale < MIN_ZOOM * overview_scale:
            return None
        height = min(max(km_h * scale, DETAIL_MIN_HEIGHT), DETAIL_MAX_HEIGHT)
        km_w, km_h = WIDTH / scale, height / scale  # the whole width; more land around a small area
        km_left = (min(xs) + max(xs)) / 2 - km_w / 2
        km_top = (min(ys) + max(ys)) / 2 - km_h / 2
        return Frame(km_left, km_top, scale), WIDTH, height

    @property
    def groups(self) -> list[tuple[str, list[Entry]]]:
        """Every organisation, by country (in the schema's order): those on the map in the order of
        their markers' numbers, then those that are not, by name."""
        on = {e.m.slug: e for mk in self.markers for e in mk.members}
        out = []
        for code in COUNTRIES:
            entries = [on.get(m.slug) or Entry(m, self._projects(m), on_map(m))
                       for m in self.real if m.country == code]
            entries.sort(key=lambda e: (e.number is None, e.number or 0, e.m.name.casefold(), e.m.slug))
            if entries:
                out.append((code, entries))
        return out


# --- the locator map on each organisation page ---------------------------------------------

@dataclass(frozen=True)
class LocatorDot:
    x: float
    y: float
    width: float  # the locator's viewBox
    height: float


class Locator:
    """The small map of the Nordic countries that organisation pages share: its outlines are
    drawn once (`shapes`, `lakes`, into LOCATOR_PATH); a page adds only a dot (`dot`)."""

    def __init__(self) -> None:
        countries, _ = _projected()
        self.frame, self.height = _frame_of([p for rs in countries.values() for r in rs for p in r], LOCATOR_WIDTH, 4.0)
        self.width = LOCATOR_WIDTH
        # A point every 0.8 units (about 8 km): the locator is drawn some 200 px wide.
        self.shapes, self.lakes = _shapes(self.frame, min_step=0.8)

    def dot(self, m: Municipality) -> LocatorDot | None:
        if not on_map(m):
            return None
        x, y = self.frame.xy(project(*m.coordinates))
        if not (0 <= x <= self.width and 0 <= y <= self.height):
            return None
        return LocatorDot(round(x, 1), round(y, 1), self.width, self.height)


@cache
def locator() -> Locator:
    return Locator()
