// The profile drawn with Cytoscape.js: styles come from the data (kind, faded, flagged), and the
// drawing is rebuilt whenever the API data changes. Clicking a link selects it; clicking two
// nodes picks them for explainLink; the chain found is highlighted.
import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import { useEffect, useRef } from "react";
import type { GraphLink, ProfileGraph } from "./model.js";

export interface GraphProps {
  graph: ProfileGraph;
  picked: string[];
  highlighted: Set<string>;
  onPickNode(id: string): void;
  onSelectLink(link: GraphLink | null): void;
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: "node",
    style: {
      label: "data(label)",
      "font-size": 13,
      "text-wrap": "wrap",
      "text-max-width": "160px",
      "text-valign": "bottom",
      "text-margin-y": 4,
      color: "#1f2937",
      "border-width": 2,
      width: 34,
      height: 34,
    },
  },
  { selector: 'node[kind = "profileId"]', style: { shape: "ellipse", "background-color": "#8b5cf6", "border-color": "#5b21b6" } },
  {
    selector: 'node[kind = "device"]',
    style: { shape: "round-rectangle", "background-color": "#3b82f6", "border-color": "#1e40af", width: 44, height: 28 },
  },
  {
    selector: 'node[kind = "identifier"]',
    style: { shape: "diamond", "background-color": "#f59e0b", "border-color": "#b45309", width: 30, height: 30 },
  },
  { selector: "node[?flagged]", style: { "border-color": "#dc2626", "border-width": 4, "border-style": "dashed" } },
  { selector: "node[?faded]", style: { opacity: 0.45 } },
  { selector: "node.picked", style: { "border-color": "#111827", "border-width": 5, "border-style": "double" } },
  {
    selector: "edge",
    style: {
      width: 2,
      "line-color": "#9ca3af",
      "curve-style": "bezier",
      label: "data(label)",
      "font-size": 11,
      color: "#4b5563",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.85,
      "text-background-padding": "2px",
      "text-rotation": "autorotate",
    },
  },
  { selector: 'edge[kind = "identifier"]', style: { "line-color": "#d97706" } },
  // Profile ids stand in one column: a merge between two of them arcs out to the left, clear of the others.
  {
    selector: 'edge[kind = "manualMerge"]',
    style: {
      "line-color": "#7c3aed",
      "line-style": "dashed",
      width: 3,
      "curve-style": "unbundled-bezier",
      "control-point-distances": [110],
      "control-point-weights": [0.5],
    },
  },
  { selector: "edge[?forced]", style: { "line-color": "#db2777", width: 4 } },
  { selector: 'edge[kind = "device"]', style: { "line-color": "#60a5fa" } },
  // Activity a late login moved (rule 10): from the device to the profile id that has it now.
  {
    selector: 'edge[kind = "moved"]',
    style: {
      "line-color": "#0d9488",
      "line-style": "dashed",
      "line-dash-pattern": [8, 4],
      width: 3,
      "target-arrow-shape": "triangle",
      "target-arrow-color": "#0d9488",
      color: "#0f766e",
    },
  },
  { selector: 'edge[kind = "notLinked"]', style: { "line-color": "#dc2626", "line-style": "dotted" } },
  { selector: "edge[?faded]", style: { opacity: 0.35 } },
  { selector: "edge:selected", style: { "line-color": "#111827", width: 4 } },
  { selector: ".chain", style: { "line-color": "#16a34a", "border-color": "#16a34a", width: 5, opacity: 1 } },
  { selector: "node.chain", style: { "border-width": 5, width: 40, height: 40 } },
];

/**
 * Columns by kind, so a profile reads left to right: identifiers, the profile ids they link,
 * the devices of those profile ids, and the other people of shared devices (faded). Large
 * profiles get a force-directed layout instead.
 */
function layoutFor(graph: ProfileGraph): cytoscape.LayoutOptions {
  if (graph.nodes.length > 40) return { name: "cose", animate: false, padding: 30, nodeDimensionsIncludeLabels: true };
  const column = (n: ProfileGraph["nodes"][number]): number =>
    n.kind === "identifier" ? 0 : n.kind === "profileId" ? (n.faded ? 3 : 1) : 2;
  const columns: string[][] = [[], [], [], []];
  for (const n of graph.nodes) columns[column(n)]?.push(n.id);
  const positions: Record<string, { x: number; y: number }> = {};
  const tallest = Math.max(...columns.map((c) => c.length));
  columns.forEach((ids, x) => {
    const offset = ((tallest - ids.length) * 90) / 2;
    ids.forEach((id, y) => {
      positions[id] = { x: x * 200, y: offset + y * 90 };
    });
  });
  return { name: "preset", positions, padding: 90, fit: true, animate: false };
}

export function Graph({ graph, picked, highlighted, onPickNode, onSelectLink }: GraphProps) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const handlers = useRef({ onPickNode, onSelectLink, graph });
  handlers.current = { onPickNode, onSelectLink, graph };

  useEffect(() => {
    if (!container.current) return;
    const elements: ElementDefinition[] = [
      ...graph.nodes.map((n) => ({ group: "nodes" as const, data: { ...n, flagged: n.flagged ?? "" } })),
      ...graph.links.map((l) => ({
        group: "edges" as const,
        data: { id: l.id, source: l.source, target: l.target, kind: l.kind, label: l.label, faded: l.faded, forced: l.forced === true },
      })),
    ];
    const instance = cytoscape({
      container: container.current,
      elements,
      style: STYLE,
      layout: layoutFor(graph),
      maxZoom: 2.5,
      minZoom: 0.2,
    });
    // Fit the drawing with its labels, but never blow a small profile up past a readable size.
    instance.fit(instance.elements(), 40);
    if (instance.zoom() > 1.2) {
      instance.zoom(1.2);
      instance.center();
    }
    instance.on("tap", "node", (event) => handlers.current.onPickNode(event.target.id()));
    instance.on("tap", "edge", (event) => {
      const link = handlers.current.graph.links.find((l) => l.id === event.target.id()) ?? null;
      handlers.current.onSelectLink(link);
    });
    instance.on("tap", (event) => {
      if (event.target === instance) handlers.current.onSelectLink(null);
    });
    cy.current = instance;
    return () => {
      instance.destroy();
      cy.current = null;
    };
  }, [graph]);

  // graph is a dependency on purpose: a redrawn graph needs its marks applied again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    instance.elements().removeClass("picked chain");
    for (const id of picked) instance.getElementById(id).addClass("picked");
    for (const id of highlighted) instance.getElementById(id).addClass("chain");
  }, [picked, highlighted, graph]);

  return (
    <div
      ref={container}
      className="graph"
      role="img"
      aria-label="Drawing of the profile: devices, profile ids and identifiers, and the links between them"
    />
  );
}
