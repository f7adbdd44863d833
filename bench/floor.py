"""The floor of the benchmark: the least work any build of the content must do.

    python bench/floor.py SITE_COPY

Parses every content file's front matter with PyYAML (the pure-Python SafeLoader, as the
hooks and MkDocs use) and renders every body with Python-Markdown and the extensions from the
copy's mkdocs.yml. Prints one JSON line: {"seconds": ..., "files": ..., "html_bytes": ...},
where seconds is the in-process time of that work (imports excluded); the benchmark also times
the whole process from outside, like the two builds.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import markdown
import yaml


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; tags such as !ENV become None (only markdown_extensions is wanted)."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def extensions(config_file: Path) -> tuple[list[str], dict]:
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    names, configs = [], {}
    for item in config.get("markdown_extensions") or []:
        if isinstance(item, dict):
            (name, options), = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return names, configs


def split(text: str) -> tuple[str, str]:
    lines = text.split("\n")
    close = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    return "\n".join(lines[1:close]), "\n".join(lines[close + 1:])


def main(root: Path) -> dict:
    names, configs = extensions(root / "mkdocs.yml")
    files = sorted((root / "content").rglob("*.md"))
    t0 = time.perf_counter()
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    html_bytes = 0
    for path in files:
        front, body = split(path.read_text(encoding="utf-8"))
        data = yaml.load(front, Loader=yaml.SafeLoader)
        assert isinstance(data, dict), path
        html_bytes += len(md.reset().convert(body))
    return {"seconds": time.perf_counter() - t0, "files": len(files), "html_bytes": html_bytes}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
