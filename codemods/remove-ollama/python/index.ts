/** The Python transform: decide, remove (or, with replace-with=openai, rewrite), and report what stays. */
import type { ReviewNote, SourceFile, TransformResult } from '../../../src/engine/types.js';
import type { PyNode } from '../../../src/python/tree.js';
import { EditPlan } from '../edit-plan.js';
import { makeContext, Markers } from './context.js';
import { emitEdits } from './emit.js';
import { callsOllamaApi, findProtected, type Protected } from './functions.js';
import { isOllamaName } from './context.js';
import { OLLAMA_PORT } from '../names.js';
import { replaceWithOpenAI } from './openai.js';
import { planRemovals } from './removals.js';
import { reviewPython } from './review.js';
import { unusedImportsDropped } from './unused-imports.js';
import { decideSwitches } from './switches.js';

export interface PythonOptions {
  replaceWith: 'none' | 'openai';
}

export interface PythonOutcome {
  edits: TransformResult['edits'];
  review: ReviewNote[];
  /** Top-level modules the file imports, of those the requirement files care about. */
  imports: string[];
  /** Names the file defines at module level and in class bodies, with their lines (for cross-file checks). */
  defined: { module: Record<string, number>; classLevel: Record<string, number> };
  /** `from m import name` statements, for cross-file checks. */
  fromImports: Array<{ module: string; level: number; name: string; line: number }>;
  /** The first line that uses Ollama in this text (a call through its client or classes, its HTTP API, Ollama under another name). */
  ollamaUse?: { line: number; text: string };
  /** replace-with=openai: the first Ollama use the rewrite could not replace, and why; `lines`: why, for each such use. */
  unreplaced?: { line: number; text: string; why: string; lines: Record<number, string> };
  /** Without replace-with: the imported names dropped, when that is all the edit does and the file never used them. */
  unusedImportsOnly?: string[];
}

/** Where the text uses Ollama: a name bound by an Ollama import outside import statements, its API's URL, or Ollama under another name. */
function firstOllamaUse(ctx: ReturnType<typeof makeContext>, protectedParts: readonly Protected[]): PythonOutcome['ollamaUse'] {
  const at = (n: PyNode) => ({ line: ctx.tree.lines.position(n.start).line, text: n.text.split('\n')[0].trim().slice(0, 60) });
  const found: PyNode[] = [];
  for (const p of protectedParts) found.push(p.node);
  const inImport = (n: PyNode) => { for (let p = n.parent; p; p = p.parent) if (p.type === 'import_statement' || p.type === 'import_from_statement') return true; return false; };
  const firstName = ctx.nodes('identifier').find((n) => !inImport(n) && isOllamaName(ctx, n));
  if (firstName) found.push(firstName);
  const endpoint = ctx.nodes('string').find((n) => OLLAMA_PORT.test(n.text) || /\/api\/(generate|chat|embed|embeddings|tags|pull)\b/.test(n.text));
  if (endpoint) found.push(endpoint);
  if (found.length === 0) return undefined;
  return at(found.sort((a, b) => a.start - b.start)[0]);
}

/** The first use the OpenAI rewrite left as it was, with the review item that says why. */
function firstUnreplaced(ctx: ReturnType<typeof makeContext>, uses: readonly PyNode[], notes: readonly ReviewNote[]): PythonOutcome['unreplaced'] {
  const first = [...uses].sort((a, b) => a.start - b.start)[0];
  if (!first) return undefined;
  const whyAt = (line: number) => notes.find((n) => n.line === line)?.message ?? 'no OpenAI equivalent';
  const lines: Record<number, string> = {};
  for (const u of uses) { const l = ctx.tree.lines.position(u.start).line; lines[l] = whyAt(l); }
  const line = ctx.tree.lines.position(first.start).line;
  return { line, text: lineText(ctx.text, first.start).trim().slice(0, 60), why: whyAt(line), lines };
}

function lineText(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end === -1 ? text.length : end);
}

const TRACKED_MODULES = new Set(['ollama', 'langchain_ollama', 'openai', 'langchain_openai']);

export function transformPython(file: SourceFile, options: PythonOptions): PythonOutcome {
  const plan = new EditPlan(file.text);
  const ctx = makeContext(file.text, file.tree, options.replaceWith, plan);
  const markers = new Markers(ctx);
  const protectedParts = findProtected(ctx, markers);
  markers.setProtected(protectedParts.filter((p) => p.kind !== 'wrapper').map((p) => p.node));
  const render = (n: PyNode) => plan.render(n.start, n.end);
  const switches = decideSwitches(ctx, render, protectedParts.map((p) => p.node));
  let removals = planRemovals(ctx, markers, switches, protectedParts);
  const notes: ReviewNote[] = [];
  const unreplaced: PyNode[] = [];
  if (options.replaceWith === 'openai') {
    // Arguments the rewrite drops count as removed code, so what only they used goes too.
    let dropped: Array<{ start: number; end: number }> = [];
    for (let round = 0; round < 3; round++) {
      const next = replaceWithOpenAI(ctx, markers, removals, protectedParts, [], true);
      if (next.every((r) => dropped.some((d) => d.start === r.start && d.end === r.end))) break;
      dropped = next;
      removals = planRemovals(ctx, markers, switches, protectedParts, dropped);
    }
    for (const s of removals.unconditional) {
      const nested = [...removals.statements].some((o) => o !== s && s.within(o)) || switches.removed.some((r) => r.start <= s.start && s.end <= r.end);
      if (!nested && callsOllamaApi(ctx, markers, s.namedChildren[0].type === 'await' ? s.namedChildren[0].namedChildren[0] : s.namedChildren[0])) {
        notes.push({ ...ctx.tree.lines.position(s.start), message: `dropped: ${s.text.split('(')[0].trim()} has no OpenAI equivalent` });
      }
    }
    replaceWithOpenAI(ctx, markers, removals, protectedParts, notes, false, unreplaced);
  }
  emitEdits(ctx, switches, removals);
  const edits = plan.list();
  const imports = [...new Set(ctx.imports.names.filter((i) => i.level === 0).map((i) => i.module.split('.')[0]).filter((m) => TRACKED_MODULES.has(m)))];
  const defined: PythonOutcome['defined'] = { module: {}, classLevel: {} };
  for (const scope of ctx.analysis.scopes) {
    const target = scope.kind === 'module' ? defined.module : scope.kind === 'class' ? defined.classLevel : undefined;
    if (!target) continue;
    for (const [name, bindings] of scope.bindings) target[name] ??= ctx.tree.lines.position(bindings[0].node.start).line;
  }
  const fromImports = ctx.imports.names.filter((i) => i.kind === 'from' && i.name !== null)
    .map((i) => ({ module: i.module, level: i.level, name: i.name!, line: ctx.tree.lines.position(i.node.start).line }));
  const facts = {
    imports, defined, fromImports, ollamaUse: firstOllamaUse(ctx, protectedParts), unreplaced: firstUnreplaced(ctx, unreplaced, notes),
    unusedImportsOnly: options.replaceWith === 'none' ? unusedImportsDropped(ctx, removals, edits) : undefined,
  };
  if (edits.length > 0) return { edits, review: notes, ...facts };
  // Lines the rewrite already explained need no second, vaguer item.
  const explained = new Set(notes.map((n) => n.line));
  return { edits: [], review: [...notes, ...reviewPython(ctx, switches, removals, protectedParts).filter((n) => !explained.has(n.line))], ...facts };
}
