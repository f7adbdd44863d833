/* Filters and sorting for the project catalogue. Plain JavaScript, no framework, no third party.
 *
 * The page comes with one page of cards (A–Ö) and links to every other page: that is the whole
 * catalogue without JavaScript. This script filters and sorts over the compact index
 * (data-index, hooks/innocities/catalogue.py), fetched from this site when the reader first uses
 * the filters or opens a filtered address, and draws only the cards it shows, a page at a time:
 * the DOM never holds thousands of cards.
 *
 * Within a facet the ticked values are alternatives (OR); across facets they all apply (AND).
 * The state lives in the URL (?mal=7,11&kommun=halden&q=sol&sortera=nyast) so a filtered list
 * can be shared, and the back button steps through earlier filters.
 */
(function () {
  "use strict";

  var root = document.getElementById("ic-catalogue");
  var form = document.getElementById("ic-filters");
  if (!root || !form) return;

  var toggle = document.getElementById("ic-filters-toggle");
  var toggleCount = document.getElementById("ic-toggle-count");
  var textInput = form.querySelector("input[name=q]");
  var sortSelect = form.querySelector("select[name=sortera]");
  var status = document.getElementById("ic-result-count");
  var empty = document.getElementById("ic-no-results");
  var staticCards = document.getElementById("ic-cards");
  var found = document.getElementById("ic-found");
  var more = document.getElementById("ic-more");
  var pager = document.getElementById("ic-pager");
  var siteRoot = root.getAttribute("data-root");
  var pageSize = parseInt(root.getAttribute("data-page-size"), 10) || 50;
  var template = form.getAttribute("data-count-template");
  var toggleTemplate = form.getAttribute("data-toggle-template");
  var staticStatus = status.textContent;
  var staticToggle = toggleCount.textContent;
  var defaultSort = sortSelect.options[0].value;
  var facets = Array.prototype.map.call(form.querySelectorAll("[data-facet]"), function (el) {
    return el.getAttribute("data-facet");
  });
  var counters = {}; // "key=value" → the count shown beside that option
  var shownCounts = {};

  var data = null; // the index, once fetched
  var loading = null;
  var results = []; // the records the current filters show, in order
  var drawn = 0; // how many of them are drawn

  function load() {
    if (!loading) {
      loading = fetch(root.getAttribute("data-index"), { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (index) {
          var statusRank = {};
          index.status_order.forEach(function (s, i) { statusRank[s] = i; });
          index.projects.forEach(function (p, i) {
            p.az = i;
            p.sr = statusRank[p.st];
            var places = (p.m || []).map(function (m) { return index.places[m][0]; }).join(" ");
            p.text = (p.t + " " + p.s + " " + places).replace(/\s+/g, " ").toLowerCase();
          });
          drawOptions(index.facets);
          data = index;
          return index;
        });
    }
    return loading;
  }

  // The options of each facet come with the index: the page itself stays small.
  function drawOptions(list) {
    list.forEach(function (facet) {
      var key = facet[0];
      var box = form.querySelector("[data-options-for='" + key + "']");
      if (!box) return;
      var fragment = document.createDocumentFragment();
      facet[1].forEach(function (option) {
        var label = el("label", "ic-facet__option");
        var input = el("input");
        input.type = "checkbox";
        input.name = key;
        input.value = option[0];
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + option[1] + " ("));
        var count = el("span", "ic-facet__count", String(option[2]));
        count.setAttribute("data-count-for", key + "=" + option[0]);
        counters[key + "=" + option[0]] = count;
        shownCounts[key + "=" + option[0]] = option[2];
        label.appendChild(count);
        label.appendChild(document.createTextNode(")"));
        fragment.appendChild(label);
      });
      box.appendChild(fragment);
    });
  }

  function selected() {
    var state = { q: textInput.value.trim().toLowerCase(), sort: sortSelect.value };
    facets.forEach(function (key) {
      state[key] = Array.prototype.filter.call(form.querySelectorAll("input[name='" + key + "']"),
        function (box) { return box.checked; }).map(function (box) { return box.value; });
    });
    return state;
  }

  function isDefault(state) {
    if (state.q || state.sort !== defaultSort) return false;
    for (var i = 0; i < facets.length; i++) if (state[facets[i]].length) return false;
    return true;
  }

  function matchesFacet(p, key, wanted) {
    if (!wanted.length) return true;
    var have = p.f[key] || [];
    for (var i = 0; i < wanted.length; i++) if (have.indexOf(wanted[i]) !== -1) return true;
    return false;
  }

  var orders = {
    az: function (a, b) { return a.az - b.az; },
    nyast: function (a, b) { return a.n - b.n; },
    status: function (a, b) { return a.sr - b.sr || a.az - b.az; }
  };

  // --- drawing a card: the same card as overrides/innocities/_project_card.html ---------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function card(p) {
    var li = el("li", p.x ? "ic-card ic-card--example" : "ic-card");
    var h = el("h2", "ic-card__title");
    var a = el("a", null, p.t);
    a.href = siteRoot + p.u;
    h.appendChild(a);
    li.appendChild(h);
    var meta = el("p", "ic-card__meta");
    meta.appendChild(el("span", "ic-status ic-status--" + p.st, data.statuses[p.st]));
    if (p.x) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(el("span", "ic-example-tag", data.labels.example));
    }
    if (p.ph) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(el("span", "ic-card__phase", data.labels.phase + ": " + data.phases[p.ph]));
    }
    li.appendChild(meta);
    li.appendChild(el("p", "ic-card__summary", p.s));
    if (p.m && p.m.length) {
      var places = el("p", "ic-card__places");
      places.appendChild(el("span", "ic-visually-hidden", data.labels.places + ": "));
      p.m.forEach(function (slug, i) {
        if (i) places.appendChild(document.createTextNode(", "));
        var place = data.places[slug];
        var link = el("a", null, place[0]);
        link.href = siteRoot + place[1];
        places.appendChild(link);
      });
      li.appendChild(places);
    }
    if (p.g && p.g.length) {
      var goals = el("ul", "ic-card__goals");
      goals.setAttribute("aria-label", data.labels.goals);
      p.g.forEach(function (n) {
        var goal = data.goals[String(n)];
        var chip = el("li", "ic-chip");
        chip.style.backgroundColor = goal[1];
        chip.style.color = goal[2];
        chip.appendChild(el("span", "ic-chip__num", String(n)));
        chip.appendChild(document.createTextNode(" " + goal[0]));
        goals.appendChild(chip);
      });
      li.appendChild(goals);
    }
    return li;
  }

  function drawMore() {
    var fragment = document.createDocumentFragment();
    var until = Math.min(results.length, drawn + pageSize);
    for (var i = drawn; i < until; i++) fragment.appendChild(card(results[i]));
    found.appendChild(fragment);
    drawn = until;
    more.hidden = drawn >= results.length;
  }

  function showStatic() {
    staticCards.hidden = false;
    if (pager) pager.hidden = false;
    found.hidden = true;
    more.hidden = true;
    empty.hidden = true;
    status.textContent = staticStatus;
    toggleCount.textContent = staticToggle;
  }

  function apply(state) {
    if (!data) return;
    var shown = [];
    var counts = {};
    data.projects.forEach(function (p) {
      var textOk = !state.q || p.text.indexOf(state.q) !== -1;
      var failed = [];
      facets.forEach(function (key) { if (!matchesFacet(p, key, state[key])) failed.push(key); });
      if (textOk && failed.length === 0) shown.push(p);
      if (!textOk || failed.length > 1) return;
      // A value's count: the projects it would show, given every other facet's choice.
      facets.forEach(function (key) {
        if (failed.length === 1 && failed[0] !== key) return;
        (p.f[key] || []).forEach(function (v) {
          var id = key + "=" + v;
          counts[id] = (counts[id] || 0) + 1;
        });
      });
    });
    Object.keys(counters).forEach(function (id) {
      var n = counts[id] || 0;
      if (shownCounts[id] !== n) counters[id].textContent = String(n); // touch only what changed
      shownCounts[id] = n;
    });
    if (isDefault(state)) {
      showStatic();
      return;
    }
    results = shown.sort(orders[state.sort] || orders.az);
    staticCards.hidden = true;
    if (pager) pager.hidden = true;
    found.textContent = "";
    found.hidden = false;
    drawn = 0;
    drawMore();
    status.textContent = template.replace("{shown}", results.length).replace("{total}", data.projects.length);
    toggleCount.textContent = toggleTemplate.replace("{n}", results.length);
    empty.hidden = results.length !== 0;
  }

  function toQuery(state) {
    var params = new URLSearchParams();
    facets.forEach(function (key) { if (state[key].length) params.set(key, state[key].join(",")); });
    if (state.q) params.set("q", textInput.value.trim());
    if (state.sort !== defaultSort) params.set("sortera", state.sort);
    var query = params.toString();
    return query ? "?" + query : "";
  }

  function fromQuery() {
    var params = new URLSearchParams(window.location.search);
    facets.forEach(function (key) {
      var wanted = (params.get(key) || "").split(",").filter(Boolean);
      var open = false;
      Array.prototype.forEach.call(form.querySelectorAll("input[name='" + key + "']"), function (box) {
        box.checked = wanted.indexOf(box.value) !== -1;
        open = open || box.checked;
      });
      if (open) form.querySelector("[data-facet='" + key + "']").open = true;
    });
    textInput.value = params.get("q") || "";
    var sort = params.get("sortera");
    sortSelect.value = sort && orders[sort] ? sort : defaultSort;
  }

  function refresh() {
    var state = selected();
    if (data) apply(state);
    else if (!isDefault(state)) load().then(function () { apply(selected()); });
  }

  function changed(push) {
    var state = selected();
    var query = toQuery(state);
    if (query !== window.location.search) {
      var url = window.location.pathname + query + window.location.hash;
      if (push) window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    }
    refresh();
  }

  var typing = null;
  form.addEventListener("change", function (event) {
    if (event.target !== textInput) changed(true);
  });
  textInput.addEventListener("input", function () {
    // Typing replaces the current history entry; a pause makes it one the back button finds.
    window.clearTimeout(typing);
    changed(false);
    typing = window.setTimeout(function () { typing = null; }, 800);
  });
  // The index is fetched when the reader reaches for the filters, not with the page.
  form.addEventListener("focusin", function () { load(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { changed(true); }, 0);
  });
  more.addEventListener("click", function () {
    var first = drawn;
    drawMore();
    // Keyboard and screen reader users continue at the first new card.
    var next = found.children[first];
    if (next) next.querySelector("a").focus();
  });
  window.addEventListener("popstate", function () {
    fromQuery();
    load().then(function () { fromQuery(); refresh(); });
  });

  // On a phone the filters fold away behind one button that says how many projects are shown.
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    root.classList.toggle("ic-catalogue--open", open);
  });

  toggle.hidden = false;
  form.hidden = false;
  root.classList.add("ic-catalogue--js");
  var main = root.closest(".md-main__inner");
  if (main) main.classList.add("ic-catalogue-page");
  fromQuery();
  if (window.location.search) load().then(function () { fromQuery(); refresh(); });
})();
