// The bulletin's send screen: recount the recipients when topics are chosen, and follow a
// send's progress. The page works without this script (a button recounts, a link refreshes).
(function () {
  "use strict";

  function getJSON(url) {
    return fetch(url, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    });
  }

  var form = document.getElementById("send-form");
  if (form && form.dataset.recipientsUrl) {
    var recount = function () {
      var params = new URLSearchParams();
      form.querySelectorAll("input[name='send-topics']:checked").forEach(function (box) {
        params.append("topics", box.value);
      });
      getJSON(form.dataset.recipientsUrl + "?" + params.toString())
        .then(function (counts) {
          Object.keys(counts).forEach(function (key) {
            var cell = document.querySelector("[data-recipients='" + key + "']");
            if (cell) cell.textContent = counts[key];
          });
        })
        .catch(function () {});
    };
    form.addEventListener("change", function (event) {
      if (event.target.name === "send-topics") recount();
    });
  }

  var progress = document.getElementById("send-progress");
  if (progress && progress.dataset.progressUrl) {
    var state = progress.dataset.state;
    var every = state === "scheduled" ? 30000 : 3000;
    var tick = function () {
      getJSON(progress.dataset.progressUrl)
        .then(function (data) {
          if (data.state !== state) {
            window.location.reload(); // started or finished: show the whole new state
            return;
          }
          var counts = {
            waiting: data.queued + data.sending,
            sent: data.sent,
            failed: data.failed,
            total: data.total,
          };
          Object.keys(counts).forEach(function (key) {
            var cell = progress.querySelector("[data-count='" + key + "']");
            if (cell) cell.textContent = counts[key];
          });
          var bar = progress.querySelector("[data-progress='bar']");
          if (bar) {
            bar.max = data.total;
            bar.value = data.done;
            bar.textContent = data.done + " / " + data.total;
          }
          if (state === "sending" || state === "scheduled") window.setTimeout(tick, every);
        })
        .catch(function () {
          window.setTimeout(tick, 10000);
        });
    };
    if (state === "sending" || state === "scheduled") window.setTimeout(tick, every);
  }
})();
