/**
 * The references report: every line that mentions Ollama (the word, in any case, or its port
 * 11434), by file type and by file, before and after the codemod. One line counts once, the way
 * `grep -ci ollama` counts, so the numbers can be checked by hand.
 */
import { MENTION } from './names.js';
import { isContainerFile, isRequirementsFile } from '../../src/manifests/kinds.js';

export type FileType = 'python' | 'javascript' | 'typescript' | 'html' | 'template' | 'css' | 'markdown' | 'requirements'
  | 'env' | 'yaml' | 'toml' | 'json' | 'shell' | 'docker' | 'text';

export type ReferenceKind = 'import' | 'call' | 'class' | 'endpoint' | 'setting' | 'string' | 'comment' | 'markup' | 'script'
  | 'requirement' | 'docs' | 'config' | 'code';

export interface FileReferences {
  path: string;
  type: FileType;
  /** 1-based lines that mention Ollama, with what each is. */
  lines: Array<{ line: number; kind: ReferenceKind }>;
}

export function fileType(path: string): FileType {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  if (isRequirementsFile(path)) return 'requirements';
  if (name.startsWith('.env') || ext === 'env') return 'env';
  if (isContainerFile(path)) return 'docker';
  switch (ext) {
    case 'py': case 'pyi': case 'pyw': return 'python';
    case 'js': case 'mjs': case 'cjs': case 'jsx': return 'javascript';
    case 'ts': case 'mts': case 'cts': case 'tsx': return 'typescript';
    case 'html': case 'htm': return 'html';
    case 'jinja': case 'jinja2': case 'j2': case 'vue': case 'svelte': return 'template';
    case 'css': case 'scss': case 'sass': case 'less': return 'css';
    case 'md': case 'markdown': case 'rst': return 'markdown';
    case 'yml': case 'yaml': return 'yaml';
    case 'toml': case 'cfg': case 'ini': return 'toml';
    case 'json': case 'ipynb': return 'json';
    case 'sh': case 'bash': return 'shell';
    default: return 'text';
  }
}

function pythonKind(line: string): ReferenceKind {
  const t = line.trim();
  if (t.startsWith('#')) return 'comment';
  if (/^(from\s+\S+\s+)?import\s/.test(t)) return 'import';
  if (/(?<![0-9])11434(?![0-9])|\/api\/(tags|chat|generate|embed|embeddings|pull|version|ps|show)\b|\/ollama\b/i.test(t)) return 'endpoint';
  if (/\bOLLAMA_[A-Z0-9_]+\b/.test(t)) return 'setting';
  if (/\b(ChatOllama|OllamaLLM|OllamaEmbeddings|OllamaFunctions|Ollama)\b/.test(t)) return 'class';
  const code = t.replace(/(["'])(?:\\.|(?!\1).)*\1/g, '""');
  if (/#.*(ollama|11434)/i.test(code) && !/ollama|11434/i.test(code.slice(0, code.indexOf('#')))) return 'comment';
  if (!/ollama|11434/i.test(code)) return 'string';
  if (/ollama\w*\s*\(|\.\s*\w*ollama\w*\s*\(/i.test(code)) return 'call';
  return 'code';
}

function kindOf(type: FileType, line: string): ReferenceKind {
  switch (type) {
    case 'python': return pythonKind(line);
    case 'javascript': case 'typescript': return /^\s*(\/\/|\/\*|\*)/.test(line) ? 'comment' : 'script';
    case 'html': case 'template': case 'css': return /<script|function\s*\(|=>/.test(line) ? 'script' : 'markup';
    case 'markdown': case 'text': return 'docs';
    case 'requirements': return line.trim().startsWith('#') ? 'comment' : 'requirement';
    case 'env': return line.trim().startsWith('#') ? 'comment' : 'setting';
    case 'shell': case 'docker': return 'code';
    default: return 'config';
  }
}

export function findReferences(path: string, text: string): FileReferences {
  const type = fileType(path);
  const lines: FileReferences['lines'] = [];
  const all = text.split('\n');
  for (let i = 0; i < all.length; i++) {
    MENTION.lastIndex = 0;
    if (MENTION.test(all[i])) lines.push({ line: i + 1, kind: kindOf(type, all[i]) });
  }
  MENTION.lastIndex = 0;
  return { path, type, lines };
}

export interface ReferenceTotals {
  before: number;
  after: number;
  byType: Array<{ type: FileType; before: number; after: number }>;
  byFile: Array<{ path: string; type: FileType; before: number; after: number; deleted: boolean }>;
  byKind: Array<{ kind: ReferenceKind; before: number; after: number }>;
}

export function totals(entries: ReadonlyArray<{ before: FileReferences; after: FileReferences | null }>): ReferenceTotals {
  const byType = new Map<FileType, { before: number; after: number }>();
  const byKind = new Map<ReferenceKind, { before: number; after: number }>();
  const byFile: ReferenceTotals['byFile'] = [];
  let before = 0;
  let after = 0;
  for (const { before: b, after: a } of entries) {
    const nb = b.lines.length;
    const na = a?.lines.length ?? 0;
    if (nb === 0 && na === 0) continue;
    before += nb;
    after += na;
    const t = byType.get(b.type) ?? { before: 0, after: 0 };
    t.before += nb;
    t.after += na;
    byType.set(b.type, t);
    for (const l of b.lines) { const k = byKind.get(l.kind) ?? { before: 0, after: 0 }; k.before++; byKind.set(l.kind, k); }
    for (const l of a?.lines ?? []) { const k = byKind.get(l.kind) ?? { before: 0, after: 0 }; k.after++; byKind.set(l.kind, k); }
    byFile.push({ path: b.path, type: b.type, before: nb, after: na, deleted: a === null });
  }
  byFile.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  return {
    before,
    after,
    byType: [...byType].map(([type, v]) => ({ type, ...v })).sort((x, y) => y.before - x.before || (x.type < y.type ? -1 : 1)),
    byFile,
    byKind: [...byKind].map(([kind, v]) => ({ kind, ...v })).sort((x, y) => y.before - x.before || (x.kind < y.kind ? -1 : 1)),
  };
}

/** Files listed one by one in the report; more are summed up in one line. */
const MAX_FILES = 40;

/** The report as summary lines (stderr and the JSON `notes`). */
export function reportLines(t: ReferenceTotals): string[] {
  const out = [`Ollama references (lines mentioning Ollama or port 11434): ${t.before} before, ${t.after} after`];
  out.push(`  by file type: ${t.byType.map((x) => `${x.type} ${x.before} -> ${x.after}`).join(', ')}`);
  out.push(`  by kind: ${t.byKind.map((x) => `${x.kind} ${x.before} -> ${x.after}`).join(', ')}`);
  // Files with references left first (they need a look), then the most-cleaned ones; a long tail is summarized.
  const files = [...t.byFile].sort((a, b) => b.after - a.after || b.before - a.before || (a.path < b.path ? -1 : 1));
  const shown = files.length > MAX_FILES ? files.slice(0, MAX_FILES) : files;
  for (const f of shown.sort((a, b) => (a.path < b.path ? -1 : 1))) out.push(`  ${f.path} (${f.type}): ${f.before} -> ${f.after}${f.deleted ? ' (deleted)' : ''}`);
  if (files.length > shown.length) {
    const rest = files.slice(MAX_FILES);
    out.push(`  ... and ${rest.length} more files: ${rest.reduce((n, f) => n + f.before, 0)} -> ${rest.reduce((n, f) => n + f.after, 0)}`);
  }
  return out;
}
