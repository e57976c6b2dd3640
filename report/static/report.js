// The readout table: click a heading to sort by it (again to reverse); type to filter the rows.
(function () {
  "use strict";
  var table = document.getElementById("readouts");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var filter = document.getElementById("filter");
  var shown = document.getElementById("shown");
  var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });

  function key(row, column) {
    var cell = row.cells[column];
    var sort = cell.getAttribute("data-sort");
    return sort === null ? cell.textContent.trim().toLowerCase() : parseFloat(sort);
  }

  function compare(a, b) {
    var aEmpty = a === "", bEmpty = b === "";
    if (aEmpty || bEmpty) { return aEmpty - bEmpty; }  // blanks last, whatever the direction
    if (typeof a === typeof b) { return a < b ? -1 : a > b ? 1 : 0; }
    return typeof a === "number" ? -1 : 1;
  }

  function sortBy(heading) {
    var column = heading.cellIndex;
    var descending = heading.getAttribute("aria-sort") === "ascending";
    table.querySelectorAll("th[aria-sort]").forEach(function (th) { th.removeAttribute("aria-sort"); });
    heading.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var keyed = rows.map(function (row, index) { return { row: row, key: key(row, column), index: index }; });
    keyed.sort(function (a, b) {
      var order = compare(a.key, b.key);
      if (a.key !== "" && b.key !== "" && descending) { order = -order; }
      return order || a.index - b.index;
    });
    var fragment = document.createDocumentFragment();
    keyed.forEach(function (item) { fragment.appendChild(item.row); });
    body.appendChild(fragment);
  }

  table.tHead.querySelectorAll("th").forEach(function (th) {
    th.tabIndex = 0;
    th.addEventListener("click", function () { sortBy(th); });
    th.addEventListener("keydown", function (event) { if (event.key === "Enter") { sortBy(th); } });
  });

  filter.addEventListener("input", function () {
    var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (row, index) {
      var match = words.every(function (word) { return texts[index].indexOf(word) !== -1; });
      row.hidden = !match;
      count += match ? 1 : 0;
    });
    shown.textContent = count + " of " + rows.length + " rows";
  });
})();
