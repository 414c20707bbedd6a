/* Wagtail's admin without inline scripts, so that its Content-Security-Policy can refuse them
   (website/csp.py, docs/security.md). Our copies of Wagtail's templates
   (website/templates/wagtailadmin/) leave data attributes where Wagtail writes inline scripts;
   this file does what those scripts did:

   - chooser widgets (website/wagtail_hooks.py): data-w-chooser-widget (the constructor, one
     of Wagtail's *Chooser classes), data-w-chooser-target, data-w-chooser-options; the task
     chooser: data-w-chooser-call="createTaskChooser";
   - date, time and date-time pickers: data-w-chooser-init (one of three known functions),
     data-w-chooser-target, data-w-chooser-config;
   - inline panels: data-w-inline-panel (the options Wagtail passes to InlinePanel);
   - wagtail-modeltranslation's settings: data-model-translations on this script's own tag
     (website/wagtail_hooks.py), set before the package's scripts read them.

   Pickers and panels in content added later (a new inline form, a dialog) are started when
   they appear. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (script && script.hasAttribute("data-model-translations")) {
    window.wagtailModelTranslations = JSON.parse(script.getAttribute("data-model-translations"));
  }
  if (window.wagtailCspInit) return; // the file may be included twice on a page
  window.wagtailCspInit = true;

  var CHOOSERS = ["initDateChooser", "initTimeChooser", "initDateTimeChooser"];
  var DONE = "data-w-csp-done";

  function pending(root, selector) {
    var found = [];
    if (root.matches && root.matches(selector)) found.push(root);
    if (root.querySelectorAll) found.push.apply(found, root.querySelectorAll(selector));
    return found.filter(function (el) {
      return !el.hasAttribute(DONE);
    });
  }

  function start(root) {
    pending(root, "[data-w-chooser-init]").forEach(function (el) {
      var name = el.getAttribute("data-w-chooser-init");
      var target = el.getAttribute("data-w-chooser-target");
      if (CHOOSERS.indexOf(name) === -1 || typeof window[name] !== "function") return;
      if (target.indexOf("__prefix__") !== -1) return; // a template, not a form yet
      el.setAttribute(DONE, "");
      window[name](target, JSON.parse(el.getAttribute("data-w-chooser-config")));
    });
    pending(root, "[data-w-chooser-widget]").forEach(function (el) {
      var name = el.getAttribute("data-w-chooser-widget");
      var target = el.getAttribute("data-w-chooser-target");
      if (!/^[A-Za-z]+Chooser$/.test(name) || typeof window[name] !== "function") return;
      if (target.indexOf("__prefix__") !== -1) return;
      el.setAttribute(DONE, "");
      new window[name](target, JSON.parse(el.getAttribute("data-w-chooser-options")));
    });
    pending(root, "[data-w-chooser-call]").forEach(function (el) {
      var target = el.getAttribute("data-w-chooser-target");
      if (el.getAttribute("data-w-chooser-call") !== "createTaskChooser") return;
      if (typeof window.createTaskChooser !== "function") return;
      if (target.indexOf("__prefix__") !== -1) return;
      el.setAttribute(DONE, "");
      window.createTaskChooser(target);
    });
    pending(root, "[data-w-inline-panel]").forEach(function (el) {
      if (typeof window.InlinePanel !== "function") return;
      var options = JSON.parse(el.getAttribute("data-w-inline-panel"));
      if (String(options.formsetPrefix || "").indexOf("__prefix__") !== -1) return;
      el.setAttribute(DONE, "");
      new window.InlinePanel(options);
    });
  }

  function watch() {
    start(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType === 1) start(node);
        });
      });
    }).observe(document.documentElement, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
