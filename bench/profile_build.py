"""One site build in-process under cProfile, for the benchmark's own-code share.

    python bench/profile_build.py SITE_COPY OUT_DIR STATS_FILE

Loads the copy's mkdocs.yml and builds it (strict) the way `mkdocs build` does, with the
profiler around both steps, and dumps the pstats to STATS_FILE. Prints the wall time.
"""

from __future__ import annotations

import cProfile
import logging
import os
import sys
import time
from pathlib import Path


def build_site(config_file: str, site_dir: str) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file, site_dir=site_dir, strict=True)
    build(config)


def main(root: Path, out: Path, stats: Path) -> None:
    os.chdir(root)
    # Warnings must still fail the build, as with --strict on the command line.
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    import mkdocs.commands.build  # noqa: F401  - imports are not what is measured
    import mkdocs.config  # noqa: F401

    profiler = cProfile.Profile()
    t0 = time.perf_counter()
    profiler.enable()
    try:
        build_site(str(root / "mkdocs.yml"), str(out))
    finally:
        profiler.disable()
        profiler.dump_stats(str(stats))
    print(f"{time.perf_counter() - t0:.3f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve(), Path(sys.argv[3]).resolve())
