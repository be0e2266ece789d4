/* Autosave of the article form (served as-is: no build, no dependency).
 *
 * While the form has unsaved changes, its fields are sent to /graphql as the
 * articleAutosave mutation a few seconds after typing pauses, and at least every
 * ten seconds while typing goes on. The hub keeps them as the viewer's working
 * copy (an autosave revision) without changing the article; after a session
 * expires, the form offers that copy back once the viewer signs in again.
 *
 * /graphql takes the session cookie for JSON POSTs: a cross-site page cannot
 * send application/json without a CORS preflight, which the hub does not
 * grant, so no extra CSRF token is needed. Labels come from data- attributes
 * (the page's language); the status line is an aria-live region.
 */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave][data-article]");
  if (!form || !window.fetch) return;
  var status = document.getElementById("autosave-status");
  var PAUSE = 3000;
  var EVERY = 10000;
  var QUERY =
    "mutation ArticleAutosave($input: ArticleUpdateInput!, $refusedSave: Boolean!) {" +
    " articleAutosave(input: $input, refusedSave: $refusedSave) {" +
    " __typename ... on AutosaveSuccess { revision { id number createdAt } }" +
    " ... on ArticleError { code field } } }";
  var dirty = false;
  var sending = false;
  var submitted = false;
  var pauseTimer = null;
  var lastSent = 0;

  function value(name) {
    var field = form.elements.namedItem(name);
    return field && "value" in field ? field.value : "";
  }

  function input() {
    var slug = value("slug").trim();
    var base = parseInt(value("phien-ban-goc"), 10);
    return {
      id: form.getAttribute("data-article"),
      title: value("title"),
      slug: slug || null,
      summary: value("summary"),
      body: value("body"),
      category: value("category") || null,
      baseRevision: isNaN(base) ? null : base
    };
  }

  function show(text) {
    if (status) status.textContent = text;
  }

  function hanoiTime(iso) {
    var moment = iso ? new Date(iso) : new Date();
    try {
      return moment.toLocaleTimeString("vi-VN", {
        timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", hour12: false
      });
    } catch (e) {
      return moment.toTimeString().slice(0, 5);
    }
  }

  function send() {
    if (!dirty || sending || submitted) return;
    sending = true;
    dirty = false;
    lastSent = Date.now();
    fetch(form.getAttribute("data-autosave"), {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/graphql-response+json, application/json"
      },
      body: JSON.stringify({
        query: QUERY,
        operationName: "ArticleAutosave",
        variables: { input: input(), refusedSave: false }
      })
    })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        var outcome = answer && answer.data && answer.data.articleAutosave;
        if (outcome && outcome.__typename === "AutosaveSuccess") {
          show(form.getAttribute("data-autosaved").replace("{time}", hanoiTime(outcome.revision.createdAt)));
        } else {
          dirty = true;
          show(form.getAttribute("data-autosave-failed"));
        }
      })
      .catch(function () {
        dirty = true;
        show(form.getAttribute("data-autosave-failed"));
      })
      .then(function () { sending = false; });
  }

  function changed() {
    dirty = true;
    if (pauseTimer) clearTimeout(pauseTimer);
    pauseTimer = setTimeout(send, PAUSE);
    // Long typing without a pause still saves every EVERY milliseconds.
    if (lastSent && Date.now() - lastSent >= EVERY) send();
  }

  // Capture: the rich-text editor dispatches input events on the hidden textarea.
  form.addEventListener("input", changed, true);
  form.addEventListener("change", changed, true);
  form.addEventListener("submit", function () { submitted = true; });
  setInterval(send, EVERY);
})();
