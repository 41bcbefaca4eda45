/**
 * Every import in the project's own Python code and notebooks (never in virtualenvs, caches,
 * archives or backups), found with tree-sitter: at module level, inside functions, under
 * `try/except ImportError`, `if TYPE_CHECKING` or version checks. Also the uses that imports do
 * not show: a parser named to BeautifulSoup, an engine named to pandas, a database driver in a
 * SQLAlchemy URL, a storage URL scheme, plugin lists in settings, `importlib.import_module("x")`.
 */
import { filesOutsideBloatFolders, type BloatIndex } from '../model/bloat.js';
import { iterateDirs, joinPath } from '../model/tree.js';
import { MAX_TEXT_BYTES, type RepoFacts } from '../model/facts.js';
import { couplingSites, type CouplingSite } from './coupling-sites.js';
import { NAMESPACE_PACKAGES, preChecks } from './pre-checks.js';
import { logicalLines, scanImportLines, type ImportLine, type LogicalLine } from './import-lines.js';
import { indirectUses, indirectUsesOfWholeFile, type IndirectUseKinds } from './indirect-uses.js';
import { isWordChar, PythonTooComplexError } from '../python/parse-limits.js';
import { parsePythonSource, type SyntaxNode } from '../python/python-source.js';
import { decodePython, nonUtf8Declaration } from './python-text.js';
import { sparseSkippedPython, type UnreadFile } from './unread.js';
import { displayPath, hasEscapedBytes, PYTHON_FILE_NAME } from '../model/names.js';
import { refuseAhead } from '../model/reads-ahead.js';
import { debugEnabled } from '../model/debug.js';
import { MAX_WORKER_FILE_BYTES, MIN_FILES_FOR_WORKERS, startImportWorkers, type ImportWorkItem, type ImportWorkers, type WorkerAnalysis } from './import-workers.js';
import type { FileAnalysis } from './file-analysis.js';
import type { FileKey } from '../model/file-key.js';

export { urlModules } from './indirect-uses.js';

export interface ImportSite {
  /** Absolute dotted module (`a.b` for `import a.b` and for `from a.b import c`). */
  module: string;
  path: string;
  /** 1-based; undefined in notebooks. */
  line?: number;
  /** Guarded: try/except ImportError, `if TYPE_CHECKING`, a version or platform check. */
  guarded: boolean;
}

export interface ModuleReference {
  module: string;
  path: string;
  line?: number;
  /** How the code names it, for messages (`BeautifulSoup(..., "lxml")`). */
  via: string;
}

export interface PythonScan {
  files: string[];
  imports: ImportSite[];
  references: ModuleReference[];
  /** Top-level names the project itself provides (its .py files and the folders holding them). */
  localModules: Set<string>;
  /** Uses that need a package the code never imports (FastAPI `Form` needs python-multipart). */
  couplings: CouplingSite[];
  /** Python files whose imports are unknown: unreadable, undecodable, or not on disk. */
  unread: UnreadFile[];
}

function isGuardedBy(node: SyntaxNode): boolean {
  let child = node;
  for (let n = node.parent; n; child = n, n = n.parent) {
    if (n.type === 'try_statement' && child.type === 'block' && n.childForFieldName('body')?.id === child.id) {
      const handlers = n.namedChildren.filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
      if (handlers.some((h) => /^except\s*(:|\(?[^:]*\b(ImportError|ModuleNotFoundError|Exception|BaseException)\b)/.test(h.text))) return true;
    }
    if ((n.type === 'if_statement' || n.type === 'elif_clause' || n.type === 'else_clause') && child.type === 'block') {
      const ifNode = n.type === 'if_statement' ? n : n.parent;
      const condition = ifNode?.childForFieldName('condition')?.text ?? '';
      if (/TYPE_CHECKING|version_info|sys\.platform|platform\.system|os\.name|find_spec|importlib\.util/.test(condition)) return true;
    }
  }
  return false;
}

function dottedName(node: SyntaxNode | null): string {
  return node ? node.text.replace(/\s+/g, '') : '';
}

/**
 * The same imports read from a tree-sitter parse: the reference that `scanImportLines` is tested
 * against (on the standard library), kept for that and for code that already holds a tree.
 */
export function treeImports(source: string): ImportLine[] {
  const imports: ImportLine[] = [];
  const root = parsePythonSource(source).rootNode;
  for (const stmt of root.descendantsOfType(['import_statement', 'import_from_statement'])) {
    const guarded = isGuardedBy(stmt);
    const line = stmt.startPosition.row + 1;
    if (stmt.type === 'import_statement') {
      for (const n of stmt.childrenForFieldName('name')) {
        const module = dottedName(n.type === 'aliased_import' ? n.childForFieldName('name') : n);
        if (module) imports.push({ module, line, guarded });
      }
    } else {
      const moduleNode = stmt.childForFieldName('module_name');
      if (!moduleNode || moduleNode.type === 'relative_import') continue; // the project's own code
      const module = dottedName(moduleNode);
      if (module && module !== '__future__') imports.push({ module, line, guarded });
    }
  }
  return imports;
}

/** `from google import generativeai`: in a namespace package the imported name is the distribution's module. */
const NAMESPACE_FROM_HERE = new RegExp(`from[ \\t]+(${NAMESPACE_PACKAGES.join('|')})(\\.[\\w.]+)?[ \\t]+import[ \\t]`, 'y');

/**
 * Whether a line begins (after spaces and tabs) with such an import, as the multiline pattern
 * `^[ \t]*from...` finds it: each `from` is looked at where it is, instead of trying the pattern at
 * every position of the text.
 */
export function hasNamespaceFrom(source: string): boolean {
  for (let at = source.indexOf('from'); at >= 0; at = source.indexOf('from', at + 4)) {
    let before = at - 1;
    while (before >= 0 && (source.charCodeAt(before) === 32 || source.charCodeAt(before) === 9)) before--;
    // `^` in a multiline pattern: the start, or after \n, \r, U+2028 or U+2029.
    const c = before < 0 ? 10 : source.charCodeAt(before);
    if (c !== 10 && c !== 13 && c !== 0x2028 && c !== 0x2029) continue;
    NAMESPACE_FROM_HERE.lastIndex = at;
    if (NAMESPACE_FROM_HERE.test(source)) return true;
  }
  return false;
}

function namespaceSubmoduleImports(source: string, path: string, lineOffset: (line: number) => number | undefined, found: ImportSite[]): ImportSite[] {
  const out: ImportSite[] = [];
  const pattern = new RegExp(`^[ \\t]*from[ \\t]+((?:${NAMESPACE_PACKAGES.join('|')})(?:\\.[\\w.]+)?)[ \\t]+import[ \\t]+\\(?([\\w \\t,]+)`, 'gm');
  for (let m = pattern.exec(source); m; m = pattern.exec(source)) {
    const line = source.slice(0, m.index).split('\n').length;
    const at = lineOffset(line);
    const base = found.find((i) => i.module === m![1] && i.line === at);
    for (const name of m[2].split(',').map((n) => n.trim().split(/\s+/)[0]).filter((n) => /^[a-z_][a-z0-9_]*$/.test(n))) {
      out.push({ module: `${m[1]}.${name}`, path, line: at, guarded: base?.guarded ?? false });
    }
  }
  return out;
}

/**
 * Where the last `import` that is a whole word (as `\bimport\b` finds it) begins, or -1: every
 * import statement's keyword is one, so no import begins after it (`important` in a late
 * docstring no longer makes the tokenizer read to it). Found by forward searches from ever
 * earlier points near the end (lastIndexOf compares character by character), for `mport`: its
 * first letter is rarer than `i`, where the search stops to compare.
 */
function lastIndexOfImport(source: string): number {
  for (let back = 4096; ; back *= 4) {
    const from = Math.max(0, source.length - back);
    let at = -1;
    for (let m = source.indexOf('mport', from + 1); m >= 0; m = source.indexOf('mport', m + 5)) {
      if (source.charCodeAt(m - 1) === 105 && (m === 1 || !isWordChar(source.charCodeAt(m - 2))) && (m + 5 === source.length || !isWordChar(source.charCodeAt(m + 5)))) at = m - 1;
    }
    if (at >= 0 || from === 0) return at;
  }
}

/**
 * Imports and indirect uses in one Python source. `wholeFile`: read the indirect uses from a
 * parse of the whole file (the reference the statement-level reading is tested against).
 */
export function scanPythonSource(source: string, path: string, lineOffset: (line: number) => number | undefined = (l) => l, wholeFile = false): { imports: ImportSite[]; references: ModuleReference[]; couplings: CouplingSite[]; notParsed?: string } {
  const imports: ImportSite[] = [];
  const references: ModuleReference[] = [];
  const couplings: CouplingSite[] = [];
  // Each kind of indirect use is looked for only where the text could hold it: walking every call,
  // assignment and dict pair of a file costs more than parsing it (profiled on 9k files).
  const mayImport = /\bimport\b/.test(source);
  // Each pre-check runs only where the words it needs occur (one search for all of them).
  const { calls: mayCall, pluginLists: mayPluginList, backendPairs: mayBackendPair, urls, namespaces, has } = preChecks(source);
  const mayReference = mayCall || mayPluginList || mayBackendPair;
  let lines: LogicalLine[] | undefined;
  if (mayImport) {
    // The indirect uses read every line; the imports only those up to the last `import`'s blocks.
    lines = logicalLines(source, mayReference || urls ? Infinity : lastIndexOfImport(source));
    for (const found of scanImportLines(source, lines)) imports.push({ module: found.module, path, line: lineOffset(found.line), guarded: found.guarded });
  }
  if (mayImport && namespaces && hasNamespaceFrom(source)) imports.push(...namespaceSubmoduleImports(source, path, lineOffset, imports));
  couplings.push(...couplingSites(source, path, imports, lineOffset, has));
  // Only indirect uses need a parse tree, and only of the lines that could hold one.
  if (!mayReference && !urls) return { imports, references, couplings };
  const kinds: IndirectUseKinds = { calls: mayCall, pluginLists: mayPluginList, backendPairs: mayBackendPair, urls };
  let uses;
  try {
    uses = wholeFile ? indirectUsesOfWholeFile(source, kinds) : indirectUses(source, lines ?? logicalLines(source), kinds);
  } catch (err) {
    // A text tree-sitter cannot take safely (it would abort the process) keeps its import lines.
    if (err instanceof PythonTooComplexError) return { imports, references, couplings, notParsed: err.reason };
    throw err;
  }
  for (const use of uses) references.push({ module: use.module, path, line: lineOffset(use.line), via: use.via });
  return { imports, references, couplings };
}

/** Code cells of a notebook as one Python source; IPython magics and shell escapes are blanked. */
export function notebookSource(text: string): string | undefined {
  let doc: { cells?: Array<{ cell_type?: string; source?: string | string[] }> };
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  const cells = (doc.cells ?? []).filter((c) => c.cell_type === 'code');
  return cells
    .map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source ?? ''))
    .map((src) => src.split('\n').map((l) => (/^\s*[%!]/.test(l) ? '' : l)).join('\n'))
    .join('\n\n');
}

const cache = new WeakMap<RepoFacts, PythonScan>();

/** Python files of the project: outside bloat and outside nested repositories. */
export function projectPythonFiles(facts: RepoFacts, bloat: BloatIndex): string[] {
  const files: string[] = [];
  for (const { dir, file } of filesOutsideBloatFolders(facts.tree, bloat)) {
    if (file.kind !== 'file' || !PYTHON_FILE_NAME.test(file.name)) continue;
    const path = joinPath(dir.path, file.name);
    if (bloat.containing(path)) continue;
    files.push(path);
  }
  return files;
}

/** A Python file as text, honouring its PEP 263 declaration; why not when it cannot be read. */
function readPythonFile(facts: RepoFacts, path: string): { text: string } | { reason: string } {
  if (hasEscapedBytes(path)) return { reason: 'its file name is not valid UTF-8' };
  const declared = path.endsWith('.ipynb') ? undefined : nonUtf8Declaration(facts.readHead(path, 1024));
  if (declared) {
    const size = facts.file(path)?.file.size ?? 0;
    if (size > MAX_TEXT_BYTES) return { reason: `${size} bytes is larger than the ${MAX_TEXT_BYTES}-byte limit` };
    const bytes = facts.readHead(path, size);
    if (bytes.length < size) return { reason: 'cannot read it' };
    const decoded = decodePython(bytes);
    return decoded.ok ? { text: decoded.text } : { reason: decoded.reason };
  }
  const before = facts.warnings.length;
  const text = facts.readText(path);
  if (text !== undefined) return { text };
  const said = facts.warnings.slice(before).find((w) => w.path === path)?.message;
  return { reason: said ? said.replace(/^skipped: /, '') : 'it vanished or cannot be read' };
}

/** Bump when what the analysis finds in a given text changes: caches of the older analyser are then foreign. */
export const IMPORT_ANALYSIS_VERSION = 3;

export type { FileAnalysis };

/** The analysis of a Python file's (or notebook's) decoded text. */
export function analyseText(text: string, path: string): FileAnalysis {
  const isNotebook = path.endsWith('.ipynb');
  const source = isNotebook ? notebookSource(text) : text.replace(/^\uFEFF/, '');
  if (source === undefined) return { kind: 'bad-notebook' };
  try {
    const found = scanPythonSource(source, path, isNotebook ? () => undefined : (l) => l);
    const analysis: FileAnalysis = {
      kind: 'scanned',
      imports: found.imports.map((i) => [i.module, i.line ?? null, i.guarded ? 1 : 0]),
      references: found.references.map((r) => [r.module, r.line ?? null, r.via]),
      couplings: found.couplings.map((c) => [c.package, c.line ?? null, c.detail, c.host ?? null]),
    };
    if (found.notParsed) analysis.notParsed = found.notParsed;
    return analysis;
  } catch (err) {
    return { kind: 'parse-error', message: (err as Error).message };
  }
}

/** Adds one file's analysis to `scan` (and its warnings to the facts), as reading it would have. */
function applyAnalysis(facts: RepoFacts, path: string, analysis: FileAnalysis, scan: PythonScan): void {
  const line = (n: number | null) => (n === null ? undefined : n);
  switch (analysis.kind) {
    case 'scanned':
      for (const [module, at, guarded] of analysis.imports) scan.imports.push({ module, path, line: line(at), guarded: guarded === 1 });
      for (const [module, at, via] of analysis.references) scan.references.push({ module, path, line: line(at), via });
      if (analysis.notParsed) facts.warnings.push({ path, message: `indirect imports not read: ${analysis.notParsed}` });
      for (const [pkg, at, detail, host] of analysis.couplings) scan.couplings.push({ package: pkg, path, line: line(at), detail, host: host ?? undefined });
      return;
    case 'bad-notebook':
      facts.warnings.push({ path, message: 'not a readable notebook (invalid JSON); its imports are not counted' });
      scan.unread.push({ path, shown: displayPath(path), reason: 'not a readable notebook (invalid JSON)' });
      return;
    case 'parse-error':
      facts.warnings.push({ path, message: `cannot parse for imports: ${analysis.message}` });
      scan.unread.push({ path, shown: displayPath(path), reason: `cannot parse it for imports (${analysis.message})` });
  }
}

/** Where a scan keeps and finds per-file analyses across runs (src/cache/analysis-cache.ts). */
export interface FileAnalysisStore {
  knows(path: string): boolean;
  /** How many files it has analyses of. */
  readonly known: number;
  keyOf(path: string): unknown;
  lookup(path: string, key: unknown): FileAnalysis | undefined;
  store(path: string, key: unknown, analysis: FileAnalysis): void;
}

/** The folder of the last file noteLocalModules saw, per scan: files come folder by folder. */
const lastFolder = new WeakMap<PythonScan, string>();

/** The project's own module names a file's path gives (`app/asr.py`: `asr`, `app`). */
function noteLocalModules(path: string, scan: PythonScan): void {
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  const ext = name.endsWith('.py') ? 3 : name.endsWith('.pyw') ? 4 : 0;
  if (ext === 0) return;
  scan.localModules.add(name.slice(0, -ext));
  // The folders' names are in the set already when the last file was in the same folder.
  const folder = slash < 0 ? '' : path.slice(0, slash);
  if (lastFolder.get(scan) === folder) return;
  lastFolder.set(scan, folder);
  if (slash >= 0) for (const dir of folder.split('/')) scan.localModules.add(dir);
}

/** A file that cannot be read: unread, and (unless readText already said why) a warning. */
function noteUnread(facts: RepoFacts, path: string, reason: string, scan: PythonScan): void {
  // readText has already named the file and why; an undecodable name or a PEP 263 failure has not.
  scan.unread.push({ path, shown: displayPath(path), reason });
  if (hasEscapedBytes(path) || !facts.warnings.some((w) => w.path === path)) {
    facts.warnings.push({ path, message: `${reason}: its imports are unknown, so no requirement it may need is called unused or removed` });
  }
}

/** What is known of a file before the scan reads it: its cache key, and its analysis when already made. */
interface PreparedFile {
  key: unknown;
  /** From the cache (not stored again). */
  cached?: FileAnalysis;
  /** From a worker thread (stored like one made here). */
  analysed?: FileAnalysis;
  /** Its read-log hash, from the worker. */
  hash?: string;
}

function prepareFile(path: string, store?: FileAnalysisStore): PreparedFile {
  // A file the cache holds nothing for is a miss whatever its key: its key is taken where it is read.
  const key = store && !hasEscapedBytes(path) && store.knows(path) ? store.keyOf(path) : undefined;
  return { key, cached: store ? store.lookup(path, key) : undefined };
}

/** Scans one file into `scan`. */
function scanFile(facts: RepoFacts, path: string, scan: PythonScan, store?: FileAnalysisStore, prepared = prepareFile(path, store)): void {
  scan.files.push(path);
  noteLocalModules(path, scan);
  let analysis = prepared.cached ?? prepared.analysed;
  // Made from the file without the facts' readers (a cache or a worker): logged as its analysis.
  if (analysis) facts.reads?.analysis(path, prepared.key as FileKey | undefined, analysis, prepared.hash);
  else {
    // The key is taken before the file is read: a change while it is read gives a newer key next time.
    if (store && prepared.key === undefined && !hasEscapedBytes(path)) prepared.key = store.keyOf(path);
    const read = readPythonFile(facts, path);
    if ('reason' in read) return noteUnread(facts, path, read.reason, scan);
    analysis = analyseText(read.text, path);
  }
  if (!prepared.cached && store && prepared.key !== undefined) store.store(path, prepared.key, analysis);
  applyAnalysis(facts, path, analysis, scan);
}

/**
 * The files the cache cannot answer, read and analysed on `jobs` worker threads beforehand; a file
 * a worker could not read (and every file, when workers cannot start) is left to the main thread.
 */
async function analyseOnWorkers(facts: RepoFacts, files: readonly string[], prepared: PreparedFile[], jobs: number, started: ImportWorkers | undefined, meanwhile: () => void): Promise<void> {
  // The files' indexes, and what the workers are given for each.
  const todo: number[] = [];
  const items: ImportWorkItem[] = [];
  files.forEach((path, i) => {
    if (prepared[i].cached || hasEscapedBytes(path)) return;
    const size = facts.file(path)?.file.size ?? -1;
    if (size > MAX_WORKER_FILE_BYTES) return;
    todo.push(i);
    items.push({ path, size });
  });
  if (jobs < 2 || todo.length < MIN_FILES_FOR_WORKERS) return;
  let workers = started;
  let analysed: Promise<Array<WorkerAnalysis | null>> | undefined;
  try {
    workers ??= startImportWorkers(facts.root, jobs);
    // It never rejects: a worker that fails leaves its files to the main thread.
    analysed = workers.analyse(items, { hashes: facts.reads !== undefined });
  } catch {
    // The worker script cannot be found: the main thread reads every file.
  }
  try {
    meanwhile();
  } catch (err) {
    workers?.stop();
    throw err;
  }
  if (!analysed) return;
  const results = await analysed;
  let done = 0;
  let copies = 0;
  todo.forEach((i, n) => {
    const result = results[n];
    if (!result) return;
    prepared[i].analysed = result.analysis;
    prepared[i].key ??= result.key;
    prepared[i].hash = result.hash;
    done++;
    if (result.copy) copies++;
  });
  debugWorkers(`${done} of ${todo.length} Python files analysed on ${jobs} threads (${copies} of them copies of a file already analysed)`);
}

/** REPOLISH_DEBUG=workers: what the workers did (tests observe the parallel path by it). */
function debugWorkers(message: string): void {
  if (debugEnabled('workers')) process.stderr.write(`repolish: workers: ${message}\n`);
}

function startWorkersIfPossible(root: string, jobs: number): ImportWorkers | undefined {
  try {
    return startImportWorkers(root, jobs);
  } catch {
    return undefined; // analyseOnWorkers tries again and falls back to the main thread
  }
}

/** Tracked Python files a sparse checkout leaves off the disk: unread, and said so. */
function addSparseSkipped(facts: RepoFacts, bloat: BloatIndex, scan: PythonScan): void {
  for (const file of sparseSkippedPython(facts, bloat)) {
    scan.unread.push(file);
    facts.warnings.push({ path: file.path, message: `${file.reason}: its imports are unknown, so no requirement it may need is called unused or removed` });
  }
}

function emptyScan(): PythonScan {
  return { files: [], imports: [], references: [], localModules: new Set(), couplings: [], unread: [] };
}

/** Every import of the project's code, scanned once per walk (synchronously). */
export function scanProjectPython(facts: RepoFacts, bloat: BloatIndex): PythonScan {
  const cached = cache.get(facts);
  if (cached) return cached;
  refuseAhead(facts);
  const scan = emptyScan();
  for (const path of projectPythonFiles(facts, bloat)) scanFile(facts, path, scan);
  addSparseSkipped(facts, bloat, scan);
  scan.localModules.delete('');
  cache.set(facts, scan);
  return scan;
}

/** How scanProjectPythonAsync runs. */
export interface PythonScanRun {
  /** Turn the event loop after this many files (default 50). */
  yieldEvery?: number;
  /** The persistent cache to answer from and fill. */
  store?: FileAnalysisStore;
  /** Threads to read and analyse on (1: the main thread only). */
  jobs?: number;
  onProgress?: (done: number, total: number) => void;
  /** What the main thread does while the workers read (src/scan.ts: rules run ahead). */
  meanwhile?: () => void;
  /** Workers started before the files were known (startWorkersAhead); stopped when the scan ends. */
  workers?: ImportWorkers;
}

/**
 * Import workers started before the tree is classified, so that they load tree-sitter meanwhile:
 * only when the tree has enough Python files outside ignored folders to start them for, and the
 * cache knows too few files to answer most of them (a first scan, `--no-cache`, a new analyser).
 * Otherwise they are started, if at all, once enough files are found to need reading.
 */
export function startWorkersAhead(facts: RepoFacts, store: FileAnalysisStore | undefined, jobs: number): ImportWorkers | undefined {
  if (jobs < 2 || (store !== undefined && store.known >= MIN_FILES_FOR_WORKERS)) return undefined;
  let found = 0;
  for (const dir of iterateDirs(facts.tree)) {
    if (dir.ignored) continue;
    for (const file of dir.files) {
      if (file.kind !== 'file' || file.ignored || !PYTHON_FILE_NAME.test(file.name) || ++found < MIN_FILES_FOR_WORKERS) continue;
      debugWorkers('started ahead of the classification');
      return startWorkersIfPossible(facts.root, jobs);
    }
  }
  return undefined;
}

/**
 * The same scan, yielding to the event loop every few files: tree-sitter's native trees are
 * released only when the loop turns, so a project with thousands of Python files should be
 * scanned this way (before the rules run; they then find the result cached).
 */
export async function scanProjectPythonAsync(facts: RepoFacts, bloat: BloatIndex, run: PythonScanRun = {}): Promise<PythonScan> {
  const { yieldEvery = 50, store, jobs = 1, onProgress, meanwhile } = run;
  let workers = run.workers;
  const cached = cache.get(facts);
  if (cached) {
    workers?.stop();
    return cached;
  }
  const scan = emptyScan();
  const files = projectPythonFiles(facts, bloat);
  // The workers load tree-sitter while the cache is asked about the rest: they start once enough
  // files need reading (so never on a warm cache).
  let misses = 0;
  const prepared = files.map((path) => {
    const file = prepareFile(path, store);
    if (!file.cached && !hasEscapedBytes(path) && ++misses === MIN_FILES_FOR_WORKERS && jobs >= 2) workers ??= startWorkersIfPossible(facts.root, jobs);
    return file;
  });
  try {
    // The main thread settles the classification (reads the virtualenvs) while the workers read,
    // then does what the caller can do before the analysis is done (src/scan.ts: rules run ahead).
    await analyseOnWorkers(facts, files, prepared, jobs, workers, () => {
      bloat.settle();
      meanwhile?.();
    });
  } finally {
    workers?.stop();
  }
  for (let i = 0; i < files.length; i++) {
    scanFile(facts, files[i], scan, store, prepared[i]);
    onProgress?.(i + 1, files.length);
    if ((i + 1) % yieldEvery === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  addSparseSkipped(facts, bloat, scan);
  scan.localModules.delete('');
  cache.set(facts, scan);
  return scan;
}
