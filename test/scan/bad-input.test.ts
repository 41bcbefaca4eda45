import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { BIN } from '../helpers/cli.js';
import { makeRepo, removeDir, tempDir, writeTree } from '../helpers/repo.js';
import { execFileSync, spawnSync } from 'node:child_process';

const made: string[] = [];

function nobodyCanRun(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(BIN)})`]);
  return probe.status === 0;
}
afterAll(() => made.forEach(removeDir));

describe('bad input: a warning naming the path, and the scan goes on', () => {
  it('broken and looping symlinks are recorded, never followed', () => {
    const root = makeRepo({ 'a.py': 'x = 1\n', 'big.log': 'log\n' });
    made.push(root);
    symlinkSync('does-not-exist', join(root, 'broken'));
    symlinkSync('loop-b', join(root, 'loop-a'));
    symlinkSync('loop-a', join(root, 'loop-b'));
    symlinkSync('/', join(root, 'to-root'));
    const result = scan(root);
    const messages = result.warnings.map((w) => `${w.path}: ${w.message}`);
    expect(messages).toContain('broken: broken symlink (-> does-not-exist); not followed');
    expect(messages).toContain('loop-a: symlink loop (-> loop-b); not followed');
    // A link to / is not walked: the totals are the two files of the tree.
    expect(result.totals.files).toBe(2);
    expect(result.findings.some((f) => f.path === 'big.log')).toBe(true);
  });

  it('a .gitignore that is a FIFO is named, never read (a read would block forever, as git does)', () => {
    const root = makeRepo({ 'app/main.py': 'x = 1\n', 'app/debug.log': 'log\n', '.gitignore': '*.tmp\n' });
    made.push(root);
    execFileSync('mkfifo', [join(root, 'app/.gitignore')]);
    // In a child with a time limit: on a blocking read the test fails instead of hanging the suite.
    const run = spawnSync(process.execPath, [BIN, 'scan', '--format', 'json', '--no-cache', root], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { warnings: Array<{ path: string; message: string }>; totals: { files: number } };
    expect(report.warnings).toContainEqual({ path: 'app/.gitignore', message: 'cannot read: not a regular file, so its patterns are not applied (git waits on such a file forever: `git status` hangs here)' });
    expect(report.totals.files).toBe(3); // the FIFO is not a file with a size
  });

  it('names with spaces, newlines and invalid UTF-8 are scanned', () => {
    const root = makeRepo({ 'my logs/today.log': 'x\n', 'odd\nname.log': 'y\n', 'src/ok.py': '' });
    made.push(root);
    const raw = Buffer.concat([Buffer.from(`${root}/bad-`), Buffer.from([0xff, 0xfe]), Buffer.from('.log')]);
    writeFileSync(raw, 'z\n');
    const result = scan(root);
    const logs = result.findings.filter((f) => f.rule === 'bloat/log').map((f) => f.path).sort();
    expect(logs).toEqual(['bad-\uDCFF\uDCFE.log', 'my logs/today.log', 'odd\nname.log'].sort());
    expect(result.warnings.some((w) => w.message.includes('not valid UTF-8'))).toBe(true);
    expect(result.totals.files).toBe(4);
  });

  it('binary, invalid UTF-8 and huge text inputs are skipped with a warning', () => {
    const root = makeRepo({ '.gitignore': Buffer.from([0x76, 0x65, 0x6e, 0x76, 0x2f, 0x0a, 0xff]), 'venv/pyvenv.cfg': Buffer.from([0, 1, 2]) });
    made.push(root);
    const result = scan(root);
    expect(result.warnings.map((w) => w.path)).toEqual(expect.arrayContaining(['venv/pyvenv.cfg']));
    expect(result.findings.find((f) => f.rule === 'bloat/venv')?.path).toBe('venv');
  });

  it('a folder outside git still scans, with .gitignore files evaluated', () => {
    const root = tempDir();
    made.push(root);
    writeTree(root, { '.gitignore': '*.log\n', 'a.log': 'x\n', 'b/__pycache__/x.pyc': Buffer.from([0xa7, 0x0d, 0x0d, 0x0a]) });
    const result = scan(root);
    expect(result.facts.repo).toBeNull();
    expect(result.warnings[0].message).toContain('not inside a git repository');
    expect(result.findings.find((f) => f.rule === 'bloat/log')).toMatchObject({ path: 'a.log', ignored: true, tracked: false });
    expect(result.findings.find((f) => f.rule === 'bloat/pycache')).toMatchObject({ ignored: false });
  });

  // Permission errors only exist for a non-root user: the test runs the CLI as `nobody`, which
  // needs to be able to reach the checkout; where it cannot (a private home folder), it is skipped.
  it.skipIf(!nobodyCanRun())('unreadable folders and files are warned about by a non-root user, and the rest is scanned', () => {
    const root = tempDir();
    made.push(root);
    chmodSync(root, 0o755);
    writeTree(root, { 'open/a.log': 'x\n', 'closed/secret.log': 'y\n', 'ok.py': '' });
    chmodSync(join(root, 'closed'), 0o000);
    mkdirSync(join(root, 'noexec'));
    writeFileSync(join(root, 'noexec/file.txt'), 'z');
    chmodSync(join(root, 'noexec'), 0o644); // listable, but entries cannot be stat'ed
    // Root reads everything, so the scan runs as `nobody`, the way a CI user without rights would.
    const run = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, BIN, 'scan', '--format', 'json', root], {
      encoding: 'utf8', env: { ...process.env, HOME: '/tmp', NO_COLOR: '1' },
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('closed: cannot read folder: permission denied');
    expect(run.stderr).toContain('noexec/file.txt: cannot read: permission denied');
    const report = JSON.parse(run.stdout);
    expect(report.findings.some((f: { path: string }) => f.path === 'open/a.log')).toBe(true);
  });
});
