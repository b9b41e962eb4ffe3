// The real mermaid parser in node. mermaid sanitises labels with DOMPurify, which needs a DOM:
// jsdom provides one (set up once per test process, before mermaid is first imported).
// Node's test runner runs each test file in its own process, so these globals stay in the files
// that import this helper.
import { JSDOM } from 'jsdom';

interface FlowVertex {
  id: string;
  text?: string;
  type?: string;
  classes?: string[];
}

interface FlowEdge {
  start: string;
  end: string;
  text: string;
  stroke: string;
  type: string;
}

interface FlowDb {
  getVertices(): Map<string, FlowVertex>;
  getEdges(): FlowEdge[];
}

interface MermaidApi {
  parse(text: string): Promise<{ diagramType: string }>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ type: string; db: FlowDb }> };
}

let loaded: Promise<MermaidApi> | null = null;

async function mermaid(): Promise<MermaidApi> {
  loaded ??= (async () => {
    const dom = new JSDOM('');
    const globals = globalThis as unknown as Record<string, unknown>;
    globals['window'] = dom.window;
    globals['document'] = dom.window.document;
    const module = (await import('mermaid')) as unknown as { default: MermaidApi };
    // parse() registers mermaid's diagram detectors, which getDiagramFromText needs.
    await module.default.parse('flowchart LR\n  a --> b');
    return module.default;
  })();
  return loaded;
}

export interface ParsedFlowchart {
  diagramType: string;
  /** Node id -> label lines, decoded back to text (entities resolved, <br> split). */
  nodes: Map<string, { lines: string[]; type: string; classes: string[] }>;
  edges: Array<{ from: string; to: string; label: string; stroke: string }>;
}

/**
 * mermaid keeps entity codes (`#35;`, `#quot;`) as placeholders until it renders; resolve them
 * the way its renderer does, so tests compare the text a reader sees.
 */
export function decodeMermaidEntities(text: string): string {
  return text
    .replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
}

/** Parses with mermaid (throws its parse error) and returns the flowchart's nodes and edges. */
export async function parseFlowchart(text: string): Promise<ParsedFlowchart> {
  // getDiagramFromText runs the same parser as mermaid.parse (and throws its errors).
  const { type: diagramType, db } = await (await mermaid()).mermaidAPI.getDiagramFromText(text);
  const nodes = new Map<string, { lines: string[]; type: string; classes: string[] }>();
  for (const [id, vertex] of db.getVertices()) {
    nodes.set(id, { lines: (vertex.text ?? '').split('<br>').map(decodeMermaidEntities), type: vertex.type ?? '', classes: vertex.classes ?? [] });
  }
  const edges = db.getEdges().map((edge) => ({ from: edge.start, to: edge.end, label: decodeMermaidEntities(edge.text), stroke: edge.stroke }));
  return { diagramType, nodes, edges };
}

/** Just the parse: resolves for a valid diagram, rejects with mermaid's error otherwise. */
export async function parseMermaid(text: string): Promise<string> {
  return (await (await mermaid()).parse(text)).diagramType;
}
