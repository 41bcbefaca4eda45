/** Getting to green in CI without switching rules off: ignore entries, inline ignores, --baseline, --fail-on-bytes. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeDir, tempDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const SQLITE = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4000)]);

function repo(extra: Record<string, string | Buffer> = {}): string {
  const root = makeRepo({
    'app.py': 'import flask\n',
    'requirements.txt': 'flask\n',
    'Dockerfile': 'FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\n',
    '.dockerignore': '.git\n',
    'data/users.db': SQLITE,
    'run.log': 'x\n',
    ...extra,
  }, ['app.py', 'requirements.txt', 'Dockerfile', '.dockerignore']);
  made.push(root);
  return root;
}

const rulesOf = (stdout: string) => (JSON.parse(stdout).findings as { rule: string; path: string }[]).map((f) => `${f.rule} ${f.path}`);

describe('CI gates', () => {
  it('ignore entries in the configuration leave findings out by rule, path glob and package; an unused one is a warning naming it', () => {
    const root = repo();
    const before = rulesOf(runCli(['scan', root, '--format', 'json']).stdout);
    expect(before).toContain('bloat/database data/users.db');
    expect(before).toContain('docker/pip-cache Dockerfile');
    writeFileSync(join(root, 'repolish.config.json'), JSON.stringify({
      ignore: [
        { rule: 'bloat/database', path: 'data/**' },
        { rule: 'docker/pip-cache' },
        { rule: 'bloat/log', path: 'nothing/**' },
      ],
    }));
    const run = runCli(['scan', root, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const after = rulesOf(run.stdout);
    expect(after).not.toContain('bloat/database data/users.db');
    expect(after).not.toContain('docker/pip-cache Dockerfile');
    expect(after).toContain('bloat/log run.log');
    expect(after).toContain('ignore/missing-gitignore data/users.db'); // another rule about the same path stays
    expect(run.stderr).toContain('repolish.config.json: ignore entry {"rule":"bloat/log","path":"nothing/**"} matches no finding');
    // The ignored Dockerfile problem is not fixed either.
    expect(runCli(['fix', root]).stdout).not.toContain('--no-cache-dir');
  });

  it('an ignore entry naming an unknown rule is exit 2 with a suggestion', () => {
    const root = repo();
    writeFileSync(join(root, 'repolish.config.json'), JSON.stringify({ ignore: [{ rule: 'docker/pip-cahce' }] }));
    const run = runCli(['scan', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown rule "docker\/pip-cahce" in "ignore\[0\]"/);
  });

  it('inline `# repolish: ignore[rule]` on the line or the line above, in container and requirement files', () => {
    const root = repo({
      'Dockerfile': 'FROM python:3.12-slim\nCOPY . .\n# repolish: ignore[docker/pip-cache]\nRUN pip install -r requirements.txt\nRUN apt-get update && apt-get install -y curl  # repolish: ignore[docker/apt-recommends, docker/apt-lists]\n',
      'requirements.txt': 'flask\nrequests  # repolish: ignore[deps/unused]\nhttpx\n',
    });
    const after = rulesOf(runCli(['scan', root, '--format', 'json']).stdout);
    expect(after).not.toContain('docker/pip-cache Dockerfile');
    expect(after).not.toContain('docker/apt-recommends Dockerfile');
    expect(after).not.toContain('docker/apt-lists Dockerfile');
    expect(after.filter((f) => f.startsWith('deps/unused'))).toEqual(['deps/unused requirements.txt']); // httpx only
    const json = JSON.parse(runCli(['scan', root, '--format', 'json']).stdout);
    expect(json.findings.find((f: { rule: string }) => f.rule === 'deps/unused').package).toBe('httpx');
  });

  it('inline ignores in .gitignore and .dockerignore', () => {
    const lines = (stdout: string) => (JSON.parse(stdout).findings as { rule: string; path: string; line?: number }[])
      .filter((f) => f.rule === 'ignore/suspicious-entry').map((f) => `${f.path}:${f.line}`);
    const root = repo({ '.gitignore': '*.log\n*.log\nnotes/x.txt\n', '.dockerignore': '.git\n.git\n' });
    expect(lines(runCli(['scan', root, '--format', 'json']).stdout)).toEqual(expect.arrayContaining(['.gitignore:2', '.gitignore:3', '.dockerignore:2']));
    writeFileSync(join(root, '.gitignore'), '*.log\n*.log  # repolish: ignore[ignore/suspicious-entry]\n# repolish: ignore[ignore/suspicious-entry]\nnotes/x.txt\n');
    writeFileSync(join(root, '.dockerignore'), '.git\n# repolish: ignore[ignore/suspicious-entry]\n.git\n');
    expect(lines(runCli(['scan', root, '--format', 'json']).stdout)).toEqual([]);
  });

  it('--baseline: only findings not in the earlier JSON report count for --fail-on', () => {
    const root = repo();
    const baseline = join(tempDir(), 'baseline.json');
    made.push(baseline.replace(/\/baseline\.json$/, ''));
    writeFileSync(baseline, runCli(['scan', root, '--format', 'json']).stdout);
    expect(runCli(['scan', root, '--fail-on', 'warning']).code).toBe(1);
    const same = runCli(['scan', root, '--fail-on', 'warning', '--baseline', baseline]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stderr).toMatch(/0 of \d+ findings are new since/);
    // Sizes change, identities do not; a new problem fails.
    writeFileSync(join(root, 'data/users.db'), Buffer.concat([SQLITE, Buffer.alloc(9000)]));
    expect(runCli(['scan', root, '--fail-on', 'warning', '--baseline', baseline]).code).toBe(0);
    writeFileSync(join(root, 'orders.db'), SQLITE);
    const fresh = runCli(['scan', root, '--fail-on', 'warning', '--baseline', baseline]);
    expect(fresh.code).toBe(1);
    expect(fresh.stderr).toContain('new findings at or above "warning"');
    const bad = runCli(['scan', root, '--baseline', join(root, 'app.py')]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
  });

  it('--fail-on-bytes fails when the bloat found adds up to at least SIZE', () => {
    const root = repo();
    expect(runCli(['scan', root, '--fail-on-bytes', '1 MB']).code).toBe(0);
    const run = runCli(['scan', root, '--fail-on-bytes', '2KB']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/of bloat, at least 2\.0 KB: failing \(--fail-on-bytes 2KB\)/);
    expect(runCli(['scan', root, '--fail-on-bytes', 'lots']).code).toBe(2);
  });
});
