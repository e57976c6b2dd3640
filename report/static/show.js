// The evidence page: a row of the side panel scrolls to its highlight and marks it; a highlight shows its fact.
(function () {
  "use strict";
  var tip = document.getElementById("tip");

  function pieces(id) {
    var quoted = CSS.escape(id);
    return document.querySelectorAll('[data-fact-id="' + quoted + '"], [data-fact-part="' + quoted + '"]');
  }

  function select(row) {
    var id = row.getAttribute("data-target");
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    document.querySelectorAll(".fact-row.selected").forEach(function (el) { el.classList.remove("selected"); });
    row.classList.add("selected");
    var found = pieces(id);
    found.forEach(function (el) { el.classList.add("current"); });
    if (found.length) {
      found[0].scrollIntoView({ block: "center" });
      found[0].focus({ preventScroll: true });
    }
  }

  document.querySelectorAll(".fact-row").forEach(function (row) {
    row.addEventListener("click", function () { select(row); });
    row.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(row); }
    });
  });

  function showTip(event) {
    var mark = event.target.closest("mark[data-tip]");
    if (!mark) { return; }
    tip.textContent = mark.getAttribute("data-tip");  // text, never HTML
    var box = mark.getBoundingClientRect();
    tip.style.left = Math.max(4, box.left + window.scrollX) + "px";
    tip.style.top = box.bottom + window.scrollY + 6 + "px";
    tip.hidden = false;
  }

  function hideTip() { tip.hidden = true; }

  document.addEventListener("mouseover", showTip);
  document.addEventListener("focusin", showTip);
  document.addEventListener("mouseout", function (event) { if (event.target.closest("mark[data-tip]")) { hideTip(); } });
  document.addEventListener("focusout", hideTip);
})();
