import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/text/index.js';
import { createPatch } from '../../src/patch/diff.js';
import { dockerRules } from '../../src/rules/docker/index.js';
import { depsRules } from '../../src/rules/deps/index.js';
import type { Rule, RuleContext } from '../../src/rules/types.js';
import type { Finding } from '../../src/findings.js';
import { makeRepo, removeDir, runGit } from '../helpers/repo.js';
import { contextOf } from '../deps/helpers.js';
import { podmanRepo } from './scenarios.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));

function run(rules: Rule[], ctx: RuleContext): Finding[] {
  return rules.flatMap((r) => r.check(ctx));
}

/** Applies every docker rule's fix the way `repolish fix` merges them. */
function fixAll(root: string, ctx: RuleContext): string {
  const byPath = new Map<string, Array<{ start: number; end: number; text: string }>>();
  for (const rule of dockerRules) {
    const found = rule.check(ctx);
    if (!rule.fix || found.length === 0) continue;
    for (const fe of rule.fix(ctx, found)) byPath.set(fe.path, [...(byPath.get(fe.path) ?? []), ...fe.edits]);
  }
  const changes = [...byPath].map(([path, edits]) => {
    const before = readFileSync(join(root, path), 'utf8');
    return { path, before, after: applyEdits(before, edits) };
  });
  const patch = createPatch(changes);
  runGit(root, ['apply', '--check'], patch);
  for (const c of changes) writeFileSync(join(root, c.path), c.after);
  return patch;
}

describe('container rules on a Podman stack', () => {
  const root = podmanRepo();
  roots.push(root);
  const ctx = contextOf(root);
  const findings = run([...dockerRules, ...depsRules], ctx);
  const of = (rule: string) => findings.filter((f) => f.rule === rule);

  it('reports torch and torchaudio as unused in the UI image, with the saving, on its install line', () => {
    const heavy = of('docker/heavy-unused-in-image');
    expect(heavy.map((f) => `${f.path}:${f.line}:${f.package}:${f.manifest}:${f.manifestLine}`).sort()).toEqual([
      'Podmanfile.chainlit:5:torch:requirements-chainlit.txt:3', 'Podmanfile.chainlit:5:torchaudio:requirements-chainlit.txt:4',
    ]);
    for (const f of heavy) {
      expect(f.estimated).toBe(true);
      expect(f.imageSavingBytes as number).toBeGreaterThan(5e9);
      expect(f.message).toMatch(/app\/ui\/app\.py/);
    }
    // The requirement lines themselves: judged by the one image that installs the file.
    expect(of('deps/heavy-unused').map((f) => `${f.path}:${f.line}:${f.package}`).sort()).toEqual([
      'requirements-chainlit.txt:3:torch', 'requirements-chainlit.txt:4:torchaudio',
    ]);
    // torch is still what the API image needs for openai-whisper: reported as heavy there, with the alternative.
    const torch = of('deps/heavy').find((f) => f.package === 'torch')!;
    expect(torch).toMatchObject({ path: 'requirements-api.txt', line: 4, keptBy: 'openai-whisper' });
    expect(torch.fix).toMatch(/whisper-to-faster-whisper/);
  });

  it('reports nothing for packages the API and crawler images really use', () => {
    const packages = findings.filter((f) => f.rule.startsWith('deps/unused') || f.rule === 'deps/heavy-unused' || f.rule === 'docker/heavy-unused-in-image').map((f) => f.package);
    for (const used of ['fastapi', 'uvicorn', 'faiss-cpu', 'openai-whisper', 'redis', 'requests', 'beautifulsoup4', 'lxml', 'httpx', 'chainlit']) expect(packages).not.toContain(used);
    expect(of('deps/missing')).toEqual([]);
  });

  it('reports pip and apt waste per file and line', () => {
    expect(of('docker/pip-cache').map((f) => `${f.path}:${f.line}`)).toEqual(['Podmanfile.api:9']);
    expect(of('docker/apt-lists').map((f) => `${f.path}:${f.line}`)).toEqual(['Podmanfile.api:4']);
    expect(of('docker/apt-recommends').map((f) => `${f.path}:${f.line}`)).toEqual(['Podmanfile.api:4']);
    expect(of('docker/single-stage-build-tools').map((f) => `${f.path}:${f.line}:${(f.packages as string[]).join(',')}`)).toEqual(['Podmanfile.api:4:build-essential,libopenblas-dev']);
    // The crawler's builder stage and its PIP_NO_CACHE_DIR final stage are fine; so is the UI's --no-cache-dir.
    expect(findings.filter((f) => (f.path === 'Podmanfile.crawl' || f.path === 'Podmanfile.chainlit') && f.rule !== 'docker/heavy-unused-in-image')).toEqual([]);
  });

  it('fixes pip and apt waste with one patch that git accepts, and a second scan finds nothing left to fix', () => {
    const patch = fixAll(root, ctx);
    expect(patch).toContain('diff --git a/Podmanfile.api b/Podmanfile.api');
    const after = readFileSync(join(root, 'Podmanfile.api'), 'utf8');
    expect(after).toContain('RUN pip install --no-cache-dir --upgrade pip && pip install --no-cache-dir -r requirements-api.txt');
    expect(after).toContain('    apt-get install --no-install-recommends -y \\\n    # BLAS for faiss\n    build-essential libopenblas-dev curl \\\n    && rm -rf /var/lib/apt/lists/*\nCOPY requirements-api.txt .');
    const again = run(dockerRules, contextOf(root));
    expect(again.filter((f) => ['docker/pip-cache', 'docker/apt-lists', 'docker/apt-recommends'].includes(f.rule))).toEqual([]);
    expect(again.filter((f) => f.rule === 'docker/single-stage-build-tools')).toHaveLength(1); // not mechanical: advice only
  });
});

describe('container rules, edge cases', () => {
  it('leaves heredocs and exec-form RUNs unedited but still reports them', () => {
    const root = makeRepo({ Dockerfile: 'FROM python:3.12\nRUN ["pip", "install", "flask"]\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n' });
    roots.push(root);
    const ctx = contextOf(root);
    const found = run(dockerRules, ctx);
    expect(found.map((f) => `${f.rule}:${f.line}:${f.fixable ?? false}`).sort()).toEqual([
      'docker/apt-lists:3:false', 'docker/apt-recommends:3:false', 'docker/pip-cache:2:false',
    ]);
    for (const rule of dockerRules) expect(rule.fix?.(ctx, found.filter((f) => f.rule === rule.meta.id)) ?? []).toEqual([]);
  });

  it('accepts cache mounts, clean-up in the same RUN and recommends configured once', () => {
    const root = makeRepo({
      Dockerfile: [
        'FROM python:3.12-slim',
        'RUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/norecs',
        'RUN --mount=type=cache,target=$HOME/.cache/pip pip install flask',
        'RUN pip install gunicorn && rm -rf ~/.cache/pip',
        'RUN apt-get update && apt-get install -y gcc libpq-dev && pip install psycopg2 --no-cache-dir && apt-get purge -y gcc libpq-dev && rm -rf /var/lib/apt/lists/*',
        'RUN apt-get update; apt-get install -y curl;',
        '',
      ].join('\n'),
    });
    roots.push(root);
    const ctx = contextOf(root);
    const found = run(dockerRules, ctx);
    expect(found.map((f) => `${f.rule}:${f.line}`)).toEqual(['docker/apt-lists:6']);
    // A RUN that ends with ';' gets the clean-up without a dangling '&&'.
    fixAll(root, ctx);
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toContain('RUN apt-get update; apt-get install -y curl; rm -rf /var/lib/apt/lists/*\n');
  });

  it('reports the whole context copied before the install, not the requirements copied first', () => {
    const root = makeRepo({
      'Dockerfile': 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "main.py"]\n',
      'good/Dockerfile': 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n',
      'requirements.txt': 'flask\n',
      'good/requirements.txt': 'flask\n',
      'main.py': 'import flask\n',
      'good/main.py': 'import flask\n',
    });
    roots.push(root);
    const found = run(dockerRules, contextOf(root)).filter((f) => f.rule === 'docker/copy-before-install');
    expect(found.map((f) => `${f.path}:${f.line}`)).toEqual(['Dockerfile:3']);
    expect(found[0].message).toMatch(/line 4/);
  });
});
