(function () {
  "use strict";
  // Repository text reaches the page only through textContent: never parsed as HTML.
  var DATA = JSON.parse(document.getElementById("report-data").textContent);
  var PAGE = 200;
  var shown = {};

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  // ------------------------------------------------------------ members, lazily

  function listOf(group) { return document.querySelector('.member-list[data-group="' + group + '"]'); }
  function filterOf(group) { return document.querySelector('.member-filter[data-group="' + group + '"]'); }

  function matches(row, query) {
    if (!query) { return true; }
    return (row[0] + " " + row[2] + " " + row[6] + " " + row[7].join(" ")).toLowerCase().indexOf(query) >= 0;
  }

  function renderMembers(group, highlight) {
    var box = listOf(group);
    if (!box) { return; }
    var rows = DATA.groups[group].rows;
    var filter = filterOf(group);
    var query = filter ? filter.value.trim().toLowerCase() : "";
    var limit = shown[group] || PAGE;
    var hits = rows.filter(function (row) { return matches(row, query); });
    box.textContent = "";
    if (!hits.length) { box.appendChild(el("p", "empty", "No member matches.")); return; }
    var table = el("table", "members");
    var head = el("tr");
    ["Symbol", "File", "Size", "Why it is here"].forEach(function (t) { head.appendChild(el("th", null, t)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    hits.slice(0, limit).forEach(function (row) {
      var tr = el("tr");
      if (highlight && row[0] === highlight) { tr.className = "hit"; tr.id = "hit"; }
      var name = el("td");
      name.appendChild(el("code", null, row[0]));
      name.appendChild(document.createTextNode(" "));
      name.appendChild(el("span", "chip", row[1]));
      if (row[6]) { name.appendChild(el("div", "doc", row[6])); }
      tr.appendChild(name);
      tr.appendChild(el("td", null, row[2] ? row[2] + ":" + row[3] : ""));
      tr.appendChild(el("td", "num", row[4] + " loc · cc " + row[5]));
      var why = el("td");
      if (row[7].length) {
        var list = el("ul");
        row[7].forEach(function (w) { list.appendChild(el("li", null, w)); });
        why.appendChild(list);
      }
      if (row[8]) { why.appendChild(el("div", "doc", "close second: " + row[8])); }
      tr.appendChild(why);
      body.appendChild(tr);
    });
    table.appendChild(body);
    box.appendChild(table);
    if (hits.length > limit) {
      var more = el("button", "more", "Show " + Math.min(PAGE, hits.length - limit) + " more of " + (hits.length - limit) + " remaining");
      more.type = "button";
      more.addEventListener("click", function () { shown[group] = limit + PAGE; renderMembers(group); });
      box.appendChild(more);
    }
  }

  document.querySelectorAll("details.members").forEach(function (details) {
    var group = details.getAttribute("data-group");
    details.addEventListener("toggle", function () {
      if (details.open && !details.hasAttribute("data-rendered")) {
        details.setAttribute("data-rendered", "");
        renderMembers(group);
      }
    });
  });
  document.querySelectorAll(".member-filter").forEach(function (input) {
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { shown[input.getAttribute("data-group")] = PAGE; renderMembers(input.getAttribute("data-group")); }, 120);
    });
  });

  function openMember(group, id) {
    var details = document.querySelector('details.members[data-group="' + group + '"]');
    if (!details) { return; }
    details.setAttribute("data-rendered", "");
    details.open = true;
    var filter = filterOf(group);
    if (filter) { filter.value = id; }
    shown[group] = PAGE;
    renderMembers(group, id);
    var hit = document.getElementById("hit") || details;
    hit.scrollIntoView({ block: "center" });
  }

  // ------------------------------------------------------------ search

  var search = document.getElementById("search");
  var results = document.getElementById("search-results");
  var MAX_RESULTS = 60;

  function findAll(query) {
    var found = [];
    DATA.groups.forEach(function (group, g) {
      if (group.name.toLowerCase().indexOf(query) >= 0 && g < DATA.groups.length) {
        found.push({ kind: "context", label: group.name, where: "", anchor: group.anchor, rank: 0 });
      }
      group.rows.forEach(function (row) {
        var i = row[0].toLowerCase().indexOf(query);
        if (i >= 0) {
          found.push({ kind: "symbol", label: row[0], where: group.name, group: g, anchor: group.anchor, rank: i > row[0].indexOf(":") ? 1 : 2 });
        }
      });
    });
    DATA.tables.forEach(function (t) {
      if (t[0].toLowerCase().indexOf(query) >= 0) {
        found.push({ kind: "table", label: t[0], where: "owned by " + t[2], anchor: t[1], rank: t[0].toLowerCase() === query ? 0 : 1 });
      }
    });
    found.sort(function (a, b) { return a.rank - b.rank || a.label.length - b.label.length || (a.label < b.label ? -1 : 1); });
    return found;
  }

  function showResults() {
    var query = search.value.trim().toLowerCase();
    results.textContent = "";
    if (query.length < 2) { results.hidden = true; return; }
    var found = findAll(query);
    if (!found.length) { results.appendChild(el("li", "muted", "Nothing matches.")); }
    found.slice(0, MAX_RESULTS).forEach(function (hit) {
      var li = el("li");
      var a = el("a");
      a.href = "#" + hit.anchor;
      a.appendChild(el("span", "kind " + hit.kind, hit.kind));
      a.appendChild(el("span", "label", hit.label));
      if (hit.where) { a.appendChild(el("span", "where", hit.where)); }
      a.addEventListener("click", function (event) {
        results.hidden = true;
        if (hit.kind === "symbol") { event.preventDefault(); openMember(hit.group, hit.label); }
      });
      li.appendChild(a);
      results.appendChild(li);
    });
    if (found.length > MAX_RESULTS) { results.appendChild(el("li", "muted", (found.length - MAX_RESULTS) + " more: refine the search")); }
    results.hidden = false;
  }

  var searchTimer = null;
  search.addEventListener("input", function () { clearTimeout(searchTimer); searchTimer = setTimeout(showResults, 100); });
  search.addEventListener("focus", showResults);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { results.hidden = true; }
    if (event.key === "/" && document.activeElement !== search && !(document.activeElement instanceof HTMLInputElement)) { event.preventDefault(); search.focus(); }
  });
  document.addEventListener("click", function (event) { if (!event.target.closest(".search")) { results.hidden = true; } });

  // ------------------------------------------------------------ sortable tables

  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th, column) {
      var button = th.querySelector("button");
      if (!button) { return; }
      button.addEventListener("click", function () {
        var numeric = button.getAttribute("data-type") === "num";
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].getAttribute("data-v"), y = b.cells[column].getAttribute("data-v");
          var order = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });

  // ------------------------------------------------------------ context map focus

  var map = document.querySelector("svg.context-map");
  if (map) {
    map.querySelectorAll(".node").forEach(function (node) {
      var name = node.getAttribute("data-name");
      node.addEventListener("mouseenter", function () {
        map.classList.add("focus");
        map.querySelectorAll(".edge, .edge-label").forEach(function (edge) {
          var on = edge.getAttribute("data-from") === name || edge.getAttribute("data-to") === name;
          edge.classList.toggle("on", on);
        });
      });
      node.addEventListener("mouseleave", function () { map.classList.remove("focus"); });
    });
  }

  // ------------------------------------------------------------ copy Mermaid source

  document.querySelectorAll("button.copy").forEach(function (button) {
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-target"));
      var text = source ? source.textContent : "";
      function done(ok) { button.textContent = ok ? "Copied" : "Select and copy"; setTimeout(function () { button.textContent = "Copy"; }, 1500); }
      function fallback() {
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        done(ok);
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
      } else { fallback(); }
    });
  });

  // ------------------------------------------------------------ print: open what is small

  var reopened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (details) {
      if (details.open) { return; }
      if (details.classList.contains("members")) {
        var group = details.getAttribute("data-group");
        if (DATA.groups[group].rows.length > 300) { return; }
        details.setAttribute("data-rendered", "");
        renderMembers(group);
      }
      details.open = true;
      reopened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    reopened.forEach(function (details) { details.open = false; });
    reopened = [];
  });
}());
