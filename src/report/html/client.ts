/**
 * The HTML report's script. It runs in the browser: `html.ts` inlines `reportClient.toString()`,
 * so this function must be self-contained (no imports, no outside names; types are erased). The
 * one helper it shares with the rest of the report, the size format, comes in as an argument
 * (html.ts inlines that function's source too: one copy of the rule in the tree).
 * It reads the embedded JSON and draws the treemap, the findings table, the dependency view,
 * the savings and the patch. Every string from the scan goes in through textContent, never as HTML.
 */
import type { ReportData, ReportFinding } from './types.js';

export function reportClient(fmtBytes: (bytes: number) => string): void {
  type Packed = [string, number, number, number, number, Packed[]?];
  interface TreeNode {
    id: number;
    name: string;
    path: string;
    bytes: number;
    files: number;
    flags: number;
    /** The bloat rule of this node, or of the bloat folder it is inside. */
    rule: string | null;
    /** The node that carries the rule (itself or an ancestor). */
    bloatRoot: TreeNode | null;
    parent: TreeNode | null;
    children: TreeNode[];
  }
  interface Rect {
    x: number;
    y: number;
    w: number;
    h: number;
  }

  const DIR = 1;
  const TRACKED = 2;
  const IGNORED = 4;
  const AGGREGATE = 8;
  const COLLAPSED = 16;
  const MAX_DEPTH = 3;
  const MAX_ROWS = 500;
  const CATEGORY_LABEL: Record<string, string> = {
    env: 'Environments (reinstallable)',
    cache: 'Caches and build outputs',
    logs: 'Logs',
    data: 'Data, archives and weights',
  };

  const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const fmtCount = (n: number) => n.toLocaleString('en-US');
  const pct = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)} %` : '0 %');

  const data = JSON.parse($('repolish-data').textContent ?? '{}') as ReportData;

  // ---- the tree -------------------------------------------------------------------------------
  const nodes: TreeNode[] = [];
  const unpack = (p: Packed, parent: TreeNode | null): TreeNode => {
    const [name, bytes, files, flags, ruleIndex, children] = p;
    const ownRule = ruleIndex >= 0 ? data.rules[ruleIndex] : null;
    const path = parent === null ? '' : flags & AGGREGATE ? `${parent.path}/…` : parent.path ? `${parent.path}/${name}` : name;
    const node: TreeNode = {
      id: nodes.length,
      name: parent === null ? data.name : name,
      path,
      bytes,
      files,
      flags,
      rule: ownRule ?? parent?.rule ?? null,
      bloatRoot: ownRule ? null : parent?.bloatRoot ?? null,
      parent,
      children: [],
    };
    if (ownRule) node.bloatRoot = node;
    nodes.push(node);
    if (children) node.children = children.map((c) => unpack(c, node));
    return node;
  };
  const root = unpack(data.tree as Packed, null);

  const findingsByPath = new Map<string, ReportFinding[]>();
  for (const f of data.findings) {
    const key = f.path === '.' ? '' : f.path;
    findingsByPath.set(key, [...(findingsByPath.get(key) ?? []), f]);
  }

  const colorOf = (node: TreeNode): string => {
    if (node.rule) return data.ruleColor[node.rule];
    if (node.flags & AGGREGATE) return '#9aa5b1';
    if (node.flags & IGNORED) return '#b8c2cc';
    return node.flags & DIR ? '#4f6d8a' : '#7d9bb8';
  };

  // ---- header -----------------------------------------------------------------------------------
  // Counted by root cause (a group's most severe finding): findings that restate another count once.
  const SEVERITY_RANKS: Record<string, number> = { error: 2, warning: 1, info: 0 };
  const groupSeverity = new Map<string, ReportFinding['severity']>();
  data.findings.forEach((f, i) => {
    const id = f.rootCause ?? `#${i}`;
    const seen = groupSeverity.get(id);
    if (!seen || SEVERITY_RANKS[f.severity] > SEVERITY_RANKS[seen]) groupSeverity.set(id, f.severity);
  });
  const counts = { error: 0, warning: 0, info: 0 };
  for (const severity of groupSeverity.values()) counts[severity]++;
  const allFindings = data.findings.length + data.findingsOmitted;
  $('summary').textContent =
    `${fmtBytes(data.totals.bytes)} in ${fmtCount(data.totals.files)} files; ${fmtBytes(data.bloatBytes)} (${pct(data.bloatBytes, data.totals.bytes)}) is bloat. ` +
    `${fmtCount(data.rootCauses ?? groupSeverity.size)} root causes: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info (${fmtCount(allFindings)} findings).`;
  $('root').textContent = `${data.root} · scanned ${data.generated}`;

  // ---- squarified treemap layout (Bruls, Huizing, van Wijk) -------------------------------------
  const squarify = (values: number[], rect: Rect): Rect[] => {
    const out: Rect[] = [];
    const total = values.reduce((s, v) => s + v, 0);
    if (total <= 0 || rect.w <= 0 || rect.h <= 0) return values.map(() => ({ x: rect.x, y: rect.y, w: 0, h: 0 }));
    const scale = (rect.w * rect.h) / total;
    const areas = values.map((v) => v * scale);
    const free = { ...rect };
    const worst = (row: number[], side: number): number => {
      const s = row.reduce((a, b) => a + b, 0);
      const max = Math.max(...row);
      const min = Math.min(...row);
      return Math.max((side * side * max) / (s * s), (s * s) / (side * side * min));
    };
    const layoutRow = (row: number[]): void => {
      const s = row.reduce((a, b) => a + b, 0);
      if (free.w >= free.h) {
        const colW = s / free.h;
        let y = free.y;
        for (const a of row) {
          const h = a / colW;
          out.push({ x: free.x, y, w: colW, h });
          y += h;
        }
        free.x += colW;
        free.w -= colW;
      } else {
        const rowH = s / free.w;
        let x = free.x;
        for (const a of row) {
          const w = a / rowH;
          out.push({ x, y: free.y, w, h: rowH });
          x += w;
        }
        free.y += rowH;
        free.h -= rowH;
      }
    };
    let row: number[] = [];
    for (const a of areas) {
      const side = Math.min(free.w, free.h);
      if (row.length === 0 || worst([...row, a], side) <= worst(row, side)) row.push(a);
      else {
        layoutRow(row);
        row = [a];
      }
    }
    if (row.length > 0) layoutRow(row);
    return out;
  };

  // ---- treemap drawing --------------------------------------------------------------------------
  const map = $('treemap');
  const crumbs = $('crumbs');
  const details = $('details');
  let zoomRoot = root;
  let selected: TreeNode | null = null;
  const elementOf = new Map<number, HTMLElement>();

  /** A colour lightened for depth, so nested blocks of one kind stay apart. */
  const shade = (hex: string, depth: number): string => {
    const amount = Math.min(0.45, depth * 0.09);
    const channel = (i: number) => {
      const v = parseInt(hex.slice(i, i + 2), 16);
      return Math.round(v + (255 - v) * amount).toString(16).padStart(2, '0');
    };
    return `#${channel(1)}${channel(3)}${channel(5)}`;
  };

  /** At most this many blocks per drawing: enough to see structure, few enough to stay fast. */
  const MAX_BLOCKS = 2500;
  let blocks = 0;

  const drawChildren = (node: TreeNode, container: HTMLElement, rect: Rect, depth: number, shadeDepth: number): void => {
    const kids = node.children.filter((c) => c.bytes > 0).sort((a, b) => b.bytes - a.bytes);
    const rects = squarify(kids.map((k) => k.bytes), rect);
    kids.forEach((kid, i) => {
      const r = rects[i];
      if (r.w < 2 || r.h < 2 || blocks >= MAX_BLOCKS) return;
      blocks++;
      const box = el('div', 'tm-node');
      box.dataset.id = String(kid.id);
      box.dataset.path = kid.path;
      if (kid.rule) box.dataset.rule = kid.rule;
      if (kid.flags & AGGREGATE) box.classList.add('tm-aggregate');
      if (kid.flags & DIR) box.classList.add('tm-dir');
      if (kid.bloatRoot === kid) box.classList.add('tm-bloat-root');
      if (kid.rule && kid.flags & TRACKED) box.classList.add('tm-tracked');
      box.style.left = `${r.x}px`;
      box.style.top = `${r.y}px`;
      box.style.width = `${r.w}px`;
      box.style.height = `${r.h}px`;
      box.style.background = shade(colorOf(kid), shadeDepth);
      box.title = `${kid.path || data.name}\n${fmtBytes(kid.bytes)} · ${fmtCount(kid.files)} files${kid.rule ? `\n${kid.rule}` : ''}`;
      elementOf.set(kid.id, box);
      container.appendChild(box);
      if (r.w > 36 && r.h > 14) box.appendChild(el('div', 'tm-label', `${kid.name} ${fmtBytes(kid.bytes)}`));
      // A folder with a single child does not cost a level: chains like venv/lib/python3.11 stay readable.
      const nextDepth = kid.children.length > 1 ? depth + 1 : depth;
      if (kid.children.length > 0 && nextDepth <= MAX_DEPTH && r.w > 40 && r.h > 34) {
        drawChildren(kid, box, { x: 2, y: 16, w: r.w - 4, h: r.h - 18 }, nextDepth, shadeDepth + 1);
      }
    });
  };

  const ancestors = (node: TreeNode): TreeNode[] => {
    const list: TreeNode[] = [];
    for (let n: TreeNode | null = node; n; n = n.parent) list.unshift(n);
    return list;
  };

  const renderCrumbs = (): void => {
    crumbs.textContent = '';
    ancestors(zoomRoot).forEach((n, i, all) => {
      if (i > 0) crumbs.appendChild(el('span', 'sep', '/'));
      const b = el('button', 'crumb', n === root ? data.name : n.name);
      b.type = 'button';
      b.disabled = i === all.length - 1;
      b.addEventListener('click', () => zoomTo(n));
      crumbs.appendChild(b);
    });
    crumbs.appendChild(el('span', 'crumb-size', ` ${fmtBytes(zoomRoot.bytes)}`));
  };

  const renderMap = (): void => {
    map.textContent = '';
    elementOf.clear();
    blocks = 0;
    const w = map.clientWidth;
    const h = map.clientHeight;
    drawChildren(zoomRoot, map, { x: 0, y: 0, w, h }, 0, 0);
    renderCrumbs();
    if (selected) elementOf.get(selected.id)?.classList.add('tm-selected');
  };

  const zoomTo = (node: TreeNode): void => {
    zoomRoot = node.children.length > 0 ? node : node.parent ?? root;
    renderMap();
  };

  const row = (dl: HTMLElement, term: string, value: string): void => {
    dl.appendChild(el('dt', undefined, term));
    dl.appendChild(el('dd', undefined, value));
  };

  const showDetails = (node: TreeNode): void => {
    if (selected) elementOf.get(selected.id)?.classList.remove('tm-selected');
    selected = node;
    elementOf.get(node.id)?.classList.add('tm-selected');
    details.textContent = '';
    details.appendChild(el('h3', 'detail-path', node === root ? `${data.name} (the whole tree)` : node.path));
    const dl = el('dl');
    const kind = node.flags & AGGREGATE ? 'smaller entries, grouped' : node.flags & DIR ? 'folder' : 'file';
    row(dl, 'Kind', kind);
    row(dl, 'Size', `${fmtBytes(node.bytes)} (${pct(node.bytes, data.totals.bytes)} of the tree)`);
    row(dl, 'Files', fmtCount(node.files));
    if (!(node.flags & AGGREGATE)) {
      const folder = Boolean(node.flags & DIR);
      row(dl, 'Git', node.flags & TRACKED ? (folder ? 'files below are tracked (committed)' : 'tracked (committed)') : 'not tracked');
      row(dl, 'Ignored', node.flags & IGNORED ? 'yes, by the ignore files' : 'no');
    }
    if (node.rule) {
      const category = data.ruleCategory[node.rule];
      row(dl, 'Bloat', `${node.rule}${category ? ` (${category})` : ''}${node.bloatRoot && node.bloatRoot !== node ? `, inside ${node.bloatRoot.path}` : ''}`);
    }
    details.appendChild(dl);
    if (node.flags & COLLAPSED) details.appendChild(el('p', 'note', 'Its contents are too small to draw at this scale; the scan JSON lists them.'));
    const own = findingsByPath.get(node.path) ?? [];
    const inherited = node.bloatRoot && node.bloatRoot !== node ? findingsByPath.get(node.bloatRoot.path) ?? [] : [];
    const list = own.length > 0 ? own : inherited;
    if (list.length > 0) {
      details.appendChild(el('h4', undefined, own.length > 0 ? 'Findings' : `Findings on ${node.bloatRoot!.path}`));
      const ul = el('ul', 'detail-findings');
      for (const f of list) {
        const li = el('li');
        li.appendChild(el('span', `sev sev-${f.severity}`, f.severity));
        li.appendChild(el('code', undefined, f.rule));
        li.appendChild(el('div', 'msg', f.message));
        if (f.fix) li.appendChild(el('div', 'fix', `Fix: ${f.fix}`));
        ul.appendChild(li);
      }
      details.appendChild(ul);
    }
    if (node.children.length > 0 && node !== zoomRoot) {
      const zoom = el('button', 'zoom', `Zoom into ${node.name}`);
      zoom.type = 'button';
      zoom.addEventListener('click', () => zoomTo(node));
      details.appendChild(zoom);
    }
  };

  const nodeFromEvent = (event: Event): TreeNode | undefined => {
    const target = (event.target as HTMLElement).closest<HTMLElement>('.tm-node');
    return target ? nodes[Number(target.dataset.id)] : undefined;
  };
  map.addEventListener('click', (event) => {
    const node = nodeFromEvent(event);
    if (node) showDetails(node);
  });
  map.addEventListener('dblclick', (event) => {
    const node = nodeFromEvent(event);
    if (node && node.children.length > 0) zoomTo(node);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && zoomRoot.parent) zoomTo(zoomRoot.parent);
  });

  /** The deepest node drawn for a path (a small entry may have been grouped with others). */
  const nodeForPath = (path: string): TreeNode => {
    let node = root;
    if (path === '' || path === '.') return node;
    for (const part of path.split('/')) {
      const next = node.children.find((c) => c.name === part && !(c.flags & AGGREGATE));
      if (!next) break;
      node = next;
    }
    return node;
  };
  const reveal = (path: string): void => {
    const node = nodeForPath(path);
    zoomRoot = node.parent ?? root;
    renderMap();
    showDetails(node);
    $('map-section').scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  // ---- legend -------------------------------------------------------------------------------------
  const legend = $('legend');
  const byCategory = new Map<string, string[]>();
  for (const rule of data.rules) {
    const category = data.ruleCategory[rule] ?? 'data';
    byCategory.set(category, [...(byCategory.get(category) ?? []), rule]);
  }
  for (const [category, rules] of byCategory) {
    const group = el('span', 'legend-group');
    group.appendChild(el('strong', undefined, `${CATEGORY_LABEL[category] ?? category}:`));
    for (const rule of rules) {
      const item = el('span', 'legend-item');
      const swatch = el('span', 'swatch');
      swatch.style.background = data.ruleColor[rule];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(rule.replace(/^bloat\//, '')));
      group.appendChild(item);
    }
    legend.appendChild(group);
  }
  for (const [label, color] of [['source and other files', '#4f6d8a'], ['ignored', '#b8c2cc'], ['small entries, grouped', '#9aa5b1']]) {
    const item = el('span', 'legend-item');
    const swatch = el('span', 'swatch');
    swatch.style.background = color;
    item.appendChild(swatch);
    item.appendChild(document.createTextNode(label));
    legend.appendChild(item);
  }

  // ---- findings table -----------------------------------------------------------------------------
  const categorySelect = $<HTMLSelectElement>('filter-category');
  const severitySelect = $<HTMLSelectElement>('filter-severity');
  const textFilter = $<HTMLInputElement>('filter-text');
  const tbody = $('findings-body');
  const countLine = $('findings-count');
  const categories = [...new Set(data.findings.map((f) => f.rule.split('/')[0]))].sort();
  for (const c of categories) {
    const option = el('option', undefined, c);
    option.value = c;
    categorySelect.appendChild(option);
  }
  let sortKey = 'bytes';
  let sortDir = -1;
  const SEVERITY_ORDER: Record<string, number> = { error: 2, warning: 1, info: 0 };
  const sortValue = (f: ReportFinding): string | number => {
    switch (sortKey) {
      case 'severity': return SEVERITY_ORDER[f.severity];
      case 'bytes': return f.actionBytes ?? f.bytes ?? -1;
      case 'rule': return f.rule;
      case 'path': return f.path;
      default: return f.message;
    }
  };
  let showAll = false;
  const renderFindings = (): void => {
    const category = categorySelect.value;
    const severity = severitySelect.value;
    const text = textFilter.value.trim().toLowerCase();
    const rows = data.findings.filter(
      (f) =>
        (category === '' || f.rule.startsWith(`${category}/`)) &&
        (severity === '' || f.severity === severity) &&
        (text === '' || `${f.rule} ${f.path} ${f.message} ${f.fix ?? ''}`.toLowerCase().includes(text)),
    );
    rows.sort((a, b) => {
      const va = sortValue(a);
      const vb = sortValue(b);
      return (va < vb ? -1 : va > vb ? 1 : 0) * sortDir;
    });
    // A group stays together where its root sorts; the findings that restate it follow it.
    const groupAt = new Map<string, number>();
    const groupKey = (f: ReportFinding, i: number) => f.rootCause ?? `#${i}`;
    rows.forEach((f, i) => { if (!f.restates && !groupAt.has(groupKey(f, i))) groupAt.set(groupKey(f, i), i); });
    rows.forEach((f, i) => { if (!groupAt.has(groupKey(f, i))) groupAt.set(groupKey(f, i), i); });
    const grouped = rows
      .map((f, i) => ({ f, i, at: groupAt.get(groupKey(f, i))! }))
      .sort((a, b) => a.at - b.at || Number(a.f.restates ?? false) - Number(b.f.restates ?? false) || a.i - b.i)
      .map((entry) => entry.f);
    rows.splice(0, rows.length, ...grouped);
    tbody.textContent = '';
    const shown = showAll ? rows : rows.slice(0, MAX_ROWS);
    for (const f of shown) {
      const tr = el('tr', f.restates ? 'restated' : undefined);
      tr.dataset.rule = f.rule;
      tr.dataset.severity = f.severity;
      if (f.rootCause) tr.dataset.rootCause = f.rootCause;
      const sev = el('td');
      sev.appendChild(el('span', `sev sev-${f.severity}`, f.severity));
      tr.appendChild(sev);
      tr.appendChild(el('td', 'rule', f.restates ? `↳ ${f.rule}` : f.rule));
      const pathCell = el('td', 'path');
      const link = el('button', 'path-link', f.line ? `${f.path || '.'}:${f.line}` : f.path || '.');
      link.type = 'button';
      link.title = 'Show in the size map';
      link.addEventListener('click', () => reveal(f.path));
      pathCell.appendChild(link);
      tr.appendChild(pathCell);
      // What acting on it frees; a restating row repeats its root's size, so it shows none.
      const freed = f.actionBytes ?? f.bytes;
      tr.appendChild(el('td', 'num', typeof freed === 'number' && !f.restates ? fmtBytes(freed) : ''));
      tr.appendChild(el('td', 'msg', f.message));
      tr.appendChild(el('td', 'fix', f.fix ?? ''));
      tbody.appendChild(tr);
    }
    countLine.textContent = '';
    countLine.appendChild(document.createTextNode(`Showing ${fmtCount(shown.length)} of ${fmtCount(rows.length)} matching findings (${fmtCount(data.findings.length)} in all).`));
    if (shown.length < rows.length) {
      const more = el('button', 'show-all', 'Show all');
      more.type = 'button';
      more.addEventListener('click', () => {
        showAll = true;
        renderFindings();
      });
      countLine.appendChild(more);
    }
    if (data.findingsOmitted > 0) countLine.appendChild(document.createTextNode(` ${fmtCount(data.findingsOmitted)} smaller findings are left out of this file; the JSON report has them all.`));
  };
  for (const control of [categorySelect, severitySelect]) control.addEventListener('change', () => renderFindings());
  textFilter.addEventListener('input', () => renderFindings());
  document.querySelectorAll<HTMLElement>('#findings th[data-key]').forEach((th) => {
    th.addEventListener('click', () => {
      const key = th.dataset.key!;
      sortDir = key === sortKey ? -sortDir : key === 'bytes' || key === 'severity' ? -1 : 1;
      sortKey = key;
      document.querySelectorAll('#findings th').forEach((h) => h.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', sortDir < 0 ? 'descending' : 'ascending');
      renderFindings();
    });
  });

  // ---- dependencies -------------------------------------------------------------------------------
  const deps = data.findings.filter((f) => f.rule.startsWith('deps/') || f.rule === 'docker/heavy-unused-in-image');
  const depsBox = $('deps');
  if (deps.length === 0) {
    depsBox.appendChild(el('p', 'note', 'No dependency findings in this scan.'));
  } else {
    const table = el('table', 'deps-table');
    const head = el('tr');
    for (const h of ['Package', 'Rule', 'Installed size', 'Freed by removing it', 'Needed by', 'Finding']) head.appendChild(el('th', undefined, h));
    table.appendChild(el('thead')).appendChild(head);
    const body = el('tbody');
    for (const f of [...deps].sort((a, b) => (b.freedBytes ?? b.bytes ?? 0) - (a.freedBytes ?? a.bytes ?? 0))) {
      const tr = el('tr');
      tr.appendChild(el('td', 'pkg', f.package ?? f.path));
      tr.appendChild(el('td', 'rule', f.rule));
      tr.appendChild(el('td', 'num', typeof f.bytes === 'number' ? fmtBytes(f.bytes) : ''));
      tr.appendChild(el('td', 'num', typeof f.freedBytes === 'number' ? fmtBytes(f.freedBytes) : ''));
      tr.appendChild(el('td', undefined, f.neededBy && f.neededBy.length > 0 ? f.neededBy.join(', ') : '—'));
      tr.appendChild(el('td', 'msg', f.fix ? `${f.message} Fix: ${f.fix}` : f.message));
      body.appendChild(tr);
    }
    table.appendChild(body);
    depsBox.appendChild(table);
  }

  // ---- savings ------------------------------------------------------------------------------------
  const savingsBox = $('savings');
  const card = (title: string, amount: string, command: string, note: string): void => {
    const c = el('div', 'card');
    c.appendChild(el('div', 'card-title', title));
    c.appendChild(el('div', 'card-amount', amount));
    if (command) c.appendChild(el('code', 'card-command', command));
    if (note) c.appendChild(el('div', 'card-note', note));
    savingsBox.appendChild(c);
  };
  const s = data.savings;
  const plural = (n: number, word: string) => `${fmtCount(n)} ${word}${n === 1 ? '' : 's'}`;
  if (s.fixFiles.length > 0) {
    // Two effects of one patch, on different things: the larger is the headline, both are listed.
    card('Fix ignore files', fmtBytes(Math.max(s.fixGitignoreBytes, s.fixBuildContextBytes)), s.commands.fixWrite,
      `${fmtBytes(s.fixGitignoreBytes)} kept out of commits, ${fmtBytes(s.fixBuildContextBytes)} out of build contexts; changes ${s.fixFiles.join(', ')}`);
  }
  for (const c of s.clean) {
    if (c.items === 0) continue;
    // Deleting frees allocated blocks (du); the apparent length is beside it where it differs (sparse files).
    const apparent = fmtBytes(c.bytes) === fmtBytes(c.allocated) ? '' : `; ${fmtBytes(c.bytes)} apparent`;
    card(`Clean: ${CATEGORY_LABEL[c.category] ?? c.category}`, fmtBytes(c.allocated), c.command, `${plural(c.items, 'untracked path')} deleted, ${fmtBytes(c.allocated)} on disk${apparent}`);
  }
  if (s.untrack.items > 0) card('Stop tracking committed bloat', fmtBytes(s.untrack.bytes), s.commands.untrack, `${plural(s.untrack.items, 'path')} leave the index; the files stay (untracked caches are deleted too)`);
  for (const c of s.codemods) card(`Codemod ${c.name}`, fmtBytes(c.bytes), c.command, c.packages.join(', '));
  if (s.dependencyBytes > 0) card('Dependencies', fmtBytes(s.dependencyBytes), '', 'removing or replacing the packages reported');
  if (savingsBox.childElementCount === 0) savingsBox.appendChild(el('p', 'note', 'Nothing to free: the tree is clean.'));

  // ---- patch --------------------------------------------------------------------------------------
  const patch = $('patch');
  const copy = $<HTMLButtonElement>('copy-patch');
  if (data.patch === '') {
    patch.textContent = 'The ignore files already cover everything found.';
    copy.disabled = true;
  } else {
    for (const line of data.patch.split('\n')) {
      const cls = line.startsWith('+++') || line.startsWith('---') || line.startsWith('diff ') ? 'd-file' : line.startsWith('+') ? 'd-add' : line.startsWith('-') ? 'd-del' : line.startsWith('@@') ? 'd-hunk' : '';
      patch.appendChild(el('span', cls, `${line}\n`));
    }
  }
  copy.addEventListener('click', () => {
    const done = () => {
      copy.textContent = 'Copied';
      setTimeout(() => (copy.textContent = 'Copy patch'), 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(data.patch).then(done, () => undefined);
      return;
    }
    // file:// pages are not a secure context everywhere: copy through a selected text area.
    const area = el('textarea');
    area.value = data.patch;
    document.body.appendChild(area);
    area.select();
    document.execCommand('copy');
    area.remove();
    done();
  });

  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(renderMap, 120);
  });
  renderFindings();
  renderMap();
  showDetails(root);
  details.appendChild(el('p', 'note', 'Click a block for its path, size, git state and findings; double-click (or "Zoom into") to open a folder; Escape zooms out.'));
  document.body.dataset.ready = 'true';
}
