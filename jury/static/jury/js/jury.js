/* The jury room: reveal a work behind a content warning, zoom, keyboard navigation, autosave.
   Everything works without this file; it only makes marking faster. */
(function () {
  "use strict";

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function setUpReveal() {
    document.querySelectorAll("[data-reveal]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        document.querySelectorAll("[data-work]").forEach(function (work) {
          work.classList.remove("jury-work--hidden");
        });
        link.hidden = true;
      });
    });
  }

  function setUpZoom() {
    document.querySelectorAll("[data-zoom]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        link.classList.toggle("is-zoomed");
      });
    });
  }

  function setUpKeys() {
    var entry = document.querySelector("[data-jury-entry]");
    if (!entry) return;
    document.addEventListener("keydown", function (event) {
      if (typing(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
      var key = event.key;
      var target = null;
      if (key === "ArrowRight" || key === "j") target = entry.dataset.next;
      if (key === "ArrowLeft" || key === "k") target = entry.dataset.previous;
      if (target) {
        event.preventDefault();
        window.location.assign(target);
      }
    });
  }

  function setUpAutosave() {
    var form = document.querySelector("form[data-autosave]");
    if (!form) return;
    var status = form.querySelector("[data-save-status]");
    var timer = null;
    var pending = null;

    function show(text, state) {
      if (!status) return;
      status.textContent = text;
      status.dataset.state = state;
    }

    function save() {
      var data = new FormData(form);
      data.delete("next");
      show(form.dataset.textSaving, "saving");
      pending = fetch(form.action || window.location.href, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.json().then(function (body) {
            if (response.ok && body.saved) {
              show(form.dataset.textSaved, "saved");
            } else {
              show(form.dataset.textError + (body.error ? ": " + body.error : ""), "error");
            }
          });
        })
        .catch(function () {
          show(form.dataset.textError, "error");
        });
    }

    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, 600);
    }

    form.addEventListener("input", later);
    form.addEventListener("change", later);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpReveal();
    setUpZoom();
    setUpKeys();
    setUpAutosave();
  });
})();
