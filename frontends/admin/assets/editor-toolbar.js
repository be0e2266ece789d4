// The toolbar (WAI-ARIA toolbar pattern: one Tab stop, arrow keys between
// buttons, Home/End; Alt+F10 from the text, Esc back) and the small link and
// picture panels. Buttons are type="button", so none of them submits the form.
import { pictureUrl, safeUrl } from "./editor-schema.js";

const SVG = "http://www.w3.org/2000/svg";
const ICONS = {
  link: "M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1",
  bulletList: "M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01",
  orderedList: "M10 6h10M10 12h10M10 18h10M4 4h1v4M3 14h2l-2 3h2",
  blockquote: "M5 7h4v4H6l-1 5M14 7h4v4h-3l-1 5",
  image: "M3 5h18v14H3zM3 17l5-5 4 4 3-3 6 6M16 9h.01",
  table: "M3 4h18v16H3zM3 10h18M3 15h18M9 4v16M15 4v16",
  undo: "M9 14 4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3",
  redo: "M15 14l5-5-5-5M20 9H9a5 5 0 0 0 0 10h3",
};

function icon(path) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "20");
  svg.setAttribute("height", "20");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const p = document.createElementNS(SVG, "path");
  p.setAttribute("d", path);
  p.setAttribute("fill", "none");
  p.setAttribute("stroke", "currentColor");
  p.setAttribute("stroke-width", "2");
  p.setAttribute("stroke-linecap", "round");
  p.setAttribute("stroke-linejoin", "round");
  svg.append(p);
  return svg;
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "className") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children);
  return node;
}

// Each button: what it does, whether it is on here, where it shows.
function buttons(panels) {
  const heading = (level) => ({
    name: `h${level}`,
    glyph: `H${level}`,
    toggle: true,
    run: (c) => c.toggleHeading({ level }),
    on: (e) => e.isActive("heading", { level }),
  });
  return [
    { name: "paragraph", glyph: "¶", toggle: true, run: (c) => c.setParagraph(), on: (e) => e.isActive("paragraph") },
    heading(2),
    heading(3),
    heading(4),
    null,
    { name: "bold", glyph: "B", key: "B", toggle: true, run: (c) => c.toggleBold(), on: (e) => e.isActive("bold") },
    { name: "italic", glyph: "I", key: "I", toggle: true, run: (c) => c.toggleItalic(), on: (e) => e.isActive("italic") },
    { name: "link", icon: "link", key: "K", toggle: true, open: panels.link, on: (e) => e.isActive("link") },
    null,
    { name: "bulletList", icon: "bulletList", toggle: true, run: (c) => c.toggleBulletList(), on: (e) => e.isActive("bulletList") },
    { name: "orderedList", icon: "orderedList", toggle: true, run: (c) => c.toggleOrderedList(), on: (e) => e.isActive("orderedList") },
    { name: "blockquote", icon: "blockquote", toggle: true, run: (c) => c.toggleBlockquote(), on: (e) => e.isActive("blockquote") },
    null,
    { name: "image", icon: "image", open: panels.image, can: (e) => e.can().setImage({ src: "/" }) },
    { name: "table", icon: "table", run: (c) => c.insertTable({ rows: 3, cols: 3, withHeaderRow: true }) },
    { name: "addRow", glyph: "+ ↓", inTable: true, run: (c) => c.addRowAfter() },
    { name: "addColumn", glyph: "+ →", inTable: true, run: (c) => c.addColumnAfter() },
    { name: "deleteRow", glyph: "− ↓", inTable: true, run: (c) => c.deleteRow() },
    { name: "deleteColumn", glyph: "− →", inTable: true, run: (c) => c.deleteColumn() },
    { name: "deleteTable", glyph: "✕", inTable: true, run: (c) => c.deleteTable() },
    null,
    { name: "undo", icon: "undo", key: "Z", run: (c) => c.undo() },
    { name: "redo", icon: "redo", key: "Y", run: (c) => c.redo() },
  ];
}

export function mountToolbar(editor, { wrapper, area, labels }) {
  const toolbar = el("div", {
    className: "rte-toolbar",
    role: "toolbar",
    "aria-label": labels.toolbar,
    "aria-controls": area.id,
  });
  const panel = el("div", { className: "rte-panel", role: "group", hidden: true });
  wrapper.prepend(toolbar, panel);

  const panels = {
    link: () => openPanel("link"),
    image: () => openPanel("image"),
  };
  const specs = buttons(panels);
  const items = [];
  for (const spec of specs) {
    if (spec === null) {
      toolbar.append(el("span", { className: "rte-sep", "aria-hidden": "true" }));
      continue;
    }
    const shortcut = spec.key ? ` (${labels.ctrl}+${spec.key})` : "";
    const button = el(
      "button",
      {
        type: "button",
        className: `rte-btn rte-${spec.name}`,
        "aria-label": labels[spec.name],
        title: labels[spec.name] + shortcut,
        tabindex: "-1",
        "aria-pressed": spec.toggle ? "false" : null,
        "data-command": spec.name,
      },
      spec.icon ? icon(ICONS[spec.icon]) : el("span", { "aria-hidden": "true", text: spec.glyph }),
    );
    // Keep the text's selection when a button is clicked with the mouse.
    button.addEventListener("mousedown", (event) => event.preventDefault());
    button.addEventListener("click", () => {
      if (button.getAttribute("aria-disabled") === "true") return;
      if (spec.open) spec.open();
      else spec.run(editor.chain().focus()).run();
    });
    toolbar.append(button);
    items.push({ spec, button });
  }
  let current = items[0].button;
  current.tabIndex = 0;

  const visible = () => items.filter((i) => !i.button.hidden).map((i) => i.button);
  const moveTo = (button) => {
    current.tabIndex = -1;
    current = button;
    current.tabIndex = 0;
    current.focus();
  };
  toolbar.addEventListener("keydown", (event) => {
    const list = visible();
    const at = list.indexOf(document.activeElement);
    if (at < 0) return;
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (step) moveTo(list[(at + step + list.length) % list.length]);
    else if (event.key === "Home") moveTo(list[0]);
    else if (event.key === "End") moveTo(list[list.length - 1]);
    else if (event.key === "Escape") editor.commands.focus();
    else return;
    event.preventDefault();
  });
  toolbar.addEventListener("focusin", (event) => {
    const button = event.target.closest("button");
    if (button && button !== current) {
      current.tabIndex = -1;
      current = button;
      current.tabIndex = 0;
    }
  });
  area.addEventListener("keydown", (event) => {
    if (event.altKey && event.key === "F10") {
      event.preventDefault();
      (current.hidden ? visible()[0] : current).focus();
    }
  });

  function refresh() {
    const inTable = editor.isActive("table");
    for (const { spec, button } of items) {
      if (spec.inTable) {
        button.hidden = !inTable;
      }
      if (spec.toggle) button.setAttribute("aria-pressed", String(Boolean(spec.on(editor))));
      let possible = true;
      try {
        if (spec.can) possible = spec.can(editor);
        else if (spec.run) possible = spec.run(editor.can().chain()).run();
      } catch {
        possible = false;
      }
      if (possible) button.removeAttribute("aria-disabled");
      else button.setAttribute("aria-disabled", "true");
    }
    if (current.hidden) {
      current.tabIndex = -1;
      current = visible()[0];
      current.tabIndex = 0;
    }
  }

  // -- the link and picture panels -------------------------------------------

  let opener = null;
  let detach = null;
  function field(id, label, hint, value) {
    const input = el("input", {
      id,
      type: "text",
      value: value || "",
      autocomplete: "off",
      spellcheck: "false",
      "aria-describedby": hint ? `${id}-hint` : null,
    });
    return {
      input,
      block: el(
        "p",
        {},
        el("label", { for: id, text: label }),
        hint ? el("span", { className: "ws-hint", id: `${id}-hint`, text: hint }) : "",
        input,
      ),
    };
  }

  function openPanel(kind) {
    opener = kind;
    const id = area.id;
    panel.replaceChildren();
    const title = el("p", { className: "rte-panel-title", id: `${id}-panel-title`, text: labels[`${kind}Title`] });
    const error = el("p", { className: "rte-panel-error", role: "alert" });
    panel.setAttribute("aria-labelledby", title.id);
    const url = field(
      `${id}-url`,
      labels[`${kind}Url`],
      labels[`${kind}Hint`],
      kind === "link" ? editor.getAttributes("link").href : "",
    );
    const alt = kind === "image" ? field(`${id}-alt`, labels.imageAlt, null, "") : null;
    const apply = el("button", { type: "button", className: "rte-apply", text: labels.apply });
    const cancel = el("button", { type: "button", className: "rte-cancel", text: labels.cancel });
    const actions = el("p", { className: "rte-actions" }, apply);
    if (kind === "link" && editor.isActive("link")) {
      const remove = el("button", { type: "button", className: "rte-remove", text: labels.linkRemove });
      remove.addEventListener("click", () => {
        close();
        editor.chain().focus().extendMarkRange("link").unsetLink().run();
      });
      actions.append(remove);
    }
    actions.append(cancel);
    panel.append(title, url.block, ...(alt ? [alt.block] : []), error, actions);
    panel.hidden = false;

    const submit = () => {
      const href = url.input.value.trim();
      const ok = kind === "link" ? safeUrl(href) : pictureUrl(href);
      if (!ok) {
        error.textContent = labels.badUrl;
        url.input.setAttribute("aria-invalid", "true");
        url.input.focus();
        return;
      }
      if (alt && !alt.input.value.trim()) {
        error.textContent = labels.needAlt;
        alt.input.setAttribute("aria-invalid", "true");
        alt.input.focus();
        return;
      }
      close();
      const chain = editor.chain().focus();
      if (kind === "image") {
        // A paragraph after the picture takes the cursor, so the next insertion
        // does not replace the picture (which would stay selected otherwise).
        const image = { type: "image", attrs: { src: href, alt: alt.input.value.trim().normalize("NFC") } };
        chain.insertContent([image, { type: "paragraph" }]).run();
      } else if (editor.state.selection.empty && !editor.isActive("link")) {
        chain.insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }).run();
      } else {
        chain.extendMarkRange("link").setLink({ href }).run();
      }
    };
    apply.addEventListener("click", submit);
    cancel.addEventListener("click", () => {
      close();
      editor.commands.focus();
    });
    panel.addEventListener("keydown", onPanelKey);
    function onPanelKey(event) {
      // Enter in a field would submit the article form: apply the panel instead.
      if (event.key === "Enter" && event.target.tagName === "INPUT") {
        event.preventDefault();
        submit();
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
        editor.commands.focus();
      }
    }
    detach = () => panel.removeEventListener("keydown", onPanelKey);
    url.input.focus();
  }

  function close() {
    if (detach) detach();
    detach = null;
    panel.hidden = true;
    panel.replaceChildren();
    opener = null;
  }

  editor.on("transaction", refresh);
  editor.on("focus", refresh);
  refresh();
  // Ctrl+K opens the link panel, as in most editors.
  area.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
      event.preventDefault();
      panels.link();
    }
  });
  return { toolbar, refresh, isOpen: () => opener !== null };
}
