/** The review items of a script file the transform left unchanged: every line that mentions Ollama, with why it stays. */
import type { ReviewNote, SourceFile } from '../../../src/engine/types.js';
import { lineEnd, lineStart } from '../../../src/text/lines.js';
import { MENTION, namedForOllama } from '../names.js';
import type { Candidate } from './candidates.js';
import { ollamaElementId, type Range } from './nodes.js';
import { Node, ts, type TsSourceFile } from './ts-morph.js';

export function reviewScript(file: SourceFile, sf: TsSourceFile, candidates: Candidate[], defaults: Array<{ node: Node; at: Node }>, removeIds: boolean, callsOf: ReadonlyMap<Node, Node[]>): ReviewNote[] {
  const text = file.text;
  const explained: Array<Range & { message: string }> = [];
  for (const c of candidates) {
    if (c.alive || !c.keptUse) continue;
    const line = file.position(c.keptUse.getStart()).line;
    explained.push({ start: c.statement.getStart(), end: c.statement.getEnd(), message: c.kind === 'constant'
      ? `${c.name} is an Ollama setting still used at line ${line}: remove that use, then run again`
      : `${c.name} exists only for Ollama but is still used at line ${line} (not as a call statement or callback): remove that use, then run again` });
    const at = c.statement.getStart();
    for (const u of c.uses) {
      if (u.getStart() >= at && u.getEnd() <= c.statement.getEnd()) continue;
      explained.push({ start: u.getStart(), end: u.getEnd(), message: `uses ${c.name} (line ${file.position(at).line}), which exists only for Ollama: remove or rewrite this use, then run again` });
    }
  }
  for (const d of defaults) {
    const line = file.position(d.at.getStart()).line;
    explained.push({ start: d.node.getStart(), end: d.node.getEnd(), message: `Ollama is the default here (line ${line}): removing this branch would leave the default path without a provider; change the default, then run again` });
  }
  for (const st of sf.getStatements()) {
    const name = Node.isFunctionDeclaration(st) ? st.getName() : Node.isVariableStatement(st) ? st.getDeclarationList().getDeclarations()[0]?.getName() : undefined;
    if (name && namedForOllama(name) && (Node.isFunctionDeclaration(st) || Node.isVariableStatement(st)) && st.hasExportKeyword()) {
      explained.push({ start: st.getStart(), end: st.getEnd(), message: `${name} is exported: other modules may import it, so it is left in place; remove it with its importers by hand` });
    }
  }
  for (const [s, calls] of callsOf) {
    const id = calls.map(ollamaElementId).find(Boolean);
    if (id && !removeIds) explained.push({ start: s.getStart(), end: s.getEnd(), message: `touches the Ollama element #${id}: remove the element and this line with --option templates=remove, or by hand` });
  }
  const notes: ReviewNote[] = [];
  const seen = new Set<number>();
  MENTION.lastIndex = 0;
  for (let m = MENTION.exec(text); m; m = MENTION.exec(text)) {
    const pos = file.position(m.index);
    if (seen.has(pos.line)) continue;
    seen.add(pos.line);
    const best = explained.filter((e) => e.start <= m!.index && m!.index < e.end).sort((a, b) => (a.end - a.start) - (b.end - b.start))[0];
    notes.push({ ...pos, message: best?.message ?? describe(sf, m.index, text) });
  }
  MENTION.lastIndex = 0;
  return notes;
}

function describe(sf: TsSourceFile, offset: number, text: string): string {
  const line = text.slice(lineStart(text, offset), lineEnd(text, offset)).trim();
  const short = line.length > 60 ? `${line.slice(0, 57)}...` : line;
  const comment = ts.getLeadingCommentRanges(text, lineStart(text, offset))?.some((c) => c.pos <= offset && offset < c.end)
    || /^\s*(\/\/|\/\*|\*)/.test(line);
  if (comment) return `comment mentions Ollama: ${short}`;
  const node = sf.getDescendantAtPos(offset);
  if (node && (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node) || Node.isTemplateHead(node) || Node.isTemplateMiddle(node) || Node.isTemplateTail(node))) {
    return `string mentions Ollama: ${short}`;
  }
  return `Ollama reference left in place: ${short}`;
}
