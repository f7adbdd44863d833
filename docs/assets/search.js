// Search (Pagefind): the dialog in the header (partials/ic-search.html). This module is imported
// by assets/navigation.js when a reader first opens search (the button, the keys / s f, or a link
// with ?q=), so that no page carries it before; it then imports Pagefind's API from the site
// (pagefind/), which fetches its WebAssembly and only the index chunks a query needs.
var dialog = document.getElementById("ic-search");
var d = dialog.dataset, input = dialog.querySelector("input"), list = dialog.querySelector("ol"),
    status = dialog.querySelector("[role=status]"), hit = document.getElementById("ic-search-hit"),
    api = null, asked = 0;
function load() {
  if (!api) {
    api = import(new URL(d.index, location.href).href).then(function (pagefind) {
      var base = new URL(d.base.replace(/\/?$/, "/"), location.href).pathname;
      return pagefind.options({ baseUrl: base, excerptLength: 24 }).then(function () { return pagefind; });
    });
    api.catch(function () { api = null; });
  }
  return api;
}
// Called each time navigation.js has opened the dialog; with words (a link's ?q=), searches for
// them. The first time, what the reader typed while this module was fetched is searched for.
var started = false;
export function open(words) {
  load().catch(function () { status.textContent = d.failed; });
  if (words) input.value = words;
  if (words || (!started && input.value.trim())) input.dispatchEvent(new Event("input"));
  started = true;
}
// Pagefind's excerpt is escaped text with <mark>: only text and <mark> are kept.
function excerpt(into, html) {
  var parsed = document.createElement("template");
  parsed.innerHTML = html;
  parsed.content.childNodes.forEach(function (node) {
    var part = node.nodeName === "MARK" ? document.createElement("mark") : document.createTextNode("");
    part.textContent = node.textContent;
    into.appendChild(part);
  });
}
function show(total, results) {
  list.replaceChildren();
  results.forEach(function (r) {
    var li = hit.content.firstElementChild.cloneNode(true), type = li.querySelector(".ic-search__type");
    li.querySelector("a").href = r.url;
    li.querySelector(".ic-search__hit-title").textContent = r.meta.title || r.url;
    if (r.meta.type) type.textContent = r.meta.type; else type.remove();
    if (!r.meta.example) li.querySelector(".ic-example-tag").remove();
    excerpt(li.querySelector(".ic-search__excerpt"), r.excerpt || "");
    list.appendChild(li);
  });
  status.textContent = total ? d.found.replace("{shown}", results.length).replace("{n}", total) : d.none;
}
// Pagefind is asked only once typing pauses: each query it is given fetches the index chunks of
// its words, and prefixes on the way ("s", "so", …) would fetch chunks no result needs.
var pause = null;
input.addEventListener("input", function () {
  var query = input.value.trim(), mine = ++asked;
  clearTimeout(pause);
  if (!query) { list.replaceChildren(); status.textContent = ""; return; }
  status.textContent = d.loading;
  pause = setTimeout(function () { find(query, mine); }, 300);
});
function find(query, mine) {
  load().then(function (pagefind) { return pagefind.search(query); }).then(function (found) {
    if (!found || mine !== asked) return;
    return Promise.all(found.results.slice(0, 5).map(function (r) { return r.data(); })).then(function (top) {
      if (mine === asked) show(found.results.length, top);
    });
  }).catch(function () { status.textContent = d.failed; });
}
// Enter opens the best result, as in Material's search.
input.addEventListener("keydown", function (e) {
  var first = list.querySelector("a");
  if (e.key === "Enter") { e.preventDefault(); if (first) first.click(); }
});
