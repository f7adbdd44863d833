"""Time the map's layout (innocities.nordic.NordicMap) on a site copy, in-process.

    python bench/map_layout.py SITE_COPY [--repeat 5]

Loads the copy's content with its own hooks/ (as the build does), then builds the map `repeat`
times and prints one JSON line: median seconds, organisations, those on the map, and markers. The pairwise layout this replaced took 2.7 s
at 382 organisations and 25 s at 761; the grid grouping takes milliseconds at 800.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("copy", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.copy.resolve() / "hooks"))
    from innocities import content, nordic
    from innocities.index import Index

    ix = Index(content.load(args.copy.resolve()))
    nordic.locator()  # the outlines are read and projected once per process, not per layout
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        nm = nordic.NordicMap(ix)
        times.append(time.perf_counter() - t0)
    print(json.dumps({"seconds": statistics.median(times), "organisations": len(ix.municipalities),
                      "on_map": nm.located, "markers": len(nm.markers)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
