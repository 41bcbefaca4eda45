/** The fleet report as text (a terminal table), markdown (a pull request or wiki page) and JSON. */
import { formatBytes } from '../bloat/detector.js';
import { pathToUri } from '../report/sarif.js';
import type { FleetRepo, FleetReport, MigrationState } from './merge.js';

const LIST_ROWS = 10;

function migrationText(states: MigrationState[]): string {
  if (states.length === 0) return '';
  return states.map((m) => `${m.codemod}: ${m.state === 'changes' ? `${m.files} file${m.files === 1 ? '' : 's'} to change` : m.state === 'blocked' ? 'blocked' : 'nothing to do'}${m.review ? `, ${m.review} to review` : ''}`).join('; ');
}

function codemodText(repo: FleetRepo): string {
  return repo.codemods.map((c) => `${c.name}${c.bytes ? ` (${formatBytes(c.bytes)})` : ''}`).join(', ');
}

function severityText(repo: { severities: FleetRepo['severities'] }): string {
  return `${repo.severities.error} errors, ${repo.severities.warning} warnings, ${repo.severities.info} info`;
}

function table(rows: string[][], right: Set<number>): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (right.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd());
}

export function renderFleetText(fleet: FleetReport): string {
  const t = fleet.totals;
  const out = [
    `repolish fleet report: ${t.repositories} repositories, ${formatBytes(t.bytes)} in ${t.files.toLocaleString('en-US')} files; reclaimable ${formatBytes(t.reclaimable.total)}`,
    `  cache ${formatBytes(t.reclaimable.cache)}, env ${formatBytes(t.reclaimable.env)}, logs ${formatBytes(t.reclaimable.logs)}, data ${formatBytes(t.reclaimable.data)}; ${severityText(t)}`,
    '',
  ];
  const rows = [['repository', 'size', 'reclaimable', 'errors', 'warnings', 'largest cause', 'codemods']];
  for (const r of fleet.repositories) {
    const cause = r.causes[0];
    rows.push([r.name, r.scanned ? formatBytes(r.bytes) : '-', formatBytes(r.reclaimable.total), String(r.severities.error), String(r.severities.warning),
      cause ? `${cause.path} (${cause.rule}, ${formatBytes(cause.bytes)})` : '', [codemodText(r), migrationText(r.migrations)].filter(Boolean).join(' | ')]);
  }
  out.push(...table(rows, new Set([1, 2, 3, 4])), '');
  if (fleet.rules.length > 0) {
    out.push('Rules that cost the most:');
    for (const r of fleet.rules.slice(0, LIST_ROWS)) out.push(`  ${(r.bytes ? formatBytes(r.bytes) : '-').padStart(9)}  ${r.rule}  (${r.findings} findings in ${r.repositories} repositories)`);
    out.push('');
  }
  if (fleet.packages.length > 0) {
    out.push('Packages most often heavy or unused:');
    for (const p of fleet.packages.slice(0, LIST_ROWS)) out.push(`  ${p.package}: ${p.repositories.length} repositories (heavy ${p.heavy}, unused ${p.unused})`);
    out.push('');
  }
  if (fleet.startWith.length > 0) out.push(`Start with: ${fleet.startWith.join(', ')}`);
  return `${out.join('\n').trimEnd()}\n`;
}

/** A relative link: as encodeURI writes it, or byte by byte for a name that is not UTF-8 (encodeURI throws on those). */
function linkTarget(path: string): string {
  try {
    return encodeURI(path);
  } catch {
    return pathToUri(path);
  }
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderFleetMarkdown(fleet: FleetReport): string {
  const t = fleet.totals;
  const out = [
    '# repolish fleet report',
    '',
    `**${t.repositories} repositories**, ${formatBytes(t.bytes)} in ${t.files.toLocaleString('en-US')} files. **Reclaimable: ${formatBytes(t.reclaimable.total)}** (cache ${formatBytes(t.reclaimable.cache)}, env ${formatBytes(t.reclaimable.env)}, logs ${formatBytes(t.reclaimable.logs)}, data ${formatBytes(t.reclaimable.data)}). Findings: ${severityText(t)}.`,
    '',
  ];
  if (fleet.startWith.length > 0) out.push(`Start with: ${fleet.startWith.map((n) => `\`${n}\``).join(', ')}.`, '');
  out.push('## Repositories', '', '| repository | size | reclaimable | errors | warnings | info | largest causes | codemods |', '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |');
  for (const r of fleet.repositories) {
    const name = r.html ? `[${cell(r.name)}](${linkTarget(r.html)})` : cell(r.name);
    const causes = r.causes.slice(0, 3).map((c) => `\`${cell(c.path)}\` ${formatBytes(c.bytes)}`).join('<br>');
    out.push(`| ${name} | ${r.scanned ? formatBytes(r.bytes) : '-'} | ${formatBytes(r.reclaimable.total)} | ${r.severities.error} | ${r.severities.warning} | ${r.severities.info} | ${causes} | ${cell([codemodText(r), migrationText(r.migrations)].filter(Boolean).join('; '))} |`);
  }
  if (fleet.rules.length > 0) {
    out.push('', '## Rules that cost the most', '', '| rule | bytes | findings | repositories |', '| --- | ---: | ---: | ---: |');
    for (const r of fleet.rules.slice(0, LIST_ROWS)) out.push(`| \`${r.rule}\` | ${r.bytes ? formatBytes(r.bytes) : '-'} | ${r.findings} | ${r.repositories} |`);
  }
  if (fleet.packages.length > 0) {
    out.push('', '## Packages most often heavy or unused', '', '| package | repositories | heavy | unused |', '| --- | ---: | ---: | ---: |');
    for (const p of fleet.packages.slice(0, LIST_ROWS)) out.push(`| \`${p.package}\` | ${p.repositories.length} | ${p.heavy} | ${p.unused} |`);
  }
  if (fleet.warnings.length > 0) {
    out.push('', '## Left out or partial', '');
    for (const w of fleet.warnings) out.push(`- \`${cell(w.path)}\`: ${cell(w.message)}`);
  }
  return `${out.join('\n')}\n`;
}

export function renderFleetJson(fleet: FleetReport): string {
  return `${JSON.stringify(fleet, null, 2)}\n`;
}
