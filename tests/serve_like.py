"""Rebuild a site in one process the way `mkdocs serve` does after each edit (MkDocs 1.6's
commands/serve.py: the config loaded anew, the same site folder, on_startup once), without the
HTTP server and file watching. Run as a script by sitebuild.rebuild_like_serve.

argv: root, out, command ("serve"; "build" is what `mkdocs serve --clean` gives: nothing kept
between rebuilds), and a JSON list of steps. A step is {path: text, or null to delete}; it is
written, then the site is built and copied to out/<step number>. Prints one JSON line per step.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def main() -> None:
    root, out, command, steps = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4])
    site = out / "serving"
    serve_url = "http://127.0.0.1:8000/"
    heard = _Warnings()
    logging.getLogger("mkdocs").addHandler(heard)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    for k, step in enumerate(steps):
        for rel, text in step.items():
            path = root / rel
            if text is None:
                path.unlink()
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(text.encode("utf-8"))
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site), strict=True)
        if k == 0:
            config.plugins.on_startup(command=command, dirty=False)
        config.site_url = serve_url
        heard.messages = []
        try:
            build(config, serve_url=serve_url)
            ok = True
        except Exception as e:  # noqa: BLE001 - serve logs it and waits for the next edit
            ok, heard.messages = False, [*heard.messages, f"{type(e).__name__}: {e}"]
        cache = sys.modules["innocities_markdown_cache"].SERVE_CACHE  # imported by the hook
        shutil.copytree(site, out / str(k))
        print(json.dumps({"ok": ok, "warnings": heard.messages,
                          "reused": cache.reused if cache else 0, "converted": cache.converted if cache else None}))


if __name__ == "__main__":
    main()
