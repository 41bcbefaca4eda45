/** Rules that explain themselves: `repolish rules`, `repolish explain`, generated docs, SARIF help. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { ruleDocFiles, withRuleTable } from '../../src/rules/docs.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeDir } from '../helpers/repo.js';

const TOP = fileURLToPath(new URL('../../', import.meta.url));
const made: string[] = [];
afterAll(() => made.forEach(removeDir));

describe('rule documentation', () => {
  it('every rule carries a title and documentation in its own module', () => {
    for (const { meta } of RULES) {
      expect(meta.title, meta.id).toBeTruthy();
      for (const part of ['what', 'why', 'fix', 'example'] as const) expect(meta.docs?.[part], `${meta.id} ${part}`).toBeTruthy();
      if (meta.fixSafety) expect(meta.docs?.fixSafety, `${meta.id} says why its fix is ${meta.fixSafety}`).toBeTruthy();
    }
  });

  it('`repolish rules` lists every rule, and --json carries the documentation and URL', () => {
    const text = runCli(['rules']);
    expect(text.code).toBe(0);
    expect(text.stdout.trim().split('\n')).toHaveLength(RULES.length);
    expect(text.stdout).toMatch(/^docker\/apt-recommends\s+warning\s+fix: unsafe\s+apt installs recommended packages$/m);
    const json = JSON.parse(runCli(['rules', '--json']).stdout);
    expect(json.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    const venv = json.find((r: { id: string }) => r.id === 'bloat/venv');
    expect(venv.docs.why).toContain('machine-specific');
    expect(venv.url).toMatch(/^https:\/\/.*\/docs\/rules\/bloat\/venv\.md$/);
  });

  it('`repolish explain` prints one rule; an unknown id is exit 2 with a suggestion', () => {
    const run = runCli(['explain', 'docker/apt-recommends']);
    expect(run.code).toBe(0);
    for (const heading of ['What it finds', 'Why it matters', 'How to fix it', 'Fix safety', 'Example']) expect(run.stdout).toContain(`\n${heading}\n`);
    expect(run.stdout).toContain('Unsafe: it can change behaviour, so only `fix --unsafe --write` applies it.');
    const typo = runCli(['explain', 'bloat/vnev']);
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr.trim().split('\n')).toHaveLength(1);
    expect(typo.stderr).toContain('unknown rule "bloat/vnev" (did you mean "bloat/venv"?)');
  });

  it('docs/rules/<id>.md and the README table are what the rules say (npm run docs:rules regenerates them)', () => {
    const metas = RULES.map((r) => r.meta);
    for (const file of ruleDocFiles(metas)) {
      const path = join(TOP, file.path);
      expect(existsSync(path), `${file.path} is missing: npm run docs:rules`).toBe(true);
      expect(readFileSync(path, 'utf8'), `${file.path} is stale: npm run docs:rules`).toBe(file.content);
    }
    const readme = readFileSync(join(TOP, 'README.md'), 'utf8');
    expect(withRuleTable(readme, metas), 'the README rule table is stale: npm run docs:rules').toBe(readme);
    for (const { meta } of RULES) expect(readme).toContain(`[\`${meta.id}\`](docs/rules/${meta.id}.md)`);
  });

  it('SARIF rules carry helpUri and the full help text', () => {
    const root = makeRepo({ 'app.py': 'print(1)\n', 'debug.log': 'x\n' }, ['app.py']);
    made.push(root);
    const sarif = JSON.parse(runCli(['scan', root, '--format', 'sarif']).stdout);
    const rules = sarif.runs[0].tool.driver.rules as { id: string; helpUri: string; help: { text: string; markdown: string } }[];
    expect(rules).toHaveLength(RULES.length);
    const log = rules.find((r) => r.id === 'bloat/log')!;
    expect(log.helpUri).toMatch(/docs\/rules\/bloat\/log\.md$/);
    expect(log.help.text).toMatch(/^What: .*\nWhy: .*\nFix: .*\nFix safety: .*\nExample: /);
    expect(log.help.markdown).toContain('## Why it matters');
  });
});
