"""One site build in-process with clocks around the project's code, for the own-code share.

    python bench/time_build.py SITE_COPY OUT_DIR

cProfile slows Python function calls several-fold, and Jinja templates are little else, so its
share overstates template-heavy code. Here the build runs at full speed and only the hook's
entry points (a few thousand calls) are timed, in two groups, printed as JSON:

  own       load, validate, index and generate: the hook's events, less the calls below. Where
            the pages are drawn in a second process (innocities/background.py), this is what
            the build waits for: the drawing's time is not in it, waiting for its result is.
  background  CPU seconds of the second processes: the drawing's, and the half of the content
            files parsed beside the first half on a large site (0 when all ran in this one)
  rss_mb, background_rss_mb  peak memory of this process and of the largest second one
  material  Material's own work done by our code instead: pages filled from their folder's
            shell (innocities_material.PageShells.render, on_page_context)
  search    Pagefind's index (innocities.search_index.Indexer: each page's searched part given
            before the pages are drawn; what the build still waits for Pagefind in on_post_build)
  build     load_config + build, the whole of it
"""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
import time
from pathlib import Path


def main(root: Path, out: Path) -> None:
    os.chdir(root)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    spent = {"own": 0.0, "material": 0.0, "search": 0.0}
    running: list[list] = []  # [group, started, time of inner clocked calls]

    def clocked(fn, group):
        # Exclusive time: a Material-work call inside a hook event counts for Material only.
        def run(*args, **kwargs):
            running.append([group, time.perf_counter(), 0.0])
            try:
                return fn(*args, **kwargs)
            finally:
                _, started, inner = running.pop()
                took = time.perf_counter() - started
                spent[group] += took - inner
                if running:
                    running[-1][2] += took
        return run

    t0 = time.perf_counter()
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(out), strict=True)
    hooks = 0
    for event, methods in config.plugins.events.items():
        for i, method in enumerate(methods):
            if str(getattr(method, "__module__", "")).endswith("innocities_hook.py"):
                methods[i] = clocked(method, "material" if event == "page_context" else "own")
                hooks += 1
    if not hooks:
        raise SystemExit("the innocities hook was not found in the configuration")
    import innocities_material  # imported by the hook while the config loaded

    innocities_material.PageShells.render = clocked(innocities_material.PageShells.render, "material")
    from innocities import background, search_index

    # Pagefind's index (each page's searched part given in on_env, Pagefind started there and
    # waited for in on_post_build): search's work, as Material's search plugin's was before, not
    # the project's own code.
    for name in ("__init__", "add", "start", "finish"):
        setattr(search_index.Indexer, name, clocked(getattr(search_index.Indexer, name), "search"))

    drawn_by: list = []  # the second processes: the drawing's, and the loading's on a large site
    waiting_for = background.Forked.result

    def result(self):
        drawn_by.append(self)
        return waiting_for(self)

    background.Forked.result = result
    build(config)
    total = time.perf_counter() - t0
    usages = [process.usage for process in drawn_by if process.usage is not None]
    print(json.dumps({"build": total, **spent,
                      "background": sum(u.ru_utime + u.ru_stime for u in usages),
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "background_rss_mb": max((u.ru_maxrss / 1024 for u in usages), default=0.0)}))


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve())
