/**
 * JavaScript and TypeScript through ts-morph. Functions and constants that exist only for Ollama
 * (named for it, or calling `/api/ollama/...` or port 11434) are removed with the statements that
 * call them or wire them up as callbacks; an event handler keeps its other statements. Provider
 * switches (`if (provider === 'ollama')`) lose their Ollama branch. With templates=remove,
 * statements that only touch an element whose id names Ollama go too (the element is removed
 * from the template). Everything else that mentions Ollama is a review item.
 *
 * The parts are in script/: ts-morph.ts (loaded on first use), nodes.ts, conditions.ts and
 * switches.ts (provider switches), candidates.ts (what exists only for Ollama), removal.ts, review.ts.
 */
import type { SourceFile, TransformResult } from '../../src/engine/types.js';
import { EditPlan, tidyBlankLines } from './edit-plan.js';
import { findCandidates, settleCandidates } from './script/candidates.js';
import { callsByStatement, indexByKind, ollamaElementId } from './script/nodes.js';
import { removeCandidates } from './script/removal.js';
import { reviewScript } from './script/review.js';
import { planSwitches, rebuildSwitches } from './script/switches.js';
import { forget, parse, type Node, type TsSourceFile } from './script/ts-morph.js';

export interface ScriptOptions {
  templates: 'report' | 'remove';
}

export function transformScript(file: SourceFile, options: ScriptOptions): Omit<TransformResult, 'data'> {
  const text = file.text;
  let sf: TsSourceFile;
  try {
    sf = parse(file.path, text);
  } catch {
    return {};
  }
  try {
    return run(file, sf, options);
  } finally {
    forget(sf);
  }
}

function run(file: SourceFile, sf: TsSourceFile, options: ScriptOptions): TransformResult {
  const text = file.text;
  const ofKind = indexByKind(sf);
  const callsOf = callsByStatement(ofKind);
  const plan = new EditPlan(text);
  const render = (n: Node) => plan.render(n.getStart(), n.getEnd());
  const removeIds = options.templates === 'remove';

  // Switches first: their removed branches count as removed code for the candidates below.
  const switches = planSwitches(ofKind, render);
  const { fixed, defaults } = switches;
  const candidates = findCandidates(ofKind, fixed, removeIds);

  // Statements that only touch an Ollama element, when the template loses it.
  const elementStatements: Node[] = [];
  for (const [s, calls] of callsOf) {
    const touches = calls.some((c) => ollamaElementId(c) !== undefined);
    if (!touches) continue;
    if (removeIds) elementStatements.push(s);
  }

  settleCandidates(candidates, fixed, elementStatements);

  // Edits: promise starts, statement removals, then rebuilt switches (outermost first).
  removeCandidates(text, plan, candidates, elementStatements);
  tidyBlankLines(text, plan);
  rebuildSwitches(text, plan, switches);

  const edits = plan.list();
  if (edits.length > 0) return { edits };
  return { review: reviewScript(file, sf, candidates, defaults, removeIds, callsOf) };
}
