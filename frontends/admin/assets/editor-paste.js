// Pasted HTML from Word, Google Docs, LibreOffice or web pages, made plain
// before the editor parses it: comments, Office XML and <o:p>, mso- styles,
// classes and font spans go; Word's paragraph "lists" become real lists;
// bold/italic that Google Docs writes as styles become <strong>/<em>.
// The schema (editor-schema.js) then keeps only what the sanitiser keeps.

const KEEP_ATTRIBUTES = new Set([
  "href", "title", "hreflang", "src", "alt", "width", "height",
  "colspan", "rowspan", "start", "data-embed", "data-pm-slice",
]);
const DROP_ELEMENTS = "style, script, meta, link, title, xml, head, iframe, object, embed, noscript, template";

const nfc = (text) => (text || "").normalize("NFC");

function unwrap(el) {
  el.replaceWith(...el.childNodes);
}

function rename(el, tag) {
  const next = el.ownerDocument.createElement(tag);
  next.append(...el.childNodes);
  el.replaceWith(next);
  return next;
}

function removeComments(doc) {
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_COMMENT);
  const found = [];
  while (walker.nextNode()) found.push(walker.currentNode);
  found.forEach((c) => c.remove());
}

// Word writes list items as <p style="mso-list:l0 level2 lfo1"> with the
// bullet or number as text inside <span style="mso-list:Ignore">.
function wordLists(doc) {
  const paragraphs = [...doc.body.querySelectorAll("p, h1, h2, h3, h4, h5, h6")].filter((p) =>
    /mso-list:\s*l\d+\s+level\d+/i.test(p.getAttribute("style") || ""),
  );
  let stack = []; // [{list, level}]
  let previous = null;
  for (const p of paragraphs) {
    const level = Number((p.getAttribute("style").match(/level(\d+)/i) || [0, 1])[1]);
    const marker = p.querySelector('span[style*="mso-list:Ignore"], span[style*="mso-list: Ignore"]');
    const ordered = marker ? /^\s*[\(]?[0-9a-zA-Z]{1,4}[.)]/.test(marker.textContent) : false;
    if (marker) marker.remove();
    const li = doc.createElement("li");
    li.append(...p.childNodes);
    // A new list starts unless this paragraph directly follows the last item.
    const adjacent = previous && previous.nextElementSibling === p;
    if (!adjacent) stack = [];
    while (stack.length && stack[stack.length - 1].level > level) stack.pop();
    let top = stack[stack.length - 1];
    if (!top || top.level < level) {
      const list = doc.createElement(ordered ? "ol" : "ul");
      if (top) {
        const parentItem = top.list.lastElementChild || top.list.appendChild(doc.createElement("li"));
        parentItem.append(list);
      } else {
        p.before(list);
      }
      top = { list, level };
      stack.push(top);
    }
    top.list.append(li);
    // Leave a marker where the paragraph was, so the next one's adjacency test works.
    const placeholder = doc.createComment("list");
    p.replaceWith(placeholder);
    previous = placeholder;
  }
  // The placeholders are comments, which go with the other comments.
}

function styleMarks(el) {
  const style = (el.getAttribute("style") || "").toLowerCase();
  const weight = style.match(/font-weight:\s*(\d+|bold|normal)/);
  let node = el;
  if (weight && (weight[1] === "bold" || Number(weight[1]) >= 600) && el.tagName !== "B" && el.tagName !== "STRONG") {
    const strong = el.ownerDocument.createElement("strong");
    strong.append(...el.childNodes);
    el.append(strong);
    node = strong;
  }
  if (/font-style:\s*italic/.test(style) && el.tagName !== "I" && el.tagName !== "EM") {
    const em = el.ownerDocument.createElement("em");
    em.append(...node.childNodes);
    node.append(em);
  }
}

function isBlank(el) {
  return !el.querySelector("img, br, table, hr, figure") && el.textContent.replace(/[\s\u00a0]/g, "") === "";
}

export function cleanPastedHtml(html) {
  const doc = new DOMParser().parseFromString(nfc(html), "text/html");
  doc.querySelectorAll(DROP_ELEMENTS).forEach((el) => el.remove());
  // Google Docs wraps everything in <b style="font-weight:normal" id="docs-internal-guid-…">.
  doc.querySelectorAll('b[id^="docs-internal-guid"]').forEach(unwrap);
  // Browsers end a copied selection with this marker line break.
  doc.querySelectorAll("br.Apple-interchange-newline").forEach((br) => br.remove());
  wordLists(doc);
  removeComments(doc);
  // Office namespaces (<o:p>, <v:shape>, <w:Sdt>): empty paragraph marks go, the rest is unwrapped.
  [...doc.body.querySelectorAll("*")]
    .filter((el) => el.tagName.includes(":"))
    .reverse()
    .forEach((el) => (isBlank(el) ? el.remove() : unwrap(el)));
  doc.querySelectorAll("span, font").forEach(styleMarks);
  doc.querySelectorAll("img").forEach((img) => {
    const src = img.getAttribute("src") || "";
    if (!/^(https?:\/\/|\/(?!\/))/i.test(src)) img.remove();
  });
  // The title is the page's h1: a pasted h1 becomes h2; h5/h6 become h4.
  doc.querySelectorAll("h1").forEach((h) => rename(h, "h2"));
  doc.querySelectorAll("h5, h6").forEach((h) => rename(h, "h4"));
  doc.querySelectorAll("span, font, div:not([data-embed])").forEach((el) => {
    // Divs become nothing, so their blocks stand on their own.
    unwrap(el);
  });
  for (const el of doc.body.querySelectorAll("*")) {
    for (const name of el.getAttributeNames()) {
      if (!KEEP_ATTRIBUTES.has(name)) el.removeAttribute(name);
    }
  }
  // Word separates paragraphs with empty ones (<p>&nbsp;</p>).
  doc.body.querySelectorAll("p, h2, h3, h4, li").forEach((el) => {
    if (isBlank(el) && !el.closest("td, th")) el.remove();
  });
  return doc.body.innerHTML;
}

export const cleanPastedText = nfc;
