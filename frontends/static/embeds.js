// Click-to-load players: nothing is requested from a video provider until the
// reader asks for it. Without JavaScript the link opens the provider's page.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("figure.embed[data-src] a.embed-open");
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
