// Enhances the plain pages: search everywhere (its index is loaded the
// first time someone searches), sorting and filtering of the index table,
// zooming the graph. Everything works without it.
(function () {
  "use strict";
  var root = document.documentElement.getAttribute("data-root") || "";

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // Loads the search index once, with scripts rather than fetch (file://
  // too): `_assets/search-index.js` says how many shards there are, then
  // each `_assets/search/K.js` hands its documents to ADR_SEARCH_PART.
  var loading = null;
  function addScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("search index")); };
      document.head.appendChild(script);
    });
  }
  function loadIndex() {
    if (window.ADR_SEARCH) { return Promise.resolve(window.ADR_SEARCH); }
    if (!loading) {
      var parts = [];
      // A shard's rows are [url, title, number, status, tags, text].
      window.ADR_SEARCH_PART = function (k, rows) {
        parts[k] = rows.map(function (r) { return { u: r[0], t: r[1], n: r[2], s: r[3], g: r[4], x: r[5] }; });
      };
      loading = addScript(root + "_assets/search-index.js").then(function () {
        var count = window.ADR_SEARCH_SHARDS || 0;
        var shards = [];
        for (var k = 0; k < count; k++) { shards.push(addScript(root + "_assets/search/" + k + ".js")); }
        return Promise.all(shards);
      }).then(function () {
        var docs = [];
        parts.forEach(function (part) { docs = docs.concat(part || []); });
        docs.sort(function (a, b) { return a.u < b.u ? -1 : a.u > b.u ? 1 : 0; });
        window.ADR_SEARCH = docs;
        return docs;
      }, function (error) { loading = null; throw error; });
    }
    return loading;
  }

  // `text` as nodes, each term marked.
  function highlighted(text, terms) {
    var fragment = document.createDocumentFragment();
    var lower = text.toLowerCase();
    var at = 0;
    while (at < text.length) {
      var next = -1, length = 0;
      terms.forEach(function (term) {
        var found = lower.indexOf(term, at);
        if (found >= 0 && (next < 0 || found < next)) { next = found; length = term.length; }
      });
      if (next < 0) { break; }
      if (next > at) { fragment.appendChild(document.createTextNode(text.slice(at, next))); }
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + length);
      fragment.appendChild(mark);
      at = next + length;
    }
    if (at < text.length) { fragment.appendChild(document.createTextNode(text.slice(at))); }
    return fragment;
  }

  // The block of `body` (one block per line) where `term` first occurs,
  // cut to about 160 characters around it.
  function snippet(body, term) {
    var lower = body.toLowerCase();
    var at = lower.indexOf(term);
    if (at < 0) { return ""; }
    var start = body.lastIndexOf("\n", at) + 1;
    var end = body.indexOf("\n", at);
    if (end < 0) { end = body.length; }
    var from = Math.max(start, at - 60);
    var to = Math.min(end, Math.max(at + 100, from + 160));
    return (from > start ? "…" : "") + body.slice(from, to) + (to < end ? "…" : "");
  }

  function search(input, list, docs) {
    var terms = words(input.value);
    list.textContent = "";
    if (!terms.length) { list.hidden = true; return; }
    var hits = [];
    docs.forEach(function (doc) {
      var title = doc.t.toLowerCase();
      var body = doc.x.toLowerCase();
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var inTitle = title.indexOf(terms[i]) >= 0;
        if (!inTitle && body.indexOf(terms[i]) < 0 && (doc.n == null || String(doc.n) !== terms[i])) { return; }
        score += inTitle ? 10 : 1;
      }
      hits.push({ doc: doc, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score || (a.doc.n || 0) - (b.doc.n || 0); });
    hits.slice(0, 30).forEach(function (hit) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + hit.doc.u;
      a.appendChild(highlighted((hit.doc.n != null ? hit.doc.n + ". " : "") + hit.doc.t, terms));
      li.appendChild(a);
      var badge = document.createElement("span");
      badge.className = "badge status-" + hit.doc.s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "-");
      badge.textContent = hit.doc.s;
      li.appendChild(badge);
      var text = "";
      for (var i = 0; i < terms.length && !text; i++) { text = snippet(hit.doc.x, terms[i]); }
      if (text) {
        var span = document.createElement("span");
        span.className = "snippet";
        span.appendChild(highlighted(text, terms));
        li.appendChild(span);
      }
      list.appendChild(li);
    });
    if (!hits.length) {
      var none = document.createElement("li");
      none.textContent = "No decision matches.";
      list.appendChild(none);
    }
    list.hidden = false;
  }

  function setupSearch() {
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    var note = document.getElementById("search-note");
    if (!input) { return; }
    // Made here rather than sent with every page: only this script fills it.
    if (!list && input.form) {
      list = document.createElement("ol");
      list.id = "search-results";
      list.hidden = true;
      input.form.appendChild(list);
    }
    if (!list) { return; }
    // Set here rather than on every page: without this script the box does nothing.
    input.autocomplete = "off";
    // A layout of the project's own may show the note outside <noscript>.
    if (note) { note.hidden = true; input.removeAttribute("aria-describedby"); }
    if (input.form) {
      input.form.addEventListener("submit", function (event) { event.preventDefault(); });
    }
    function run() {
      loadIndex().then(function (docs) { search(input, list, docs); }, function () {
        list.textContent = "";
        var li = document.createElement("li");
        li.textContent = "The search index could not be loaded.";
        list.appendChild(li);
        list.hidden = false;
      });
    }
    input.addEventListener("focus", function () { loadIndex().catch(function () {}); });
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { input.value = ""; list.hidden = true; }
      if (event.key === "Enter") {
        var first = list.querySelector("a");
        if (first) { window.location.href = first.href; }
      }
    });
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { input.value = q; run(); }
  }

  function setupTable() {
    var table = document.getElementById("records");
    if (!table) { return; }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    // Read from the cells once rather than sent as attributes on every row:
    // the badge's class is the status, the tag links' texts are the tags.
    var facts = rows.map(function (row) {
      var badge = row.querySelector(".badge");
      var word = badge ? (badge.className.match(/status-(\S+)/) || [])[1] : "";
      var names = Array.prototype.map.call(row.querySelectorAll(".tag"), function (a) { return a.textContent; });
      return { status: word || "", tags: names };
    });
    var filters = document.querySelector(".filters");
    var status = document.getElementById("filter-status");
    var tag = document.getElementById("filter-tag");
    var text = document.getElementById("filter-text");
    if (filters) { filters.hidden = false; }
    var params = new URLSearchParams(window.location.search);
    if (params.get("tag") && tag) { tag.value = params.get("tag"); }
    if (params.get("status") && status) { status.value = params.get("status"); }
    function apply() {
      var s = status ? status.value : "";
      var t = tag ? tag.value : "";
      var q = text ? text.value.toLowerCase() : "";
      rows.forEach(function (row, k) {
        var ok = (!s || facts[k].status === s)
          && (!t || facts[k].tags.indexOf(t) >= 0)
          && (!q || row.textContent.toLowerCase().indexOf(q) >= 0);
        row.hidden = !ok;
      });
    }
    [status, tag, text].forEach(function (el) {
      if (el) {
        el.addEventListener("input", apply);
        el.addEventListener("change", apply);
      }
    });
    apply();
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      var key = th.getAttribute("data-sort");
      if (!key) { return; }
      th.tabIndex = 0;
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = key === "number" ? Number(a.cells[column].textContent || Infinity) : a.cells[column].textContent;
          var y = key === "number" ? Number(b.cells[column].textContent || Infinity) : b.cells[column].textContent;
          var order = key === "number" ? x - y : String(x).localeCompare(String(y));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter") { sort(); } });
    });
  }

  // Zoom buttons for the graph; the frame scrolls to pan (also without JS).
  function setupGraph() {
    var frame = document.getElementById("graph-zoom");
    var controls = document.querySelector(".graph-controls");
    var svg = frame && frame.querySelector("svg");
    if (!svg || !controls) { return; }
    var width = Number(svg.getAttribute("width"));
    var height = Number(svg.getAttribute("height"));
    // The style sheet fits a wide graph to the frame: that is where zooming starts.
    var scale = svg.getBoundingClientRect().width / width || 1;
    function set(next) {
      scale = Math.min(3, Math.max(0.1, next));
      svg.style.maxWidth = "none";
      svg.setAttribute("width", String(Math.round(width * scale)));
      svg.setAttribute("height", String(Math.round(height * scale)));
    }
    controls.hidden = false;
    controls.addEventListener("click", function (event) {
      var action = event.target.getAttribute && event.target.getAttribute("data-zoom");
      if (action === "in") { set(scale * 1.25); }
      if (action === "out") { set(scale / 1.25); }
      if (action === "reset") { set(1); }
      if (action === "fit") { set(Math.min(1, (frame.clientWidth - 4) / width)); }
    });
    frame.addEventListener("wheel", function (event) {
      if (!event.ctrlKey) { return; }
      event.preventDefault();
      set(scale * (event.deltaY < 0 ? 1.1 : 1 / 1.1));
    }, { passive: false });
    // Drag to pan.
    var drag = null;
    frame.addEventListener("pointerdown", function (event) {
      if (event.target.closest && event.target.closest("a")) { return; }
      drag = { x: event.clientX, y: event.clientY, left: frame.scrollLeft, top: frame.scrollTop };
    });
    window.addEventListener("pointermove", function (event) {
      if (!drag) { return; }
      frame.scrollLeft = drag.left - (event.clientX - drag.x);
      frame.scrollTop = drag.top - (event.clientY - drag.y);
    });
    window.addEventListener("pointerup", function () { drag = null; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupSearch();
    setupTable();
    setupGraph();
  });
})();
