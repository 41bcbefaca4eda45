/** `repolish codemod` as a user runs it: the built CLI in a real git repository. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { AUDIO, git, gitRepo, repolish, tempDir, WHISPER_SCRIPT, type CliResult } from './helpers.js';

let dir: string;
let cleanup: () => void;
const files = {
  'a.wav': AUDIO,
  'app/main.py': WHISPER_SCRIPT,
  'app/legacy.py': 'import whisper\n\nmodel = whisper.load_model("tiny")\nmel = whisper.log_mel_spectrogram("a.wav")\n',
  'windows.py': WHISPER_SCRIPT.replace(/\n/g, '\r\n'),
  'requirements.txt': 'openai-whisper==20231117\n',
};

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  gitRepo(dir, files);
});
afterEach(() => cleanup());

// The dry run with default options on the committed files, which several tests compare with: run
// once, in a repository of its own that no test writes to (`dir` holds the same commit).
let pristine: { dir: string; cleanup: () => void };
let defaultDryRun: CliResult | undefined;
beforeAll(() => {
  pristine = tempDir();
  gitRepo(pristine.dir, files);
});
afterAll(() => pristine.cleanup());
const dryRunOfFiles = (): CliResult => (defaultDryRun ??= repolish(pristine.dir, 'codemod', 'run', 'whisper-to-faster-whisper'));

test('codemod list: one line per codemod; --options adds their options', () => {
  const list = repolish(dir, 'codemod', 'list');
  expect(list.status, list.stderr).toBe(0);
  expect(list.stdout).toMatch(/^whisper-to-faster-whisper\s+migrate openai-whisper/m);
  expect(list.stdout.split('\n').every((l) => l === '' || /^\S/.test(l))).toBe(true);
  const r = repolish(dir, 'codemod', 'list', '--options');
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toContain('--option decoding=preserve (preserve|library)');
  expect(r.stdout).toContain('--option compute_type=default');
});

describe('codemod run', () => {
  test('dry run: a diff on stdout that git apply and patch accept, the summary on stderr, nothing written', () => {
    const r = dryRunOfFiles();
    const dir = pristine.dir;
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^diff --git a\/app\/main\.py b\/app\/main\.py\n/);
    expect(r.stdout).toContain('+from faster_whisper import WhisperModel\n');
    expect(r.stdout).not.toContain('legacy.py');
    expect(r.stderr).toMatch(/^whisper-to-faster-whisper: 3 modified, 0 added, 0 deleted, 1 unchanged, 0 skipped, 0 failed \(4 files looked at, 3 contained a trigger\)/);
    expect(r.stderr).toMatch(/app\/legacy\.py:4:7: whisper\.log_mel_spectrogram .*left unchanged/);
    expect(r.stderr).toMatch(/requirements\.txt:1:1: openai-whisper kept: still imported by app\/legacy\.py:1/);
    expect(r.stderr).toMatch(/dry run: nothing was written/);
    expect(git(dir, 'status', '--porcelain')).toBe('');
    execFileSync('git', ['apply', '--check', '-'], { cwd: dir, input: r.stdout });
    const p = spawnSync('patch', ['-p1', '--dry-run'], { cwd: dir, input: r.stdout, encoding: 'utf8' });
    expect(p.status).toBe(0);
    // The CRLF file keeps its line endings in the patch.
    expect(r.stdout).toContain('+model = WhisperModel("base")\r\n');
  });

  test('--format json follows schema 1 and carries the same patch; --patch writes it too', () => {
    const text = dryRunOfFiles();
    const r = repolish(dir, 'codemod', 'run', 'whisper-to-faster-whisper', '.', '--format', 'json', '--patch', 'out.patch');
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.root).toBe(execFileSync('realpath', [dir], { encoding: 'utf8' }).trim());
    expect(report.codemods).toEqual(['whisper-to-faster-whisper']);
    expect(report.files.map((f: { path: string; status: string }) => `${f.path}:${f.status}`)).toEqual(['app/main.py:modified', 'requirements.txt:modified', 'windows.py:modified']);
    expect(report.review[0]).toEqual({ codemod: 'whisper-to-faster-whisper', path: 'app/legacy.py', line: 4, column: 7, message: expect.stringContaining('log_mel_spectrogram') });
    expect(report.patch).toBe(text.stdout);
    expect(readFileSync(join(dir, 'out.patch'), 'utf8')).toBe(text.stdout);
  });

  test('--write applies the diff; a second run has nothing to do', () => {
    const dry = dryRunOfFiles();
    const w = repolish(dir, 'codemod', 'run', 'whisper-to-faster-whisper', '--write');
    expect(w.status, w.stderr).toBe(0);
    expect(w.stdout).toBe(dry.stdout);
    expect(w.stderr).toMatch(/wrote 3 files/);
    expect(readFileSync(join(dir, 'app/main.py'), 'utf8')).toContain('segments, info = model.transcribe("a.wav", beam_size=1, best_of=1)');
    const again = repolish(dir, 'codemod', 'run', 'whisper-to-faster-whisper');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toBe('');
  });

  test('options change the result: --option compute_type=int8_float32 --option device=cpu', () => {
    const r = repolish(dir, 'codemod', 'run', 'whisper-to-faster-whisper', '--option', 'compute_type=int8_float32', '--option', 'whisper-to-faster-whisper.device=cpu');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('+model = WhisperModel("base", device="cpu", compute_type="int8_float32")\n');
  });

  test.each([
    [['codemod', 'run', 'no-such-codemod'], /unknown codemod no-such-codemod \(available: whisper-to-faster-whisper/],
    [['codemod', 'run', 'whisper-to-faster-whisper', '--option', 'colour=red'], /--option colour=red: unknown option for whisper-to-faster-whisper \(known: decoding, device, compute_type, pin\)/],
    [['codemod', 'run', 'whisper-to-faster-whisper', '--option', 'decoding=fast'], /accepts preserve, library/],
    [['codemod', 'run', 'whisper-to-faster-whisper', '--option', 'pin=latest'], /expected a version like 1\.2\.1, or none/],
    [['codemod', 'run', 'whisper-to-faster-whisper', '--option', 'decoding'], /expected key=value/],
    [['codemod', 'run', 'whisper-to-faster-whisper', 'missing-folder'], /missing-folder: no such directory/],
    [['codemod', 'run', 'whisper-to-faster-whisper', 'requirements.txt'], /not a directory/],
    [['codemod', 'run', 'whisper-to-faster-whisper', '--write', '--branch', 'x'], /--write and --branch exclude each other/],
    [['codemod', 'run', 'whisper-to-faster-whisper', '--format', 'xml'], /--format xml: expected text or json/],
  ])('bad usage exits 2 with one line: %j', (args, message) => {
    const r = repolish(dir, ...args);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });
});

describe('--branch', () => {
  test('commits the dry-run diff on a new branch and leaves checkout, index and branch untouched', () => {
    writeFileSync(join(dir, 'scratch.txt'), 'untracked work\n');
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    const dry = dryRunOfFiles();
    const r = repolish(dir, 'codemod', 'run', 'whisper-to-faster-whisper', '--branch', 'faster-whisper', '--option', 'compute_type=int8');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/created branch faster-whisper at [0-9a-f]{12} \(3 files\); your checkout is unchanged/);
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(head);
    expect(git(dir, 'branch', '--show-current').trim()).toBe('main');
    expect(git(dir, 'status', '--porcelain')).toBe('?? scratch.txt\n');
    expect(readFileSync(join(dir, 'app/main.py'), 'utf8')).toBe(WHISPER_SCRIPT);
    expect(git(dir, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
    expect(git(dir, 'rev-parse', 'faster-whisper~1').trim()).toBe(head);
    const message = git(dir, 'log', '-1', '--format=%B', 'faster-whisper');
    expect(message).toMatch(/^repolish: whisper-to-faster-whisper\n\nCodemods: whisper-to-faster-whisper \(decoding=preserve, device=keep, compute_type=int8, pin=1\.2\.1\)\nFiles: 3 modified, 0 added, 0 deleted; \d+ edits\nReview items: 2\n/);
    expect(message).toContain('- app/legacy.py:4:7: whisper.log_mel_spectrogram');
    // The branch holds exactly the diff of a dry run with the same options.
    const sameOptions = repolish(dir, 'codemod', 'run', 'whisper-to-faster-whisper', '--option', 'compute_type=int8');
    expect(sameOptions.stdout).not.toBe(dry.stdout);
    const index = join(dir, '.git', 'repolish-test-index');
    const env = { ...process.env, GIT_INDEX_FILE: index };
    execFileSync('git', ['read-tree', 'HEAD'], { cwd: dir, env });
    execFileSync('git', ['apply', '--cached', '-'], { cwd: dir, env, input: sameOptions.stdout });
    const tree = execFileSync('git', ['write-tree'], { cwd: dir, env, encoding: 'utf8' }).trim();
    expect(tree).toBe(git(dir, 'rev-parse', 'faster-whisper^{tree}').trim());
  });

  test('refuses (exit 3) a checkout whose tracked files have uncommitted changes', () => {
    writeFileSync(join(dir, 'requirements.txt'), 'openai-whisper==20231117\nnumpy\n');
    const r = repolish(dir, 'codemod', 'run', 'whisper-to-faster-whisper', '--branch', 'fw');
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/tracked files have uncommitted changes \(requirements\.txt\)/);
    expect(git(dir, 'branch', '--list', 'fw')).toBe('');
    expect(git(dir, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  });

  test('refuses (exit 3) to change a file that is not committed, or to reuse a branch name', () => {
    writeFileSync(join(dir, 'new.py'), WHISPER_SCRIPT);
    const untracked = repolish(dir, 'codemod', 'run', 'whisper-to-faster-whisper', '--branch', 'fw');
    expect(untracked.status, untracked.stderr).toBe(3);
    expect(untracked.stderr).toMatch(/new\.py is not committed/);
    git(dir, 'branch', 'taken');
    const taken = repolish(dir, 'codemod', 'run', 'whisper-to-faster-whisper', 'app', '--branch', 'taken');
    expect(taken.status, taken.stderr).toBe(3);
    expect(taken.stderr).toMatch(/branch taken already exists|the branch exists already/);
  });

  test('works from a folder inside the repository', () => {
    const r = repolish(join(dir, 'app'), 'codemod', 'run', 'whisper-to-faster-whisper', '.', '--branch', 'app-only');
    expect(r.status, r.stderr).toBe(0);
    expect(git(dir, 'diff', '--name-only', 'main', 'app-only').trim()).toBe('app/main.py');
  });

  test('with nothing to change, no branch is made', () => {
    const r = repolish(dir, 'codemod', 'run', 'whisper-to-faster-whisper', 'app/nothing-here', '--branch', 'empty');
    expect(r.status, r.stderr).toBe(2);
    writeFileSync(join(dir, 'plain.txt'), 'x\n');
    const clean = tempDir();
    try {
      gitRepo(clean.dir, { 'a.py': 'print(1)\n' });
      const none = repolish(clean.dir, 'codemod', 'run', 'whisper-to-faster-whisper', '--branch', 'empty');
      expect(none.status, none.stderr).toBe(0);
      expect(none.stderr).toMatch(/nothing to change/);
      expect(git(clean.dir, 'branch', '--list', 'empty')).toBe('');
    } finally {
      clean.cleanup();
    }
  });
});
