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

// A confirmation ("your changes have been sent") is focused when the page loads, so it is read.
(function () {
  "use strict";
  var done = document.getElementById("confirmation");
  if (done) { done.focus(); }
})();

// The error summary: focused when the page loads, each link moves the focus to its field.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    var label = document.querySelector("label[for='" + field.id + "']") || field;
    label.scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();

// The parent's or guardian's fields: shown and required as soon as the date of birth makes the
// entrant younger than the consent age. The server asks for them too (no JavaScript needed).
(function () {
  "use strict";
  var box = document.getElementById("guardian-fields");
  var born = document.getElementById("id_date_of_birth");
  if (!box || !born) { return; }
  var consentAge = parseInt(box.dataset.consentAge, 10);
  var step = document.getElementById("id_guardian_step");
  var note = box.querySelector(".guardian-when");
  var inputs = box.querySelectorAll("input[type='text'], input[type='email']");
  function age(value) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    if (!parts) { return null; }
    var today = new Date();
    var years = today.getFullYear() - parseInt(parts[1], 10);
    var month = today.getMonth() + 1, day = today.getDate();
    var bornMonth = parseInt(parts[2], 10), bornDay = parseInt(parts[3], 10);
    if (month < bornMonth || (month === bornMonth && day < bornDay)) { years -= 1; }
    return years;
  }
  function update() {
    var years = age(born.value);
    var minor = years !== null && years >= 0 && years < consentAge;
    box.hidden = !minor && !box.hasAttribute("data-shown");
    inputs.forEach(function (input) {
      input.required = minor;
      if (minor) { input.setAttribute("aria-required", "true"); } else { input.removeAttribute("aria-required"); }
    });
    if (minor) {
      step.value = "1";
      note.textContent = note.dataset.minorText;
    }
  }
  born.addEventListener("input", update);
  born.addEventListener("change", update);
  update();
})();

// A preview of the chosen image before it is sent (nothing leaves the phone until "Send").
// Drawn on a canvas from the file itself: the public pages' policy allows no blob: or data:
// images (website/csp.py), and a canvas needs neither.
(function () {
  "use strict";
  var input = document.querySelector(".image-field input[type='file']");
  var preview = document.getElementById("upload-preview");
  if (!input || !preview || !window.createImageBitmap) { return; }
  var canvas = preview.querySelector("canvas");
  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    preview.hidden = true;
    if (!file || !/^image\//.test(file.type)) { return; }
    createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, 320 / bitmap.width);
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      if (bitmap.close) { bitmap.close(); }
      preview.hidden = false;
    }).catch(function () { preview.hidden = true; });
  });
})();
