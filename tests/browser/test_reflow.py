"""Reflow (WCAG 2.1 1.4.10, AA; axe does not test it): at 320 CSS px no page of the built site
scrolls sideways as a whole. A table or code block may scroll inside its own box.

Every page of the built site is measured, not a sample: one browser page, one navigation per
page (about 0.1 s each).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

WIDTH = 320

# What sticks out past the right edge, outside any box that scrolls by itself: named in a failure.
_CULPRITS = """
width => {
  const out = [];
  const scrolls = el => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if ((o === 'auto' || o === 'scroll' || o === 'hidden') && p !== document.documentElement && p !== document.body) return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > width + 0.5 && !scrolls(el)) {
      const cls = (el.getAttribute('class') || '').split(' ').filter(Boolean).slice(0, 2).join('.');
      out.push(`${el.tagName.toLowerCase()}${cls ? '.' + cls : ''} right=${Math.round(r.right)}: `
               + (el.textContent || '').trim().slice(0, 40));
    }
  }
  return out.slice(-5);
}
"""


def site_pages(site) -> list[str]:
    """Every page of the built site, as a path under the site root."""
    paths = []
    for index in sorted(site.directory.rglob("index.html")):
        rel = index.parent.relative_to(site.directory).as_posix()
        paths.append("" if rel == "." else rel + "/")
    return paths


def test_every_page_reflows_at_320_px(new_context, site, content_slugs):
    paths = site_pages(site)
    # The list comes from the site itself; make sure it is the whole site.
    for slug in content_slugs["projekt"]:
        assert f"projekt/{slug}/" in paths
    assert len(paths) > len(content_slugs["projekt"]) + len(content_slugs["kommuner"])
    context = new_context(viewport={"width": WIDTH, "height": 800})
    page = context.new_page()
    wide = []
    for path in paths + ["404.html"]:
        page.goto(path, wait_until="load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            culprits = page.evaluate(_CULPRITS, WIDTH)
            wide.append(f"  {path or '/'}: {width} px wide; " + " | ".join(culprits))
    assert not wide, (
        f"{len(wide)} of {len(paths) + 1} pages scroll sideways at {WIDTH} CSS px (WCAG 1.4.10):\n"
        + "\n".join(wide)
    )
