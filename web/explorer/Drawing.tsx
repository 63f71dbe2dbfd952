// The profile drawn: a legend, the graph, the audit entry of a clicked link, and the chain of links
// that joins two clicked nodes.
import { useCallback, useMemo, useState } from "react";
import type { Api } from "../shared/api.js";
import { EntryDetails } from "./Entries.js";
import { Graph } from "./Graph.js";
import { time } from "./links.js";
import { describeLink, type GraphLink, type ProfileGraph } from "./model.js";
import { type Explanation, nodeOfRef, refText, useExplanation } from "./use-explanation.js";

const LEGEND = [
  ["device", "device"],
  ["pid", "profile id"],
  ["ident", "identifier"],
  ["merge", "manual merge"],
  ["forced", "forced merge"],
  ["moved", "activity moved (late login)"],
  ["flag", "ghost / identity error"],
  ["faded", "another person"],
] as const;

/** The drawing's ids along an explanation's chain: its nodes and the links between them. */
function chainIds(explanation: Explanation | null, graph: ProfileGraph): Set<string> {
  const ids = new Set<string>();
  for (const step of explanation?.steps ?? []) {
    const a = nodeOfRef(step.from);
    const b = nodeOfRef(step.to);
    ids.add(a);
    ids.add(b);
    const link = graph.links.find((l) => (l.source === a && l.target === b) || (l.source === b && l.target === a));
    if (link) ids.add(link.id);
  }
  return ids;
}

export function ProfileDrawing({ api, graph, fail }: { api: Api; graph: ProfileGraph; fail(error: unknown): void }) {
  const [picked, setPicked] = useState<string[]>([]);
  const [selected, setSelected] = useState<GraphLink | null>(null);
  // A new drawing (another profile, or this one reloaded) starts with nothing picked or selected.
  const [drawn, setDrawn] = useState(graph);
  if (drawn !== graph) {
    setDrawn(graph);
    setPicked([]);
    setSelected(null);
  }
  const explanation = useExplanation(api, picked, fail);
  const highlighted = useMemo(() => chainIds(explanation, graph), [explanation, graph]);
  const onPickNode = useCallback((id: string) => {
    setPicked((current) => (current.includes(id) ? current.filter((p) => p !== id) : [...current, id].slice(-2)));
  }, []);

  return (
    <section className="drawing" aria-label="Profile drawing">
      <div className="legend" aria-hidden="true">
        {LEGEND.map(([style, text]) => (
          <span key={style} className={`lg ${style}`}>
            {text}
          </span>
        ))}
      </div>
      <Graph graph={graph} picked={picked} highlighted={highlighted} onPickNode={onPickNode} onSelectLink={setSelected} />
      <p className="hint">Click a link to see its audit entry; click two nodes to see the chain of links that joins them.</p>
      {selected && (
        <section className="panel" aria-label="Selected link">
          <h3>Link: {describeLink(selected)}</h3>
          {selected.entry ? (
            <EntryDetails entry={selected.entry} />
          ) : (
            <p className="muted">No audit entry: drawn from the device's current profile.</p>
          )}
        </section>
      )}
      {explanation && (
        <section className="panel" aria-label="Explanation">
          <h3>Why are these together?</h3>
          {explanation.connected ? (
            <ol>
              {explanation.steps.map((step) => (
                <li key={`${nodeOfRef(step.from)}>${nodeOfRef(step.to)}`}>
                  {refText(step.from)} → {refText(step.to)} <span className="badge">{step.kind}</span> {time(step.at)}
                  {step.auditEntry ? ` · ${step.auditEntry.action} by ${step.auditEntry.actor}` : ""}
                </li>
              ))}
            </ol>
          ) : (
            <p>Not connected by links.</p>
          )}
        </section>
      )}
    </section>
  );
}
