/** Issue 11: bloat already ignored by git, excluded from every build context and mounted as a compose volume is info. */
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const SQLITE = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4000)]);

function repo(dockerignore: string, compose: string): string {
  const root = makeRepo({
    'app.py': 'print(1)\n',
    'Dockerfile': 'FROM python:3.12-slim\nCOPY app.py .\n',
    '.dockerignore': dockerignore,
    '.gitignore': 'pgdata/\nstore/\n',
    'docker-compose.yml': compose,
    'pgdata/main.db': SQLITE,
    'store/users.db': SQLITE,
  }, ['app.py', 'Dockerfile', '.dockerignore', '.gitignore', 'docker-compose.yml']);
  made.push(root);
  return root;
}

const findings = (root: string) => (JSON.parse(runCli(['scan', '-q', root, '-f', 'json']).stdout) as { findings: { rule: string; path: string; severity: string; message: string }[] }).findings.filter((f) => f.rule === 'bloat/database');

describe('compose volumes', () => {
  it('an ignored, build-context-excluded compose bind volume is info; the same folder without the mount stays a warning', () => {
    const compose = 'services:\n  db:\n    image: postgres\n    volumes:\n      - ./pgdata:/var/lib/postgresql/data\n      - type: bind\n        source: ./store\n        target: /store\n  app:\n    build: .\n';
    const root = repo('pgdata/\nstore\n', compose);
    const byPath = new Map(findings(root).map((f) => [f.path, f]));
    expect(byPath.get('pgdata/main.db')?.severity).toBe('info');
    expect(byPath.get('pgdata/main.db')?.message).toContain('a compose volume');
    expect(byPath.get('store/users.db')?.severity).toBe('info');

    const unmounted = repo('pgdata/\nstore\n', 'services:\n  app:\n    build: .\n    volumes:\n      - appdata:/data\nvolumes:\n  appdata: {}\n');
    expect(findings(unmounted).map((f) => f.severity)).toEqual(['warning', 'warning']);
  });

  it('a mounted folder that a build context still receives stays a warning', () => {
    const root = repo('store\n', 'services:\n  db:\n    image: postgres\n    volumes:\n      - ./pgdata:/data\n  app:\n    build: .\n');
    expect(findings(root).find((f) => f.path === 'pgdata/main.db')?.severity).toBe('warning');
  });
});
