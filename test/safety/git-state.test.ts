/**
 * Issue 15, items 1 and 2: a repository git cannot read is not "no repository" (nothing is
 * deleted or written, scan says tracking is unknown), and a git directory is never bloat.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { gitEnv, makeRepo, removeDir, runGit, tempDir, writeTree } from '../helpers/repo.js';
import { PYC, runWithEnv, SPEECH_SCRIPT } from './git-fixtures.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const NOBODY = 65534;

function nobodyCanRun(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(BIN)})`]);
  return probe.status === 0;
}

/** Tracked bloat and modified tracked source: what clean --yes must never delete. */
function repo(): string {
  const root = makeRepo(
    { 'app/asr.py': SPEECH_SCRIPT, 'requirements.txt': 'openai-whisper==20231117\n', 'run.log': 'tracked log\n', 'cache/__pycache__/m.cpython-311.pyc': PYC },
    ['app/asr.py', 'requirements.txt', 'run.log', 'cache/__pycache__/m.cpython-311.pyc'],
  );
  made.push(root);
  writeFileSync(join(root, 'run.log'), 'tracked log, modified\n');
  return root;
}

function chownTree(path: string, uid: number): void {
  chownSync(path, uid, uid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) chownTree(child, uid);
    else chownSync(child, uid, uid);
  }
}

function expectUntouched(root: string): void {
  for (const path of ['app/asr.py', 'run.log', 'cache/__pycache__/m.cpython-311.pyc']) expect(existsSync(join(root, path)), path).toBe(true);
  expect(existsSync(join(root, '.gitignore'))).toBe(false);
}

const WRITES: [string, (root: string) => string[]][] = [
  ['clean --yes', (root) => ['clean', '--yes', '--include', 'cache,logs', root]],
  ['clean --untrack', (root) => ['clean', '--untrack', root]],
  ['fix --write', (root) => ['fix', '--write', root]],
  ['codemod run --write', (root) => ['codemod', 'run', 'whisper-to-faster-whisper', root, '--write']],
  ['codemod run --branch', (root) => ['codemod', 'run', 'whisper-to-faster-whisper', root, '--branch', 'fw']],
];

describe('git cannot read the repository: writes refuse with git\'s message, scan goes on', () => {
  const broken: [string, (root: string) => void, NodeJS.ProcessEnv, RegExp][] = [
    ['dubious ownership (owned by another user)', (root) => chownTree(root, NOBODY), {}, /dubious ownership/],
    ['a corrupt .git/HEAD', (root) => writeFileSync(join(root, '.git', 'HEAD'), 'not a ref\n'), {}, /not a git repository/],
    ['git missing from PATH', () => undefined, { PATH: nodeOnlyPath() }, /git is not installed or not on PATH/],
  ];

  describe.each(broken)('%s', (_name, breakIt, env, message) => {
    it.each(WRITES)('%s refuses with exit 3 and changes nothing', (_cmd, args) => {
      const root = repo();
      breakIt(root);
      const r = runWithEnv(args(root), env);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/git cannot read the repository/);
      expectUntouched(root);
    });

    it('scan goes on and warns that tracking is unknown, with git\'s message', () => {
      const root = repo();
      breakIt(root);
      const r = runWithEnv(['scan', root], env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/git cannot read the repository \(.*\): tracking is unknown/);
      expect(r.stderr).toMatch(message);
    });
  });

  it('as an unprivileged user, in a repository owned by root, clean --yes refuses too', () => {
    if (!nobodyCanRun()) return;
    const root = repo();
    chmodSync(root, 0o777);
    for (const dir of ['app', 'cache', 'cache/__pycache__']) chmodSync(join(root, dir), 0o777);
    const run = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, BIN, 'clean', '--yes', '--include', 'cache,logs', root], {
      encoding: 'utf8', env: { ...gitEnv, HOME: '/tmp', NO_COLOR: '1' },
    });
    expect(run.status, run.stderr).toBe(3);
    expect(run.stderr).toMatch(/dubious ownership/);
    expectUntouched(root);
  });

  it('a folder with no repository at all is still cleaned (no .git anywhere up)', () => {
    const root = tempDir();
    made.push(root);
    writeTree(root, { 'a/__pycache__/x.cpython-311.pyc': PYC });
    const r = runWithEnv(['clean', '--yes', root], { PATH: nodeOnlyPath() });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(root, 'a/__pycache__'))).toBe(false);
  });
});

function nodeOnlyPath(): string {
  const dir = join(tempDir('repolish-path-'), 'bin');
  mkdirSync(dir);
  symlinkSync(process.execPath, join(dir, 'node'));
  made.push(join(dir, '..'));
  return dir;
}

describe('git directories are never bloat', () => {
  /** A bare repository with reflogs (logs/), as a server or a backup has. */
  function bareRepo(parent: string, name: string): string {
    const source = makeRepo({ 'a.py': 'print(1)\n' }, ['a.py']);
    made.push(source);
    const bare = join(parent, name);
    runGit(parent, ['clone', '-q', '--bare', source, bare]);
    runGit(bare, ['config', 'core.logAllRefUpdates', 'always']);
    runGit(bare, ['update-ref', '-m', 'reflog entry', 'refs/heads/topic', 'HEAD']);
    expect(existsSync(join(bare, 'logs', 'refs', 'heads', 'topic'))).toBe(true);
    return bare;
  }

  it('scanned directly, a bare repository yields no bloat and clean --yes refuses (exit 3)', () => {
    const parent = tempDir();
    made.push(parent);
    const bare = bareRepo(parent, 'project.git');
    const scan = runCli(['scan', '--format', 'json', bare]);
    expect(scan.code, scan.stderr).toBe(0);
    const report = JSON.parse(scan.stdout);
    expect(report.findings.filter((f: { rule: string }) => f.rule.startsWith('bloat/'))).toEqual([]);
    const r = runCli(['clean', '--yes', '--include', 'cache,env,logs,data', bare]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/is a git directory/);
    expect(existsSync(join(bare, 'logs', 'refs', 'heads', 'topic'))).toBe(true);
    runGit(bare, ['fsck', '--no-progress']);
  });

  it('scanned directly, the .git of a work tree is refused the same way', () => {
    const root = makeRepo({ 'a.py': 'print(1)\n' }, ['a.py']);
    made.push(root);
    expect(existsSync(join(root, '.git', 'logs', 'HEAD'))).toBe(true);
    const r = runCli(['clean', '--yes', '--include', 'logs', join(root, '.git')]);
    expect(r.code, r.stderr).toBe(3);
    expect(existsSync(join(root, '.git', 'logs', 'HEAD'))).toBe(true);
  });

  it('nested anywhere in the tree, a bare repository or a .git folder keeps its logs/ while real logs go', () => {
    const root = tempDir();
    made.push(root);
    mkdirSync(join(root, 'mirrors'));
    const bare = bareRepo(join(root, 'mirrors'), 'project.git');
    const copy = makeRepo({ 'b.py': 'print(2)\n' }, ['b.py']);
    made.push(copy);
    runGit(root, ['clone', '-q', copy, 'checkout-copy']);
    writeTree(root, { 'logs/server.log': 'x\n', 'app.log': 'y\n' });
    const r = runCli(['clean', '--yes', '--include', 'logs', root]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/project\.git|\.git\//);
    expect(existsSync(join(bare, 'logs', 'refs', 'heads', 'topic'))).toBe(true);
    expect(existsSync(join(root, 'checkout-copy', '.git', 'logs', 'HEAD'))).toBe(true);
    expect(existsSync(join(root, 'app.log'))).toBe(false);
    runGit(bare, ['fsck', '--no-progress']);
    runGit(join(root, 'checkout-copy'), ['fsck', '--no-progress']);
  });
});
