/* The report's client-side evidence table (charts are inline SVG drawn on the server).
   Nothing here builds HTML from text: it only shows and hides rows already in the page. */
(function () {
  "use strict";
  // The report's evidence table: every row is in the page; filters hide rows, the pager shows 50 at a time.
  function evidenceTable() {
    var table = document.getElementById("ev-table");
    if (!table || !document.getElementById("ev-search")) { return; }
    var rows = Array.prototype.slice.call(table.querySelectorAll("tr.ev-row"));
    var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
    var size = parseInt(table.getAttribute("data-page-size"), 10) || 50;
    var field = function (id) { return document.getElementById(id); };
    var state = { page: 0, matches: [] };

    function apply() {
      var q = field("ev-search").value.trim().toLowerCase();
      var cond = field("ev-condition").value, pol = field("ev-polarity").value;
      var actor = field("ev-actor").value, outlet = field("ev-outlet").value;
      var since = field("ev-since").value, until = field("ev-until").value, period = field("ev-period").value.trim();
      state.matches = [];
      rows.forEach(function (r, i) {
        var d = r.dataset;
        var ok = (!q || texts[i].indexOf(q) !== -1) && (!cond || d.condition === cond) &&
          (!pol || d.polarity === pol) && (!actor || d.actor === actor) && (!outlet || d.outlet === outlet) &&
          (!since || (d.date && d.date >= since)) && (!until || (d.date && d.date <= until)) &&
          (!period || d.period === period);
        if (ok) { state.matches.push(r); }
      });
      state.page = 0;
      show();
    }

    function show() {
      var pages = Math.max(1, Math.ceil(state.matches.length / size));
      state.page = Math.min(state.page, pages - 1);
      var from = state.page * size, to = from + size;
      rows.forEach(function (r) { r.hidden = true; });
      state.matches.slice(from, to).forEach(function (r) { r.hidden = false; });
      field("ev-count").textContent = state.matches.length.toLocaleString("en") + " of " +
        rows.length.toLocaleString("en") + " rows match";
      field("ev-page").textContent = "page " + (state.page + 1) + " of " + pages;
      field("ev-prev").disabled = state.page === 0;
      field("ev-next").disabled = state.page >= pages - 1;
    }

    ["ev-search", "ev-since", "ev-until", "ev-period"].forEach(function (id) { field(id).addEventListener("input", apply); });
    ["ev-condition", "ev-polarity", "ev-actor", "ev-outlet"].forEach(function (id) { field(id).addEventListener("change", apply); });
    field("ev-prev").addEventListener("click", function () { state.page -= 1; show(); });
    field("ev-next").addEventListener("click", function () { state.page += 1; show(); });
    // Export what the filters select, made in the page: a file from memory, nothing sent anywhere.
    field("ev-export").addEventListener("click", function () {
      var quote = function (v) { return '"' + String(v).replace(/"/g, '""') + '"'; };
      var lines = [["date", "condition", "polarity", "actor", "outlet", "period", "sentence"].join(",")];
      state.matches.forEach(function (r) {
        var d = r.dataset, sentence = r.querySelector("td.sentence").textContent;
        lines.push([d.date, d.condition, d.polarity, d.actor, d.outlet, d.period, sentence].map(quote).join(","));
      });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([lines.join("\n") + "\n"], { type: "text/csv" }));
      a.download = "diplowatch-evidence.csv";
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
    field("ev-reset").addEventListener("click", function () {
      ["ev-search", "ev-since", "ev-until", "ev-period", "ev-condition", "ev-polarity", "ev-actor", "ev-outlet"]
        .forEach(function (id) { field(id).value = ""; });
      apply();
    });
    // A scorecard cell opens its evidence: same condition, same period.
    document.querySelectorAll("a.cell-link").forEach(function (a) {
      if (a.getAttribute("href").charAt(0) !== "#") { return; }
      a.addEventListener("click", function () {
        field("ev-condition").value = a.dataset.condition;
        field("ev-period").value = a.dataset.period;
        apply();
      });
    });
    apply();
  }

  function start() { evidenceTable(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
