/**
 * Every line of Python that still mentions Ollama after the codemod gets a review item saying why
 * it stayed: a default that makes Ollama the main path, code that is Ollama under another name,
 * an import still used, a name that means something else, a comment.
 */
import type { ReviewNote } from '../../../src/engine/types.js';
import type { PyNode } from '../../../src/python/tree.js';
import { lineStart, nextLineStart } from '../../../src/text/lines.js';
import { MENTION, namedForOllama } from '../names.js';
import { ollamaAtom } from './conditions.js';
import { isOllamaName, type PyContext } from './context.js';
import type { Protected } from './functions.js';
import type { Removals } from './removals.js';
import type { SwitchDecisions } from './switches.js';

interface Explained {
  start: number;
  end: number;
  message: string;
}

function where(ctx: PyContext, node: PyNode): string {
  return `line ${ctx.tree.lines.position(node.start).line}`;
}

function snippet(text: string, max = 60): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 3)}...` : one;
}

export function reviewPython(ctx: PyContext, switches: SwitchDecisions, removals: Removals, protectedParts: readonly Protected[], secretFile = false): ReviewNote[] {
  const { text } = ctx;
  const explained: Explained[] = [];
  const add = (node: { start: number; end: number }, message: string) => explained.push({ start: node.start, end: node.end, message });

  for (const d of switches.defaults) {
    const subject = snippet(d.subject.text, 40);
    if (d.flag) {
      add(d.node, `Ollama is the default here: ${subject} is on unless set otherwise (${where(ctx, d.at)}), so removing this branch would change what the program does by default; turn the flag off by default (and tell its users), then run again`);
      add(d.at, `this default turns ${subject} on, making Ollama the default (the switch at ${where(ctx, d.node)} relies on it): change the default, then run again`);
      continue;
    }
    add(d.node, ctx.replaceWith === 'openai'
      ? `Ollama is the default here: ${subject} defaults to "ollama" (${where(ctx, d.at)}), so this branch stays (its Ollama calls are rewritten for OpenAI where they can be); change the default and remove the branch by hand`
      : `Ollama is the default here: ${subject} defaults to "ollama" (${where(ctx, d.at)}), so removing this branch would leave the default path without a provider; change the default, then run again`);
    add(d.at, `"ollama" is the default provider here (the switch at ${where(ctx, d.node)} relies on it): change the default to another provider, then run again`);
  }
  for (const p of protectedParts) {
    if (p.kind === 'litellm') add(p.node, `LiteLLM sends model "${p.detail}" to an Ollama server; choose another model by hand`);
    else if (p.kind === 'openai-at-ollama') add(p.node, `the OpenAI SDK (${p.detail}) here talks to an Ollama server; point it at another endpoint by hand`);
    else add(p.node, `class ${p.detail} wraps the Ollama client, so code using it depends on Ollama under another name: remove or replace it by hand`);
  }
  for (const f of removals.withFallback) {
    add(f.statement, `${f.name} is named for Ollama but has a path without it (${where(ctx, f.fallback)}: ${snippet(f.fallback.text, 40)}), so it stays whole: remove its Ollama path by hand`);
  }
  for (const c of removals.candidates) {
    if (c.alive || !c.keptUse) continue;
    if (c.reason === 'orphan') continue;
    // Inside a function kept for its fallback, the function's item says why.
    if (c.scope.kind === 'function' && removals.withFallback.some((f) => c.statements.some((s) => s.within(f.statement)))) continue;
    const use = `${where(ctx, c.keptUse)}: ${snippet(lineOf(text, c.keptUse.start), 50)}`;
    let message: string;
    if (c.kind === 'function' || c.kind === 'method') message = `${c.name} exists only for Ollama but is still used at ${use} (not as a call statement): remove or rewrite that use, then run again`;
    else if (c.importNames.length > 0) message = `import of ${c.name} kept: still used at ${use}`;
    else message = `${c.name} is an Ollama setting still used at ${use}`;
    for (const s of c.statements) add(s, message);
    for (const i of c.importNames) add(i.node, message);
    if (c.kind === 'function' || c.kind === 'method') {
      const line = ctx.tree.lines.position(c.statements[0].start).line;
      for (const u of c.uses) if (!removals.isRemoved(u) && !c.statements.some((s) => u.within(s))) add(u, `uses ${c.name} (line ${line}), which exists only for Ollama: remove or rewrite this use, then run again`);
    }
  }

  const notes: ReviewNote[] = [];
  const seenLines = new Set<number>();
  MENTION.lastIndex = 0;
  for (let m = MENTION.exec(text); m; m = MENTION.exec(text)) {
    const pos = ctx.tree.lines.position(m.index);
    if (seenLines.has(pos.line)) continue;
    seenLines.add(pos.line);
    const at = m.index;
    const best = explained.filter((e) => e.start <= at && at < e.end).sort((a, b) => (a.end - a.start) - (b.end - b.start))[0];
    const message = best?.message ?? describe(ctx, at, secretFile);
    notes.push({ line: pos.line, column: pos.column, message });
  }
  return notes;
}

/** The line holding `offset`, with a `\r` before its `\n` (as the line is written). */
function lineOf(text: string, offset: number): string {
  return text.slice(lineStart(text, offset), nextLineStart(text, offset)).replace(/\n$/, '');
}

/** A message from what the mention is: a comment, a string, a name bound to something else, code. */
function describe(ctx: PyContext, offset: number, secretFile: boolean): string {
  const node = ctx.tree.nodeAt(offset, offset + 1);
  const line = lineOf(ctx.text, offset);
  for (let n: PyNode | null = node, depth = 0; n && depth < 4; n = n.parent, depth++) {
    if (n.type !== 'comparison_operator' && n.type !== 'call') continue;
    if (!ollamaAtom(ctx, n)) continue;
    const holder = n.ancestor('while_statement', 'if_clause', 'assert_statement', 'lambda', 'assignment', 'return_statement', 'keyword_argument');
    const where = holder ? ` (in ${holder.type === 'if_clause' ? 'a comprehension filter' : holder.type.replace(/_statement/, '').replace('_', ' ')})` : '';
    return `tests for Ollama${where}: only if/elif/else, conditional expressions and match are rewritten; remove it by hand`;
  }
  for (let n: PyNode | null = node; n; n = n.parent) {
    if (n.type === 'comment') return `comment mentions Ollama: ${snippet(n.text)}`;
    if (n.type === 'string') return secretFile ? 'string mentions Ollama' : `string mentions Ollama: ${snippet(n.text)}`;
    if (n.type === 'identifier' && namedForOllama(n.text)) {
      if (ctx.analysis.isName(n) && !isOllamaName(ctx, n)) {
        const { bindings } = ctx.analysis.resolve(n);
        const value = bindings.find((b) => b.value)?.value;
        if (value) return `\`${n.text}\` is not the Ollama client here (it holds ${snippet(value.text, 40)}); left alone`;
      }
      if (isOllamaName(ctx, n)) return `uses Ollama: ${snippet(line)}; rewrite by hand (or run with --option replace-with=openai)`;
      return `name mentions Ollama: ${snippet(line)}`;
    }
  }
  return `Ollama reference left in place: ${snippet(line)}`;
}
