// GraphiQL for the workspace, bundled from npm packages (no CDN).
// The page (frontends/admin/templates/graphiql.html) gives the endpoint and the
// library's address in data- attributes: no inline script, so a strict CSP holds.
import { createRoot } from "react-dom/client";
import { useEffect, useState } from "react";
import { GraphiQL } from "graphiql";
import { useEditorContext } from "@graphiql/react";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { explorerPlugin } from "@graphiql/plugin-explorer";
import "graphiql/style.css";
import "@graphiql/plugin-explorer/style.css";

const root = document.getElementById("graphiql");
const endpoint = root.dataset.endpoint;
const libraryUrl = root.dataset.library;
const labels = JSON.parse(root.dataset.labels || "{}");

// Same-origin fetch: the browser sends the session cookie, so the viewer is
// whoever signed in at /dang-nhap.
const fetcher = createGraphiQLFetcher({ url: endpoint, fetch: (url, init) => fetch(url, { ...init, credentials: "same-origin" }) });

function LibraryPanel() {
  const { queryEditor, variableEditor } = useEditorContext({ nonNull: true });
  const [operations, setOperations] = useState(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    fetch(libraryUrl, { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      .then((body) => setOperations(body.operations))
      .catch(() => setFailed(true));
  }, []);
  if (failed) return <p>{labels.failed}</p>;
  if (!operations) return <p>{labels.loading}</p>;
  return (
    <div className="thudo-library">
      <p>{labels.intro}</p>
      <ul>
        {operations.map((op) => (
          <li key={op.name}>
            <button
              type="button"
              className="graphiql-button"
              data-operation={op.name}
              onClick={() => {
                queryEditor?.setValue(op.document);
                variableEditor?.setValue(op.variables || "{}");
              }}
            >
              {op.name}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function LibraryIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true">
      <path d="M4 4h4v16H4zM10 4h4v16h-4zM16 5l3.5-1 3 15-3.5 1z" fill="currentColor" />
    </svg>
  );
}

const library = { title: labels.library || "Library", icon: LibraryIcon, content: LibraryPanel };

createRoot(root).render(
  <GraphiQL fetcher={fetcher} plugins={[library, explorerPlugin()]} defaultQuery={labels.defaultQuery || ""} />,
);
