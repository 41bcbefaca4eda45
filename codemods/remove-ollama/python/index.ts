/** The Python transform: decide, remove (or, with replace-with=openai, rewrite), and report what stays. */
import type { ReviewNote, SourceFile, TransformResult } from '../../../src/engine/types.js';
import type { PyNode } from '../../../src/python/tree.js';
import { EditPlan } from '../edit-plan.js';
import { makeContext, Markers } from './context.js';
import { emitEdits } from './emit.js';
import { findProtected } from './functions.js';
import { replaceWithOpenAI } from './openai.js';
import { planRemovals } from './removals.js';
import { reviewPython } from './review.js';
import { decideSwitches } from './switches.js';

export interface PythonOptions {
  replaceWith: 'none' | 'openai';
}

export interface PythonOutcome {
  edits: TransformResult['edits'];
  review: ReviewNote[];
  /** Top-level modules the file still imports, of those the requirement files care about. */
  imports: string[];
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
  const removals = planRemovals(ctx, markers, switches, protectedParts);
  const notes: ReviewNote[] = [];
  if (options.replaceWith === 'openai') replaceWithOpenAI(ctx, markers, removals, protectedParts, notes);
  emitEdits(ctx, switches, removals);
  const edits = plan.list();
  const imports = [...new Set(ctx.imports.names.filter((i) => i.level === 0).map((i) => i.module.split('.')[0]).filter((m) => TRACKED_MODULES.has(m)))];
  if (edits.length > 0) return { edits, review: notes, imports };
  return { edits: [], review: [...notes, ...reviewPython(ctx, switches, removals, protectedParts)], imports };
}
