// Builds the workspace's browser assets into static/build/ (git-ignored).
// `npm ci && npm run build`; no CDN, nothing fetched at run time. See docs/workspace.md.
import { build } from "esbuild";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "static", "build");

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = await build({
  entryPoints: { graphiql: join(here, "assets", "graphiql.jsx") },
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

// The server checks this marker to know the assets were built (docs/workspace.md).
const files = Object.keys(result.metafile.outputs).map((p) => p.split("/").pop());
writeFileSync(join(out, "manifest.json"), JSON.stringify({ files }, null, 1) + "\n");
