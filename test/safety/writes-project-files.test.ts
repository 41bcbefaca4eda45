/**
 * Issue 15 item 11: project files are read only when they are regular files inside the root.
 * A committed symlink (to a file outside the root, to /dev/zero, to a FIFO) as the configuration,
 * as a manifest, or on the way to a source file a codemod rewrites, is not read: the run says so,
 * names the file, and never prints the foreign file's contents.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { gitEnv, makeRepo, removeDir, tempDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const SECRET = 'SECRET-OUTSIDE-THE-ROOT-4711';

/** A folder outside every scanned root, holding a file that must never be read. */
function outsideFile(name: string, content: string): string {
  const dir = tempDir('repolish-outside-');
  made.push(dir);
  writeFileSync(join(dir, name), content);
  return join(dir, name);
}

/** The CLI with a time limit: before the fix, a FIFO or /dev/zero made it hang or grow forever. */
function runBounded(args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...gitEnv, NO_COLOR: '1' }, timeout: 60_000, killSignal: 'SIGKILL' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, signal: run.signal };
}

describe('configuration files that are not regular files inside the root', () => {
  it('a repolish.config.json symlinked outside the root is refused without quoting the target', () => {
    const target = outsideFile('passwd', `${SECRET}:x:0:0:root:/root:/bin/sh\n`);
    const root = makeRepo({ 'app.py': 'print(1)\n', 'repolish.config.json': { symlink: target } }, ['app.py', 'repolish.config.json']);
    made.push(root);
    const run = runCli(['scan', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('repolish.config.json');
    expect(run.stderr).toMatch(/symbolic link/);
    expect(run.stderr + run.stdout).not.toContain(SECRET);
    expect(run.stderr + run.stdout).not.toContain('SECRET');
    // --no-config is the way past it, and reads nothing.
    expect(runCli(['scan', '--no-config', root]).code).toBe(0);
  });

  it('a pyproject.toml linked to /dev/zero ends at once with exit 2 (no unbounded read)', () => {
    const root = makeRepo({ 'app.py': 'print(1)\n', 'pyproject.toml': { symlink: '/dev/zero' } }, ['app.py', 'pyproject.toml']);
    made.push(root);
    const run = runBounded(['scan', root]);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pyproject.toml');
  });

  it('a FIFO committed as repolish.config.json is not opened for a blocking read', () => {
    const root = makeRepo({ 'app.py': 'print(1)\n' }, ['app.py']);
    made.push(root);
    execFileSync('mkfifo', [join(root, 'repolish.config.json')]);
    const run = runBounded(['scan', root]);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/repolish\.config\.json: cannot read: not a regular file/);
  });

  it('an invalid configuration is reported by position, without repeating its text', () => {
    const root = makeRepo({ 'app.py': 'print(1)\n', 'repolish.config.json': `${SECRET} not json\n` }, ['app.py']);
    made.push(root);
    const run = runCli(['scan', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/repolish\.config\.json: invalid JSON/);
    expect(run.stderr).not.toContain(SECRET.slice(0, 6));
  });
});

describe('manifests and sources behind symlinks', () => {
  it('scan reads a CACHEDIR.TAG only when it is a regular file inside the root (not a FIFO, not a link outside)', () => {
    const tag = outsideFile('CACHEDIR.TAG', 'Signature: 8a477f597d28d172789f06886806bc55\n');
    const root = makeRepo({ 'app.py': 'print(1)\n', 'linked/CACHEDIR.TAG': { symlink: tag }, 'linked/x.bin': 'x', 'piped/x.bin': 'y', 'real/CACHEDIR.TAG': 'Signature: 8a477f597d28d172789f06886806bc55\n', 'real/x.bin': 'z' }, ['app.py']);
    made.push(root);
    execFileSync('mkfifo', [join(root, 'piped/CACHEDIR.TAG')]);
    const run = runBounded(['scan', '--format', 'json', root]);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    const caches = (JSON.parse(run.stdout).findings as { rule: string; path: string }[]).filter((f) => f.rule === 'bloat/tool-cache').map((f) => f.path);
    expect(caches).toEqual(['real']);
  });

  it('a codemod never reads a tracked file whose folder was swapped for a symlink; it is skipped with a warning', () => {
    const outside = tempDir('repolish-outside-');
    made.push(outside);
    writeFileSync(join(outside, 'transcribe.py'), 'import whisper\nmodel = whisper.load_model("base")\n');
    const root = makeRepo({ 'pkg/transcribe.py': 'print("tracked")\n', 'requirements.txt': 'openai-whisper\n' }, ['pkg/transcribe.py', 'requirements.txt']);
    made.push(root);
    rmSync(join(root, 'pkg'), { recursive: true });
    symlinkSync(outside, join(root, 'pkg'));
    const run = runCli(['codemod', 'run', 'whisper-to-faster-whisper', root]);
    expect(run.stdout).not.toContain('pkg/transcribe.py');
    expect(run.stdout).not.toContain('load_model');
    expect(run.stderr).toMatch(/pkg\/transcribe\.py: skipped: .*symbolic link/);
  });

  it('a tracked symlink to a source file is skipped with a warning that names it', () => {
    const outside = tempDir('repolish-outside-');
    made.push(outside);
    writeFileSync(join(outside, 'real.py'), 'import whisper\nmodel = whisper.load_model("base")\n');
    const root = makeRepo({ 'app.py': { symlink: join(outside, 'real.py') }, 'requirements.txt': 'openai-whisper\n' }, ['app.py', 'requirements.txt']);
    made.push(root);
    mkdirSync(join(root, 'sub'));
    const run = runCli(['codemod', 'run', 'whisper-to-faster-whisper', root]);
    expect(run.stdout).not.toContain('load_model');
    expect(run.stderr).toMatch(/app\.py: skipped: symbolic link \(not followed\)/);
  });
});
