// The report editor (reporting/report_detail.html): saves the texts while the person
// writes, says when they were last saved, keeps the focus where the person works after a
// section is replaced by htmx, and notes the section to come back to after "Save draft".
// The page works without it: every button then posts the whole form.
(function () {
  "use strict";
  var TEXTS = "textarea[name^=comment_], textarea[name^=result_], input[name=no_activities]";
  var IDLE_MS = 2000;
  var RETRY_MS = 10000;

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("report-form");
    if (!form || !form.dataset.autosaveUrl) { return; }
    var status = document.getElementById("save-status");
    var version = form.querySelector("input[name=expected_version]");
    var returnTo = form.querySelector("input[name=return_to]");
    var dirty = false;      // typed since the last save that went through
    var inFlight = false;
    var stopped = false;    // a colleague saved: only the explicit save (merge view) helps
    var submitting = false;
    var pendingSubmitter = null;
    var timer = null;

    function say(text) { if (status) { status.textContent = text; } }

    function payload() {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      data.append("expected_version", version.value);
      form.querySelectorAll(TEXTS).forEach(function (field) {
        if (field.type === "checkbox") {
          if (field.checked) { data.append(field.name, "on"); }
        } else {
          data.append(field.name, field.value);
        }
      });
      return data;
    }

    function finished() {
      inFlight = false;
      if (pendingSubmitter !== null) {
        // "Save draft" or "Submit" was pressed while an autosave was on its way: send the
        // form now, with the version that autosave returned.
        var submitter = pendingSubmitter;
        pendingSubmitter = null;
        submitting = true;
        form.requestSubmit(submitter);
      } else if (dirty && !stopped) {
        schedule(IDLE_MS);
      }
    }

    function save() {
      clearTimeout(timer);
      if (!dirty || stopped || submitting) { return; }
      if (inFlight) { return; }  // finished() schedules the next one
      inFlight = true;
      dirty = false;
      fetch(form.dataset.autosaveUrl, {
        method: "POST",
        body: payload(),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (response.ok && body.saved) {
            version.value = body.version;
            say(body.message);
          } else {
            dirty = true;
            stopped = response.status === 409;
            say(body.message || form.dataset.failed);
          }
        });
      }, function () {
        // No answer at all: the connection is gone. Keep the text, try again later.
        dirty = true;
        say(form.dataset.offline);
        schedule(RETRY_MS);
      }).then(finished, finished);
    }

    function schedule(ms) {
      clearTimeout(timer);
      timer = setTimeout(save, ms);
    }

    function isText(element) { return element.matches && element.matches(TEXTS); }

    form.addEventListener("input", function (event) {
      if (!isText(event.target)) { return; }
      dirty = true;
      schedule(IDLE_MS);
    });
    form.addEventListener("change", function (event) {
      if (event.target.type === "checkbox" && isText(event.target)) { dirty = true; save(); }
    });
    form.addEventListener("focusout", function (event) {
      if (isText(event.target)) { save(); }
    });
    form.addEventListener("focusin", function (event) {
      var section = event.target.closest("section[aria-labelledby]");
      if (section && returnTo) { returnTo.value = section.getAttribute("aria-labelledby"); }
    });
    window.addEventListener("online", save);

    form.addEventListener("submit", function (event) {
      if (inFlight) {
        event.preventDefault();
        pendingSubmitter = event.submitter || null;
        if (pendingSubmitter === null) { pendingSubmitter = form.querySelector("button[type=submit]"); }
        return;
      }
      submitting = true;
      clearTimeout(timer);
    });
    window.addEventListener("beforeunload", function (event) {
      if (!submitting && (dirty || inFlight)) { event.preventDefault(); event.returnValue = ""; }
    });

    // After htmx replaced the activities or the trips: the focus goes to the first field
    // with an error, else to what was done ("The activity was added.").
    document.body.addEventListener("htmx:afterSettle", function (event) {
      var id = event.detail.target && event.detail.target.id;
      var section = id ? document.getElementById(id) : null;
      if (!section) { return; }
      var target = section.querySelector("[aria-invalid=true], [data-focus-after-swap]");
      if (target) { target.focus(); }
    });
  });
})();
