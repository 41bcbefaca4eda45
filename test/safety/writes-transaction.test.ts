/**
 * Issue 15 items 4 and 12: `--write` changes a set of files all together or not at all. A full
 * disk, a file-size limit, a read-only folder or Ctrl-C leave the tree exactly as it was (or, once
 * the rename pass has begun, complete it), never half-migrated, and leave no temporary file; a run
 * killed during the pass is completed or rolled back by the next writing command, which says so.
 * Temporary files are never created or renamed through a folder swapped for a symlink.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statfsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { gitEnv, removeDir, runGit, tempDir } from '../helpers/repo.js';

const made: string[] = [];
const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted) spawnSync('umount', [dir]);
  made.forEach(removeDir);
});

const APPLY_MODULE = fileURLToPath(new URL('../../dist/src/patch/apply.js', import.meta.url));
const CODEMOD = 'whisper-to-faster-whisper';

/** A Python file the whisper codemod rewrites, padded to about `bytes`. */
function whisperSource(bytes: number): string {
  const code = 'import whisper\nmodel = whisper.load_model("base")\nprint(model.transcribe("talk.wav")["text"])\n';
  return `${code}# ${'p'.repeat(Math.max(0, bytes - code.length - 3))}\n`;
}

/** A committed project with one Python file per entry of `sizes` (src/<name>.py). */
function whisperProject(root: string, files: Record<string, number>): void {
  mkdirSync(join(root, 'src'), { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(root, 'src', `${name}.py`), whisperSource(bytes));
  writeFileSync(join(root, 'requirements.txt'), 'openai-whisper\n');
  runGit(root, ['init', '-q', '--template=', '-b', 'main']);
  runGit(root, ['add', '-A']);
  runGit(root, ['commit', '-q', '-m', 'initial']);
}

/** Every file under `root` outside .git, with its content. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) { if (e.name !== '.git') visit(abs); } else out[relative(root, abs)] = readFileSync(abs, 'latin1');
    }
  };
  visit(root);
  return out;
}

/** Temporary files and journals anywhere under `root`, .git included. */
function leftovers(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) visit(abs);
      else if (e.name.endsWith('.repolish-tmp') || e.name.includes('repolish-journal')) out.push(relative(root, abs));
    }
  };
  visit(root);
  return out;
}

function migrated(root: string, names: string[]): boolean[] {
  return names.map((n) => readFileSync(join(root, 'src', `${n}.py`), 'utf8').includes('faster_whisper'));
}

describe('a --write that cannot finish leaves the tree as it was', () => {
  it('full disk: no file is migrated, the error names a project file, no temporary file remains', () => {
    const mnt = tempDir('repolish-tmpfs-');
    made.push(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=320k', 'tmpfs', mnt]);
    mounted.push(mnt);
    const root = join(mnt, 'repo');
    const names = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8'];
    whisperProject(root, Object.fromEntries(names.map((n) => [n, 6000])));
    const before = snapshot(root);
    // Leave room for the journal and two temporary files, not for all eight.
    const fs = statfsSync(mnt);
    const free = fs.bavail * fs.bsize;
    writeFileSync(join(mnt, 'filler'), Buffer.alloc(Math.max(0, free - 6 * 4096)));

    const run = runCli(['codemod', 'run', CODEMOD, '--write', root]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/src\/m\d\.py: cannot write: no space left on device/);
    expect(run.stderr).not.toContain('repolish-tmp');
    expect(snapshot(root)).toEqual(before);
    expect(leftovers(root)).toEqual([]);

    // With room again, the same command migrates everything.
    execFileSync('rm', [join(mnt, 'filler')]);
    const again = runCli(['codemod', 'run', CODEMOD, '--write', root]);
    expect(again.code, again.stderr).toBe(0);
    expect(migrated(root, names)).toEqual(names.map(() => true));
    expect(leftovers(root)).toEqual([]);
  });

  it('file-size limit (RLIMIT_FSIZE): small files fit, a big one does not; nothing is migrated', () => {
    const root = tempDir();
    made.push(root);
    whisperProject(root, { a1: 500, a2: 500, a3: 500, b1: 9000, b2: 9000 });
    const before = snapshot(root);
    const run = spawnSync('prlimit', ['--fsize=4096', process.execPath, BIN, 'codemod', 'run', CODEMOD, '--write', root], { encoding: 'utf8', env: { ...gitEnv, NO_COLOR: '1' } });
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/src\/b\d\.py: cannot write: file too large/i);
    expect(run.stderr).not.toContain('repolish-tmp');
    expect(snapshot(root)).toEqual(before);
    expect(leftovers(root)).toEqual([]);
  });

  const nobodyCanRun = () => process.getuid?.() === 0 && spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(BIN)})`]).status === 0;

  it.skipIf(!nobodyCanRun())('a read-only folder (as nobody): nothing is migrated, the error names the file in it', () => {
    const root = tempDir();
    made.push(root);
    whisperProject(root, { a1: 300, a2: 300 });
    mkdirSync(join(root, 'zlocked'));
    writeFileSync(join(root, 'zlocked', 'job.py'), whisperSource(300));
    runGit(root, ['add', '-A']);
    runGit(root, ['commit', '-q', '-m', 'locked']);
    execFileSync('chown', ['-R', 'nobody:nogroup', root]);
    chmodSync(root, 0o755);
    chmodSync(join(root, 'zlocked'), 0o555);
    const before = snapshot(root);
    const run = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, BIN, 'codemod', 'run', CODEMOD, '--write', root], {
      encoding: 'utf8', env: { ...gitEnv, HOME: '/tmp', NO_COLOR: '1' },
    });
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain('zlocked/job.py: cannot write: permission denied');
    expect(run.stderr).not.toContain('repolish-tmp');
    expect(snapshot(root)).toEqual(before);
    expect(leftovers(root)).toEqual([]);
  });
});

describe('Ctrl-C during --write', () => {
  it('SIGINT while the files are written: exit 130, the tree all old or all new, no temporary file', async () => {
    const root = tempDir();
    made.push(root);
    const names = Array.from({ length: 300 }, (_, i) => `f${String(i).padStart(3, '0')}`);
    whisperProject(root, Object.fromEntries(names.map((n) => [n, 2000])));
    const before = snapshot(root);
    const journal = join(root, '.git', 'repolish-journal.json');
    const child = spawn(process.execPath, [BIN, 'codemod', 'run', CODEMOD, '--write', root], { env: { ...gitEnv, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += String(d); });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    let sawJournal = false;
    let running = true;
    void exited.then(() => { running = false; });
    // The journal appears when writing starts: that is the moment to press Ctrl-C.
    while (running && !sawJournal) {
      sawJournal = existsSync(journal);
      if (!sawJournal) await new Promise((r) => setTimeout(r, 1));
    }
    if (sawJournal) child.kill('SIGINT');
    const code = await exited;
    expect(sawJournal, `the write finished before it could be interrupted:\n${stderr}`).toBe(true);
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/interrupted \(SIGINT\)/);
    const state = migrated(root, names);
    expect(state.every((m) => m === state[0]), 'all old or all new').toBe(true);
    if (!state[0]) expect(snapshot(root)).toEqual(before);
    expect(leftovers(root)).toEqual([]);
  });
});

/** Applies `changes` through the library in a child process that kills itself with SIGKILL at a hook. */
function applyAndDie(root: string, changes: unknown[], hook: 'afterPrepare' | 'afterRename', at: number) {
  const script = `
    const { applyChanges } = await import(${JSON.stringify(APPLY_MODULE)});
    const [root, changes, hook, at] = JSON.parse(process.argv[1]);
    applyChanges(root, changes, { [hook]: (i) => { if (i === at) process.kill(process.pid, 'SIGKILL'); } });`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify([root, changes, hook, at])], { encoding: 'utf8' });
}

function textRepo(): { root: string; changes: unknown[] } {
  const root = tempDir();
  made.push(root);
  for (const name of ['a', 'b', 'c', 'd']) writeFileSync(join(root, `${name}.txt`), `old ${name}\n`);
  writeFileSync(join(root, 'e.txt'), 'to delete\n');
  runGit(root, ['init', '-q', '-b', 'main']);
  runGit(root, ['add', '-A']);
  runGit(root, ['commit', '-q', '-m', 'initial']);
  const changes = [
    ...['a', 'b', 'c', 'd'].map((name) => ({ path: `${name}.txt`, before: `old ${name}\n`, after: `new ${name}\n` })),
    { path: 'e.txt', before: 'to delete\n', after: null },
    { path: 'added/deep/f.txt', before: null, after: 'new f\n' },
  ];
  return { root, changes };
}

describe('a run killed during a write is settled by the next writing command', () => {
  it('killed during the rename pass: the next run completes it and says so', () => {
    const { root, changes } = textRepo();
    const killed = applyAndDie(root, changes, 'afterRename', 2);
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(join(root, '.git', 'repolish-journal.json'))).toBe(true);
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('new a\n');
    expect(readFileSync(join(root, 'c.txt'), 'utf8')).toBe('old c\n');

    const next = runCli(['fix', '--write', root]);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toMatch(/completed an earlier --write .*interrupted while renaming/);
    for (const name of ['a', 'b', 'c', 'd']) expect(readFileSync(join(root, `${name}.txt`), 'utf8')).toBe(`new ${name}\n`);
    expect(existsSync(join(root, 'e.txt'))).toBe(false);
    expect(readFileSync(join(root, 'added/deep/f.txt'), 'utf8')).toBe('new f\n');
    expect(leftovers(root)).toEqual([]);
  });

  it('killed during the rename pass, then a pending file edited: the next run rolls back and says so', () => {
    const { root, changes } = textRepo();
    expect(applyAndDie(root, changes, 'afterRename', 2).signal).toBe('SIGKILL');
    writeFileSync(join(root, 'd.txt'), 'edited by hand\n');
    const next = runCli(['codemod', 'run', CODEMOD, '--write', root]);
    expect(next.stderr).toMatch(/rolled back an earlier --write/);
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('old a\n');
    expect(readFileSync(join(root, 'b.txt'), 'utf8')).toBe('old b\n');
    expect(readFileSync(join(root, 'd.txt'), 'utf8')).toBe('edited by hand\n');
    expect(readFileSync(join(root, 'e.txt'), 'utf8')).toBe('to delete\n');
    expect(existsSync(join(root, 'added'))).toBe(false);
    expect(leftovers(root)).toEqual([]);
  });

  it('killed while writing temporary files: the next run removes them, the tree is untouched, and says so', () => {
    const { root, changes } = textRepo();
    const before = snapshot(root);
    expect(applyAndDie(root, changes, 'afterPrepare', 3).signal).toBe('SIGKILL');
    expect(leftovers(root).length).toBeGreaterThan(1); // the journal and the temporary files so far
    const next = runCli(['fix', '--write', root]);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toMatch(/interrupted before it changed any file; removed its temporary files/);
    const after = snapshot(root);
    delete after['.gitignore'];
    expect(after).toEqual(before);
    expect(leftovers(root)).toEqual([]);
  });

  it('a stray temporary file of an older run is removed and mentioned', () => {
    const { root } = textRepo();
    writeFileSync(join(root, '.4000000.1700000000000.repolish-tmp'), 'half a file');
    const next = runCli(['fix', '--write', root]);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toContain('removed a temporary file left by an earlier interrupted write: .4000000.1700000000000.repolish-tmp');
    expect(leftovers(root)).toEqual([]);
  });
});

describe('a folder swapped for a symlink between planning and writing', () => {
  function swapScript(hook: 'afterPrepare' | 'afterRename'): string {
    return `
      const { applyChanges } = await import(${JSON.stringify(APPLY_MODULE)});
      const { renameSync, symlinkSync } = await import('node:fs');
      const [root, outside] = JSON.parse(process.argv[1]);
      const changes = [
        { path: 'one/a.txt', before: 'old a\\n', after: 'new a\\n' },
        { path: 'two/b.txt', before: 'old b\\n', after: 'new b\\n' },
      ];
      try {
        applyChanges(root, changes, { ${hook}: (i) => { if (i === 1) { renameSync(root + '/two', root + '/moved'); symlinkSync(outside, root + '/two'); } } });
        console.log('applied');
      } catch (err) { console.log(err.constructor.name + ': ' + err.message); }`;
  }

  for (const hook of ['afterPrepare', 'afterRename'] as const) {
    it(`swapped ${hook === 'afterPrepare' ? 'while temporary files are written' : 'during the rename pass'}: refused, nothing created outside, the tree as it was`, () => {
      const root = tempDir();
      const outside = tempDir('repolish-outside-');
      made.push(root, outside);
      mkdirSync(join(root, 'one'));
      mkdirSync(join(root, 'two'));
      writeFileSync(join(root, 'one/a.txt'), 'old a\n');
      writeFileSync(join(root, 'two/b.txt'), 'old b\n');
      writeFileSync(join(outside, 'b.txt'), 'old b\n');
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', swapScript(hook), JSON.stringify([root, outside])], { encoding: 'utf8' });
      expect(run.stdout).toMatch(/^SafetyError: two\/b\.txt: refusing to write/);
      expect(readdirSync(outside)).toEqual(['b.txt']);
      expect(readFileSync(join(outside, 'b.txt'), 'utf8')).toBe('old b\n');
      expect(readFileSync(join(root, 'one/a.txt'), 'utf8')).toBe('old a\n');
      expect(readdirSync(join(root, 'one'))).toEqual(['a.txt']);
      expect(existsSync(join(root, '.repolish-journal.json'))).toBe(false);
    });
  }
});

