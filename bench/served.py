"""A built site served for a browser as GitHub Pages serves it: under a sub-path, text gzip'd.

    with served(site_dir) as base_url: ...   # http://127.0.0.1:PORT/innocities/
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import threading
import urllib.parse
from pathlib import Path

SUB_PATH = "/innocities/"
_TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".geojson", ".mjs")


class _Handler(http.server.SimpleHTTPRequestHandler):
    site: Path

    def log_message(self, format, *args):  # noqa: A002 - base class signature
        pass

    def do_GET(self):  # noqa: N802 - base class name
        raw = urllib.parse.urlsplit(self.path).path
        if not raw.startswith(SUB_PATH):
            return self.send_error(404)
        rel = urllib.parse.unquote(raw[len(SUB_PATH):])
        path = (self.site / rel).resolve()
        if not path.is_relative_to(self.site):
            return self.send_error(404)
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return self.send_error(404)
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if path.suffix in _TEXT and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def served(site: Path):
    handler = type("Handler", (_Handler,), {"site": Path(site).resolve()})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()
