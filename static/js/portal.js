// Small progressive enhancements; every page works without JavaScript.
(function () {
  "use strict";
  // Warn before leaving a form with unsaved changes (forms marked data-warn-unsaved).
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
    // Confirm destructive or final actions (buttons with data-confirm).
    document.querySelectorAll("[data-confirm]").forEach(function (button) {
      button.addEventListener("click", function (event) {
        if (!window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    });
  });
})();
