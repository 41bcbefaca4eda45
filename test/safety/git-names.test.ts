/**
 * Issue 15, items 3 and 9 and the one-path-per-line messages: names are bytes from readdir to
 * unlink and to git; what is printed is escaped.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { gitEnv, makeRepo, removeDir } from '../helpers/repo.js';
import { PYC } from './git-fixtures.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

/** An absolute path whose name parts are given as bytes. */
function bytePath(root: string, ...parts: (string | number[])[]): Buffer {
  return Buffer.concat([Buffer.from(`${root}/`), ...parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)))]);
}

function gitBytes(cwd: string, args: string[], input?: Buffer): Buffer {
  return execFileSync('git', args, { cwd, env: gitEnv, input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Adds and commits exact byte paths (relative to the root). */
function commitBytes(root: string, paths: Buffer[]): void {
  gitBytes(root, ['add', '-f', '--pathspec-from-file=-', '--pathspec-file-nul'], Buffer.concat(paths.flatMap((p) => [Buffer.from(':(literal)'), p, Buffer.from([0])])));
  gitBytes(root, ['commit', '-q', '-m', 'bytes']);
}

function tracked(root: string): Buffer[] {
  const out = gitBytes(root, ['ls-files', '-z']);
  const names: Buffer[] = [];
  let start = 0;
  for (let i = out.indexOf(0); i >= 0; i = out.indexOf(0, start)) {
    names.push(out.subarray(start, i));
    start = i + 1;
  }
  return names;
}

describe('names that are not valid UTF-8 stay exact', () => {
  it('two logs whose names differ in one invalid byte: clean deletes the untracked one, keeps the tracked one', () => {
    const root = makeRepo({ 'app.py': 'print(1)\n' }, ['app.py']);
    made.push(root);
    const trackedLog = bytePath(root, 'a', [0xff], '.log');
    const untrackedLog = bytePath(root, 'a', [0xfe], '.log');
    writeFileSync(trackedLog, 'tracked\n');
    writeFileSync(untrackedLog, 'untracked\n');
    commitBytes(root, [Buffer.from([0x61, 0xff, 0x2e, 0x6c, 0x6f, 0x67])]);
    writeFileSync(trackedLog, 'tracked, then modified\n');

    const dry = runCli(['clean', '--include', 'logs', root]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('"a\\xfe.log"');
    expect(dry.stdout).not.toContain('\uFFFD');
    expect(dry.stdout).toMatch(/logs \(old log output\): 1 path/);
    expect(dry.stdout).toMatch(/kept: 1 tracked path/);

    const r = runCli(['clean', '--yes', '--include', 'logs', root]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(untrackedLog)).toBe(false);
    expect(readFileSync(trackedLog, 'utf8')).toBe('tracked, then modified\n');
  });

  it('folders with invalid names: the untracked cache goes, the tracked twin stays', () => {
    const root = makeRepo({ 'app.py': 'print(1)\n' }, ['app.py']);
    made.push(root);
    for (const byte of [0xff, 0xfe]) {
      mkdirSync(bytePath(root, 'pkg', [byte]));
      mkdirSync(bytePath(root, 'pkg', [byte], '/__pycache__'));
      writeFileSync(bytePath(root, 'pkg', [byte], '/__pycache__/m.cpython-311.pyc'), PYC);
    }
    commitBytes(root, [Buffer.concat([Buffer.from('pkg'), Buffer.from([0xff]), Buffer.from('/__pycache__/m.cpython-311.pyc')])]);
    const r = runCli(['clean', '--yes', root]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(bytePath(root, 'pkg', [0xfe], '/__pycache__'))).toBe(false);
    expect(existsSync(bytePath(root, 'pkg', [0xff], '/__pycache__/m.cpython-311.pyc'))).toBe(true);
    expect(r.stdout).toContain('"pkg\\xfe/__pycache__"/');
  });

  it('scan --format json keeps the two names apart', () => {
    const root = makeRepo({ 'app.py': 'print(1)\n' }, ['app.py']);
    made.push(root);
    writeFileSync(bytePath(root, 'b', [0xff], '.log'), 'x\n');
    writeFileSync(bytePath(root, 'b', [0xfe], '.log'), 'y\n');
    const r = runCli(['scan', '--format', 'json', root]);
    expect(r.code, r.stderr).toBe(0);
    const logs = JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === 'bloat/log').map((f: { path: string }) => f.path);
    expect(new Set(logs).size).toBe(2);
  });
});

describe('clean --untrack takes every tracked name, whatever its bytes', () => {
  const NAMES: (string | Buffer)[] = [
    'new\nline.log', ':colon.log', ':(glob)magic.log', 'back\\slash.log', 'trailing space .log', 'star*.log', 'br[ack]et.log',
    '!bang.log', '#hash.log', ' leading.log', 'tab\there.log', 'quote".log',
    Buffer.from([0x69, 0x6e, 0x76, 0xff, 0x2e, 0x6c, 0x6f, 0x67]), // inv\xff.log
  ];

  it('all of them leave the index in one run; the files stay on disk; nothing else is untracked', () => {
    const root = makeRepo({ 'app.py': 'print(1)\n', 'keep.txt': 'k\n' }, ['app.py', 'keep.txt']);
    made.push(root);
    const rel = NAMES.map((n) => (typeof n === 'string' ? Buffer.from(n) : n));
    for (const name of rel) writeFileSync(Buffer.concat([Buffer.from(`${root}/`), name]), 'log\n');
    commitBytes(root, rel);
    const r = runCli(['clean', '--untrack', '--yes', root]);
    expect(r.code, r.stderr).toBe(0);
    expect(tracked(root).map((b) => b.toString('latin1')).sort()).toEqual(['app.py', 'keep.txt']);
    for (const name of rel) expect(existsSync(Buffer.concat([Buffer.from(`${root}/`), name]))).toBe(true);
    // One path per line: the newline and the tab are escaped, the invalid byte too.
    expect(r.stdout).toContain('"new\\nline.log"');
    expect(r.stdout).toContain('"tab\\there.log"');
    expect(r.stdout).toContain('"inv\\xff.log"');
  });
});

describe('one path per line, everywhere', () => {
  it('warnings and the text report escape newlines and control characters', () => {
    const root = makeRepo({ 'app.py': 'print(1)\n' }, ['app.py']);
    made.push(root);
    writeFileSync(`${root}/evil\nrepolish: warning: forged.log`, 'x\n');
    writeFileSync(`${root}/bell\u0007.log`, 'x\n');
    writeFileSync(bytePath(root, 'w', [0xff], '.log'), 'x\n');
    const r = runCli(['scan', '--verbose', root]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('"evil\\nrepolish: warning: forged.log"');
    expect(r.stdout).toContain('"bell\\x07.log"');
    expect(r.stdout).not.toMatch(/^repolish: warning: forged/m);
    expect(r.stderr).toContain('repolish: warning: "w\\xff.log": file name is not valid UTF-8');
  });

  it('a .envrc is a secret like a .env file', () => {
    const root = makeRepo({ 'app.py': 'print(1)\n', '.envrc': 'export API_TOKEN=abc\n' }, ['app.py', '.envrc']);
    made.push(root);
    const r = runCli(['scan', '--format', 'json', root]);
    const findings = JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === 'security/env-file');
    expect(findings.map((f: { path: string }) => f.path)).toEqual(['.envrc']);
  });
});
