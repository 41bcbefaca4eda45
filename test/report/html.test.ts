import { describe, expect, it } from 'vitest';
import type { BloatItem } from '../../src/model/bloat.js';
import type { DirNode } from '../../src/model/tree.js';
import { buildReportData, renderHtml } from '../../src/report/html.js';
import { FLAG, packTree, type PackedNode } from '../../src/report/html/treemap-data.js';
import { scan } from '../../src/scan.js';
import { makeRepo } from '../helpers/repo.js';

/** An in-memory tree shaped like a venv-heavy repository: `packages` × `filesPer` files plus source. */
function syntheticTree(packages: number, filesPer: number): { root: DirNode; venv: DirNode } {
  const dir = (name: string, path: string, parent: DirNode | null): DirNode => ({ name, path, parent, dirs: [], files: [], bytes: 0, allocated: 0, fileCount: 0, tracked: false, ignored: false });
  const root = dir('', '', null);
  const venv = dir('venv', 'venv', root);
  root.dirs.push(venv);
  let seed = 7;
  const size = () => (seed = (seed * 48271) % 2147483647) % 40_000;
  for (let p = 0; p < packages; p++) {
    const pkg = dir(`pkg${p}`, `venv/pkg${p}`, venv);
    venv.dirs.push(pkg);
    for (let f = 0; f < filesPer; f++) pkg.files.push({ name: `m${f}.py`, kind: 'file', size: size() * (p === 0 ? 50 : 1), allocated: 0, tracked: false, ignored: false });
  }
  const src = dir('src', 'src', root);
  root.dirs.push(src);
  for (let f = 0; f < 500; f++) src.files.push({ name: `s${f}.py`, kind: 'file', size: size(), allocated: 0, tracked: true, ignored: false });
  const total = (d: DirNode): void => {
    d.dirs.forEach(total);
    d.bytes = d.files.reduce((s, f) => s + f.size, 0) + d.dirs.reduce((s, c) => s + c.bytes, 0);
    d.fileCount = d.files.length + d.dirs.reduce((s, c) => s + c.fileCount, 0);
    d.tracked = d.files.some((f) => f.tracked) || d.dirs.some((c) => c.tracked);
  };
  total(root);
  return { root, venv };
}

function walkPacked(node: PackedNode, visit: (n: PackedNode) => void): void {
  visit(node);
  for (const child of node[5] ?? []) walkPacked(child, visit);
}

describe('treemap data', () => {
  const { root, venv } = syntheticTree(400, 500); // 200,000 files in the venv, 500 of source
  const bloat = [{ rule: 'bloat/venv', path: 'venv', dir: venv, bytes: venv.bytes, allocated: 0, files: venv.fileCount, tracked: false, ignored: false, clean: 'env', description: 'venv' } as BloatItem];

  it('stays within its node budget on a 200,000-file tree, and small', () => {
    const packed = packTree(root, bloat);
    let count = 0;
    walkPacked(packed.tree, () => count++);
    expect(count).toBe(packed.nodes);
    expect(packed.nodes).toBeLessThanOrEqual(20_000 + 1_000);
    expect(JSON.stringify(packed.tree).length).toBeLessThan(2_000_000);
  });

  it('loses no bytes or files: every opened folder is the sum of its blocks', () => {
    const packed = packTree(root, bloat, { maxNodes: 3_000 });
    walkPacked(packed.tree, (node) => {
      const children = node[5];
      if (!children) return;
      expect(children.reduce((s, c) => s + c[1], 0)).toBe(node[1]);
      expect(children.reduce((s, c) => s + c[2], 0)).toBe(node[2]);
    });
    expect(packed.tree[1]).toBe(root.bytes);
  });

  it('opens the largest folders first and groups what is too small to see', () => {
    const packed = packTree(root, bloat, { maxNodes: 600 });
    const venvNode = packed.tree[5]!.find((n) => n[0] === 'venv')!;
    expect(packed.rules[venvNode[4]]).toBe('bloat/venv');
    const pkg0 = venvNode[5]!.find((n) => n[0] === 'pkg0')!;
    expect(pkg0[5], 'the largest package is opened').toBeDefined();
    const closed = venvNode[5]!.filter((n) => n[3] & FLAG.collapsed);
    expect(closed.length).toBeGreaterThan(0);
    const src = packed.tree[5]!.find((n) => n[0] === 'src')!;
    expect(src[3] & FLAG.tracked).toBeTruthy();
  });
});

describe('renderHtml', () => {
  it('is one self-contained file: no network address, inline script and style, a strict CSP', () => {
    const root = makeRepo({ 'app.py': 'print(1)\n', 'logs/a.log': 'x\n' }, ['app.py']);
    const html = renderHtml(scan(root));
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    expect(html).toContain(`content="default-src 'none'`);
  });

  it('a file name cannot close the data script or inject markup', () => {
    const root = makeRepo({ 'app.py': 'print(1)\n', '</script><b onclick=x>.log': 'x\n' }, ['app.py']);
    const result = scan(root);
    const html = renderHtml(result);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    const json = /<script type="application\/json" id="repolish-data">([\s\S]*?)<\/script>/.exec(html)![1];
    const data = JSON.parse(json) as ReturnType<typeof buildReportData>;
    expect(data.findings.map((f) => f.path)).toContain('</script><b onclick=x>.log');
  });

  it('embeds what the page shows: findings, savings, the patch', () => {
    const root = makeRepo({ 'app.py': 'print(1)\n', 'logs/a.log': 'x\n', '__pycache__/a.pyc': 'y' }, ['app.py']);
    const result = scan(root);
    const data = buildReportData(result, new Date('2026-01-02T03:04:05Z'));
    expect(data.generated).toBe('2026-01-02 03:04 UTC');
    expect(data.findings).toHaveLength(result.findings.length);
    expect(data.patch).toContain('diff --git a/.gitignore b/.gitignore');
    expect(data.savings.clean.find((c) => c.category === 'cache')!.bytes).toBe(1);
    expect(data.ruleCategory['bloat/log']).toBe('logs');
  });
});
