// The editor's document model, cut to what the hub's one sanitiser keeps
// (hub/text/html.py): whatever the editor can hold, the sanitiser returns
// unchanged, so what the writer sees is what is stored. Attributes the
// sanitiser would drop (classes, styles, target, list types, cell widths)
// are not in the schema at all, so neither typing nor pasting can make them.
import { Node, mergeAttributes } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import Link from "@tiptap/extension-link";
import Image from "@tiptap/extension-image";
import { OrderedList } from "@tiptap/extension-list";
import { Table, TableRow, TableHeader, TableCell } from "@tiptap/extension-table";

// The sanitiser's URL schemes (plus addresses on the same site).
const SAFE_URL = /^(https?:|mailto:|tel:|\/(?!\/)|#)/i;
export const safeUrl = (url) => SAFE_URL.test((url || "").trim());
// Pictures: the portal's media (/media/…) or another https/http address; never data: or file:.
const PICTURE_URL = /^(https?:\/\/|\/(?!\/))/i;
export const pictureUrl = (url) => PICTURE_URL.test((url || "").trim());

// The sanitiser appends rel="noopener noreferrer" after the other attributes:
// render exactly that, in that order.
const SafeLink = Link.extend({
  addAttributes() {
    return {
      href: { default: null, parseHTML: (el) => el.getAttribute("href") },
      title: { default: null, parseHTML: (el) => el.getAttribute("title") || null },
      hreflang: { default: null, parseHTML: (el) => el.getAttribute("hreflang") || null },
    };
  },
  renderHTML({ mark }) {
    const { href, title, hreflang } = mark.attrs;
    const attrs = { href: safeUrl(href) ? href : "#" };
    if (title) attrs.title = title;
    if (hreflang) attrs.hreflang = hreflang;
    attrs.rel = "noopener noreferrer";
    return ["a", attrs, 0];
  },
}).configure({
  openOnClick: false,
  autolink: true,
  linkOnPaste: true,
  defaultProtocol: "https",
  isAllowedUri: (url) => safeUrl(url),
});

const SafeImage = Image.extend({
  parseHTML() {
    return [
      {
        tag: "img[src]",
        getAttrs: (el) => (pictureUrl(el.getAttribute("src")) ? null : false),
      },
    ];
  },
  renderHTML({ HTMLAttributes }) {
    return ["img", HTMLAttributes];
  },
});

// `<ol start>` is kept; `type` (a, i…) is not (the sanitiser drops it).
const SafeOrderedList = OrderedList.extend({
  addAttributes() {
    return { start: this.parent().start };
  },
  renderHTML({ node }) {
    const start = node.attrs.start;
    return ["ol", start && start !== 1 ? { start } : {}, 0];
  },
});

// Plain tables: no colgroup, no widths, no alignment styles.
const spans = (node) => {
  const attrs = {};
  if (node.attrs.colspan > 1) attrs.colspan = node.attrs.colspan;
  if (node.attrs.rowspan > 1) attrs.rowspan = node.attrs.rowspan;
  return attrs;
};
const cellAttributes = () => ({ colspan: { default: 1 }, rowspan: { default: 1 } });
const PlainTable = Table.extend({
  addAttributes: () => ({}),
  renderHTML: () => ["table", ["tbody", 0]],
}).configure({ resizable: false, View: null });
const PlainHeader = TableHeader.extend({
  addAttributes: cellAttributes,
  renderHTML: ({ node }) => ["th", spans(node), 0],
});
const PlainCell = TableCell.extend({
  addAttributes: cellAttributes,
  renderHTML: ({ node }) => ["td", spans(node), 0],
});

// A video/audio embed the sanitiser made (`<figure data-embed="provider:id">`):
// kept as one untouchable block, so editing an article never loses its player.
const Embed = Node.create({
  name: "embed",
  group: "block",
  atom: true,
  selectable: true,
  draggable: true,
  addAttributes() {
    return { embed: { default: null, parseHTML: (el) => el.getAttribute("data-embed") } };
  },
  parseHTML() {
    return [{ tag: "figure[data-embed]" }];
  },
  renderHTML({ node }) {
    return ["figure", mergeAttributes({ "data-embed": node.attrs.embed })];
  },
});

export function extensions() {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3, 4] },
      // Neither fits a news body and both carry classes or monospace the sanitiser
      // would keep half of; a trailing empty paragraph would be stored as `<p></p>`.
      code: false,
      codeBlock: false,
      trailingNode: false,
      link: false,
      orderedList: false,
    }),
    SafeLink,
    SafeOrderedList,
    SafeImage.configure({ inline: false, allowBase64: false }),
    PlainTable,
    TableRow,
    PlainHeader,
    PlainCell,
    Embed,
  ];
}

// Elements the editor holds without loss. A stored body with anything else
// (a definition list, a caption, a `lang` span…) is left in the plain textarea
// rather than silently simplified.
export const KNOWN_TAGS = new Set(
  "p h2 h3 h4 strong b em i u s a ul ol li blockquote br hr img table thead tbody tfoot tr th td figure".split(
    " ",
  ),
);
