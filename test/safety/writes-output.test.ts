/**
 * Issue 15 item 10: `scan -o` / `fix --patch` write to what they point at without replacing it.
 * Devices and FIFOs are written directly (our own device nodes made with mknod, so the machine's
 * /dev is never at stake); the standard streams by descriptor; a symlink only when it leads to a
 * regular file. A write error names the file the user gave, never a temporary file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { gitEnv } from '../helpers/repo.js';
import { Scratch } from '../helpers/scratch.js';

const scratch = new Scratch();

function project(): string {
  return scratch.repo({ 'app.py': 'print(1)\n', 'app.log': 'boot\n' }, ['app.py']);
}

function outDir(): string {
  return scratch.dir('repolish-out-');
}

describe('scan -o / fix --patch to things that are not regular files', () => {
  it('writes to a character device without replacing it (a null device)', () => {
    const root = project();
    const dir = outDir();
    execFileSync('mknod', [join(dir, 'null'), 'c', '1', '3']);
    const run = runCli(['scan', '-o', join(dir, 'null'), root]);
    expect(run.code, run.stderr).toBe(0);
    expect(lstatSync(join(dir, 'null')).isCharacterDevice()).toBe(true);
    const patch = runCli(['fix', '--patch', join(dir, 'null'), root]);
    expect(patch.code, patch.stderr).toBe(0);
    expect(lstatSync(join(dir, 'null')).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir)).toEqual(['null']);
  });

  it('a full device is a write error (exit 2) that names the file, and the device stays', () => {
    const root = project();
    const dir = outDir();
    execFileSync('mknod', [join(dir, 'full'), 'c', '1', '7']);
    const run = runCli(['scan', '-o', join(dir, 'full'), root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(dir, 'full')}: cannot write: no space left on device`);
    expect(run.stderr).not.toContain('repolish-tmp');
    expect(lstatSync(join(dir, 'full')).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir)).toEqual(['full']);
  });

  it('a standard stream named as a path gets the report', () => {
    const root = project();
    const run = runCli(['scan', '--format', 'json', '-o', '/dev/fd/1', root]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).schemaVersion).toBe(1);
  });

  it('a FIFO is written to (a reader gets the report) and stays a FIFO', () => {
    const root = project();
    const dir = outDir();
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const run = spawnSync('sh', ['-c', 'cat "$1" > "$2" & "$3" "$4" scan --format json -o "$1" "$5"; status=$?; wait; exit $status', 'sh', fifo, join(dir, 'received.json'), process.execPath, BIN, root], { encoding: 'utf8', env: { ...gitEnv, NO_COLOR: '1' }, timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'received.json'), 'utf8')).schemaVersion).toBe(1);
  });

  it('a symlink to a regular file is written through (the link stays); a symlink to a device is refused', () => {
    const root = project();
    const dir = outDir();
    writeFileSync(join(dir, 'report.txt'), 'old report\n');
    symlinkSync('report.txt', join(dir, 'latest'));
    const through = runCli(['scan', '-o', join(dir, 'latest'), root]);
    expect(through.code, through.stderr).toBe(0);
    expect(lstatSync(join(dir, 'latest')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).not.toBe('old report\n');

    execFileSync('mknod', [join(dir, 'null'), 'c', '1', '3']);
    symlinkSync('null', join(dir, 'to-device'));
    const refused = runCli(['scan', '-o', join(dir, 'to-device'), root]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('to-device: refusing to write');
    expect(lstatSync(join(dir, 'to-device')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'null')).isCharacterDevice()).toBe(true);
  });

  it('a regular file is still replaced in one piece, keeping its mode; no temporary file is left', () => {
    const root = project();
    const dir = outDir();
    writeFileSync(join(dir, 'report.txt'), 'old\n', { mode: 0o640 });
    const run = runCli(['scan', '-o', join(dir, 'report.txt'), root]);
    expect(run.code, run.stderr).toBe(0);
    expect(lstatSync(join(dir, 'report.txt')).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['report.txt']);
  });
});
