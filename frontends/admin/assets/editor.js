// The article body's rich-text editor (TipTap over ProseMirror), bundled from
// npm packages (no CDN). Progressive enhancement: the page has a plain
// <textarea data-rich-text>; this script hides it, shows the editor in its
// place and writes the editor's HTML back into it on every change (with an
// `input` event, which the autosave listens to), so the form posts as ever.
// Without this script the textarea works as it is. See docs/workspace.md.
import { Editor } from "@tiptap/core";
import { KNOWN_TAGS, extensions } from "./editor-schema.js";
import { cleanPastedHtml, cleanPastedText } from "./editor-paste.js";
import { mountToolbar } from "./editor-toolbar.js";
import { labelsFor } from "./editor-labels.js";
import "./editor.css";

// Whether the editor can hold this stored body without losing anything.
function holdsWithoutLoss(html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  for (const node of doc.body.querySelectorAll("*")) {
    const tag = node.tagName.toLowerCase();
    if (!KNOWN_TAGS.has(tag) || node.hasAttribute("lang")) return false;
    if (tag === "figure" && !node.hasAttribute("data-embed")) return false;
  }
  return true;
}

function mount(textarea, labels) {
  const id = textarea.id || "rich-text";
  if (!holdsWithoutLoss(textarea.value)) {
    const note = document.createElement("span");
    note.className = "ws-hint rte-note";
    note.textContent = labels.keepsHtml;
    textarea.before(note);
    return null;
  }
  const label = textarea.id ? document.querySelector(`label[for="${textarea.id}"]`) : null;
  const wrapper = document.createElement("div");
  wrapper.className = "rte";
  const area = document.createElement("div");
  area.className = "rte-frame";
  wrapper.append(area);
  // After the paragraph that holds the textarea: a <div> inside a <p> is not HTML.
  (textarea.parentElement.tagName === "P" ? textarea.parentElement : textarea).after(wrapper);

  const describedBy = [textarea.getAttribute("aria-describedby"), `${id}-keys`]
    .filter(Boolean)
    .join(" ");
  const keys = document.createElement("span");
  keys.className = "ws-hidden";
  keys.id = `${id}-keys`;
  keys.textContent = labels.shortcuts;
  wrapper.append(keys);

  const attributes = {
    id: `${id}-editor`,
    class: "rte-area",
    role: "textbox",
    "aria-multiline": "true",
    "aria-describedby": describedBy,
    spellcheck: "true",
  };
  if (label) {
    label.id = label.id || `${id}-label`;
    attributes["aria-labelledby"] = label.id;
  }
  if (textarea.getAttribute("aria-invalid") === "true") attributes["aria-invalid"] = "true";

  const editor = new Editor({
    element: area,
    extensions: extensions(),
    content: textarea.value,
    // TipTap would add a <style> element, which the CSP (style-src 'self')
    // refuses; its rules are in editor.css instead.
    injectCSS: false,
    editorProps: {
      attributes,
      transformPastedHTML: cleanPastedHtml,
      transformPastedText: cleanPastedText,
    },
  });
  area.id = `${id}-frame`;

  // The stored text is NFC (the sanitiser's form), whatever the input method
  // or the pasted text produced.
  const sync = () => {
    // Empty paragraphs at the end are where the cursor waits, not content.
    const html = editor.isEmpty ? "" : editor.getHTML().normalize("NFC").replace(/(<p><\/p>)+$/, "");
    if (textarea.value !== html) {
      textarea.value = html;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
  };
  editor.on("update", sync);

  mountToolbar(editor, { wrapper, area: editor.view.dom, labels });
  textarea.hidden = true;
  if (label) {
    // The label names the editor now (aria-labelledby); a click on it goes there too.
    label.removeAttribute("for");
    label.addEventListener("click", () => editor.commands.focus());
  }
  if (textarea.id) {
    // The error summary links to the field (#body): the editor stands for it now.
    document.addEventListener("click", (event) => {
      if (!event.target.closest || !event.target.closest(`a[href="#${textarea.id}"]`)) return;
      event.preventDefault();
      wrapper.scrollIntoView({ block: "center" });
      editor.commands.focus();
    });
  }
  // For other scripts of the page (and tests): the TipTap editor behind the field.
  textarea.richText = editor;
  return editor;
}

function start() {
  const labels = labelsFor(document.documentElement.lang);
  document.querySelectorAll("textarea[data-rich-text]").forEach((textarea) => mount(textarea, labels));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
