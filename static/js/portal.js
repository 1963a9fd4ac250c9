// Small progressive enhancements; every page works without JavaScript.
(function () {
  "use strict";
  // Warn before leaving a form with unsaved changes (forms marked data-warn-unsaved).
  // A data table wider than the screen scrolls in its own box (.table-scroll); such a box
  // becomes a named region and a Tab stop so it can be scrolled with the keyboard too
  // (WCAG 2.1.1); a box that fits stays out of the Tab order.
  function scrollBoxes(root) {
    (root.querySelectorAll ? root : document).querySelectorAll(".table-scroll").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        var caption = box.querySelector("caption");
        var heading = caption ? null : box.previousElementSibling;
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var name = caption ? caption.textContent : (heading && /^H[1-6]$/.test(heading.tagName) ? heading.textContent : "");
        box.setAttribute("aria-label", (name || box.getAttribute("data-label") || document.title).trim());
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  // Confirm destructive or final actions (buttons with data-confirm, WCAG 3.3.4), also on
  // buttons htmx put in later: one listener on the document, in the capture phase, so a
  // "no" stops the click before htmx's own listener on the button sends anything.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-confirm]") : null;
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);
  window.addEventListener("resize", function () { scrollBoxes(document); });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
      var dirty = false;
      form.addEventListener("input", function () { dirty = true; });
      form.addEventListener("submit", function () { dirty = false; });
      window.addEventListener("beforeunload", function (event) {
        if (dirty) { event.preventDefault(); event.returnValue = ""; }
      });
    });
    // A select whose options are grouped by another select's choice (data-grouped-by:
    // its id) shows only the group of that choice; without a choice, every group.
    document.querySelectorAll("select[data-grouped-by]").forEach(function (select) {
      var by = document.getElementById(select.getAttribute("data-grouped-by"));
      if (!by) { return; }
      function show() {
        var chosen = by.value ? by.options[by.selectedIndex].text : "";
        select.querySelectorAll("optgroup").forEach(function (group) {
          var other = chosen !== "" && group.label !== chosen;
          group.hidden = other;
          group.disabled = other;
        });
        var current = select.options[select.selectedIndex];
        if (current && current.parentElement.disabled) { select.value = ""; }
      }
      by.addEventListener("change", show);
      show();
    });
    // After an edit conflict: "use the saved text" puts a colleague's text into the field
    // (their text comes from a <template>, so it is never parsed as markup), moves the
    // focus there and says so in the live region.
    document.querySelectorAll("[data-merge-into]").forEach(function (button) {
      button.addEventListener("click", function () {
        var id = button.getAttribute("data-merge-into");
        var field = document.getElementById(id);
        var saved = document.getElementById("merge-" + id);
        if (!field || !saved) { return; }
        field.value = saved.content.textContent;
        field.dispatchEvent(new Event("input", { bubbles: true }));
        field.focus();
        var status = document.querySelector("[data-merge-status]");
        if (status) { status.textContent = button.getAttribute("data-merge-done"); }
      });
    });
    scrollBoxes(document);
    // After a failed POST the error summary takes the focus (it links to each field), so
    // a keyboard or screen-reader user starts where the problem is told.
    var summary = document.querySelector("[data-error-summary]");
    if (summary && !document.querySelector("[data-focus-after-swap]:focus")) { summary.focus(); }
    document.body.addEventListener("htmx:afterSettle", function (event) { scrollBoxes(event.target); });
  });
})();
