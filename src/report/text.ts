/** The terminal report: size breakdown, findings grouped by category, and what `fix` would do. */
import { formatBytes } from '../bloat/detector.js';
import type { Finding, Severity } from '../findings.js';
import { changeStatus } from '../patch/change.js';
import type { ScanResult } from '../scan.js';
import { sizeBreakdown } from './breakdown.js';
import type { Style } from './style.js';
import { CATEGORY_TITLES } from './categories.js';
import { displayPath } from '../model/names.js';
import { hints } from '../model/hint.js';
import { reportScope } from './summary.js';
import { actionBytes, findingGroups, groupOf, restatedNote, rootFindingsByCategory } from './groups.js';


const BREAKDOWN_ROWS = 12;
const FINDINGS_PER_RULE = 8;

function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

function padLeft(s: string, width: number): string {
  return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}

function severityLabel(severity: Severity, style: Style): string {
  const label = pad(severity, 7);
  return severity === 'error' ? style.red(label) : severity === 'warning' ? style.yellow(label) : style.dim(label);
}

/** The fix line of a rule whose findings carry no fix text of their own. */
function noFixLine(rule: string): string {
  return `by hand, as repolish explain ${rule} describes`;
}

export interface TextOptions {
  style: Style;
  verbose?: boolean;
}

export function renderText(result: ScanResult, { style, verbose = false }: TextOptions): string {
  const lines: string[] = [];
  const { totals } = result;
  lines.push(style.bold(`repolish scan: ${result.root}`));
  lines.push(`${formatBytes(totals.bytes)} in ${totals.files.toLocaleString('en-US')} files${totals.allocated < totals.bytes * 0.9 ? ` (${formatBytes(totals.allocated)} allocated on disk)` : ''}`);
  lines.push('');

  lines.push(style.bold('Size breakdown'));
  const rows = sizeBreakdown(result.facts.tree, result.bloat);
  const shown = verbose ? rows : rows.slice(0, BREAKDOWN_ROWS);
  const nameWidth = Math.min(40, Math.max(...shown.map((r) => displayPath(r.path).length + 1), 8));
  shown.forEach((row, i) => {
    const branch = i === shown.length - 1 && shown.length === rows.length ? '└──' : '├──';
    const name = pad(`${displayPath(row.path)}${row.isDir ? '/' : ''}`, nameWidth);
    const share = padLeft(`${(row.share * 100).toFixed(1)} %`, 8);
    let note = '';
    if (row.rule) note = style.yellow(`  ! ${row.rule}`);
    else if (row.bloatBelow > 0) note = style.dim(`  (${formatBytes(row.bloatBelow)} of bloat inside)`);
    lines.push(`${branch} ${name} ${padLeft(formatBytes(row.bytes), 9)} ${share}${note}`);
  });
  if (shown.length < rows.length) {
    const rest = rows.slice(shown.length);
    lines.push(`└── ${pad(`(${rest.length} more)`, nameWidth)} ${padLeft(formatBytes(rest.reduce((s, r) => s + r.bytes, 0)), 9)}`);
  }
  lines.push('');

  // Findings that restate another are listed under their root cause; the counts are root causes.
  const groups = findingGroups(result);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const g of groups) counts[g.severity]++;
  const restatedCount = result.findings.length - groups.length;
  lines.push(style.bold(`Findings: ${groups.length} root cause${groups.length === 1 ? '' : 's'}: ${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info`)
    + (restatedCount > 0 ? style.dim(` (${result.findings.length} findings; ${restatedCount} restate another and are listed under it)`) : ''));
  const byCategory = rootFindingsByCategory(result);
  const sizeOf = (f: Finding) => actionBytes(f) ?? 0;
  for (const [category, findings] of byCategory) {
    const bytes = findings.filter((f) => f.rule.startsWith('bloat/')).reduce((s, f) => s + (f.bytes ?? 0), 0);
    lines.push('');
    lines.push(style.cyan(`${CATEGORY_TITLES[category] ?? category}${bytes ? ` (${formatBytes(bytes)})` : ''}`));
    const byRule = new Map<string, Finding[]>();
    for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
    for (const [rule, list] of byRule) {
      const ruleBytes = list.reduce((s, f) => s + sizeOf(f), 0);
      lines.push(`  ${style.bold(rule)}  ${list.length} finding${list.length === 1 ? '' : 's'}${ruleBytes ? `, ${formatBytes(ruleBytes)}` : ''}`);
      const sorted = [...list].sort((a, b) => sizeOf(b) - sizeOf(a));
      for (const f of verbose ? sorted : sorted.slice(0, FINDINGS_PER_RULE)) {
        const group = groupOf(result, f);
        const where = f.line ? `${displayPath(f.path)}:${f.line}` : displayPath(f.path) || '.';
        const freed = actionBytes(f);
        const size = freed !== undefined ? padLeft(formatBytes(freed), 9) : ' '.repeat(9);
        lines.push(`    ${severityLabel(group?.severity ?? f.severity, style)} ${size}  ${where}  ${f.message}`);
        if (group && group.restated.length > 0) lines.push(style.dim(`                       also: ${restatedNote(group)}`));
        if (f.fix && verbose) lines.push(style.dim(`                       fix: ${f.fix}`));
      }
      if (!verbose && list.length > FINDINGS_PER_RULE) lines.push(style.dim(`    ... ${list.length - FINDINGS_PER_RULE} more (--verbose lists all)`));
      // Every rule group says what to do: its one fix, or where to read the different ones.
      const fixes = new Set(list.map((f) => f.fix).filter(Boolean));
      if (!verbose && fixes.size === 1) lines.push(style.dim(`    fix: ${[...fixes][0]}`));
      else if (!verbose && fixes.size > 1) lines.push(style.dim('    fixes differ: -v lists each'));
      else if (!verbose && fixes.size === 0) lines.push(style.dim(`    fix: ${noFixLine(rule)}`));
    }
  }
  lines.push('');

  const scope = reportScope(result);
  const unsafe = result.fixes.filter((f) => f.safety === 'unsafe');
  if (result.changes.length === 0) {
    lines.push(style.green('Ignore files: nothing to add.'));
  } else {
    lines.push(style.bold('Safe fixes would change:'));
    for (const change of result.changes) {
      const added = String(change.after ?? '').split('\n').length - String(change.before ?? '').split('\n').length;
      lines.push(`  ${displayPath(change.path)} (${changeStatus(change) === 'added' ? 'new file' : `+${added} lines`})`);
    }
    lines.push(style.dim(`  \`${hints.fixShow(scope)}\` prints the patch; \`${hints.fixWrite(scope)}\` applies it.`));
  }
  if (unsafe.length > 0) {
    lines.push(style.dim(`  Unsafe fixes (they can change behaviour) from ${unsafe.map((f) => f.rule).join(', ')}: \`${hints.fixWrite(scope, true)}\` applies them too.`));
  }
  return `${lines.join('\n')}\n`;
}
