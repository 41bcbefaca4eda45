/**
 * `model.transcribe(audio, **options)` where `options` is a dict literal: its keys are the call's
 * keyword arguments, so the call is migrated as if it spelled them out. Only when nothing can
 * change the dict between its binding and the call: bound once, by a plain statement of the same
 * function (or module) that runs before the call, with string-literal keys that are identifiers
 * and literal values, and the name used nowhere else (not mutated, not passed on). The call then
 * gets the keywords and the dict stays where it is; anything else stays a refusal.
 */
import type { TransformResult, SourceFile } from '../../src/engine/types.js';
import { applyEdits } from '../../src/text/index.js';
import { PyTree, type PyNode } from '../../src/python/tree.js';

const KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);
const SCOPES = new Set(['function_definition', 'lambda', 'class_definition', 'module']);
const LITERALS = new Set(['string', 'integer', 'float', 'true', 'false', 'none']);

function scopeOf(n: PyNode): PyNode {
  let p = n.parent;
  while (p && !SCOPES.has(p.type)) p = p.parent;
  return p ?? n.tree.root;
}

/** A constant the dict holds: a plain string, a number, True/False/None, or a list/tuple of them. */
function literal(v: PyNode): boolean {
  if (v.type === 'string') return !v.namedChildren.some((c) => c.type === 'interpolation');
  if (LITERALS.has(v.type)) return true;
  if (v.type === 'unary_operator') return ['integer', 'float'].includes(v.namedChildren[0]?.type ?? '');
  if (v.type === 'list' || v.type === 'tuple') return v.namedChildren.every(literal);
  return false;
}

/** `key=value, ...` for `**name`, when the name's one binding is a dict literal nothing else can touch. */
function keywordsFor(splat: PyNode): string | undefined {
  const ident = splat.namedChildren[0];
  if (ident?.type !== 'identifier' || splat.parent?.type !== 'argument_list') return undefined;
  const scope = scopeOf(splat);
  // Code that can reach a name without spelling it.
  if (scope.type === 'class_definition' || /\b(?:locals|globals|vars|exec|eval)\s*\(/.test(scope.text)) return undefined;
  const uses = scope.find('identifier').filter((i) => i.text === ident.text);
  if (uses.length !== 2) return undefined;
  const binding = uses.find((u) => u !== ident)!;
  const assignment = binding.parent;
  if (assignment?.type !== 'assignment' || binding.field !== 'left' || assignment.parent?.type !== 'expression_statement') return undefined;
  // Runs once, before the call, in the call's own function: a statement directly in that scope's body.
  const block = assignment.parent.parent;
  if (scopeOf(assignment) !== scope || (block !== scope && block?.parent !== scope) || assignment.end > splat.start) return undefined;
  const dict = assignment.get('right');
  if (dict?.type !== 'dictionary') return undefined;
  const keywords: string[] = [];
  const existing = new Set(splat.parent.namedChildren.filter((a) => a.type === 'keyword_argument').map((a) => a.get('name')?.text));
  for (const pair of dict.namedChildren) {
    if (pair.type === 'comment') continue;
    const key = pair.get('key');
    const value = pair.get('value');
    if (pair.type !== 'pair' || key?.type !== 'string' || !value || !literal(value) || value.text.includes('\n')) return undefined;
    const name = /^(?:"([A-Za-z_]\w*)"|'([A-Za-z_]\w*)')$/.exec(key.text);
    const k = name?.[1] ?? name?.[2];
    if (!k || KEYWORDS.has(k) || existing.has(k)) return undefined;
    existing.add(k);
    keywords.push(`${k}=${value.text}`);
  }
  return keywords.length ? keywords.join(', ') : undefined;
}

/**
 * `migrate` on the file; where it refuses because options are passed through `**name`, and each such
 * name is a literal dict as above, `migrate` again on the text with them spelled out as keywords.
 * When that migrates, its result is given as edits of the original text; otherwise the refusal.
 */
export function withLiteralOptions<R extends TransformResult>(file: SourceFile, migrate: (f: SourceFile) => R): R {
  const first = migrate(file);
  const refused = new Set((first.review ?? []).filter((r) => /options passed through/.test(r.message)).map((r) => r.line));
  if (first.edits?.length || refused.size === 0) return first;
  const tree = new PyTree(file.text, file.tree);
  const spelled = tree.root.find('dictionary_splat').filter((s) => refused.has(tree.lines.position(s.start).line))
    .map((s) => ({ start: s.start, end: s.end, text: keywordsFor(s) }));
  if (spelled.length === 0 || spelled.some((e) => e.text === undefined)) return first;
  const text = applyEdits(file.text, spelled as Array<{ start: number; end: number; text: string }>);
  const result = migrate({ ...file, text, tree: undefined });
  if (!result.edits?.length) return first;
  // One edit from the first to the last changed character: the diff is made from the texts anyway.
  const after = applyEdits(text, result.edits);
  let start = 0;
  while (start < file.text.length && file.text[start] === after[start]) start++;
  let end = 0;
  while (end < file.text.length - start && end < after.length - start && file.text[file.text.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { ...result, edits: [{ start, end: file.text.length - end, text: after.slice(start, after.length - end) }] };
}
