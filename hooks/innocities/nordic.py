"""The map of participating organisations, drawn at build time from their coordinates.

No tiles and no map service: the country outlines are Natural Earth's public-domain 1:110m
shapes of Sweden, Norway, Denmark, Finland and Iceland (data/nordic.json, made once by
tools/make_nordic_outlines.py). Here they and the organisations are projected to SVG user units;
map.html draws the SVG. Only numbers and SVG path data leave this module.

Projection: an equidistant conic with standard parallels 58°N and 68°N and central meridian
15°E, so that east–west distances are right across Scandinavia (a plain longitude/latitude grid
would stretch the north and squeeze Denmark).

When the organisations lie close together (today: around the Oslofjord and Lake Mälaren), a
second, enlarged map of that area holds the linked points; the overview then marks the
enlarged area and shows small unlinked dots. Points that would overlap are pushed apart, and a
thin line joins a moved point to its true place.
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
POINT_RADIUS = 6.0  # a linked point
DOT_RADIUS = 2.5  # an unlinked point in the overview, when the links are in the detail map
GAP = 2.0  # between two pushed-apart points
DETAIL_PADDING_KM = 35.0
DETAIL_MIN_HEIGHT, DETAIL_MAX_HEIGHT = 220.0, 480.0
MIN_ZOOM, MAX_ZOOM = 2.0, 8.0  # detail scale relative to the overview; below MIN no detail map
# Coordinates outside this window (say, a partner in Brussels) are listed but not drawn.
WINDOW = {"lat": (53.0, 72.0), "lon": (-26.0, 34.0)}
LABEL_ROOM = 150.0  # a name shown on hover/focus goes left of its point when nearer the edge

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
def outlines() -> dict[str, list[list[tuple[float, float]]]]:
    """Country code → rings of (lat, lon)."""
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    return {code: [[(lat, lon) for lon, lat in ring] for ring in c["rings"]] for code, c in raw["countries"].items()}


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

    def path(self, rings: list[list[tuple[float, float]]]) -> str:
        """SVG path data, one closed sub-path per ring."""
        parts = []
        for ring in rings:
            pts = [self.xy(project(lat, lon)) for lat, lon in ring]
            parts.append("M" + " L".join(f"{x:.1f} {y:.1f}" for x, y in pts) + " Z")
        return " ".join(parts)


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
class Point:
    m: Municipality
    projects: int
    x: float  # where the point is drawn
    y: float
    true_x: float  # where the coordinates are; differs when the point was pushed aside
    true_y: float
    label_x: float
    label_y: float
    anchor: str  # "start" | "end": which side of the point the name goes

    @property
    def moved(self) -> bool:
        return math.hypot(self.x - self.true_x, self.y - self.true_y) > 1.0


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
    names: tuple[Name, ...]
    points: tuple[Point, ...]  # linked points
    dots: tuple[tuple[float, float], ...]  # unlinked points (the overview, when there is a detail map)
    area: tuple[float, float, float, float] | None  # the enlarged area: x, y, width, height
    scale_bar: ScaleBar
    point_radius: float = POINT_RADIUS
    dot_radius: float = DOT_RADIUS


@dataclass(frozen=True)
class Entry:
    m: Municipality
    projects: int
    on_map: bool

    @property
    def off_map(self) -> str | None:
        """Why the organisation is not on the map: "no_coordinates", "outside" or None."""
        if self.on_map:
            return None
        return "no_coordinates" if self.m.coordinates is None else "outside"


def on_map(m: Municipality) -> bool:
    if m.coordinates is None:
        return False
    lat, lon = m.coordinates
    return WINDOW["lat"][0] <= lat <= WINDOW["lat"][1] and WINDOW["lon"][0] <= lon <= WINDOW["lon"][1]


def spread(points: list[tuple[float, float]], distance: float,
           box: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """Push points apart until no two are closer than `distance`, staying inside box (x0, y0, x1, y1).

    Deterministic: the same input always gives the same picture. Points on the same spot
    start apart in the directions of a golden-angle spiral.
    """
    golden = math.pi * (3 - math.sqrt(5))
    pos = [list(p) for p in points]
    seen: dict[tuple[float, float], int] = {}
    for p in pos:
        key = (round(p[0], 1), round(p[1], 1))
        k = seen.get(key, 0)
        seen[key] = k + 1
        if k:
            p[0] += 0.5 * math.cos(k * golden)
            p[1] += 0.5 * math.sin(k * golden)
    for _ in range(500):
        moved = False
        for i in range(len(pos)):
            for j in range(i + 1, len(pos)):
                dx, dy = pos[j][0] - pos[i][0], pos[j][1] - pos[i][1]
                d = math.hypot(dx, dy)
                if d >= distance - 1e-6:
                    continue
                if d < 1e-9:
                    dx, dy, d = math.cos(j * golden), math.sin(j * golden), 1.0
                push = (distance - d) / 2 + 0.01
                ux, uy = dx / d, dy / d
                pos[i][0] -= ux * push
                pos[i][1] -= uy * push
                pos[j][0] += ux * push
                pos[j][1] += uy * push
                moved = True
        for p in pos:
            p[0] = min(max(p[0], box[0]), box[2])
            p[1] = min(max(p[1], box[1]), box[3])
        if not moved:
            break
    return [(round(x, 1), round(y, 1)) for x, y in pos]


def nice_km(max_km: float) -> int:
    """The longest round distance (1, 2 or 5 × 10^n km) not longer than max_km."""
    best = 1
    for exp in range(0, 5):
        for m in (1, 2, 5):
            if m * 10 ** exp <= max_km:
                best = m * 10 ** exp
    return best


class NordicMap:
    """The overview, and (when the organisations crowd it) a detail map that holds the links."""

    def __init__(self, ix: Index) -> None:
        self.ix = ix
        rings = outlines()
        # Fictional example organisations have no place on a map of real places; they are listed apart.
        self.real = [m for m in ix.municipalities if not m.example]
        self.examples = [Entry(m, len(ix.by_municipality.get(m.slug, [])), False) for m in ix.municipalities if m.example]
        located = [m for m in self.real if on_map(m)]
        self.total = len(self.real)
        self.located = len(located)
        km_points = [project(*m.coordinates) for m in located]
        km_all = [project(lat, lon) for rs in rings.values() for r in rs for lat, lon in r] + km_points
        xs, ys = [p[0] for p in km_all], [p[1] for p in km_all]
        frame = Frame(min(xs), min(ys), (WIDTH - 2 * MARGIN) / (max(xs) - min(xs)), MARGIN, MARGIN)
        height = round((max(ys) - min(ys)) * frame.scale + 2 * MARGIN, 1)
        names = tuple(Name(code, *(round(v, 1) for v in frame.xy(project(lat, lon))), anchor)
                      for code, (lat, lon, anchor) in NAME_AT.items() if code in rings)
        detail = self._detail_frame(km_points, frame.scale)
        overview_xy = [frame.xy(p) for p in km_points]
        if detail is None:
            self.detail = None
            self.overview = View(WIDTH, height, self._shapes(frame), names,
                                 self._points(located, overview_xy, WIDTH, height), (), None,
                                 self._scale_bar(frame, WIDTH, height))
            return
        dframe, dwidth, dheight = detail
        ax, ay = frame.xy((dframe.km_left, dframe.km_top))
        area = (round(ax, 1), round(ay, 1), round(dwidth / dframe.scale * frame.scale, 1),
                round(dheight / dframe.scale * frame.scale, 1))
        dots = tuple(sorted({(round(x, 1), round(y, 1)) for x, y in overview_xy}))
        self.overview = View(WIDTH, height, self._shapes(frame), names, (), dots, area,
                             self._scale_bar(frame, WIDTH, height))
        km_box = (dframe.km_left, dframe.km_top, dframe.km_left + dwidth / dframe.scale,
                  dframe.km_top + dheight / dframe.scale)
        points = self._points(located, [dframe.xy(p) for p in km_points], dwidth, dheight)
        # Country names along the top edge, above the middle of that country's points.
        by_country: dict[str, list[float]] = {}
        for pt in points:
            by_country.setdefault(pt.m.country, []).append(pt.true_x)
        dnames = tuple(Name(code, round(sum(v) / len(v), 1), 20.0, "middle")
                       for code, v in sorted(by_country.items(), key=lambda kv: sum(kv[1]) / len(kv[1])))
        self.detail = View(round(dwidth, 1), round(dheight, 1), self._shapes(dframe, km_box), dnames, points, (),
                           None, self._scale_bar(dframe, dwidth, dheight))

    @staticmethod
    def _shapes(frame: Frame, km_box: tuple[float, float, float, float] | None = None) -> tuple[Shape, ...]:
        """Country outlines; with km_box only the rings that reach into it (the SVG clips the rest)."""
        def reaches(ring) -> bool:
            if km_box is None:
                return True
            pts = [project(lat, lon) for lat, lon in ring]
            return not (max(p[0] for p in pts) < km_box[0] or min(p[0] for p in pts) > km_box[2]
                        or max(p[1] for p in pts) < km_box[1] or min(p[1] for p in pts) > km_box[3])

        rings = outlines()
        out = []
        for code in COUNTRIES:
            kept = [r for r in rings.get(code, []) if reaches(r)]
            if kept:
                out.append(Shape(code, frame.path(kept)))
        return tuple(out)

    @staticmethod
    def _scale_bar(frame: Frame, width: float, height: float) -> ScaleBar:
        km = nice_km(0.2 * (width - 2 * MARGIN) / frame.scale)
        length = km * frame.scale
        return ScaleBar(round(width - MARGIN - length, 1), round(height - MARGIN - 6, 1), round(length, 1), km)

    def _points(self, located: list[Municipality], xy: list[tuple[float, float]],
                width: float, height: float) -> tuple[Point, ...]:
        r = POINT_RADIUS
        drawn = spread(xy, 2 * r + GAP, (r + 1, r + 1, width - r - 1, height - r - 1))
        points = []
        for m, (tx, ty), (x, y) in zip(located, xy, drawn):
            right = x + LABEL_ROOM < width
            points.append(Point(m, len(self.ix.by_municipality.get(m.slug, [])), x, y, round(tx, 1), round(ty, 1),
                                round(x + r + 5, 1) if right else round(x - r - 5, 1), round(y + 4.5, 1),
                                "start" if right else "end"))
        return tuple(points)

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
        """Every organisation, by country (in the schema's order), in name order."""
        out = []
        for code in COUNTRIES:
            entries = [Entry(m, len(self.ix.by_municipality.get(m.slug, [])), on_map(m))
                       for m in self.real if m.country == code]
            if entries:
                out.append((code, entries))
        return out
