// What Material's own script did for a reader of this site, and no more: the menu (drawer) and
// the navigation's folded levels by keyboard, the light/dark switch's listeners, opening search
// (assets/search.js, fetched then), the back-to-top button, the header's page title and shadow
// once the page is scrolled, and the table of contents marking where the reader is.
// Material's script (114 KB, 35 KB gzipped, on every page) is not loaded (overrides/main.html):
// on a phone its start blocked each page for a third of a second (issue #19). As the page opens
// this one only finds its elements; the rest waits for a key, a click, a scroll or the page's load.
(function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  var menu = document.querySelector(".ic-menu");
  var sidebar = document.querySelector(".md-sidebar--primary");

  // Opens or closes the menu as a click on Material's label would (the change listener below
  // keeps the button's aria-expanded and the focus in step).
  function setMenu(open) {
    drawer.checked = open;
    drawer.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // The menu's button (shown by partials/header.html): it stands in for Material's label, which
  // opens the menu where scripts do not run.
  if (menu && drawer) menu.addEventListener("click", function () { setMenu(!drawer.checked); });

  // A label that opens or closes a level of the navigation is reached with Tab (Material's
  // templates give it tabindex="0") and works with Enter and Space, as a button does.
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && drawer && drawer.checked) {
      setMenu(false);
      if (menu) menu.focus();
      return;
    }
    var target = e.target;
    if ((e.key === "Enter" || e.key === " ") && target instanceof HTMLLabelElement && target.htmlFor) {
      e.preventDefault();
      target.click();
    }
  });

  // A link followed from the open menu closes it: one to a section of the same page would
  // otherwise leave the menu over the section.
  if (sidebar) sidebar.addEventListener("click", function (e) {
    if (drawer && drawer.checked && e.target.closest && e.target.closest("a[href]")) setMenu(false);
  });

  document.addEventListener("change", function (e) {
    var toggle = e.target;
    if (toggle === drawer) {
      if (menu) menu.setAttribute("aria-expanded", String(drawer.checked));
      // Opened, the menu takes the focus, so that Tab goes on inside it.
      var first = drawer.checked && sidebar && sidebar.querySelector("a[href], [tabindex='0']");
      if (first) first.focus();
    } else if (toggle.classList && toggle.classList.contains("md-nav__toggle")) {
      var level = toggle.parentNode.querySelector(":scope > nav.md-nav");
      if (level) level.setAttribute("aria-expanded", String(toggle.checked));
    }
  });

  // The light/dark switch: partials/ic-palette.html chose the palette before the page was drawn.
  var palette = window.innocitiesPalette;
  if (palette) {
    var index = function (input) { return Array.prototype.indexOf.call(palette.inputs, input); };
    palette.form.addEventListener("change", function (e) {
      var i = index(e.target);
      try { localStorage.setItem(palette.key, palette.inputs[i].getAttribute("data-md-color-scheme")); } catch (err) { /* kept for this page only */ }
      palette.show(i, true);
    });
    // Enter or Space on the switch moves to the next palette, as a button would.
    palette.form.addEventListener("keydown", function (e) {
      if (e.key !== "Enter" && e.key !== " ") return;
      e.preventDefault();
      var next = palette.inputs[(index(e.target) + 1) % palette.inputs.length];
      next.click();
      next.focus();
    });
    matchMedia("(prefers-color-scheme: light)").addEventListener("change", function () {
      if (palette.saved() === null) palette.show(palette.chosen(), true);
    });
  }

  // Search: its script (assets/search.js) and Pagefind are fetched when a reader first opens it,
  // with the button, the keys / s f (as in Material), or a link with ?q=words. The dialog opens at
  // once, so that what the reader types while they are fetched lands in the box (search.js then
  // searches for it), and it closes even if they cannot be fetched.
  var dialog = document.getElementById("ic-search"), opener = document.querySelector(".ic-search-open");
  if (dialog && opener && typeof dialog.showModal === "function") {
    var search = null, box = dialog.querySelector("input"), status = dialog.querySelector("[role=status]");
    var openSearch = function (words) {
      if (!dialog.open) {
        // Each opening tries again what failed before (this script, Pagefind): an old failure
        // is not reported for it.
        if (status.textContent === dialog.dataset.failed) status.textContent = "";
        dialog.showModal();
        box.select();
      }
      if (!search) {
        search = import(new URL(dialog.dataset.script, location.href).href);
        search.catch(function () {
          search = null;
          status.textContent = dialog.dataset.failed;
        });
      }
      search.then(function (module) { module.open(words); });
    };
    opener.addEventListener("click", function () { openSearch(); });
    dialog.querySelector(".ic-search__close").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("click", function (e) { if (e.target === dialog) dialog.close(); });
    document.addEventListener("keydown", function (e) {
      var t = e.target;
      if (dialog.open || e.ctrlKey || e.metaKey || e.altKey || t.isContentEditable ||
          /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
      if (e.key === "/" || e.key === "s" || e.key === "f") { e.preventDefault(); openSearch(); }
    });
    // Not on the catalogue, whose own filter reads q.
    var shared = new URLSearchParams(location.search).get("q");
    if (shared && !document.getElementById("ic-filters")) openSearch(shared);
  }

  var header = document.querySelector(".md-header");
  var title = document.querySelector(".md-header__title");
  var h1 = document.querySelector(".md-content h1");
  var tabs = document.querySelector(".md-tabs");
  var top = document.querySelector(".md-top");
  var links = Array.prototype.slice.call(
    document.querySelectorAll('.md-sidebar--secondary .md-nav__link[href^="#"]'));
  var sections = links.map(function (link) {
    return document.getElementById(decodeURIComponent(link.hash.slice(1)));
  });
  var lastY = window.scrollY, queued = false;

  function onScroll() {
    queued = false;
    var y = window.scrollY, below = header ? header.offsetHeight : 0;
    if (header) header.classList.toggle("md-header--shadow", !tabs || !tabs.offsetHeight ||
      tabs.getBoundingClientRect().bottom <= below);
    if (title && h1) title.classList.toggle("md-header__title--active", h1.getBoundingClientRect().bottom <= below);
    // Back to top: offered while the reader scrolls up, a screen or more down the page.
    if (top) top.hidden = !(y < lastY && y > window.innerHeight);
    lastY = y;
    var current = -1;
    for (var i = 0; i < sections.length; i++) {
      if (sections[i] && sections[i].getBoundingClientRect().top <= below + 16) current = i;
    }
    links.forEach(function (link, j) { link.classList.toggle("md-nav__link--active", j === current); });
  }
  window.addEventListener("scroll", function () {
    if (!queued) { queued = true; requestAnimationFrame(onScroll); }
  }, { passive: true });

  // A code block or table wider than the page scrolls on its own; one with nothing to focus in
  // it is put in the Tab order, so that it scrolls with the arrow keys too (WCAG 2.1.1). Measured
  // once the page has loaded and drawn, and again when the window changes size.
  var wide = Array.prototype.slice.call(
    document.querySelectorAll(".md-typeset pre > code, .md-typeset table:not([class])"));
  function reachable() {
    wide.forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth;
      if (scrolls && !box.hasAttribute("tabindex") && !box.querySelector("a[href], button, input, [tabindex]")) {
        box.setAttribute("tabindex", "0");
        box.dataset.icScrolls = "";
      } else if (!scrolls && box.hasAttribute("data-ic-scrolls")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-ic-scrolls");
      }
    });
  }
  if (wide.length) {
    var measure = function () { requestAnimationFrame(function () { setTimeout(reachable); }); };
    if (document.readyState === "complete") measure(); else window.addEventListener("load", measure);
    window.addEventListener("resize", measure, { passive: true });
  }

  if (top) top.addEventListener("click", function (e) {
    window.scrollTo({ top: 0 });
    top.hidden = true;
    // From the keyboard (a click without a pointer), Tab goes on from the top of the page.
    var skip = document.querySelector(".md-skip");
    if (e.detail === 0 && skip) skip.focus();
  });
})();
