// Builds the workspace's browser assets (GraphiQL, the rich-text editor) into static/build/ (git-ignored).
// `npm ci && npm run build`; no CDN, nothing fetched at run time. See docs/workspace.md.
import { build } from "esbuild";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "static", "build");

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = await build({
  entryPoints: {
    graphiql: join(here, "assets", "graphiql.jsx"),
    // The article body's rich-text editor (TipTap), loaded on the article form only.
    editor: join(here, "assets", "editor.js"),
  },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "iife",
  target: ["es2020"],
  jsx: "automatic",
  outdir: out,
  // Fonts and images the stylesheets refer to are copied beside the bundle.
  loader: { ".woff": "file", ".woff2": "file", ".ttf": "file", ".svg": "file", ".png": "file" },
  define: { "process.env.NODE_ENV": '"production"' },
  legalComments: "linked",
  metafile: true,
  logLevel: "info",
});

// The editor's packages carry no legal comments for esbuild to link: write
// their licences (MIT) beside the bundle from the packages' own files.
const editor = Object.values(result.metafile.outputs).find((o) => o.entryPoint?.endsWith("editor.js"));
const packages = new Set();
for (const input of Object.keys(editor.inputs)) {
  const found = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (found) packages.add(found[1]);
}
const notices = [...packages].sort().map((name) => {
  const dir = join(here, "node_modules", name);
  const meta = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  const text = file ? readFileSync(join(dir, file), "utf8").trim() : `License: ${meta.license}`;
  return `${name} ${meta.version} (${meta.license})\n\n${text}\n`;
});
writeFileSync(join(out, "editor.js.LICENSES.txt"), notices.join("\n" + "-".repeat(72) + "\n\n"));

// The server checks this marker to know the assets were built (docs/workspace.md).
const files = [...Object.keys(result.metafile.outputs).map((p) => p.split("/").pop()), "editor.js.LICENSES.txt"];
writeFileSync(join(out, "manifest.json"), JSON.stringify({ files }, null, 1) + "\n");
