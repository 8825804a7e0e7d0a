(function () {
  "use strict";
  // A mark's date and title (its tooltip) shown under the chart while the keyboard is on it:
  // a tooltip shows for the mouse only. Screen readers have it already as the mark's name.
  var shown = document.getElementById("_focused");
  var chart = document.getElementById("_chart");
  if (shown && chart) {
    chart.addEventListener("focusin", function (event) {
      var mark = event.target.closest && event.target.closest("a.mark");
      var title = mark && mark.querySelector("title");
      if (title) { shown.textContent = title.textContent; shown.hidden = false; }
    });
    chart.addEventListener("focusout", function () { shown.hidden = true; });
  }
})();
(function () {
  "use strict";
  var box = document.getElementById("_filter");
  if (!box) { return; }
  var input = box.querySelector("input");
  var count = box.querySelector("output");
  var entries = document.querySelectorAll("article.event[data-search]");
  var marks = document.querySelectorAll("#_chart [data-event]");
  box.hidden = false;
  input.addEventListener("input", function () {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = {};
    var total = 0;
    entries.forEach(function (entry) {
      var text = entry.getAttribute("data-search");
      var keep = words.every(function (w) { return text.indexOf(w) !== -1; });
      entry.hidden = !keep;
      if (keep) { shown[entry.id] = true; total += 1; }
    });
    marks.forEach(function (mark) {
      mark.classList.toggle("dim", !shown[mark.getAttribute("data-event")]);
    });
    count.textContent = words.length ? total + " of " + entries.length + " events" : "";
  });
})();
