// Enhances the plain pages: search everywhere, and sorting and filtering
// of the index table. Everything works without it.
(function () {
  "use strict";
  var root = document.documentElement.getAttribute("data-root") || "";

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function setupSearch() {
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    if (!input || !list) { return; }
    if (input.form) {
      input.form.addEventListener("submit", function (event) { event.preventDefault(); });
    }
    input.addEventListener("input", function () {
      var terms = words(input.value);
      list.textContent = "";
      if (!terms.length || !window.ADR_SEARCH) { list.hidden = true; return; }
      var hits = [];
      window.ADR_SEARCH.forEach(function (doc) {
        var title = doc.t.toLowerCase();
        var body = doc.x.toLowerCase();
        var score = 0;
        for (var i = 0; i < terms.length; i++) {
          var inTitle = title.indexOf(terms[i]) >= 0;
          var at = body.indexOf(terms[i]);
          if (!inTitle && at < 0 && String(doc.n) !== terms[i]) { return; }
          score += inTitle ? 10 : 1;
        }
        hits.push({ doc: doc, score: score, at: body.indexOf(terms[0]) });
      });
      hits.sort(function (a, b) { return b.score - a.score || (a.doc.n || 0) - (b.doc.n || 0); });
      hits.slice(0, 30).forEach(function (hit) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + hit.doc.u;
        a.textContent = (hit.doc.n !== null ? hit.doc.n + ". " : "") + hit.doc.t;
        li.appendChild(a);
        if (hit.at >= 0) {
          var snippet = document.createElement("span");
          snippet.className = "snippet";
          var start = Math.max(0, hit.at - 40);
          snippet.textContent = (start ? "…" : "") + hit.doc.x.substr(start, 120) + "…";
          li.appendChild(snippet);
        }
        list.appendChild(li);
      });
      if (!hits.length) {
        var none = document.createElement("li");
        none.textContent = "No decision matches.";
        list.appendChild(none);
      }
      list.hidden = false;
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { input.value = ""; list.hidden = true; }
      if (event.key === "Enter") {
        var first = list.querySelector("a");
        if (first) { window.location.href = first.href; }
      }
    });
  }

  function setupTable() {
    var table = document.getElementById("records");
    if (!table) { return; }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
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
      rows.forEach(function (row) {
        var ok = (!s || row.getAttribute("data-status") === s)
          && (!t || row.getAttribute("data-tags").split("|").indexOf(t) >= 0)
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
          var x = key === "number" ? Number(a.getAttribute("data-number") || Infinity) : a.cells[column].textContent;
          var y = key === "number" ? Number(b.getAttribute("data-number") || Infinity) : b.cells[column].textContent;
          var order = key === "number" ? x - y : String(x).localeCompare(String(y));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter") { sort(); } });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupSearch();
    setupTable();
  });
})();
