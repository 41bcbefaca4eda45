/**
 * The fleet report as one self-contained HTML page, in the single-repository report's look: a
 * treemap of the repositories by reclaimable size and a sortable table whose rows link to each
 * repository's own HTML report where one sits beside its JSON. No network, works from file://.
 */
import { formatBytes as units } from '../bloat/detector.js';
import { escapeHtml, scriptJson } from '../report/html.js';
import { REPORT_CSS } from '../report/html/style.js';
import type { FleetReport } from './merge.js';


const FLEET_CSS = `
#fleet-map { position: relative; height: 360px; background: #e3e7ec; border: 1px solid var(--line); overflow: hidden; }
#fleet-map .tm-node { background: #3b7bb5; }
#fleet-table { border-collapse: collapse; width: 100%; background: var(--card); }
#fleet-table th, #fleet-table td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
#fleet-table th { cursor: pointer; user-select: none; background: #eef1f4; }
#fleet-table td.num { text-align: right; font-variant-numeric: tabular-nums; }
#fleet-table tr.selected { background: #fff7cc; }
`;

/** Squarified-enough slice-and-dice layout, formatting and sorting: all in the page. */
const CLIENT = String.raw`
const data = JSON.parse(document.getElementById('fleet-data').textContent);
const units = ['B', 'KB', 'MB', 'GB', 'TB'];
function size(n) { let v = n, u = 0; while (v >= 1000 && u < units.length - 1) { v /= 1000; u++; } return u === 0 ? n + ' B' : (v >= 100 ? v.toFixed(0) : v.toFixed(1)) + ' ' + units[u]; }
function layout(items, x, y, w, h, out) {
  if (items.length === 0) return;
  if (items.length === 1) { out.push({ item: items[0], x, y, w, h }); return; }
  const total = items.reduce((s, i) => s + i.value, 0);
  let acc = 0, cut = 0;
  while (cut < items.length - 1 && (acc + items[cut].value) <= total / 2) acc += items[cut++].value;
  if (cut === 0) { acc = items[0].value; cut = 1; }
  const share = acc / total;
  if (w >= h) { layout(items.slice(0, cut), x, y, w * share, h, out); layout(items.slice(cut), x + w * share, y, w * (1 - share), h, out); }
  else { layout(items.slice(0, cut), x, y, w, h * share, out); layout(items.slice(cut), x, y + h * share, w, h * (1 - share), out); }
}
function select(name) {
  for (const row of document.querySelectorAll('#fleet-table tbody tr')) row.classList.toggle('selected', row.dataset.name === name);
  const row = document.querySelector('#fleet-table tbody tr.selected');
  if (row) row.scrollIntoView({ block: 'nearest' });
}
function drawMap() {
  const map = document.getElementById('fleet-map');
  map.textContent = '';
  const items = data.repositories.filter((r) => r.reclaimable.total > 0).map((r) => ({ value: r.reclaimable.total, repo: r }));
  if (items.length === 0) { map.textContent = 'Nothing reclaimable in any repository.'; return; }
  const boxes = [];
  layout(items, 0, 0, map.clientWidth, map.clientHeight, boxes);
  for (const b of boxes) {
    const node = document.createElement('div');
    node.className = 'tm-node';
    node.dataset.name = b.item.repo.name;
    Object.assign(node.style, { left: b.x + 'px', top: b.y + 'px', width: Math.max(0, b.w) + 'px', height: Math.max(0, b.h) + 'px' });
    node.title = b.item.repo.name + ': ' + size(b.item.value) + ' reclaimable';
    const label = document.createElement('div');
    label.className = 'tm-label';
    label.textContent = b.item.repo.name + ' ' + size(b.item.value);
    node.appendChild(label);
    node.addEventListener('click', () => select(b.item.repo.name));
    map.appendChild(node);
  }
}
const columns = [
  { key: 'name', title: 'repository', value: (r) => r.name },
  { key: 'bytes', title: 'size', value: (r) => r.bytes, num: true, show: (r) => r.scanned ? size(r.bytes) : '-' },
  { key: 'reclaimable', title: 'reclaimable', value: (r) => r.reclaimable.total, num: true, show: (r) => size(r.reclaimable.total) },
  { key: 'error', title: 'errors', value: (r) => r.severities.error, num: true },
  { key: 'warning', title: 'warnings', value: (r) => r.severities.warning, num: true },
  { key: 'cause', title: 'largest cause', value: (r) => r.causes[0] ? r.causes[0].bytes : 0, show: (r) => r.causes[0] ? r.causes[0].path + ' (' + r.causes[0].rule + ', ' + size(r.causes[0].bytes) + ')' : '' },
  { key: 'codemods', title: 'codemods', value: (r) => r.codemods.length + r.migrations.length,
    show: (r) => r.codemods.map((c) => c.name).concat(r.migrations.map((m) => m.codemod + ': ' + m.state + (m.review ? ' (' + m.review + ' to review)' : ''))).join('; ') },
];
let sortKey = 'reclaimable', descending = true;
function drawTable() {
  const table = document.getElementById('fleet-table');
  table.textContent = '';
  const head = table.createTHead().insertRow();
  for (const c of columns) {
    const th = document.createElement('th');
    th.textContent = c.title + (c.key === sortKey ? (descending ? ' ▾' : ' ▴') : '');
    th.addEventListener('click', () => { descending = sortKey === c.key ? !descending : Boolean(c.num); sortKey = c.key; drawTable(); });
    head.appendChild(th);
  }
  const column = columns.find((c) => c.key === sortKey);
  const rows = data.repositories.slice().sort((a, b) => {
    const x = column.value(a), y = column.value(b);
    const order = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
    return descending ? -order : order;
  });
  const body = table.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    tr.dataset.name = r.name;
    for (const c of columns) {
      const td = tr.insertCell();
      if (c.num) td.className = 'num';
      const text = c.show ? c.show(r) : String(c.value(r));
      if (c.key === 'name' && r.html) { const a = document.createElement('a'); a.href = r.html; a.textContent = text; td.appendChild(a); }
      else td.textContent = text;
    }
  }
}
drawMap();
drawTable();
window.addEventListener('resize', drawMap);
`;

export function renderFleetHtml(fleet: FleetReport): string {
  const t = fleet.totals;
  const warnings = fleet.warnings.map((w) => `<li><code>${escapeHtml(w.path)}</code>: ${escapeHtml(w.message)}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>repolish fleet report: ${t.repositories} repositories</title>
<style>${REPORT_CSS}${FLEET_CSS}</style></head>
<body>
<header><h1>repolish fleet report</h1>
<p class="summary">${t.repositories} repositories, ${units(t.bytes)}; reclaimable <strong id="fleet-reclaimable">${units(t.reclaimable.total)}</strong>
 (cache ${units(t.reclaimable.cache)}, env ${units(t.reclaimable.env)}, logs ${units(t.reclaimable.logs)}, data ${units(t.reclaimable.data)});
 ${t.severities.error} errors, ${t.severities.warning} warnings, ${t.severities.info} info</p></header>
<main>
<section><h2>Reclaimable bytes by repository</h2><div id="fleet-map"></div></section>
<section><h2>Repositories</h2><table id="fleet-table"></table></section>
${warnings ? `<section><h2>Left out or partial</h2><ul>${warnings}</ul></section>` : ''}
</main>
<script type="application/json" id="fleet-data">${scriptJson(fleet)}</script>
<script>${CLIENT}</script>
</body></html>
`;
}
