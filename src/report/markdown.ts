/**
 * `scan --format markdown`: a report to paste into a pull request or an issue. The parts of a
 * hand-written clean-up report, measured: summary, size breakdown, root causes ranked by bytes,
 * findings by category with their fixes, what each action frees, and the ignore-file patch.
 * GitHub caps a comment at 65,536 characters, so long lists are cut with a count of the rest.
 */
import { basename } from 'node:path';
import { formatBytes } from '../bloat/detector.js';
import type { CleanCategory } from '../model/bloat.js';
import type { Finding, Severity } from '../findings.js';
import { createPatch } from '../patch/diff.js';
import type { ScanResult } from '../scan.js';
import { sizeBreakdown } from './breakdown.js';
import type { RenderOptions } from './options.js';
import { bloatBytes, reportScope, rootCauses, savingsSummary } from './summary.js';
import { hints } from '../model/hint.js';
import { formatDiskSize } from './disk-size.js';
import { CATEGORY_TITLES } from './categories.js';
import { actionBytes, findingGroups, groupOf, rootFindingsByCategory } from './groups.js';

/** A section another module contributes (e.g. dependency recommendations); undefined leaves it out. */
export type MarkdownSection = (result: ScanResult) => string | undefined;

export interface MarkdownOptions extends Partial<RenderOptions> {
  /**
   * The dependency recommendations section. The lead wires `depsMarkdownSection` from
   * src/deps/report.ts here (in report/index.ts) once it exists; without it the dependency
   * findings still appear in the findings tables.
   */
  depsSection?: MarkdownSection;
}


const SEVERITY_ICON: Record<Severity, string> = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info' };
const CLEAN_TITLES: Record<CleanCategory, string> = {
  cache: 'Delete caches and build outputs',
  env: 'Delete virtualenvs and node_modules (a reinstall brings them back)',
  logs: 'Delete logs',
  data: 'Delete local data: databases, uploads, vector stores, archives, weights',
};

const BREAKDOWN_ROWS = 12;
const FINDINGS_PER_RULE = 10;
/** Room left for the rest of the report inside GitHub's comment limit. */
const PATCH_CHARS = 30_000;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inline text for a table cell: no line breaks, pipes escaped, no raw HTML. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

/** A code span that survives any backticks inside it (CommonMark: a longer fence). */
export function code(text: string, inTable = true): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const body = text.replace(/\r?\n/g, '␤');
  const padded = body.startsWith('`') || body.endsWith('`') ? ` ${body} ` : body;
  return `${fence}${inTable ? padded.replace(/\|/g, '\\|') : padded}${fence}`;
}

function fencedBlock(text: string, lang: string): string {
  const runs = text.match(/`{3,}/g) ?? [];
  const fence = '`'.repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
  return `${fence}${lang}\n${text.endsWith('\n') ? text : `${text}\n`}${fence}`;
}

const share = (part: number, total: number) => (total > 0 ? `${((part / total) * 100).toFixed(1)} %` : '0 %');
const count = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

function where(f: Finding): string {
  const path = f.path === '' ? '.' : f.path;
  return code(f.line ? `${path}:${f.line}` : path);
}

function summarySection(result: ScanResult): string[] {
  const { totals } = result;
  const bloat = bloatBytes(result);
  // Counted by root cause: a finding that restates another (same path or package) is not a new problem.
  const groups = findingGroups(result);
  const severities = { error: 0, warning: 0, info: 0 };
  for (const g of groups) severities[g.severity]++;
  const restated = result.findings.length - groups.length;
  const lines = [
    `**${formatBytes(totals.bytes)}** in ${count(totals.files, 'file')}; **${formatBytes(bloat)} (${share(bloat, totals.bytes)}) is bloat** that does not belong in the repository.`,
    '',
    `${count(groups.length, 'root cause')}: ${severities.error} error${severities.error === 1 ? '' : 's'}, ${severities.warning} warning${severities.warning === 1 ? '' : 's'}, ${severities.info} info${restated > 0 ? ` (${count(result.findings.length, 'finding')}; ${restated} restate another and are listed under it as ↳)` : ''}.`,
  ];
  const [top] = rootCauses(result);
  if (top) lines.push('', `The largest cause: **${top.title.toLowerCase()}, ${formatBytes(top.bytes)}** (${share(top.bytes, totals.bytes)} of the tree).`);
  return lines;
}

function breakdownSection(result: ScanResult, verbose: boolean): string[] {
  const rows = sizeBreakdown(result.facts.tree, result.bloat);
  const shown = verbose ? rows.slice(0, 200) : rows.slice(0, BREAKDOWN_ROWS);
  const lines = ['## Size breakdown', '', '| Path | Size | Share | Files | |', '| --- | ---: | ---: | ---: | --- |'];
  for (const row of shown) {
    const item = row.rule ? result.bloat.items.find((i) => i.path === row.path) : undefined;
    const state = item ? (item.tracked ? 'committed' : item.ignored ? 'ignored' : 'not ignored') : '';
    const note = row.rule ? `⚠️ ${code(row.rule)} (${state})` : row.bloatBelow > 0 ? `${formatBytes(row.bloatBelow)} of bloat inside` : '';
    lines.push(`| ${code(`${row.path}${row.isDir ? '/' : ''}`)} | ${formatBytes(row.bytes)} | ${share(row.bytes, result.totals.bytes)} | ${row.files.toLocaleString('en-US')} | ${note} |`);
  }
  if (shown.length < rows.length) {
    const rest = rows.slice(shown.length);
    const bytes = rest.reduce((s, r) => s + r.bytes, 0);
    lines.push(`| ${rest.length} more entries | ${formatBytes(bytes)} | ${share(bytes, result.totals.bytes)} | ${rest.reduce((s, r) => s + r.files, 0).toLocaleString('en-US')} | |`);
  }
  lines.push(`| **Total** | **${formatBytes(result.totals.bytes)}** | 100 % | ${result.totals.files.toLocaleString('en-US')} | |`);
  return lines;
}

function rootCauseSection(result: ScanResult): string[] {
  const causes = rootCauses(result);
  if (causes.length === 0) return [];
  const lines = ['## Root causes', '', 'Ranked by measured size. A dependency lives inside an environment, so these sizes overlap: do not add them up.', ''];
  causes.slice(0, 10).forEach((cause, i) => {
    const paths = cause.examples.map((e) => `${code(e.path)} ${formatBytes(e.bytes)}`).join(', ');
    const more = cause.count > cause.examples.length ? `, and ${cause.count - cause.examples.length} more` : '';
    lines.push(`${i + 1}. **${cause.title}: ${formatBytes(cause.bytes)}** (${share(cause.bytes, result.totals.bytes)})${cause.tracked ? ', partly committed to git' : ''}: ${paths}${more}`);
    if (cause.packages?.length) {
      lines.push(`   - largest packages: ${cause.packages.slice(0, 6).map((p) => `${code(p.name)} ${formatBytes(p.bytes)}`).join(', ')}`);
    }
  });
  if (causes.length > 10) lines.push('', `…and ${causes.length - 10} smaller causes.`);
  return lines;
}

function findingsSection(result: ScanResult, verbose: boolean): string[] {
  if (result.findings.length === 0) return ['## Findings', '', 'No findings. ✅'];
  const lines = ['## Findings'];
  const byCategory = rootFindingsByCategory(result);
  const sizeOf = (f: Finding) => actionBytes(f) ?? 0;
  const row = (f: Finding, restating: boolean) => {
    const freed = actionBytes(f);
    const size = freed !== undefined && !restating ? formatBytes(freed) : '';
    return `| ${SEVERITY_ICON[f.severity]} | ${restating ? '↳ ' : ''}${code(f.rule)} | ${where(f)} | ${size} | ${cell(f.message)} | ${cell(f.fix ?? '')} |`;
  };
  for (const [category, findings] of byCategory) {
    lines.push('', `### ${CATEGORY_TITLES[category] ?? category} (${findings.length})`, '');
    lines.push('| Severity | Rule | Path | Size | Finding | Fix |', '| --- | --- | --- | ---: | --- | --- |');
    const byRule = new Map<string, Finding[]>();
    for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
    const cut: string[] = [];
    for (const [rule, list] of byRule) {
      const sorted = [...list].sort((a, b) => sizeOf(b) - sizeOf(a));
      const shown = verbose ? sorted : sorted.slice(0, FINDINGS_PER_RULE);
      for (const f of shown) {
        lines.push(row(f, false));
        // The findings that restate this one follow it (↳), with their own fixes.
        for (const other of groupOf(result, f)?.restated ?? []) lines.push(row(other, true));
      }
      if (shown.length < sorted.length) cut.push(`${sorted.length - shown.length} more ${code(rule, false)}`);
    }
    if (cut.length > 0) lines.push('', `Not shown: ${cut.join(', ')} (${code(hints.scan(reportScope(result), ['--format', 'markdown', '--verbose']), false)} lists all).`);
  }
  return lines;
}

function savingsSection(result: ScanResult): string[] {
  const s = savingsSummary(result);
  const lines = ['## What it would free', '', '| Action | Command | Effect |', '| --- | --- | ---: |'];
  if (s.fixFiles.length > 0) {
    const effects = [];
    if (s.fixGitignoreBytes > 0) effects.push(`${formatBytes(s.fixGitignoreBytes)} kept out of commits`);
    if (s.fixBuildContextBytes > 0) effects.push(`${formatBytes(s.fixBuildContextBytes)} kept out of build contexts`);
    lines.push(`| Fix ignore files (${s.fixFiles.map((f) => code(f)).join(', ')}) | ${code(s.commands.fixWrite)} | ${effects.join('; ') || 'ignore-file hygiene'} |`);
  }
  for (const c of s.clean) {
    if (c.items === 0) continue;
    lines.push(`| ${CLEAN_TITLES[c.category]}; ${count(c.items, 'path')} | ${code(c.command)} | ${formatDiskSize(c.allocated, c.bytes)} freed |`);
  }
  if (s.untrack.items > 0) {
    lines.push(`| Stop tracking committed bloat (${count(s.untrack.items, 'path')}) | ${code(s.commands.untrack)} | ${formatBytes(s.untrack.bytes)} out of the index; also deletes the untracked caches |`);
  }
  for (const c of s.codemods) {
    lines.push(`| Codemod ${code(c.name)} (${c.packages.map((p) => code(p)).join(', ')}) | ${code(c.command)} | ${formatBytes(c.bytes)} of dependencies |`);
  }
  if (s.dependencyBytes > 0) lines.push(`| Remove or replace the dependencies reported | see the dependency findings | up to ${formatBytes(s.dependencyBytes)} |`);
  if (lines.length === 4) return ['## What it would free', '', 'Nothing to free. ✅'];
  return lines;
}

function patchSection(result: ScanResult): string[] {
  if (result.changes.length === 0) return ['## Ignore-file patch', '', 'The ignore files already cover everything found. ✅'];
  let patch = createPatch(result.changes);
  const added = patch.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++')).length;
  let note = '';
  if (patch.length > PATCH_CHARS) {
    patch = patch.slice(0, patch.lastIndexOf('\n', PATCH_CHARS) + 1);
    note = `\n\nThe patch is cut here to fit a comment; ${code(hints.fixShow(reportScope(result)), false)} prints all of it.`;
  }
  // Markdown does not render inside <summary>: HTML code elements instead.
  const files = result.changes.map((c) => `<code>${escapeHtml(c.path)}</code>`).join(', ');
  return [
    '## Ignore-file patch',
    '',
    `${code(hints.fixWrite(reportScope(result)), false)} applies it.`,
    '',
    '<details>',
    `<summary>${files}: ${count(added, 'added line')}</summary>`,
    '',
    fencedBlock(patch, 'diff') + note,
    '',
    '</details>',
  ];
}

export function renderMarkdown(result: ScanResult, options: MarkdownOptions = {}): string {
  const verbose = Boolean(options.verbose);
  const name = basename(result.root) || result.root;
  const sections: string[][] = [
    [`# repolish report: ${code(name, false)}`, '', ...summarySection(result)],
    breakdownSection(result, verbose),
    rootCauseSection(result),
    findingsSection(result, verbose),
    savingsSection(result),
  ];
  const deps = options.depsSection?.(result);
  if (deps) sections.push([deps.trimEnd()]);
  sections.push(patchSection(result));
  if (result.warnings.length > 0) {
    sections.push([`<sub>${count(result.warnings.length, 'warning')} during the scan (files that could not be read); ${code(hints.scan(reportScope(result), ['--verbose']), false)} lists them.</sub>`]);
  }
  return `${sections.filter((s) => s.length > 0).map((s) => s.join('\n')).join('\n\n')}\n`;
}
