/**
 * `npm run bench`: generates (or reuses) synthetic repositories at several sizes, then measures
 * repolish against what a user would otherwise run on the same tree, in alternating order within
 * one process tree, and writes the medians, ratios and a plot into docs/benchmarks.md.
 *
 *   node dist/bench/run.js [--sizes 20000,100000,200000] [--reps 3] [--seed 1] [--out DIR]
 *                          [--only find,du,git,scan,scan-warm,scan-touched,scan-warm-rules,scan-edited,scan-distinct,scan-default-jit,scan-no-imports,ast-grep,codemod,codemod-worst,codemod-parse-only,parse-loop]
 *                          [--no-docs] [--regenerate] [--report-from results.json]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { GENERATOR_VERSION, generateRepository, removeTree, type GeneratedTree } from './generate.js';
import { measure, median, type Measurement } from './measure.js';
import { lineChart } from './plot.js';
import { renderResults, updateDoc, type BenchResults, type SizeResult, type ToolResult } from './report.js';
import { packageRoot } from '../src/model/package-root.js';

const ROOT = packageRoot(import.meta.url);

export interface BenchOptions {
  sizes: number[];
  reps: number;
  seed: number;
  out: string;
  only?: Set<string>;
  docs: boolean;
  regenerate: boolean;
  /** Re-render the report from a saved results.json instead of measuring. */
  reportFrom?: string;
}

function parseArgs(argv: string[]): BenchOptions {
  const opts: BenchOptions = { sizes: [20_000, 100_000, 200_000], reps: 3, seed: 1, out: join(ROOT, 'bench', 'out'), docs: true, regenerate: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--sizes': opts.sizes = value().split(',').map((s) => Number(s.replace(/k$/i, '000'))); break;
      case '--reps': opts.reps = Number(value()); break;
      case '--seed': opts.seed = Number(value()); break;
      case '--out': opts.out = resolve(value()); break;
      case '--only': opts.only = new Set(value().split(',')); break;
      case '--no-docs': opts.docs = false; break;
      case '--regenerate': opts.regenerate = true; break;
      case '--report-from': opts.reportFrom = resolve(value()); break;
      default: throw new Error(`unknown option ${argv[i]}`);
    }
  }
  if (opts.sizes.some((s) => !Number.isFinite(s) || s < 1000)) throw new Error('--sizes: numbers of files, at least 1000');
  if (!(opts.reps >= 1)) throw new Error('--reps: at least 1');
  opts.sizes.sort((a, b) => a - b);
  return opts;
}

interface ToolSpec {
  id: string;
  label: string;
  group: 'walk' | 'codemod';
  argv(root: string): string[];
  /** Exit codes that mean success. */
  ok: number[];
  /** Why the tool cannot run here, or undefined. */
  unavailable?: string;
  /** Run before each measurement (not measured): empties a cache, touches files. */
  before?(tree: GeneratedTree, run: number): void;
  /** Run after each measurement (not measured): undoes what `before` did to the tree. */
  after?(tree: GeneratedTree): void;
}

function astGrepBinary(): string | undefined {
  // The platform package holds the real binary; @ast-grep/cli's postinstall only links it.
  const candidates = [
    join(ROOT, 'node_modules', '@ast-grep', `cli-${process.platform}-${process.arch}-gnu`, 'ast-grep'),
    join(ROOT, 'node_modules', '@ast-grep', `cli-${process.platform}-${process.arch}`, 'ast-grep'),
    join(ROOT, 'node_modules', '@ast-grep', 'cli', 'ast-grep'),
  ];
  return candidates.find((c) => existsSync(c));
}

/** Short names for the plot legends. */
const PLOT_LABELS: Record<string, string> = {
  find: "find -printf '%s\\n'", du: 'du -sb', git: 'git status --ignored', scan: 'repolish scan (cold cache)', 'scan-warm': 'scan, warm cache',
  'scan-touched': 'scan, warm cache, 1 % touched', 'scan-no-imports': 'scan, deps/* rules off',
  'scan-warm-rules': 'scan, warm cache, memo off', 'scan-edited': 'scan, warm cache, 1 % edited',
  'scan-distinct': 'scan (cold), every Python file distinct', 'scan-default-jit': 'scan (cold), V8 compiler defaults',
  'ast-grep': 'ast-grep run --rewrite', codemod: 'codemod whisper (dry run)', 'codemod-worst': 'codemod, no trigger filter', 'codemod-parse-only': 'engine, parse only', 'parse-loop': 'tree-sitter parse loop',
};

/** Rules that need the import analysis of every Python file (see the scan-no-imports diagnostic). */
const IMPORT_RULES = ['deps/heavy', 'deps/heavy-unused', 'deps/unused', 'deps/missing', 'docker/heavy-unused-in-image'];
let NO_IMPORTS_CONFIG = '';
/** The analysis cache folders of the three scans (under --out, never inside a tree). */
let CACHE_DIRS = { cold: '', warm: '', touched: '', edited: '', distinct: '' };

/** A scan that is not measured, so that the next one finds its caches as it left them. */
function settle(tree: GeneratedTree, cacheDir: string): void {
  execFileSync(process.execPath, [join(ROOT, 'bin', 'repolish.js'), 'scan', '--format', 'json', '--quiet', '--cache-dir', cacheDir, tree.root], { stdio: 'ignore' });
}

/** Every hundredth Python file of the tree: the 1 % a warm scan finds changed. */
function touchedFiles(tree: GeneratedTree): string[] {
  return tree.pythonFiles.filter((_, i) => i % 100 === 50).map((rel) => join(tree.root, rel));
}

/** Sets (or restores) modification times to the nanosecond: Node's utimes takes seconds as a double. */
function setMtimesNs(times: Array<[string, bigint]>): void {
  const script = 'import json,os,sys\nfor p,t in json.load(sys.stdin): os.utime(p, ns=(int(t), int(t)))\n';
  execFileSync('python3', ['-c', script], { input: JSON.stringify(times.map(([p, t]) => [p, String(t)])) });
}

/** The mtimes the touched and edited files had before the bench changed them (to the nanosecond). */
const originalMtimes = new Map<string, bigint>();

function rememberMtimes(files: string[]): void {
  const missing = files.filter((file) => !originalMtimes.has(file));
  if (missing.length === 0) return;
  const stamps = JSON.parse(execFileSync('python3', ['-c', 'import json,os,sys\nprint(json.dumps([str(os.lstat(p).st_mtime_ns) for p in json.load(sys.stdin)]))'], { input: JSON.stringify(missing), encoding: 'utf8' })) as string[];
  missing.forEach((file, i) => originalMtimes.set(file, BigInt(stamps[i])));
}
const originalTexts = new Map<string, Buffer>();


function tools(): ToolSpec[] {
  const node = process.execPath;
  const cli = join(ROOT, 'bin', 'repolish.js');
  const astGrep = astGrepBinary();
  const codemodsBuilt = existsSync(join(ROOT, 'dist', 'codemods', 'index.js'));
  const worstDriver = join(ROOT, 'dist', 'bench', 'worst-case-codemod.js');
  const worstUnavailable = codemodsBuilt && existsSync(worstDriver) ? undefined : 'the worst-case codemod driver is not built';
  const parseLoop = join(ROOT, 'dist', 'bench', 'parse-loop.js');
  return [
    { id: 'find', label: "find -printf '%s\\n'", group: 'walk', ok: [0], argv: (r) => ['find', r, '-printf', '%s\n'] },
    { id: 'du', label: 'du -sb', group: 'walk', ok: [0], argv: (r) => ['du', '-sb', r] },
    { id: 'git', label: 'git status --porcelain --ignored', group: 'walk', ok: [0], argv: (r) => ['git', '-C', r, 'status', '--porcelain', '--ignored'] },
    {
      // Cold: the analysis cache is emptied before every run (so the run also pays for writing it).
      id: 'scan', label: 'repolish scan --format json (cold cache)', group: 'walk', ok: [0],
      argv: (r) => [node, cli, 'scan', '--format', 'json', '--cache-dir', CACHE_DIRS.cold, r],
      before: () => rmSync(CACHE_DIRS.cold, { recursive: true, force: true }),
    },
    {
      // Warm: the second of two runs with nothing changed in between. The first (not measured)
      // settles the cache: the touched and edited runs put their files' mtimes back, but not their
      // ctimes, which the cache keys hold.
      id: 'scan-warm', label: 'repolish scan, warm cache', group: 'walk', ok: [0],
      argv: (r) => [node, cli, 'scan', '--format', 'json', '--cache-dir', CACHE_DIRS.warm, r],
      before: (tree) => settle(tree, CACHE_DIRS.warm),
    },
    {
      // 1 % of the Python files get a new mtime before each run (another one each run, so the
      // cache never knows it), after a settling run as for scan-warm, and their own mtime back
      // afterwards.
      id: 'scan-touched', label: 'repolish scan, warm cache, 1 % of Python files touched', group: 'walk', ok: [0],
      argv: (r) => [node, cli, 'scan', '--format', 'json', '--cache-dir', CACHE_DIRS.touched, r],
      before: (tree, run) => {
        settle(tree, CACHE_DIRS.touched);
        const files = touchedFiles(tree);
        rememberMtimes(files);
        setMtimesNs(files.map((file) => [file, originalMtimes.get(file)! + BigInt(run + 1) * 1_000_000_000n]));
      },
      after: (tree) => setMtimesNs(touchedFiles(tree).map((file) => [file, originalMtimes.get(file)!])),
    },
    {
      // Diagnostic: a warm scan that runs every rule (the report memo off), on the warm cache.
      id: 'scan-warm-rules', label: 'repolish scan, warm cache, report memo off', group: 'walk', ok: [0],
      argv: (r) => [node, cli, 'scan', '--format', 'json', '--no-report-memo', '--cache-dir', CACHE_DIRS.warm, r],
      before: (tree) => settle(tree, CACHE_DIRS.warm),
    },
    {
      // Diagnostic: 1 % of the Python files edited (a comment line added, of another length each
      // run) before each run and restored after it: the sizes change, so the memo cannot answer
      // and those files are read again.
      id: 'scan-edited', label: 'repolish scan, warm cache, 1 % of Python files edited', group: 'walk', ok: [0],
      argv: (r) => [node, cli, 'scan', '--format', 'json', '--cache-dir', CACHE_DIRS.edited, r],
      before: (tree, run) => {
        rememberMtimes(touchedFiles(tree));
        for (const file of touchedFiles(tree)) {
          if (!originalTexts.has(file)) originalTexts.set(file, readFileSync(file));
          writeFileSync(file, Buffer.concat([originalTexts.get(file)!, Buffer.from(`# edited${'.'.repeat(run + 1)}\n`)]));
        }
      },
      after: (tree) => {
        for (const file of touchedFiles(tree)) writeFileSync(file, originalTexts.get(file)!);
        setMtimesNs(touchedFiles(tree).map((file) => [file, originalMtimes.get(file)!]));
      },
    },
    {
      // Diagnostic: the cold scan of the same tree without copies of files (GenerateOptions.distinct).
      id: 'scan-distinct', label: 'repolish scan (cold cache), every Python file distinct', group: 'walk', ok: [0],
      argv: (r) => [node, cli, 'scan', '--format', 'json', '--cache-dir', CACHE_DIRS.distinct, distinctRoot(r)],
      before: () => rmSync(CACHE_DIRS.distinct, { recursive: true, force: true }),
    },
    {
      // Diagnostic: the cold scan with V8's own compiler settings (src/jit-tuning.ts), to show what they change.
      id: 'scan-default-jit', label: 'repolish scan (cold cache), V8 compiler defaults', group: 'walk', ok: [0],
      argv: (r) => ['env', 'REPOLISH_JIT=default', node, cli, 'scan', '--format', 'json', '--cache-dir', CACHE_DIRS.cold, r],
      before: () => rmSync(CACHE_DIRS.cold, { recursive: true, force: true }),
    },
    {
      // Diagnostic: the same scan with the rules that read every Python file's imports turned off,
      // to tell the walk and bloat classification apart from the dependency analysis.
      id: 'scan-no-imports', label: 'repolish scan, deps/* rules off', group: 'walk', ok: [0],
      argv: (r) => [node, cli, 'scan', '--format', 'json', '--config', NO_IMPORTS_CONFIG, r],
    },
    {
      id: 'ast-grep', label: 'ast-grep run (load_model rewrite)', group: 'codemod', ok: [0, 1],
      unavailable: astGrep ? undefined : 'no ast-grep binary in node_modules/@ast-grep (npm install)',
      argv: (r) => [astGrep!, 'run', '--lang', 'python', '--pattern', 'whisper.load_model($A)', '--rewrite', 'WhisperModel($A)', r],
    },
    {
      id: 'codemod', label: 'repolish codemod run whisper-to-faster-whisper', group: 'codemod', ok: [0],
      unavailable: codemodsBuilt ? undefined : 'the codemod registry is not built (dist/codemods/index.js)',
      argv: (r) => [node, cli, 'codemod', 'run', 'whisper-to-faster-whisper', r],
    },
    {
      id: 'codemod-worst', label: 'worst case: whisper codemod, no trigger filter', group: 'codemod', ok: [0],
      unavailable: worstUnavailable,
      argv: (r) => [node, worstDriver, r],
    },
    {
      // Diagnostic: the worst case's files read, checked and parsed by the engine, with a transform
      // that does nothing: the part of the worst case that is reading and tree-sitter.
      id: 'codemod-parse-only', label: 'worst case without the codemod: the engine reads and parses every Python file', group: 'codemod', ok: [0],
      unavailable: worstUnavailable,
      argv: (r) => [node, worstDriver, '--parse-only', r],
    },
    {
      // Diagnostic: the same Python files parsed by node tree-sitter in a plain loop on as many
      // workers: the part of the worst case that is the parser binding itself.
      id: 'parse-loop', label: 'the same Python files parsed by node tree-sitter in a plain loop', group: 'codemod', ok: [0],
      unavailable: existsSync(parseLoop) ? undefined : 'the parse loop is not built (dist/bench/parse-loop.js)',
      argv: (r) => [node, parseLoop, r],
    },
  ];
}

/** Where the tree of `root`'s size and seed is generated with every Python file distinct. */
const distinctRoot = (root: string) => `${root}-distinct`;

function ensureTree(opts: BenchOptions, size: number, distinct = false): { tree: GeneratedTree; seconds?: number } {
  const plain = join(opts.out, 'trees', `files-${size}-seed-${opts.seed}`);
  const root = distinct ? distinctRoot(plain) : plain;
  const marker = `${root}.json`;
  if (!opts.regenerate && existsSync(marker) && existsSync(root)) {
    const tree = JSON.parse(readFileSync(marker, 'utf8')) as GeneratedTree;
    if (tree.generatorVersion === GENERATOR_VERSION && tree.seed === opts.seed) return { tree };
  }
  removeTree(root);
  mkdirSync(dirname(root), { recursive: true });
  log(`generating ${size} files (seed ${opts.seed}${distinct ? ', every Python file distinct' : ''}) in ${root} ...`);
  const t0 = performance.now();
  const tree = generateRepository({ root, files: size, seed: opts.seed, distinct });
  const seconds = (performance.now() - t0) / 1000;
  writeFileSync(marker, JSON.stringify(tree));
  log(`  ${tree.files} files, ${tree.dirs} folders, ${tree.pythonFiles.length} Python files, in ${seconds.toFixed(1)} s`);
  return { tree, seconds };
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function version(argv: string[]): string {
  try {
    return execFileSync(argv[0], argv.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n')[0];
  } catch {
    return 'unknown';
  }
}

function machine(out: string): BenchResults['machine'] {
  const astGrep = astGrepBinary();
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 1e9),
    kernel: release(),
    fileSystem: version(['stat', '-f', '-c', '%T', out]),
    commit: version(['git', '-C', ROOT, 'describe', '--always', '--dirty']),
    node: process.version,
    git: version(['git', '--version']),
    python: version(['python3', '--version']),
    astGrep: astGrep ? version([astGrep, '--version']) : 'not installed',
    find: version(['find', '--version']),
  };
}

/** What the warm-up run printed, checked so that a broken tool cannot pass as a fast one. */
function sanity(id: string, stdout: string, stderr: string): string {
  switch (id) {
    case 'scan':
    case 'scan-warm':
    case 'scan-touched':
    case 'scan-warm-rules':
    case 'scan-edited':
    case 'scan-distinct':
    case 'scan-default-jit':
    case 'scan-no-imports': {
      const json = JSON.parse(stdout) as { totals: { files: number; bytes: number }; findings: unknown[] };
      return `${json.totals.files} files, ${json.findings.length} findings`;
    }
    case 'ast-grep': {
      const files = stdout.split('\n').filter((l) => /\.py$/.test(l) && !l.startsWith(' ') && !/^\d/.test(l)).length;
      return `${files} files with a rewrite`;
    }
    case 'codemod':
    case 'codemod-worst':
    case 'codemod-parse-only': {
      const files = (stdout.match(/^diff --git /gm) ?? []).length;
      const summary = stderr.split('\n').find((l) => /modified/.test(l)) ?? '';
      return `${files} files in the diff${summary ? `; ${summary.trim()}` : ''}`;
    }
    case 'parse-loop':
      return stderr.trim().split('\n').at(-1) ?? '';
    case 'find':
      return `${stdout.split('\n').length - 1} entries`;
    case 'git':
      return `${stdout.split('\n').length - 1} lines`;
    case 'du':
      // du prints the size and the path; the path is this machine's, the size is the check.
      return `${stdout.trim().split(/\s+/)[0]} bytes`;
    default:
      return stdout.trim().split('\n')[0] ?? '';
  }
}

function runSize(opts: BenchOptions, size: number, specs: ToolSpec[]): SizeResult {
  const { tree, seconds } = ensureTree(opts, size);
  const logs = join(opts.out, 'logs');
  mkdirSync(logs, { recursive: true });
  const env = { ...process.env, NO_COLOR: '1' };
  const active = specs.filter((s) => !s.unavailable && (!opts.only || opts.only.has(s.id)));
  // The tree without copies is generated before anything is measured.
  if (active.some((s) => s.id === 'scan-distinct')) ensureTree(opts, size, true);
  const results = new Map<string, ToolResult>();

  // Warm-up: fills the page cache, and its output is checked and kept for inspection. A tool that
  // fails twice is dropped for this size, with the reason in the report.
  const failed: Array<{ id: string; reason: string }> = [];
  for (const spec of [...active]) {
    const stdout = join(logs, `${size}-${spec.id}.stdout`);
    const stderr = join(logs, `${size}-${spec.id}.stderr`);
    const timed = (out: string, err: string, run: number): Measurement => {
      spec.before?.(tree, run);
      try {
        return measure(spec.argv(tree.root), out, err, env);
      } finally {
        spec.after?.(tree);
      }
    };
    let m = timed(stdout, stderr, 0);
    if (!spec.ok.includes(m.exitCode)) m = timed(stdout, stderr, 1);
    if (!spec.ok.includes(m.exitCode)) {
      const firstLine = readFileSync(stderr, 'utf8').split('\n').find((l) => /error|Error/.test(l)) ?? '';
      log(`  warm-up ${spec.id}: exited with ${m.exitCode}; left out (${stderr}) ${firstLine}`);
      failed.push({ id: spec.id, reason: `exited with ${m.exitCode} at ${size} files: ${firstLine.trim().slice(0, 160)}` });
      active.splice(active.indexOf(spec), 1);
      continue;
    }
    const check = sanity(spec.id, readFileSync(stdout, 'utf8'), readFileSync(stderr, 'utf8'));
    log(`  warm-up ${spec.id}: ${m.wall.toFixed(2)} s (${check})`);
    results.set(spec.id, { id: spec.id, label: spec.label, group: spec.group, runs: [], check, median: { wall: 0, cpu: 0, maxRss: 0 } });
  }

  // Neither the cache nor the compiler settings may change the report: the warm-up outputs of the scans are compared.
  const scanOutputs = ['scan', 'scan-warm', 'scan-touched', 'scan-warm-rules', 'scan-default-jit'].filter((id) => results.has(id)).map((id) => ({ id, text: readFileSync(join(logs, `${size}-${id}.stdout`), 'utf8') }));
  const differing = scanOutputs.filter((o) => o.text !== scanOutputs[0]?.text).map((o) => o.id);
  const sameReport = scanOutputs.length < 2 ? undefined : differing.length === 0;
  if (sameReport === false) log(`  REPORTS DIFFER: ${differing.join(', ')} differ from ${scanOutputs[0].id}`);

  // Alternating runs: each round starts one tool later, so no tool always runs after the same one.
  for (let rep = 0; rep < opts.reps; rep++) {
    const order = active.map((_, i) => active[(i + rep) % active.length]);
    const line: string[] = [];
    for (const spec of order) {
      const timed = (run: number): Measurement => {
        spec.before?.(tree, run);
        try {
          return measure(spec.argv(tree.root), '/dev/null', join(logs, `${size}-${spec.id}.round.stderr`), env);
        } finally {
          spec.after?.(tree);
        }
      };
      // Each run of a tool that touches files gets its own new mtimes (run numbers 2, 4, 6...).
      let m: Measurement = timed(2 * rep + 2);
      // A failed run is retried once (on a shared machine dist/ may be rebuilt under our feet) and
      // otherwise left out of the medians, with a note, rather than losing the whole benchmark.
      if (!spec.ok.includes(m.exitCode)) m = timed(2 * rep + 3);
      if (!spec.ok.includes(m.exitCode)) {
        results.get(spec.id)!.failures = (results.get(spec.id)!.failures ?? 0) + 1;
        line.push(`${spec.id} FAILED (exit ${m.exitCode})`);
        continue;
      }
      results.get(spec.id)!.runs.push(m);
      line.push(`${spec.id} ${m.wall.toFixed(2)}s`);
    }
    log(`  round ${rep + 1}/${opts.reps}: ${line.join(', ')}`);
  }
  for (const r of results.values()) {
    if (r.runs.length === 0) continue;
    r.median = { wall: median(r.runs.map((x) => x.wall)), cpu: median(r.runs.map((x) => x.cpu)), maxRss: median(r.runs.map((x) => x.maxRss)) };
  }
  return {
    size,
    files: tree.files,
    dirs: tree.dirs,
    bytes: tree.bytes,
    pythonFiles: tree.pythonFiles.length,
    whisperFiles: tree.whisperFiles.length,
    ollamaFiles: tree.ollamaFiles.length,
    generationSeconds: seconds,
    tools: [...results.values()].filter((r) => r.runs.length > 0),
    failed,
    sameReportWithCache: sameReport,
  };
}

/** The tables on stdout, and (unless --no-docs) docs/benchmarks.md and the plots. */
function publish(results: BenchResults, opts: BenchOptions): void {
  const markdown = renderResults(results);
  process.stdout.write(markdown);
  if (!opts.docs) return;
  const { sizes } = results;
  const docs = join(ROOT, 'docs');
  mkdirSync(docs, { recursive: true });
  const scanTools = ['find', 'du', 'git', 'scan', 'scan-warm', 'scan-touched', 'scan-no-imports'];
  const codemodTools = ['ast-grep', 'codemod', 'codemod-worst'];
  const series = (ids: string[]) => ids.flatMap((id) => {
    const points = sizes.flatMap((s) => s.tools.filter((t) => t.id === id).map((t) => [s.files, t.median.wall] as [number, number]));
    return points.length ? [{ label: PLOT_LABELS[id] ?? id, points }] : [];
  });
  writeFileSync(join(docs, 'bench-scan.svg'), lineChart('Walking a repository: median wall time', series(scanTools)));
  const codemodSeries = series(codemodTools);
  if (codemodSeries.length) writeFileSync(join(docs, 'bench-codemod.svg'), lineChart('Codemod over the same tree: median wall time', codemodSeries));
  updateDoc(join(docs, 'benchmarks.md'), markdown, codemodSeries.length > 0);
  log(`wrote docs/benchmarks.md, docs/bench-scan.svg${codemodSeries.length ? ', docs/bench-codemod.svg' : ''}`);
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.reportFrom) {
    publish(JSON.parse(readFileSync(opts.reportFrom, 'utf8')) as BenchResults, opts);
    return;
  }
  mkdirSync(opts.out, { recursive: true });
  NO_IMPORTS_CONFIG = join(opts.out, 'no-imports.config.json');
  CACHE_DIRS = { cold: join(opts.out, 'cache', 'cold'), warm: join(opts.out, 'cache', 'warm'), touched: join(opts.out, 'cache', 'touched'), edited: join(opts.out, 'cache', 'edited'), distinct: join(opts.out, 'cache', 'distinct') };
  rmSync(join(opts.out, 'cache'), { recursive: true, force: true });
  writeFileSync(NO_IMPORTS_CONFIG, `${JSON.stringify({ rules: Object.fromEntries(IMPORT_RULES.map((id) => [id, 'off'])) }, null, 2)}\n`);
  const specs = tools();
  for (const s of specs) if (s.unavailable && (!opts.only || opts.only.has(s.id))) log(`skipping ${s.id}: ${s.unavailable}`);
  const started = new Date();
  const loadBefore = loadavg();
  const sizes: SizeResult[] = [];
  for (const size of opts.sizes) {
    log(`== ${size} files`);
    sizes.push(runSize(opts, size, specs));
    writeFileSync(join(opts.out, 'results.partial.json'), `${JSON.stringify(sizes, null, 2)}\n`);
  }
  const results: BenchResults = {
    date: started.toISOString(),
    reps: opts.reps,
    seed: opts.seed,
    machine: machine(opts.out),
    load: { before: loadBefore, after: loadavg() },
    sizes,
    skipped: specs.filter((s) => s.unavailable).map((s) => ({ id: s.id, reason: s.unavailable! })),
  };
  writeFileSync(join(opts.out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  publish(results, opts);
}

main().catch((err: Error) => {
  process.stderr.write(`bench: ${err?.stack ?? err}\n`);
  process.exit(1);
});
