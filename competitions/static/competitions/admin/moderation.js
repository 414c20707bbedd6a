/* Keyboard shortcuts of the moderation queue and of an entry's moderation screen.
 * Queue: j/k move through the rows, o or Enter opens the chosen one. The action keys do not act
 * from the list (one key on a row of the list would decide without the work, the declarations and
 * the consent in view): there they open the list of shortcuts, which says to open the entry.
 * Entry: j/n next entry, k/p previous, a approve, c request changes, r reject, f flag
 * (reject and flag then ask to confirm, on the server's confirmation screen).
 * ? shows or hides the list of shortcuts. Nothing fires while typing in a field or with a
 * modifier key held, and the keys we handle are not passed on to Wagtail's own shortcuts. */
(function () {
  "use strict";

  var root = document.querySelector("[data-moderation]");
  if (!root) {
    return;
  }
  var page = root.getAttribute("data-moderation");

  function typing(target) {
    if (!target || !target.closest) {
      return false;
    }
    return Boolean(
      target.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']")
    );
  }

  function toggleHelp(open) {
    var help = document.querySelector("[data-moderation-help]");
    if (!help) {
      return false;
    }
    help.open = open === undefined ? !help.open : open;
    if (help.open) {
      help.querySelector("summary").focus();
    }
    return true;
  }

  function follow(selector) {
    var link = document.querySelector(selector);
    if (!link) {
      return false;
    }
    window.location.assign(link.href);
    return true;
  }

  // --- The queue: a chosen row -------------------------------------------------------------
  var current = -1;

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("#listing-results tbody tr"));
  }

  function choose(step) {
    var all = rows();
    if (!all.length) {
      return false;
    }
    current = Math.max(0, Math.min(all.length - 1, current + step));
    all.forEach(function (row, index) {
      row.classList.toggle("queue-row--chosen", index === current);
    });
    var link = all[current].querySelector("td.title a");
    if (link) {
      link.focus();
    }
    return true;
  }

  function openChosen() {
    var all = rows();
    var link = current >= 0 && all[current] && all[current].querySelector("td.title a");
    if (!link) {
      return false;
    }
    window.location.assign(link.href);
    return true;
  }

  // --- The entry: an action's button -----------------------------------------------------------
  function press(shortcut) {
    var button = document.querySelector('#moderation-form button[data-shortcut="' + shortcut + '"]');
    if (!button) {
      return false;
    }
    // Request changes needs a message, reject a reason: go to the field first.
    var needs = { c: "id_message", r: "id_reason" }[shortcut];
    var field = needs && document.getElementById(needs);
    if (field && !field.value) {
      field.focus();
      field.classList.add("moderation-field--needed");
      return true;
    }
    button.click();
    return true;
  }

  function handle(key) {
    if (key === "?") {
      return toggleHelp();
    }
    if (page === "queue") {
      if (key === "j") {
        return choose(1);
      }
      if (key === "k") {
        return choose(-1);
      }
      if (key === "o") {
        return openChosen();
      }
      if (key === "a" || key === "c" || key === "r" || key === "f") {
        return toggleHelp(true);
      }
      return false;
    }
    if (key === "j" || key === "n") {
      return follow("[data-moderation-next]");
    }
    if (key === "k" || key === "p") {
      return follow("[data-moderation-previous]");
    }
    if (key === "a" || key === "c" || key === "r" || key === "f") {
      return press(key);
    }
    return false;
  }

  window.addEventListener(
    "keydown",
    function (event) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) {
        return;
      }
      if (typing(event.target) || event.isComposing) {
        return;
      }
      if (handle(event.key)) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    true
  );
})();
