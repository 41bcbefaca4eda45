/**
 * `scan --format html`: one self-contained file (inline CSS, script and data; no network, works
 * from file://) with a zoomable treemap of the tree by size, bloat coloured by kind, the findings
 * table (sortable, filterable), the dependency view, what each action frees, and the patch.
 * Sizes stay small on huge trees: the treemap data is aggregated (treemap-data.ts) and the
 * findings list is capped, most severe and largest first.
 */
import { basename } from 'node:path';
import { SEVERITY_RANK, type Finding } from '../findings.js';
import { createPatch } from '../patch/diff.js';
import type { ScanResult } from '../scan.js';
import { bloatKind } from '../bloat/detectors/index.js';
import { reportClient } from './html/client.js';
import { formatBytes } from '../model/bytes.js';
import { REPORT_CSS } from './html/style.js';
import { packTree } from './html/treemap-data.js';
import type { ReportData, ReportFinding } from './html/types.js';
import { bloatBytes, savingsSummary } from './summary.js';
import { hints } from '../model/hint.js';
import { actionBytes, findingGroups, groupOf } from './groups.js';

const MAX_FINDINGS = 20_000;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe inside a <script> element: no `</script>`, no `<!--`. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}

function compactFinding(result: ScanResult, f: Finding): ReportFinding {
  const out: ReportFinding = { rule: f.rule, severity: f.severity, path: f.path, message: f.message };
  const group = groupOf(result, f);
  if (group) out.rootCause = group.id;
  if (group && group.root !== f) out.restates = true;
  const freed = actionBytes(f);
  if (freed !== undefined) out.actionBytes = freed;
  if (f.line !== undefined) out.line = f.line;
  if (f.bytes !== undefined) out.bytes = f.bytes;
  if (f.files !== undefined) out.files = f.files;
  if (f.tracked !== undefined) out.tracked = f.tracked;
  if (f.ignored !== undefined) out.ignored = f.ignored;
  if (f.fix) out.fix = f.fix;
  if (f.package) out.package = f.package;
  if (f.freedBytes !== undefined) out.freedBytes = f.freedBytes;
  // Who needs a package: the dependency rules say `requiredBy` (declared) and `pulledInBy` (installed).
  const neededBy = [...new Set([...(stringList(f.neededBy) ?? []), ...(stringList(f.requiredBy) ?? []), ...(stringList(f.pulledInBy) ?? [])])];
  if (neededBy.length > 0) out.neededBy = neededBy;
  return out;
}

export function buildReportData(result: ScanResult, now = new Date()): ReportData {
  const packed = packTree(result.facts.tree, result.bloat.items);
  const ruleCategory: Record<string, string> = {};
  for (const item of result.bloat.items) ruleCategory[item.rule] = item.clean;
  let findings = result.findings;
  let omitted = 0;
  if (findings.length > MAX_FINDINGS) {
    findings = [...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (b.bytes ?? 0) - (a.bytes ?? 0));
    omitted = findings.length - MAX_FINDINGS;
    findings = findings.slice(0, MAX_FINDINGS);
  }
  const savings = savingsSummary(result);
  return {
    name: basename(result.root) || result.root,
    root: result.root,
    generated: `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    totals: result.totals,
    bloatBytes: bloatBytes(result),
    tree: packed.tree,
    rules: packed.rules,
    ruleCategory,
    ruleColor: Object.fromEntries(packed.rules.map((rule) => [rule, bloatKind(rule).color])),
    findings: findings.map((f) => compactFinding(result, f)),
    rootCauses: findingGroups(result).length,
    findingsOmitted: omitted,
    savings,
    patch: createPatch(result.changes),
    fixFiles: savings.fixFiles,
    warnings: result.warnings.length,
  };
}

export function renderHtml(result: ScanResult): string {
  const data = buildReportData(result);
  const title = `repolish report: ${data.name}`;
  const scope = { root: result.root, flags: result.context.hints?.flags };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
  <h1>${escapeHtml(title)}</h1>
  <p class="summary" id="summary"></p>
  <p class="root" id="root"></p>
</header>
<nav><a href="#map-section">Size map</a><a href="#savings-section">Savings</a><a href="#findings-section">Findings</a><a href="#deps-section">Dependencies</a><a href="#patch-section">Ignore-file patch</a></nav>
<noscript><p style="padding: 0 28px">This report draws itself with JavaScript; <code>${escapeHtml(hints.scan(scope, ['--format', 'markdown']))}</code> gives a static one.</p></noscript>
<main>
<section id="map-section">
  <h2>Size map</h2>
  <div class="crumbs" id="crumbs"></div>
  <div class="map-wrap">
    <div id="treemap" role="application" aria-label="Treemap of the repository by size: click a block for details, double-click to zoom in, Escape to zoom out"></div>
    <aside id="details" aria-live="polite"></aside>
  </div>
  <div class="legend" id="legend"></div>
</section>
<section id="savings-section">
  <h2>What it would free</h2>
  <div class="cards" id="savings"></div>
</section>
<section id="findings-section">
  <h2>Findings</h2>
  <div class="filters">
    <label>Category <select id="filter-category"><option value="">all</option></select></label>
    <label>Severity <select id="filter-severity"><option value="">all</option><option value="error">error</option><option value="warning">warning</option><option value="info">info</option></select></label>
    <input id="filter-text" type="search" placeholder="Filter by path, rule or text" aria-label="Filter findings">
  </div>
  <table id="findings">
    <thead><tr><th data-key="severity">Severity</th><th data-key="rule">Rule</th><th data-key="path">Path</th><th data-key="bytes" aria-sort="descending">Size</th><th data-key="message">Finding</th><th>Fix</th></tr></thead>
    <tbody id="findings-body"></tbody>
  </table>
  <p class="note" id="findings-count"></p>
</section>
<section id="deps-section">
  <h2>Dependencies</h2>
  <div id="deps"></div>
</section>
<section id="patch-section">
  <h2>Ignore-file patch</h2>
  <p class="note"><code>${escapeHtml(data.savings.commands.fixWrite)}</code> applies it.</p>
  <button type="button" id="copy-patch">Copy patch</button>
  <pre id="patch"></pre>
</section>
</main>
<script type="application/json" id="repolish-data">${scriptJson(data)}</script>
<script>
// Run from TypeScript directly (tsx, vitest), esbuild's keepNames wraps functions in __name(): make it a no-op.
var __name = function (target) { return target; };
(${reportClient.toString()})(${formatBytes.toString()});
</script>
</body>
</html>
`;
}
