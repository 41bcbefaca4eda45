/**
 * Every command a report prints runs as printed: it names the scanned folder (quoted for the
 * shell) and every flag it needs. Each hint from every format is pasted into a real shell from
 * another working folder that has its own node_modules and bloat, first in dry-run form, then as
 * printed, and only the scanned tree may be read or changed.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathArgument, shellQuote } from '../../src/model/hint.js';
import { BIN, runCli } from '../helpers/cli.js';
import { gitEnv, removeDir, runGit, tempDir, writeTree } from '../helpers/repo.js';

const SQLITE = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(100)]);
const PYC = Buffer.from([0xa7, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0]);
const made: string[] = [];
afterAll(() => made.forEach(removeDir));

/** A git repository at `dir` with `tree` written and `commit` committed. */
function repoAt(dir: string, tree: Record<string, string | Buffer>, commit: string[]): string {
  mkdirSync(dir, { recursive: true });
  runGit(dir, ['init', '-q', '-b', 'main']);
  writeTree(dir, tree);
  runGit(dir, ['add', '-f', '--', ...commit]);
  runGit(dir, ['commit', '-q', '-m', 'initial']);
  return dir;
}

/** The working folder the hints are pasted in: a project of its own, with bloat a wrong hint would hit. */
function workingFolder(base: string): string {
  return repoAt(join(base, 'cwd project'), {
    'main.py': 'print("cwd")\n',
    'node_modules/cwd-marker-pkg/package.json': '{"name": "cwd-marker-pkg"}\n',
    'node_modules/cwd-marker-pkg/index.js': 'module.exports = 1;\n',
    'cwd-marker.sqlite': SQLITE,
    '__pycache__/cwd_marker.cpython-311.pyc': PYC,
    'cwd-marker.log': 'log\n',
  }, ['main.py']);
}

function scannedRepo(base: string): string {
  return repoAt(join(base, `it's a "scanned" repo`), {
    'app.py': 'import flask\nprint(flask)\n',
    'requirements.txt': 'flask\nrequests\n',
    'Dockerfile': 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y curl\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY app.py .\n',
    '.venv/pyvenv.cfg': 'home = /usr/bin\nversion = 3.12.1\n',
    '.venv/lib/python3.12/site-packages/flask/__init__.py': '',
    'web/node_modules/left/package.json': '{"name": "left"}\n',
    'app/__pycache__/app.cpython-311.pyc': PYC,
    'scanned.log': 'x\n',
    'uploads.db': SQLITE,
    'committed/__pycache__/c.cpython-311.pyc': PYC,
    '.env': 'TOKEN=1\n',
  }, ['app.py', 'requirements.txt', 'Dockerfile', 'committed/__pycache__/c.cpython-311.pyc', '.env']);
}

function decodeHtml(text: string): string {
  return text.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** Every string inside a JSON document. */
function jsonStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(jsonStrings);
  return value && typeof value === 'object' ? Object.values(value).flatMap(jsonStrings) : [];
}

/** Commands in backticks (text, markdown, JSON and SARIF strings) and in HTML code elements; patch lines are file content, not hints. */
function commandsIn(report: string): string[] {
  const text = report.split('\n').filter((line) => !/^[+-]/.test(line)).join('\n');
  const found = [...text.matchAll(/`((?:repolish|git -C) [^`]+)`/g)].map((m) => m[1]);
  found.push(...[...text.matchAll(/<code[^>]*>((?:repolish|git -C) [^<]+)<\/code>/g)].map((m) => decodeHtml(m[1])));
  return found;
}

function htmlCommands(html: string): string[] {
  const data = JSON.parse(decodeHtml(/<script type="application\/json" id="repolish-data">(.*?)<\/script>/s.exec(html)![1].replace(/\\u003c/g, '<')));
  const s = data.savings;
  return [
    ...commandsIn(html.replace(/<script.*?<\/script>/gs, '')),
    s.commands.fixWrite, s.commands.fixShow, s.commands.untrack, s.commands.scan,
    ...s.clean.filter((c: { items: number }) => c.items > 0).map((c: { command: string }) => c.command),
    ...s.codemods.map((c: { command: string }) => c.command),
    ...data.findings.flatMap((f: { fix?: string }) => commandsIn(f.fix ?? '')),
    ...commandsIn(data.patch.split('\n').filter((l: string) => !l.startsWith('+')).join('\n')),
  ];
}

/** The same command without the flag that acts: a dry run. */
function dryRun(command: string): string {
  if (command.startsWith('git -C ')) return command.replace(/ rm /, ' rm --dry-run ');
  return command.replace(/ --(yes|write)(?= |$)/g, '');
}

function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => !p.startsWith('.git/') && p !== '.git').sort();
}

describe('printed commands run as printed, from any working folder', () => {
  let base: string;
  let cwd: string;
  let scanned: string;
  let shim: string;
  const commands = new Map<string, string[]>();

  const shell = (command: string) => spawnSync('sh', ['-c', command], {
    cwd, encoding: 'utf8', env: { ...gitEnv, NO_COLOR: '1', PATH: `${shim}:${process.env.PATH}` }, maxBuffer: 1 << 26,
  });

  beforeAll(() => {
    base = tempDir('repolish-hints-');
    made.push(base);
    cwd = workingFolder(base);
    scanned = scannedRepo(base);
    shim = join(base, 'bin');
    mkdirSync(shim);
    writeFileSync(join(shim, 'repolish'), `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(BIN)} "$@"\n`);
    chmodSync(join(shim, 'repolish'), 0o755);
    // The scan is run as a user would: a path relative to the working folder.
    const path = relative(cwd, scanned);
    for (const format of ['text', 'markdown', 'json', 'sarif', 'html', 'github', 'gitlab']) {
      const run = runCli(['scan', path, '--format', format, '--verbose'], { cwd });
      expect(run.code, run.stderr).toBe(0);
      commands.set(format, format === 'html' ? htmlCommands(run.stdout) : format === 'text' || format === 'markdown' || format === 'github' ? commandsIn(run.stdout) : jsonStrings(JSON.parse(run.stdout)).flatMap(commandsIn));
    }
    const fix = runCli(['fix', path], { cwd });
    commands.set('fix summary', commandsIn(fix.stderr));
  });

  it('every format prints commands, and each names the scanned folder, quoted', () => {
    const root = shellQuote(scanned);
    expect(root).toBe(`'${scanned.replace(/'/g, `'\\''`)}'`);
    for (const [format, list] of commands) {
      expect(list.length, format).toBeGreaterThan(0);
      for (const command of list) expect(command, `${format}: ${command}`).toContain(` ${root}`);
    }
    const all = [...commands.values()].flat();
    expect(all).toContain(`repolish clean ${root} --untrack --yes`);
    expect(all).toContain(`repolish clean ${root} --include env --yes`);
    expect(all).toContain(`repolish fix ${root} --write`);
    expect(all).toContain(`repolish fix ${root} --unsafe --write`);
    expect(all).toContain(`repolish codemod run prune-requirements ${root}`);
    expect(all.some((c) => c.startsWith(`git -C ${root} rm -r --cached -- committed/__pycache__`))).toBe(true);
    // No hint relies on the default path or leaves out the flag that acts.
    expect(all.filter((c) => /^repolish clean .*--untrack$/.test(c))).toEqual([]);
  });

  it('each hint, run in dry-run form from the other folder, reports only the scanned tree and changes nothing', () => {
    const before = { cwd: listing(cwd), scanned: listing(scanned) };
    // Hints that differ only in the acting flag (`fix --write` and `fix`) have one dry-run form: run each form once.
    const ran = new Map<string, ReturnType<typeof shell>>();
    for (const command of new Set([...commands.values()].flat().map(dryRun))) {
      const run = shell(command);
      ran.set(command, run);
      expect(run.status, `${command}\n${run.stderr}`).toBe(0);
      expect(`${run.stdout}${run.stderr}`, command).not.toContain('cwd-marker');
    }
    expect(listing(cwd)).toEqual(before.cwd);
    expect(listing(scanned)).toEqual(before.scanned);
    // The dry runs did look at the scanned tree.
    const cleanEnv = dryRun(`repolish clean ${shellQuote(scanned)} --include env --yes`);
    expect((ran.get(cleanEnv) ?? shell(cleanEnv)).stdout).toContain('web/node_modules/');
  });

  it('each hint, run as printed from the other folder, acts on the scanned tree only', () => {
    const before = listing(cwd);
    const acting = [...new Set([...commands.values()].flat())].filter((c) => / --(yes|write)( |$)/.test(c));
    expect(acting.length).toBeGreaterThan(3);
    for (const command of acting) {
      const run = shell(command);
      expect(run.status, `${command}\n${run.stderr}`).toBe(0);
    }
    expect(listing(cwd)).toEqual(before);
    expect(existsSync(join(cwd, 'node_modules/cwd-marker-pkg/index.js'))).toBe(true);
    expect(existsSync(join(scanned, 'web/node_modules'))).toBe(false);
    expect(existsSync(join(scanned, '.venv'))).toBe(false);
    expect(existsSync(join(scanned, '.gitignore'))).toBe(true);
    expect(runGit(scanned, ['ls-files'])).not.toContain('committed/__pycache__');
  });

  it('quotes any path for a POSIX shell and never lets one read as an option', () => {
    for (const path of ['plain/path', 'with space', `it's`, '"dq"', '$HOME `x` \\ ;&|', '-x', '']) {
      const echoed = spawnSync('sh', ['-c', `printf %s ${pathArgument(path)}`], { encoding: 'utf8' }).stdout;
      expect(echoed).toBe(path.startsWith('-') ? `./${path}` : path);
    }
    expect(pathArgument('-x')).toBe('./-x');
    expect(shellQuote('/tmp/a b')).toBe(`'/tmp/a b'`);
  });
});
