/**
 * The dependency part of `scan --format markdown`: where the weight of the dependencies comes
 * from, ranked by measured bytes, and what to do about it, each recommendation with its saving
 * and the command (patch or codemod) that applies it. The lead wires `depsMarkdownSection` into
 * the markdown renderer (MarkdownOptions.depsSection).
 */
import { formatBytes } from '../model/bytes.js';
import { allImageDependencies, effectiveVerdicts, heavyUnusedInImages } from '../deps/image-deps.js';
import type { Finding } from '../findings.js';
import type { ScanResult } from '../scan.js';
import { hints } from '../model/hint.js';
import { reportScope } from './summary.js';
import { analyzeDependencies, type DependencyAnalysis } from '../deps/analysis.js';
import type { PackageSize } from '../deps/graph.js';

const MAX_ROWS = 10;
/** What `python -m venv` installs by itself: never an orphan. */
const BOOTSTRAP = new Set(['pip', 'setuptools', 'wheel']);

function size(s: PackageSize | undefined): string {
  if (!s) return '?';
  return `${s.estimated ? '≈' : ''}${formatBytes(s.bytes)}`;
}

function codeSpan(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text.replace(/\|/g, '\\|')}${fence}`;
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

function list(names: string[], max = 5): string {
  const shown = names.slice(0, max).map(codeSpan).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

interface Cause {
  what: string;
  bytes: number;
  size: PackageSize;
  why: string;
}

function causes(analysis: DependencyAnalysis, result: ScanResult): Cause[] {
  const out: Cause[] = [];
  const { graph } = analysis;
  for (const h of analysis.heavy) {
    const total = graph.total([h.name, ...h.accelerators.map((a) => a.name)]);
    const what = h.accelerators.length > 0 ? `${codeSpan(h.name)} + ${h.accelerators.length} CUDA package${h.accelerators.length === 1 ? '' : 's'}` : codeSpan(h.name);
    let why: string;
    if (h.verdict?.status === 'used') {
      const e = h.verdict.evidence[0];
      why = `used (${e.detail}, ${codeSpan(e.line ? `${e.path}:${e.line}` : e.path)})`;
    } else {
      const holders = h.requiredBy.length > 0 ? h.requiredBy : h.pulledInBy;
      const used = holders.map((n) => analysis.verdicts.get(n)).find((v) => v?.status === 'used')?.evidence[0];
      why = `kept: ${list(holders, 3)} require${holders.length === 1 ? 's' : ''} it${used ? ` (${used.detail}, ${codeSpan(used.line ? `${used.path}:${used.line}` : used.path)})` : ''}`;
    }
    out.push({ what, bytes: total.bytes, size: total, why });
  }
  for (const v of analysis.verdicts.values()) {
    if (v.status !== 'unused' || v.withDependencies.bytes < analysis.heavyThreshold || v.requiredBy.length > 0) continue;
    const n = v.exclusiveDependencies.length;
    out.push({
      what: n > 0 ? `${codeSpan(v.name)} + ${n} package${n === 1 ? '' : 's'} only it needs` : codeSpan(v.name),
      bytes: v.withDependencies.bytes, size: v.withDependencies, why: 'unused: nothing imports, runs or needs it',
    });
  }
  for (const { deps, verdicts } of heavyUnusedInImages(result.context)) {
    const names = verdicts.map((v) => v.name);
    if (names.every((n) => out.some((c) => c.what.startsWith(codeSpan(n)) && c.why.startsWith('unused')))) continue;
    out.push({
      what: `${list(names, 3)} in the image of ${codeSpan(deps.image.path)}`,
      bytes: deps.scope!.removable.bytes, size: deps.scope!.removable, why: 'installed, but the code copied into the image never uses it',
    });
  }
  return out.sort((a, b) => b.bytes - a.bytes);
}

interface Recommendation {
  text: string;
  saving?: PackageSize;
  how: string;
}

function recommendations(analysis: DependencyAnalysis, result: ScanResult): Recommendation[] {
  const recs: Recommendation[] = [];
  // Requirement files that only images install are judged per image (the next rows).
  const repoScoped = effectiveVerdicts(result.context).filter((x) => x.images.length === 0 && x.verdict.status === 'unused');
  const unused = [...new Map(repoScoped.map((x) => [x.verdict.name, x.verdict])).values()];
  if (unused.length > 0) {
    const names = unused.sort((a, b) => b.withDependencies.bytes - a.withDependencies.bytes).map((v) => v.name);
    const scoped = analysis.graph.closure(analysis.keptRoots);
    const freed = analysis.graph.total([...analysis.graph.closure(unused.map((v) => ({ name: v.name })))].filter((n) => !scoped.has(n)));
    recs.push({
      text: `Remove ${unused.length} unused dependenc${unused.length === 1 ? 'y' : 'ies'}: ${list(names)}`,
      saving: freed,
      how: `${codeSpan(hints.codemod(reportScope(result), 'prune-requirements', true))} (one reviewable diff of the manifests)`,
    });
  }
  for (const { deps, verdicts } of heavyUnusedInImages(result.context)) {
    const manifests = [...new Set(verdicts.map((v) => v.declarations[0].manifest))];
    recs.push({
      text: `Drop ${list(verdicts.map((v) => v.name))} from the image of ${codeSpan(deps.image.path)} (${list(manifests)}): its code never uses them`,
      saving: deps.scope!.removable,
      how: codeSpan(hints.codemod(reportScope(result), 'prune-requirements', true)),
    });
  }
  // One row per piece of advice: replacing openai-whisper shows once, with its largest saving.
  const advice = new Map<string, Recommendation>();
  for (const h of analysis.heavy) {
    for (const a of h.advice) {
      const cpu = /CPU-only|CPU build|without the `/.test(a.text) && h.accelerators.length > 0;
      const holder = /^([\w.-]+) is what keeps /.exec(a.text)?.[1] ?? h.name;
      const text = cpu ? `${codeSpan(h.name)}: ${a.text}` : `${codeSpan(holder)}: ${a.text.replace(/^.* is what keeps [\w.-]+: /, '')}`;
      const key = a.codemod ?? text;
      const previous = advice.get(key);
      if (previous && (previous.saving?.bytes ?? 0) >= (a.saving?.bytes ?? 0)) continue;
      advice.set(key, {
        text,
        saving: a.saving,
        how: a.codemod ? codeSpan(hints.codemod(reportScope(result), a.codemod, true)) : cpu ? 'edit the requirement file: pick the wheels for the target hardware' : 'a code change (no codemod for it)',
      });
    }
  }
  recs.push(...advice.values());
  if (analysis.missing.length > 0) {
    recs.push({
      text: `Declare ${list(analysis.missing.map((m) => m.dist))}: imported, but declared in no manifest (a fresh install breaks)`,
      how: 'add them to the requirement file named by each `deps/missing` finding',
    });
  }
  const hygiene = result.findings.filter((f) => /^docker\/(pip-cache|apt-lists|apt-recommends)$/.test(f.rule) && f.fixable);
  if (hygiene.length > 0) {
    const files = [...new Set(hygiene.map((f) => f.path))];
    const unsafe = hygiene.some((f) => result.rules.find((r) => r.meta.id === f.rule)?.meta.fixSafety === 'unsafe');
    recs.push({
      text: `Container layers: ${hygiene.length} pip/apt cache and recommends problem${hygiene.length === 1 ? '' : 's'} in ${list(files)}`,
      how: `${codeSpan(hints.fixWrite(reportScope(result), unsafe))} (part of its patch${unsafe ? '; --unsafe: some of these fixes can change the build' : ''})`,
    });
  }
  const manual = result.findings.filter((f) => f.rule === 'docker/copy-before-install' || f.rule === 'docker/single-stage-build-tools');
  for (const f of manual) recs.push({ text: `${codeSpan(`${f.path}:${f.line}`)}: ${f.message}`, how: cell(f.fix ?? '') });
  const orphans = analysis.orphans.names.filter((n) => !BOOTSTRAP.has(n));
  if (orphans.length > 0 && analysis.env) {
    recs.push({
      text: `${orphans.length} package${orphans.length === 1 ? '' : 's'} in ${codeSpan(`${analysis.env.path}/`)} that no manifest asks for (${list(orphans)})`,
      saving: analysis.graph.total(orphans),
      how: 'recreate the virtualenv from the manifests',
    });
  }
  return recs;
}

/** Markdown for the dependency section, or undefined when there is nothing to say. */
export function depsMarkdownSection(result: ScanResult): string | undefined {
  const hasFindings = result.findings.some((f: Finding) => f.rule.startsWith('deps/') || f.rule.startsWith('docker/'));
  const analysis = analyzeDependencies(result.context);
  if (!hasFindings && analysis.heavy.length === 0) return undefined;
  const lines = ['## Dependencies: where the weight comes from', ''];
  if (analysis.env) {
    const env = analysis.env;
    lines.push(`Measured in ${codeSpan(`${env.path}/`)} (Python ${env.pythonVersion ?? '?'}, ${env.dists.size} packages, ${formatBytes(env.bytes)}): each size is the sum of the files its \`RECORD\` lists.`);
  } else {
    lines.push('No virtualenv in the repository: sizes marked ≈ are typical installed sizes (Linux x86-64), not measurements.');
  }
  const images = allImageDependencies(result.context).filter((i) => i.scope);
  if (images.length > 0) lines.push('', `Container images judged by the code they copy in: ${list(images.map((i) => i.image.path))}.`);

  const rows = causes(analysis, result);
  if (rows.length > 0) {
    lines.push('', '### Root causes, ranked by bytes', '', '| # | Packages | Size | Why they are there |', '| ---: | --- | ---: | --- |');
    rows.slice(0, MAX_ROWS).forEach((c, i) => lines.push(`| ${i + 1} | ${c.what} | ${size(c.size)} | ${cell(c.why)} |`));
    if (rows.length > MAX_ROWS) lines.push('', `…and ${rows.length - MAX_ROWS} smaller ones.`);
  }
  const recs = recommendations(analysis, result);
  if (recs.length > 0) {
    lines.push('', '### Recommendations', '', '| Recommendation | Saving | How |', '| --- | ---: | --- |');
    for (const r of recs) lines.push(`| ${cell(r.text)} | ${r.saving && r.saving.bytes > 0 ? size(r.saving) : '—'} | ${r.how} |`);
    lines.push('', 'Savings overlap (the same package can appear in two rows): do not add them up.');
  }
  return `${lines.join('\n')}\n`;
}
