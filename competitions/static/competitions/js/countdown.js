// Keeps the server-rendered "closes in" text live. Without JavaScript the server text stays.
(function () {
  "use strict";
  document.querySelectorAll(".countdown[data-deadline]").forEach(function (node) {
    var deadline = new Date(node.dataset.deadline).getTime();
    function tick() {
      var left = Math.max(0, deadline - Date.now());
      var minutes = Math.floor(left / 60000);
      var days = Math.floor(minutes / 1440);
      var hours = Math.floor((minutes % 1440) / 60);
      node.textContent = days + " " + node.dataset.labelDays + ", " + hours + " " +
        node.dataset.labelHours + ", " + (minutes % 60) + " " + node.dataset.labelMinutes;
    }
    tick();
    window.setInterval(tick, 30000);
  });
})();
