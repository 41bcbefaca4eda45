/** The benchmark results as Markdown: tables, ratios against the targets, and the plots. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Measurement } from './measure.js';

export interface ToolResult {
  id: string;
  label: string;
  group: 'walk' | 'codemod';
  runs: Measurement[];
  median: { wall: number; cpu: number; maxRss: number };
  /** What the warm-up run produced (counts), to show the work was done. */
  check: string;
  /** Rounds that failed twice and are left out of the medians. */
  failures?: number;
}

export interface SizeResult {
  size: number;
  files: number;
  dirs: number;
  bytes: number;
  pythonFiles: number;
  whisperFiles: number;
  ollamaFiles: number;
  /** Set when the tree was generated in this run. */
  generationSeconds?: number;
  tools: ToolResult[];
  /** Tools whose warm-up run failed twice at this size. */
  failed?: Array<{ id: string; reason: string }>;
  /** Whether the cold, warm and touched scans printed the same report (undefined: not all ran). */
  sameReportWithCache?: boolean;
}

export interface BenchResults {
  date: string;
  reps: number;
  seed: number;
  machine: Record<string, string | number>;
  load: { before: number[]; after: number[] };
  sizes: SizeResult[];
  skipped: Array<{ id: string; reason: string }>;
}

export interface TargetCheck {
  what: string;
  target: string;
  measured: string;
  holds: boolean | undefined;
}

const MB = 1024 * 1024;

function secs(v: number): string {
  return v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3);
}

function mb(v: number): string {
  return `${Math.round(v / MB)} MB`;
}

function spread(t: ToolResult): string {
  const walls = t.runs.map((r) => r.wall);
  return `${secs(Math.min(...walls))}–${secs(Math.max(...walls))}`;
}

/** The CPU-time ratio: steadier than wall time when other work shares the cores. */
function cpuRatio(a: ToolResult, b: ToolResult): string {
  return `${(a.median.cpu / b.median.cpu).toFixed(2)} ×`;
}

function tool(size: SizeResult | undefined, id: string): ToolResult | undefined {
  return size?.tools.find((t) => t.id === id);
}

function linearity(results: BenchResults, id: string, label: string): TargetCheck | undefined {
  // CPU time, not wall: on a shared machine the load changes between sizes far more than between
  // the alternating runs of one size, and wall time would mistake that for per-file cost.
  const scans = results.sizes.map((s) => ({ files: s.files, t: tool(s, id)?.median.cpu })).filter((p): p is { files: number; t: number } => p.t !== undefined);
  if (scans.length < 2) return undefined;
  // Marginal cost per 1k files between consecutive sizes: a fixed start-up cost cancels out.
  const marginal: number[] = [];
  for (let i = 1; i < scans.length; i++) marginal.push(((scans[i].t - scans[i - 1].t) / (scans[i].files - scans[i - 1].files)) * 1000);
  const first = scans.length === 2 ? (scans[0].t / scans[0].files) * 1000 : marginal[0];
  const growth = marginal.at(-1)! / first;
  return {
    what: `${label}, ${scans.map((s) => `${Math.round(s.files / 1000)}k`).join(' → ')} files`,
    target: 'linear: the CPU time per file does not grow (≤ 1.25 allows for noise)',
    measured: `CPU ${scans.map((s) => `${((s.t / s.files) * 1e6).toFixed(1)} ms`).join(', ')} per 1k files; marginal ${marginal.map((m) => `${(m * 1000).toFixed(1)} ms`).join(', ')} per 1k; last/first ${growth.toFixed(2)}`,
    holds: growth <= 1.25,
  };
}

export function checkTargets(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const largest = results.sizes.at(-1);
  const scan = tool(largest, 'scan');
  const find = tool(largest, 'find');
  if (largest && scan && find) {
    const ratio = scan.median.wall / find.median.wall;
    checks.push({ what: `scan wall, cold cache, ${largest.files} files`, target: '≤ 5 × find', measured: `${ratio.toFixed(2)} × find (${secs(scan.median.wall)} s vs ${secs(find.median.wall)} s)`, holds: ratio <= 5 });
    checks.push({ what: `scan peak memory, cold cache, ${largest.files} files`, target: '≤ 300 MB', measured: mb(scan.median.maxRss), holds: scan.median.maxRss <= 300 * MB });
  }
  for (const [id, what, bound] of [['scan-warm', 'scan wall, warm cache (nothing changed)', 2], ['scan-touched', 'scan wall, warm cache, 1 % of the Python files touched', 2.5]] as const) {
    const t = tool(largest, id);
    if (!largest || !t || !find) continue;
    const ratio = t.median.wall / find.median.wall;
    checks.push({ what: `${what}, ${largest.files} files`, target: `≤ ${bound} × find`, measured: `${ratio.toFixed(2)} × find (${secs(t.median.wall)} s; ${mb(t.median.maxRss)})`, holds: ratio <= bound });
  }
  const compared = results.sizes.filter((s) => s.sameReportWithCache !== undefined);
  if (compared.length > 0) {
    checks.push({
      what: 'the same report cold, warm and after touching files', target: 'byte-identical JSON',
      measured: compared.map((s) => `${Math.round(s.files / 1000)}k: ${s.sameReportWithCache ? 'identical' : 'DIFFERENT'}`).join(', '), holds: compared.every((s) => s.sameReportWithCache),
    });
  }
  const noImports = tool(largest, 'scan-no-imports');
  if (largest && noImports && find) {
    const ratio = noImports.median.wall / find.median.wall;
    checks.push({
      what: `(diagnostic) scan with the import-analysis rules off, ${largest.files} files`, target: 'same as scan',
      measured: `${ratio.toFixed(2)} × find (${secs(noImports.median.wall)} s), ${mb(noImports.median.maxRss)}`, holds: undefined,
    });
  }
  const linear = linearity(results, 'scan', 'scan');
  if (linear) checks.push(linear);
  const linearNoImports = linearity(results, 'scan-no-imports', '(diagnostic) scan, import-analysis rules off');
  if (linearNoImports) checks.push({ ...linearNoImports, holds: undefined });
  const astGrep = tool(largest, 'ast-grep');
  const codemod = tool(largest, 'codemod');
  const worst = tool(largest, 'codemod-worst');
  if (largest && astGrep && codemod) {
    const ratio = codemod.median.wall / astGrep.median.wall;
    checks.push({ what: `codemod whisper-to-faster-whisper, ${largest.pythonFiles} Python files`, target: '≤ 0.3 × ast-grep', measured: `${ratio.toFixed(2)} × ast-grep (${secs(codemod.median.wall)} s vs ${secs(astGrep.median.wall)} s; CPU ${cpuRatio(codemod, astGrep)})`, holds: ratio <= 0.3 });
  } else {
    checks.push({ what: 'codemod whisper-to-faster-whisper', target: '≤ 0.3 × ast-grep', measured: 'not measured', holds: undefined });
  }
  if (largest && astGrep && worst) {
    const ratio = worst.median.wall / astGrep.median.wall;
    checks.push({ what: `worst case (trigger in every file), ${largest.pythonFiles} Python files`, target: '≤ 1.5 × ast-grep', measured: `${ratio.toFixed(2)} × ast-grep (${secs(worst.median.wall)} s vs ${secs(astGrep.median.wall)} s; CPU ${cpuRatio(worst, astGrep)})`, holds: ratio <= 1.5 });
    checks.push({ what: 'worst case peak memory', target: '≤ 500 MB', measured: mb(worst.median.maxRss), holds: worst.median.maxRss <= 500 * MB });
    // Diagnostics: the worst case taken apart, from the parser binding alone up to the engine without the codemod.
    const floors: Array<[ToolResult | undefined, string]> = [
      [tool(largest, 'parse-loop'), 'the same Python files parsed by node tree-sitter in a plain loop'],
      [tool(largest, 'codemod-parse-only'), 'worst case without the codemod: the engine reads and parses every Python file'],
    ];
    for (const [floor, what] of floors) {
      if (!floor) continue;
      checks.push({
        what: `(diagnostic) ${what}`, target: 'below the worst case',
        measured: `${(floor.median.wall / astGrep.median.wall).toFixed(2)} × ast-grep (${secs(floor.median.wall)} s; CPU ${cpuRatio(floor, astGrep)}); the worst case is ${(worst.median.wall / floor.median.wall).toFixed(2)} × this`,
        holds: undefined,
      });
    }
  } else {
    checks.push({ what: 'worst case (trigger in every file)', target: '≤ 1.5 × ast-grep; ≤ 500 MB', measured: 'not measured', holds: undefined });
  }
  return checks;
}

export function renderResults(results: BenchResults): string {
  const out: string[] = [];
  const m = results.machine;
  out.push(`Measured ${results.date.slice(0, 16).replace('T', ' ')} UTC, ${results.reps} alternating rounds after one warm-up run per tool, seed ${results.seed}.`);
  out.push('');
  const commit = m.commit && m.commit !== 'unknown' ? `repolish at commit ${m.commit}. ` : '';
  out.push(`${commit}Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Linux ${m.kernel}, ${m.fileSystem} file system; ${m.node}, ${m.git}, ${m.python}, ${m.astGrep}, ${m.find}.`);
  out.push(`Load average (1 min) ${results.load.before[0].toFixed(2)} before, ${results.load.after[0].toFixed(2)} after: other work shared the cores, so read single runs with care; the min–max column shows the noise.`);
  out.push('');
  out.push('### Targets');
  out.push('');
  out.push('| what | target | measured | holds |');
  out.push('| --- | --- | --- | --- |');
  for (const c of checkTargets(results)) out.push(`| ${c.what} | ${c.target} | ${c.measured} | ${c.holds === undefined ? '—' : c.holds ? 'yes' : '**no**'} |`);
  out.push('');
  for (const s of results.sizes) {
    const find = tool(s, 'find');
    const astGrep = tool(s, 'ast-grep');
    out.push(`### ${s.files.toLocaleString('en-US')} files`);
    out.push('');
    out.push(`${s.dirs.toLocaleString('en-US')} folders, ${(s.bytes / 1e9).toFixed(1)} GB apparent size (model weights and native libraries are sparse files), ` +
      `${s.pythonFiles.toLocaleString('en-US')} Python source files of which ${s.whisperFiles} use openai-whisper and ${s.ollamaFiles} use Ollama` +
      `${s.generationSeconds !== undefined ? `; generated in ${s.generationSeconds.toFixed(0)} s` : ''}.`);
    out.push('');
    out.push('| command | wall (median) | wall min–max | CPU (user+sys) | peak memory | ratio | output of the warm-up run |');
    out.push('| --- | --- | --- | --- | --- | --- | --- |');
    for (const t of s.tools) {
      const base = t.group === 'walk' ? find : astGrep;
      const ratio = base && base !== t ? `${(t.median.wall / base.median.wall).toFixed(2)} × ${base.id}` : '';
      const failed = t.failures ? ` (${t.failures} failed run${t.failures === 1 ? '' : 's'} left out)` : '';
      out.push(`| \`${t.label}\` | ${secs(t.median.wall)} s | ${spread(t)} s | ${secs(t.median.cpu)} s | ${mb(t.median.maxRss)} | ${ratio} | ${t.check}${failed} |`);
    }
    out.push('');
  }
  const notMeasured = [...results.skipped, ...results.sizes.flatMap((s) => s.failed ?? [])];
  for (const s of notMeasured) out.push(`Not measured: \`${s.id}\`: ${s.reason}.`);
  if (notMeasured.length) out.push('');
  return `${out.join('\n')}\n`;
}

const START = '<!-- bench:results:start (written by npm run bench; edit outside these markers) -->';
const END = '<!-- bench:results:end -->';

/** Replaces the generated part of docs/benchmarks.md, keeping the hand-written text around it. */
export function updateDoc(path: string, markdown: string, codemodPlot: boolean): void {
  const plots = `![median wall time against repository size: find, du, git status, repolish scan](bench-scan.svg)\n` +
    (codemodPlot ? `\n![median wall time against repository size: ast-grep, repolish codemods](bench-codemod.svg)\n` : '');
  const generated = `${START}\n${markdown}\n${plots}${END}`;
  if (existsSync(path)) {
    const doc = readFileSync(path, 'utf8');
    const a = doc.indexOf(START);
    const b = doc.indexOf(END);
    if (a >= 0 && b > a) {
      writeFileSync(path, doc.slice(0, a) + generated + doc.slice(b + END.length));
      return;
    }
  }
  writeFileSync(path, `# Benchmarks\n\nRun \`npm run bench\` to regenerate the results below.\n\n## Results\n\n${generated}\n`);
}
