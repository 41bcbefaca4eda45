/**
 * Where a file triggers a run-time coupling (src/deps/runtime-couplings.ts): a name, call or
 * keyword of a library the file imports. Plain text search over the code with comment lines
 * blanked: a false match only keeps a package, it never removes one.
 */
import { lineNumberAt } from '../text/lines.js';
import { RUNTIME_COUPLINGS, type RuntimeCoupling } from './runtime-couplings.js';

export interface CouplingSite {
  package: string;
  path: string;
  /** 1-based; undefined in notebooks. */
  line?: number;
  /** What the code does and why it needs the package. */
  detail: string;
  /** The imported module that makes the use mean something (`fastapi` for `Form`); none for ungated keywords. */
  host?: string;
}

interface CompiledCoupling {
  coupling: RuntimeCoupling;
  within: string[];
  pattern?: RegExp;
  /** Words one of which a match of `pattern` contains (a text without any cannot match). */
  words?: string[];
  text: string;
}

/** The words of a trigger name that is a plain alternation (`(Form|File)`), else undefined. */
function wordsOf(name: string): string[] | undefined {
  return /^\(?[A-Za-z0-9_|]+\)?$/.test(name) ? name.replace(/^\(|\)$/g, '').split('|').filter(Boolean) : undefined;
}

function compile(c: RuntimeCoupling): CompiledCoupling {
  const t = c.trigger;
  switch (t.kind) {
    case 'import':
      return { coupling: c, within: t.within, text: `import ${t.within.join('/')}` };
    case 'name':
      return { coupling: c, within: t.within, pattern: new RegExp(`\\b(?:${t.name})\\b`), words: wordsOf(t.name), text: '' };
    case 'call':
      return { coupling: c, within: t.within, pattern: new RegExp(`(?:\\.|\\b)(?:${t.name})\\s*\\(`), words: wordsOf(t.name), text: '' };
    case 'keyword': {
      const value = t.value === undefined ? '(?!=)' : `\\s*(?:[rRuU]?["'](?:${t.value})["']|(?:${t.value})\\b)`;
      return { coupling: c, within: t.within, pattern: new RegExp(`\\b(?:${t.name})\\s*=${value}`), words: wordsOf(t.name), text: '' };
    }
  }
}

let compiled: CompiledCoupling[] | undefined;
/** Indexes into `compiled`: of the couplings each module of a `within` list gates, and of those any file can trigger. */
let gatedBy: Map<string, number[]> | undefined;
let ungated: number[] | undefined;

function compileAll(): CompiledCoupling[] {
  const all = RUNTIME_COUPLINGS.map(compile);
  gatedBy = new Map();
  ungated = [];
  all.forEach((c, k) => {
    if (c.within.length === 0) ungated!.push(k);
    for (const w of c.within) {
      const list = gatedBy!.get(w);
      if (list) list.push(k);
      else gatedBy!.set(w, [k]);
    }
  });
  return all;
}

/** The trigger words of the couplings that any file can trigger (no import needed): every file is searched for them. */
export const UNGATED_COUPLING_WORDS: readonly string[] = [...new Set(RUNTIME_COUPLINGS.filter((c) => c.trigger.kind !== 'import' && c.trigger.within.length === 0)
  .flatMap((c) => (c.trigger.kind === 'import' ? [] : wordsOf(c.trigger.name) ?? [])))];

/** The first import of one of `within` (any file qualifies when `within` is empty). */
function firstImport(imports: readonly ImportedModule[], within: readonly string[]): ImportedModule | undefined {
  return imports.find((i) => within.some((w) => i.module === w || i.module.startsWith(`${w}.`)));
}

export interface ImportedModule {
  module: string;
  line?: number;
}

/** Comment lines blanked (their line breaks kept, so offsets still give line numbers). */
function withoutCommentLines(source: string): string {
  return source.replace(/^[ \t]*#[^\n]*/gm, '');
}

/**
 * The couplings one source triggers, given the modules it imports. `has`: whether a word occurs in
 * the source, when the caller already knows (it must answer as `source.includes` would).
 */
export function couplingSites(source: string, path: string, imports: readonly ImportedModule[], lineOffset: (line: number) => number | undefined = (l) => l, has: (word: string) => boolean = (w) => source.includes(w)): CouplingSite[] {
  const all = (compiled ??= compileAll());
  // The couplings that apply, in their order: those any file triggers, and those of every imported
  // module and its parents (`a.b.c`: a, a.b, a.b.c), found in an index (testing each of the ~100
  // couplings' `within` against every file's imports cost more than the rest of this function).
  const applies = new Uint8Array(all.length);
  for (const k of ungated!) applies[k] = 1;
  const mark = (module: string): void => {
    const gated = gatedBy!.get(module);
    if (gated) for (const k of gated) applies[k] = 1;
  };
  for (const { module } of imports) {
    for (let dot = module.indexOf('.'); dot >= 0; dot = module.indexOf('.', dot + 1)) mark(module.slice(0, dot));
    mark(module);
  }
  // A coupling whose trigger words are all absent cannot match (removing comment lines joins no words).
  const relevant = all.filter((c, k) => applies[k] === 1 && (!c.words || c.words.some(has)));
  if (relevant.length === 0) return [];
  const code = withoutCommentLines(source);
  const sites: CouplingSite[] = [];
  for (const c of relevant) {
    if (!c.pattern) {
      const host = firstImport(imports, c.within);
      sites.push({ package: c.coupling.package, path, line: host?.line, detail: `${c.text}: ${c.coupling.why}`, host: host?.module });
      continue;
    }
    const m = c.pattern.exec(code);
    if (!m) continue;
    const what = m[0].replace(/\s+/g, ' ').replace(/^\./, '').trim();
    sites.push({ package: c.coupling.package, path, line: lineOffset(lineNumberAt(code, m.index)), detail: `${what}: ${c.coupling.why}`, host: firstImport(imports, c.within)?.module });
  }
  return sites;
}
