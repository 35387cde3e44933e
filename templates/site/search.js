// Client-side search of the guide index: substring match on the text of each entry, works from file://.
(function () {
  "use strict";
  var box = document.getElementById("search-box");
  if (!box) { return; }
  var entries = Array.prototype.slice.call(document.querySelectorAll(".guide-entry"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-group]")).reverse();
  var count = document.getElementById("search-count");
  var empty = document.getElementById("search-empty");
  function normalise(text) {
    return (text.normalize ? text.normalize("NFKC") : text).replace(/\s+/g, "").toLowerCase();
  }
  function apply() {
    var query = normalise(box.value);
    var shown = 0;
    entries.forEach(function (li) {
      var match = query === "" || li.getAttribute("data-search").indexOf(query) !== -1;
      li.hidden = !match;
      if (match) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = group.querySelector(".guide-entry:not([hidden])") === null;
    });
    count.textContent = query === "" ? "共 " + entries.length + " 项" : "找到 " + shown + " 项";
    empty.hidden = shown !== 0;
  }
  box.addEventListener("input", apply);
  box.addEventListener("compositionend", apply);
  apply();
}());
