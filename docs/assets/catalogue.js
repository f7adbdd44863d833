/* Faceted filters for the project catalogue. Plain JavaScript, no framework, no network.
 *
 * Within a facet the ticked values are alternatives (OR); across facets they all apply (AND).
 * The state lives in the URL (?mal=7,11&kommun=halden&q=sol) so a filtered list can be shared,
 * and the back button steps through earlier filters. Without JavaScript the form stays hidden
 * and the whole list is the page.
 */
(function () {
  "use strict";

  var form = document.getElementById("ic-filters");
  var table = document.getElementById("ic-catalogue");
  if (!form || !table) return;

  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var facets = Array.prototype.map.call(form.querySelectorAll("[data-facet]"), function (el) {
    return el.getAttribute("data-facet");
  });
  var textInput = form.querySelector("input[name=q]");
  var status = document.getElementById("ic-result-count");
  var empty = document.getElementById("ic-no-results");
  var template = form.getAttribute("data-count-template");

  // Read every row's values once; filtering then touches no DOM but the rows' `hidden`.
  var items = rows.map(function (row) {
    var values = {};
    facets.forEach(function (key) {
      var raw = row.getAttribute("data-" + key) || "";
      values[key] = raw ? raw.split(" ") : [];
    });
    // Title and municipalities are the row's text; the summary rides along in data-text.
    var text = (row.textContent + " " + (row.getAttribute("data-text") || "")).replace(/\s+/g, " ").toLowerCase();
    return { row: row, values: values, text: text };
  });

  var counters = {};
  Array.prototype.forEach.call(form.querySelectorAll("[data-count-for]"), function (el) {
    counters[el.getAttribute("data-count-for")] = el;
  });

  function selected() {
    var state = { q: textInput.value.trim().toLowerCase() };
    facets.forEach(function (key) {
      state[key] = Array.prototype.filter.call(form.querySelectorAll("input[name='" + key + "']"),
        function (box) { return box.checked; }).map(function (box) { return box.value; });
    });
    return state;
  }

  function matchesFacet(item, key, wanted) {
    if (!wanted.length) return true;
    var have = item.values[key];
    for (var i = 0; i < wanted.length; i++) if (have.indexOf(wanted[i]) !== -1) return true;
    return false;
  }

  function apply(state) {
    var shown = 0;
    var counts = {};
    items.forEach(function (item) {
      var textOk = !state.q || item.text.indexOf(state.q) !== -1;
      var failed = [];
      facets.forEach(function (key) { if (!matchesFacet(item, key, state[key])) failed.push(key); });
      var visible = textOk && failed.length === 0;
      item.row.hidden = !visible;
      if (visible) shown++;
      if (!textOk || failed.length > 1) return;
      // A value's count: the projects it would show, given every other facet's choice.
      facets.forEach(function (key) {
        if (failed.length === 1 && failed[0] !== key) return;
        item.values[key].forEach(function (v) {
          var id = key + "=" + v;
          counts[id] = (counts[id] || 0) + 1;
        });
      });
    });
    Object.keys(counters).forEach(function (id) {
      counters[id].textContent = String(counts[id] || 0);
    });
    status.textContent = template.replace("{shown}", shown).replace("{total}", items.length);
    empty.hidden = shown !== 0;
  }

  function toQuery(state) {
    var params = new URLSearchParams();
    facets.forEach(function (key) { if (state[key].length) params.set(key, state[key].join(",")); });
    if (state.q) params.set("q", textInput.value.trim());
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
  }

  var typing = null;
  function changed(push) {
    var state = selected();
    apply(state);
    var query = toQuery(state);
    if (query !== window.location.search) {
      var url = window.location.pathname + query + window.location.hash;
      if (push) window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    }
  }

  form.addEventListener("change", function (event) {
    if (event.target !== textInput) changed(true);
  });
  textInput.addEventListener("input", function () {
    // Typing replaces the current history entry; a pause makes it one the back button finds.
    window.clearTimeout(typing);
    changed(false);
    typing = window.setTimeout(function () { typing = null; }, 800);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { changed(true); }, 0);
  });
  window.addEventListener("popstate", function () {
    fromQuery();
    apply(selected());
  });

  form.hidden = false;
  fromQuery();
  apply(selected());
})();
