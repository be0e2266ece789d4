// The portal's only script, loaded with `defer` where a page needs it; pages
// carry no inline script or event-handler attribute (only JSON-LD data).
document.addEventListener("click", function (event) {
  var target = event.target;
  if (!target.closest) return;
  // Print buttons (article, document, gazette edition).
  if (target.closest("button[data-action=print]")) {
    window.print();
    return;
  }
  // Click-to-load players: nothing is requested from a video provider until the
  // reader asks for it. Without JavaScript the link opens the provider's page.
  var link = target.closest("figure.embed[data-src] a.embed-open");
  if (!link) return;
  event.preventDefault();
  var figure = link.parentElement;
  var frame = document.createElement("iframe");
  frame.src = figure.getAttribute("data-src");
  frame.title = link.textContent;
  frame.allow = "autoplay; encrypted-media; picture-in-picture";
  frame.allowFullscreen = true;
  frame.loading = "lazy";
  figure.replaceChildren(frame);
});
