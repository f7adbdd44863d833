"""The MkDocs face of the knowledge base: it only routes MkDocs events to the model.

Load, validate and index live in the `innocities` package (no MkDocs import), so the site can
move to another engine without rewriting them. Here: problems become log lines (warnings fail
`--strict`, errors stop the build), PageSpecs become virtual files, and the pages drawn from
them (in a second process while MkDocs renders the Markdown; innocities/background.py) become
page content. Work Material repeats per page, done once or faster, is in innocities_material.py;
Markdown bodies kept between `make serve` rebuilds in innocities_markdown_cache.py.
"""

from __future__ import annotations

import contextlib
import gc
import html
import logging
import os
from pathlib import Path
from urllib.parse import urljoin

import jinja2
import mkdocs

from innocities.messages import msg, set_language, language_from_env  # noqa: E402 - the guard speaks too

if int(mkdocs.__version__.split(".")[0]) >= 2:  # pragma: no cover - guards a wrong install
    set_language(language_from_env())
    raise SystemExit(msg("wrong_mkdocs", version=mkdocs.__version__))

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from innocities import background, body, compiled_templates, content, csp, history, messages, pages, schema, search_index, source
from innocities.index import Index
from innocities.labels import labels
from innocities.problems import format_text

import innocities_markdown_cache as markdown_cache
from innocities_material import SHELL_TEMPLATE, THEME_TEMPLATES, PageShells, can_share, with_sections

log = logging.getLogger("mkdocs.plugins.innocities")


class _Build:
    """What one build knows; made anew on every (re)build."""

    specs: dict[str, pages.PageSpec] = {}
    nav_pages: set[str] = set()  # src_uris of the pages the navigation lists
    nav_by_uri: dict[str, Page] = {}  # src_uri → the navigation's page
    marked: Page | None = None  # the navigation page marked active for a page outside it (on_page_context)
    shells = PageShells()  # Material's page drawn once per folder (innocities_material.py)
    expected: list[tuple[str, str]] = []  # (content file, page source uri) that must be built
    drawing: background.Pending | None = None  # our pages and files being drawn: a pages.DrawnSite
    search: search_index.Indexer | None = None  # the pages' searched parts, for Pagefind
    to_fill: list[Page] = []  # pages whose Markdown body goes into a drawn page
    drawn_files: dict[str, File] = {}  # site path → generated file whose text is being drawn
    edit_base: str | None = None
    body_lines: dict[str, int] = {}  # content file → line where its body starts
    body_problems: list[str] = []  # what the body rule would remove, reported before pages are drawn
    # Material's work done a faster way (per-folder page parts); off with
    # INNOCITIES_SHORTCUTS=0, to check that they change nothing.
    shortcuts: bool = True


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _template_cache(config: MkDocsConfig) -> Path:
    """Where compiled templates are kept between builds (see innocities/compiled_templates.py)."""
    return _root(config) / ".cache" / "templates"


def on_startup(*, command: str, dirty: bool) -> None:
    # `make serve` builds the whole site again after every edit: keep parsed content files for
    # the next build, so that only changed ones are parsed again. Kept in the innocities package,
    # as MkDocs loads this hook module anew for every build.
    source.SERVE_CACHE = source.ParsedFiles() if command == "serve" else None
    # Likewise the Markdown bodies MkDocs converted (innocities_markdown_cache.py).
    markdown_cache.SERVE_CACHE = markdown_cache.ConvertedMarkdown() if command == "serve" else None


@contextlib.contextmanager
def _collector_paused():
    """Loading makes tens of thousands of objects that live for the whole build, and meanwhile the
    cycle collector would scan the heap, MkDocs' and Material's included, again and again (about
    25 ms of on_files' 0.27 s at N = 1000). Cycles made meanwhile are collected when it runs again.
    Drawing the pages in this process (background.InProcess, in on_env) gained nothing measurable
    from a pause, so it has none."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if markdown_cache.SERVE_CACHE is not None:
        # Under `make serve` the last rebuild's pages are garbage now, held in reference cycles. With
        # its Markdown kept (innocities_markdown_cache.py) a rebuild allocates too little for the
        # collector to free them soon: at N = 500 the server grew to 163 MB instead of 97 MB.
        # Collecting here costs about 40 ms.
        gc.collect()
    with _collector_paused():
        return _add_pages(files, config)


def _add_pages(files: Files, config: MkDocsConfig) -> Files:
    root = _root(config)
    messages.set_language(messages.language_from_env())  # problems in Swedish unless LANG asks for English
    _Build.shortcuts = os.environ.get("INNOCITIES_SHORTCUTS", "1") != "0"
    # Our templates sit in the theme folder, and MkDocs would publish the ones not named *.html.
    templates = Path(config.theme.dirs[0]) / "innocities"
    for file in [f for f in files if f.abs_src_path and Path(f.abs_src_path).is_relative_to(templates)]:
        files.remove(file)
    portfolio = content.load(root, parsed=source.SERVE_CACHE)
    if os.environ.get("INNOCITIES_EXAMPLES", "1") == "0":  # a publisher who shows only real content (README)
        portfolio = portfolio.without_examples()
    for problem in portfolio.warnings:
        log.warning(format_text(problem))
    if portfolio.errors:
        for problem in portfolio.errors:
            log.error(format_text(problem))
        raise PluginError(msg("build_content_errors", count=len(portfolio.errors)))

    ix = Index(portfolio, dates=history.file_dates(root))
    language = config.theme.get("language", "sv")
    specs = pages.build_specs(ix, language)
    taken = pages.name_collisions(specs, {f.src_uri for f in files.documentation_pages()})
    if taken:
        for problem in taken:
            log.error(format_text(problem))
        raise PluginError(msg("build_names_taken", count=len(taken)))
    _Build.specs = {s.src_uri: s for s in specs}
    _Build.body_lines = portfolio.body_lines
    _Build.body_problems = []
    base_url = (config.site_url or "").rstrip("/") + "/"
    compiled_templates.PAGES.directory = _template_cache(config)
    renderer = pages.Renderer(ix, str(Path(config.theme.dirs[0]) / "innocities"), language, base_url,
                              config.repo_url or "")
    _Build.edit_base = None
    if config.repo_url and config.edit_uri:
        # edit_uri points into docs/; content files sit beside docs/ in the repository.
        docs_edit = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri)
        _Build.edit_base = docs_edit.rstrip("/").removesuffix(Path(config.docs_dir).name).rstrip("/") + "/"

    for spec in specs:
        if not spec.generated:
            if spec.src_uri not in files.src_uris:
                raise PluginError(msg("build_page_missing", page=spec.src_uri))
            continue
        if spec.src_uri in files.src_uris:
            raise PluginError(msg("build_page_clash", page=spec.src_uri))
        # A leading newline keeps MkDocs from reading a body that starts with '---' or 'Key:' as metadata.
        files.append(File.generated(config, spec.src_uri, content="\n" + spec.body))
    for name, text in schema.json_schemas().items():
        files.append(File.generated(config, f"schemas/{name}", content=text))
    _Build.drawn_files = {}
    for path in pages.GENERATED_FILES:  # their text comes with the drawn pages
        _Build.drawn_files[path] = File.generated(config, path, content="")
        files.append(_Build.drawn_files[path])
    for project in portfolio.projects.values():
        if project.image:
            files.append(File.generated(config, pages.image_uri(project.image), abs_src_path=str(root / project.image)))

    _Build.expected = [(s.source, s.src_uri) for s in specs if s.source and s.source.startswith("content/")]
    counted = {name: len(portfolio.files_in[name]) for name in ("projects", "municipalities", "programmes")}
    made = {name: len(getattr(portfolio, name)) for name in counted}
    if counted != made:
        raise PluginError(msg("build_pages_lost", counted=counted, made=made))

    # Drawn beside MkDocs rendering the Markdown bodies (innocities/background.py), and filled in
    # once all are rendered (on_env).
    _Build.drawing = background.start(lambda: pages.draw_site(renderer, specs, base_url, config.site_name, language))
    log.debug("drawing %d pages in %s", len(specs), "a second process" if _Build.drawing.forked else "this process")
    _Build.to_fill = []
    return files


def on_build_error(*, error: Exception) -> None:
    if _Build.drawing is not None:  # no one will ask for it now
        _Build.drawing.cancel()
        _Build.drawing = None
    _stop_search()


def _stop_search() -> None:
    if _Build.search is not None:
        _Build.search.close()
        _Build.search = None


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if _Build.marked is not None:  # the tab marked active for this page only (on_page_context)
        _Build.marked.active = False
        _Build.marked = None
    # The policy's script hashes come from the page's frame, never from what content made.
    found = csp.apply(output, (page.content or "", str(page.meta.get("innocities_after") or "")))
    if found is None:
        raise PluginError(msg("build_no_csp_slot", page=page.file.src_uri))
    return found


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    # 404.html, drawn from the theme alone; sitemap.xml has no slot and stays as it is.
    return csp.apply(output_content) or output_content


def on_post_build(*, config: MkDocsConfig) -> None:
    """Nothing lost: every content file has its page in the built site. Then the search index,
    which Pagefind has been writing meanwhile (_start_search)."""
    site = Path(config.site_dir)
    missing = [src for src, uri in _Build.expected if not (site / pages.page_url(uri) / "index.html").is_file()]
    if missing:
        raise PluginError(msg("build_no_page", count=len(missing), files=", ".join(missing)))
    indexer, _Build.search = _Build.search, None
    try:
        if indexer is None:
            raise search_index.SearchIndexError("the indexer was not started")
        indexer.finish()
    except search_index.SearchIndexError as error:
        raise PluginError(msg("build_search_index", error=str(error))) from None


def on_nav(nav, *, config: MkDocsConfig, files: Files):
    _Build.nav_pages = {p.file.src_uri for p in nav.pages}
    _Build.nav_by_uri = {p.file.src_uri: p for p in nav.pages}
    _Build.shells = PageShells()
    if markdown_cache.SERVE_CACHE is not None:
        markdown_cache.SERVE_CACHE.begin(config, files)
    return nav


def on_env(env, *, config: MkDocsConfig, files: Files):
    kept = markdown_cache.SERVE_CACHE
    if kept is not None and kept.active:
        log.debug("Markdown bodies: %d converted in the last rebuild used again, %d converted", kept.reused, kept.converted)
    elif kept is not None:
        log.debug("Markdown bodies are not kept between rebuilds: mkdocs.yml names a Markdown extension "
                  "outside Python-Markdown's own (innocities_markdown_cache.TEXT_ONLY_EXTENSIONS)")
    if _Build.body_problems:
        for line in _Build.body_problems:
            log.error(line)
        raise PluginError(msg("build_body_errors", count=len(_Build.body_problems)))
    _fill_pages()
    env.globals["ic_csp_slot"] = csp.SLOT
    # The theme's own templates (head, 404) take their labels from the same table.
    env.globals["ic_t"] = labels(config.theme.get("language", "sv"))
    env.globals["ic_page_from_shell"] = jinja2.pass_context(lambda context: _Build.shells.render(context))
    THEME_TEMPLATES.directory = _template_cache(config)
    env.bytecode_cache = THEME_TEMPLATES
    _stop_search()
    _Build.search = _start_search(config, files)
    return env


def _start_search(config: MkDocsConfig, files: Files) -> search_index.Indexer:
    """Every page's content is final here, before the theme draws the pages: each is marked as
    what search finds (search_index.marked; the page then shows that very element) and given to
    Pagefind, which indexes them in its own process while the pages are drawn. on_post_build
    waits for it."""
    indexer = search_index.Indexer(config.theme.get("language", "sv"))
    try:
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.content is None or page.meta.get("innocities_unsearched"):
                continue  # the catalogue only repeats the case titles
            page.content = search_index.marked(page.content, page.title or config.site_name)
            indexer.add(file.dest_uri, page.content)
        indexer.start(config.site_dir)
    except BaseException:
        indexer.close()
        raise
    return indexer


def on_page_context(context, *, page: Page, config: MkDocsConfig, nav):
    _mark_section(page)
    return context


def _mark_section(page: Page) -> None:
    """A page outside the navigation (a case, a goal) keeps its place: its nearest ancestor in the
    navigation is marked active for the time the page is drawn, as MkDocs marks a listed page, so
    the theme shows that top tab as current and that section in the side bar. `active` is MkDocs'
    documented flag on navigation items (it carries up to the section); undone in on_post_page."""
    spec = _Build.specs.get(page.file.src_uri)
    if spec is None or page.file.src_uri in _Build.nav_pages:
        return
    for _, uri in reversed(spec.trail):
        above = _Build.nav_by_uri.get(uri)
        if above is not None:
            above.active = True
            _Build.marked = above
            return


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if markdown_cache.SERVE_CACHE is not None:
        markdown_cache.SERVE_CACHE.take_over(page)
    spec = _Build.specs.get(page.file.src_uri)
    # Material prints page.meta.title and .description unescaped (in the head, the header, the
    # h1 and the navigation), so they get escaped here: a generated page's from its content file,
    # a hand-written page's from its own front matter.
    if spec is None:
        for key in ("title", "description"):
            if page.meta.get(key) is not None:
                page.meta[key] = html.escape(str(page.meta[key]))
        return markdown
    page.meta["title"] = html.escape(spec.title)
    if spec.description:
        page.meta["description"] = html.escape(spec.description)
    if not spec.searchable:  # the catalogue: it repeats the case titles (overrides/main.html)
        page.meta["innocities_unsearched"] = True
    if spec.generated and spec.source and _Build.edit_base:
        page.edit_url = _Build.edit_base + spec.source
    if spec.trail and page.file.src_uri not in _Build.nav_pages:
        # The breadcrumb overrides/main.html draws: (name, site path) from the start page down.
        page.meta["innocities_trail"] = [(name, pages.page_url(uri) or "./") for name, uri in spec.trail]
    return markdown


def on_page_content(html_body: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    html_body = _held_to_body_rule(page, html_body, config)
    if page.file.src_uri in _Build.specs:
        _Build.to_fill.append(page)  # filled in on_env, when the drawn pages are all there
    else:
        _from_shell_if_possible(page, html_body)
    return html_body


def _held_to_body_rule(page: Page, html_body: str, config: MkDocsConfig) -> str:
    """Every page's Markdown body, content and hand-written alike, through the one rule of what a
    body may hold (innocities/body.py): what it would remove is an error at the file's line, and
    it is removed."""
    spec = _Build.specs.get(page.file.src_uri)
    if spec is not None and spec.source and spec.source in _Build.body_lines and spec.body:
        rel, markdown, first_line = spec.source, spec.body, _Build.body_lines[spec.source]
    else:
        rel = Path(page.file.abs_src_path).relative_to(_root(config)).as_posix() if page.file.abs_src_path else page.file.src_uri
        markdown, whole = page.markdown or "", page.file.content_string
        at = whole.find(markdown) if markdown else -1
        first_line = whole.count("\n", 0, at) + 1 if at >= 0 else 1
    _Build.body_problems.extend(format_text(p) for p in body.html_problems(rel, markdown, html_body, first_line))
    return body.sanitise(html_body)


def _from_shell_if_possible(page: Page, content: str) -> None:
    if _Build.shortcuts and can_share(page, content, page.file.src_uri in _Build.nav_pages):
        page.meta["template"] = SHELL_TEMPLATE  # Material's page from the folder's shell


def _fill_pages() -> None:
    """Every drawn page gets its Markdown body: after MkDocs has rendered all bodies, before
    Material draws pages (in _build_page, after on_env)."""
    drawn = _Build.drawing.result()
    _Build.drawing = None
    for path, file in _Build.drawn_files.items():
        file.content_string = drawn.files[path]
    for page in _Build.to_fill:
        rendered = drawn.pages[page.file.src_uri].fill(page.content)
        page.content = rendered.content
        if rendered.after:
            page.meta["innocities_after"] = rendered.after  # drawn by overrides/main.html
        page.toc = with_sections(page.toc, rendered.content + rendered.after)
        _from_shell_if_possible(page, page.content)
    _Build.to_fill = []
