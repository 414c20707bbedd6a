// Live word count for stories; the server checks the count again.
(function () {
  "use strict";
  var area = document.querySelector("textarea[data-word-count]");
  var output = document.querySelector(".word-count");
  if (!area || !output) { return; }
  function update() {
    var words = area.value.trim() ? area.value.trim().split(/\s+/).length : 0;
    output.textContent = output.dataset.label + ": " + words + " (" + output.dataset.min + "–" + output.dataset.max + ")";
  }
  area.addEventListener("input", update);
  update();
})();
