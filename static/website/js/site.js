/* Site-wide behaviour. No inline scripts anywhere: a strict Content-Security-Policy stays possible. */
(function () {
  "use strict";

  // Quick exit: blank the page at once and replace this history entry with a neutral site,
  // so that Back does not return here. Without JavaScript the link still leaves the site.
  function quickExit(url) {
    try {
      document.title = "";
      document.documentElement.innerHTML = "";
    } catch (e) { /* keep going: leaving matters more */ }
    window.location.replace(url);
  }

  function exitUrl() {
    var link = document.querySelector("[data-quick-exit]");
    return link ? link.getAttribute("href") : "about:blank";
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    quickExit(link.getAttribute("href"));
  });

  // Shift pressed three times within 1.5 seconds.
  var shiftTimes = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) return;
    var now = Date.now();
    shiftTimes = shiftTimes.filter(function (t) { return now - t < 1500; });
    shiftTimes.push(now);
    if (shiftTimes.length >= 3) {
      shiftTimes = [];
      quickExit(exitUrl());
    }
  });
})();
