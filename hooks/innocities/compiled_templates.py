"""Compiled Jinja templates kept for the life of the process.

`make serve` rebuilds the whole site on every change, and every build makes new Jinja
environments, which compile every template again: about 0.2 s for ours and as much for
Material's. One cache per kind of environment (the options change the compiled code) keeps
them for the next rebuild; Jinja checks each template's source against its checksum, so an
edited template is compiled anew. A one-off `mkdocs build` compiles as before.
"""

from __future__ import annotations

import jinja2


class CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored when the template's source changed

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


PAGES = CompiledTemplates()  # the environment of pages.Renderer
