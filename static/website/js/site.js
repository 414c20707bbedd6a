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

  // Shift pressed three times within 1.5 seconds, on purpose (as GOV.UK's "Exit this page"):
  // a press counts only when Shift goes down and up again with no other key, no click and no
  // other modifier in between, and never while an input method is composing text. Typing
  // "Ana Maria Berisha" presses Shift three times, each time with a letter: none of them counts,
  // and any other key starts the count again.
  var SHIFT_WINDOW_MS = 1500;
  var shiftPresses = [];
  var shiftHeld = false;
  var shiftAlone = false;

  function withOtherModifier(event) {
    return event.ctrlKey || event.altKey || event.metaKey;
  }

  function composing(event) {
    return event.isComposing || event.keyCode === 229;
  }

  function startOver() {
    shiftPresses = [];
    shiftHeld = false;
    shiftAlone = false;
  }

  document.addEventListener("keydown", function (event) {
    if (composing(event)) {
      startOver();
      return;
    }
    if (event.key === "Shift") {
      if (!event.repeat) {
        shiftHeld = true;
        shiftAlone = !withOtherModifier(event);
      }
      return;
    }
    // Any other key (a capital letter, a modifier, Tab…): this Shift is typing, not a signal.
    startOver();
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    var counts = shiftHeld && shiftAlone && !composing(event) && !withOtherModifier(event);
    shiftHeld = false;
    shiftAlone = false;
    if (!counts) {
      shiftPresses = [];
      return;
    }
    var now = Date.now();
    shiftPresses = shiftPresses.filter(function (t) { return now - t <= SHIFT_WINDOW_MS; });
    shiftPresses.push(now);
    if (shiftPresses.length >= 3) {
      shiftPresses = [];
      quickExit(exitUrl());
    }
  }, true);

  // Wide screens show the search, the menu and every help line at once: their <details> are
  // open there (the CSS shows them anyway where the browser knows ::details-content).
  var wide = window.matchMedia ? window.matchMedia("(min-width: 48rem)") : null;
  function openWhenWide() {
    if (!wide) return;
    var details = document.querySelectorAll("details[data-wide-open]");
    for (var i = 0; i < details.length; i++) {
      var item = details[i];
      if (item.dataset.openAtFirst === undefined) item.dataset.openAtFirst = item.open ? "1" : "";
      item.open = wide.matches || item.dataset.openAtFirst === "1";
    }
  }

  // After a filter or a form, the address ends in #results or #message: move the focus there
  // (the browser has scrolled to it already), so that a screen reader reads it next.
  function focusTarget() {
    var id = window.location.hash.slice(1);
    if (!id) return;
    var target = document.getElementById(decodeURIComponent(id));
    if (target && target.getAttribute("tabindex") === "-1") target.focus();
  }

  function ready() {
    openWhenWide();
    if (wide && wide.addEventListener) wide.addEventListener("change", openWhenWide);
    focusTarget();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();

  // Shift-click selects text; composing text and leaving the window are never part of a signal.
  document.addEventListener("mousedown", startOver, true);
  document.addEventListener("compositionstart", startOver, true);
  window.addEventListener("blur", startOver);
})();
