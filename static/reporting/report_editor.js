// The report editor (reporting/report_detail.html): saves the texts while the person
// writes, says when they were last saved, keeps the focus where the person works after a
// section is replaced by htmx, and notes the section to come back to after "Save draft".
// The page works without it: every button then posts the whole form.
(function () {
  "use strict";
  var TEXTS = "textarea[name^=comment_], textarea[name^=result_], input[name=no_activities], " +
    "select[name^=progress_status_], textarea[name^=progress_note_]";
  var IDLE_MS = 2000;
  var RETRY_MS = 10000;

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("report-form");
    if (!form || !form.dataset.autosaveUrl) { return; }
    var status = document.getElementById("save-status");
    var version = form.querySelector("input[name=expected_version]");
    var returnTo = form.querySelector("input[name=return_to]");
    var dirty = false;      // typed since the last save that went through
    var inFlight = false;   // an autosave on its way
    var rowRequests = 0;    // htmx adding or removing an activity or trip
    var stopped = false;    // a colleague saved: only the explicit save (merge view) helps
    var submitting = false;
    var pendingSubmitter = null;
    var timer = null;

    // What is said (politely, only when a save ends) and, for styles and tests, the state
    // without words: "pending" while typed text waits for its save, then "saved" or why not.
    function say(text) { if (status) { status.textContent = text; } }
    function state(name) { if (status) { status.dataset.state = name; } }

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

    function busy() { return inFlight || rowRequests > 0; }

    function finished() {
      inFlight = false;
      if (busy()) { return; }
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
            state(dirty ? "pending" : "saved");
          } else {
            dirty = true;
            stopped = response.status === 409;
            say(body.message || form.dataset.failed);
            state(stopped ? "conflict" : "failed");
          }
        });
      }, function () {
        // No answer at all: the connection is gone. Keep the text, try again later.
        dirty = true;
        say(form.dataset.offline);
        state("offline");
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
      if (!stopped) { state("pending"); }
      schedule(IDLE_MS);
    });
    form.addEventListener("change", function (event) {
      if ((event.target.type === "checkbox" || event.target.tagName === "SELECT") &&
          isText(event.target)) {
        dirty = true;
        state("pending");
        save();
      }
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
      // Wait for an autosave (the version it returns) or a row being added (else the
      // activity's fields would be posted, and added, once more).
      if (busy()) {
        event.preventDefault();
        pendingSubmitter = event.submitter || null;
        if (pendingSubmitter === null) { pendingSubmitter = form.querySelector("button[type=submit]"); }
        return;
      }
      submitting = true;
      clearTimeout(timer);
    });
    window.addEventListener("beforeunload", function (event) {
      if (!submitting && (dirty || busy())) { event.preventDefault(); event.returnValue = ""; }
    });

    form.addEventListener("htmx:beforeRequest", function (event) {
      // The button that asked is replaced by the answer, so its own htmx events may no
      // longer reach the form: count the request done when the request itself ends.
      rowRequests += 1;
      event.detail.xhr.addEventListener("loadend", function () {
        rowRequests = Math.max(0, rowRequests - 1);
        if (!inFlight) { finished(); }
      });
    });

    // After htmx replaced the activities or the trips: the focus goes to the first field
    // with an error, else to what was done ("The activity was added.").
    document.body.addEventListener("htmx:afterSettle", function (event) {
      var section = event.target;
      if (!section || !section.querySelector || !form.contains(section)) { return; }
      var target = section.querySelector("[aria-invalid=true], [data-focus-after-swap]");
      if (target) { target.focus(); }
    });
  });
})();
