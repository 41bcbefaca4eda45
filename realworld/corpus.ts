/**
 * The real-code corpus: which public repositories (at which commit) each evaluation runs on, and
 * the verdicts a person gave each hunk and review item. Only these tables are committed; the
 * repositories themselves are materialized into a git-ignored folder and never become part of
 * the project.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface CorpusEntry {
  repo: string;
  commit: string;
  kind: string;
  note: string;
}

export type Verdict = 'correct' | 'wrong' | 'questionable' | 'justified' | 'over-cautious';

export interface ReviewRow {
  repo: string;
  path: string;
  line: number;
  kind: 'hunk' | 'review' | 'finding';
  verdict: Verdict;
  note: string;
}

const VERDICTS: readonly Verdict[] = ['correct', 'wrong', 'questionable', 'justified', 'over-cautious'];

/** Rows of a tab-separated table whose first line names the columns. */
function readTable(path: string, columns: readonly string[]): Record<string, string>[] {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const head = lines.shift()?.split('\t') ?? [];
  for (const column of columns) {
    if (!head.includes(column)) throw new Error(`${path}: the header has no "${column}" column (expected: ${columns.join(', ')})`);
  }
  return lines.map((line, i) => {
    const cells = line.split('\t');
    const row: Record<string, string> = {};
    head.forEach((name, j) => { row[name] = (cells[j] ?? '').trim(); });
    if (!row.repo) throw new Error(`${path}:${i + 2}: no repository`);
    return row;
  });
}

export function readManifest(path: string): CorpusEntry[] {
  return readTable(path, ['repo', 'commit', 'kind', 'note']).map((row, i) => {
    if (!/^[0-9a-f]{40}$/.test(row.commit)) throw new Error(`${path}:${i + 2}: commit must be 40 hex digits`);
    return { repo: row.repo, commit: row.commit, kind: row.kind, note: row.note };
  });
}

export function readReviews(path: string): ReviewRow[] {
  return readTable(path, ['repo', 'path', 'line', 'kind', 'verdict', 'note']).map((row, i) => {
    if (!VERDICTS.includes(row.verdict as Verdict)) throw new Error(`${path}:${i + 2}: verdict "${row.verdict}" is not one of ${VERDICTS.join(', ')}`);
    return { repo: row.repo, path: row.path, line: Number(row.line), kind: row.kind as ReviewRow['kind'], verdict: row.verdict as Verdict, note: row.note };
  });
}

function git(args: string[], cwd?: string): string {
  return execFileSync('git', ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', ...args], {
    cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28,
  });
}

/**
 * Writes the tree of `commit` into `dir`. Unlike `git archive`, a blob the mirror lacks (mirrors
 * may leave out their largest files) is skipped rather than failing the whole checkout.
 */
function writeTree(gitDir: string, commit: string, dir: string): void {
  const entries = git(['--git-dir', gitDir, 'ls-tree', '-r', '-z', commit]).split('\0').filter(Boolean).map((line) => {
    const tab = line.indexOf('\t');
    const [mode, type, sha] = line.slice(0, tab).split(' ');
    return { mode, type, sha, path: line.slice(tab + 1) };
  }).filter((e) => e.type === 'blob');
  const batch = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { input: entries.map((e) => e.sha).join('\n') + '\n', maxBuffer: 2 ** 31 });
  let pos = 0;
  for (const entry of entries) {
    const eol = batch.indexOf(10, pos);
    const head = batch.subarray(pos, eol).toString('utf8').split(' ');
    pos = eol + 1;
    if (head[1] === 'missing') continue;
    const size = Number(head[2]);
    const content = batch.subarray(pos, pos + size);
    pos += size + 1;
    const target = join(dir, entry.path);
    mkdirSync(dirname(target), { recursive: true });
    if (entry.mode === '120000') symlinkSync(content.toString('utf8'), target);
    else writeFileSync(target, content, { mode: entry.mode === '100755' ? 0o755 : 0o644 });
  }
}

/**
 * A checkout of `entry` at its commit in `workDir/<owner>+<name>`, as a fresh one-commit
 * repository (so tracked state, `git apply --check` and reverting are all plain git). The source
 * is a local mirror (`mirrors/<owner>+<name>/repo`, a git directory) when there is one, else a
 * clone from GitHub.
 */
export function materialize(entry: CorpusEntry, workDir: string, mirrors?: string): string {
  const dir = join(workDir, entry.repo.replace('/', '+'));
  const stamp = join(dir, '.git', 'repolish-corpus-commit');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === entry.commit) {
    git(['reset', '-q', '--hard'], dir);
    git(['clean', '-qfdx'], dir);
    return dir;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let gitDir = mirrors ? join(mirrors, entry.repo.replace('/', '+'), 'repo') : '';
  // A mirror kept as a work tree has its git directory inside.
  if (gitDir && existsSync(join(gitDir, '.git'))) gitDir = join(gitDir, '.git');
  if (!gitDir || !existsSync(gitDir)) {
    gitDir = join(workDir, '.clones', entry.repo.replace('/', '+'));
    if (!existsSync(gitDir)) git(['clone', '-q', '--bare', '--filter=blob:none', `https://github.com/${entry.repo}.git`, gitDir]);
  }
  writeTree(gitDir, entry.commit, dir);
  git(['init', '-q'], dir);
  // Force: files the repository committed although its .gitignore names them (a committed .venv) are
  // part of the snapshot, tracked as upstream; otherwise the reuse's `git clean -x` deletes them.
  git(['add', '-A', '-f'], dir);
  git(['-c', 'user.name=corpus', '-c', 'user.email=corpus@localhost', 'commit', '-q', '--no-verify', '-m', `${entry.repo}@${entry.commit}`], dir);
  execFileSync('sh', ['-c', 'printf %s "$1" > "$2"', 'sh', entry.commit, stamp]);
  return dir;
}
