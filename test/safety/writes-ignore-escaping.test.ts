/**
 * Issue 15 item 13: file names are data in ignore files. Names with line breaks, a leading `!` or
 * `#`, spaces at either end, backslashes, brackets and glob characters must each become a pattern
 * that matches exactly that file (checked by git itself and by Docker's matcher), and a name that
 * no line can express is reported and left out, never written.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dockerMatcher } from '../../src/docker/build-contexts.js';
import { escapeDockerignore, escapeGitignore } from '../../src/ignorefiles/escape.js';
import { runCli } from '../helpers/cli.js';
import { gitEnv, makeRepo, removeDir, runGit, tempDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const ZIP = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(60)]);
const SQLITE = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(100)]);

/** Archive files (bloat, each covered by its own anchored path) with names that are syntax elsewhere. */
// (Names ending in spaces are not archives by extension; the name-against-name tests below cover them.)
const HOSTILE_ZIPS = ['!bang.zip', '#hash.zip', ' lead.zip', 'dir /in.zip', 'two  spaces.zip', 'back\\slash.zip', 'br[a]ck.zip', 'st*r.zip', 'q?.zip', 'plus+(x){y}|z^$.zip', 'tab\t.zip'];
/** Plain text files that a pattern written raw would catch; they must stay visible. */
const DECOYS = ['bang.zip', 'hash.zip', 'lead.zip', 'dir/in.zip', 'twospaces.zip', 'backslash.zip', 'brack.zip', 'stXr.zip', 'qZ.zip', 'plusx.zip', 'tab.zip', 'src/app.py'];
/** Names with line breaks: written raw they would add `src` to .gitignore and un-ignore `.git` for Docker. */
const BROKEN_LINES = ['q\nsrc\nz.db', 'zz\n!.git\n!x.db', 'cr\r.zip'];

/** Which of `paths` git ignores, asked of git itself (NUL-separated, so any name passes). */
function gitIgnored(root: string, paths: string[], extraArgs: string[] = []): Set<string> {
  let out = '';
  try {
    out = execFileSync('git', ['check-ignore', ...extraArgs, '--stdin', '-z'], { cwd: root, env: gitEnv, input: paths.join('\0') + '\0', encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (err) {
    out = (err as { stdout?: string }).stdout ?? ''; // exit 1: none ignored
  }
  return new Set(out.split('\0').filter(Boolean));
}

describe('ignore-file patterns from hostile file names (fix --write)', () => {
  it('writes each name as a literal pattern, skips names with line breaks with a warning, and never writes injected lines', () => {
    const tree: Record<string, string | Buffer> = {
      Dockerfile: 'FROM python:3.12-slim\nCOPY src/ /app/src/\n',
      'src/app.py': 'print("hello")\n',
      '!venv/pyvenv.cfg': 'home = /usr/bin\n',
      '!venv/lib/python3.12/site-packages/x.py': 'x = 1\n',
    };
    for (const name of HOSTILE_ZIPS) tree[name] = ZIP;
    for (const name of DECOYS) tree[name] ??= 'not an archive\n';
    for (const name of BROKEN_LINES) tree[name] = name.endsWith('.db') ? SQLITE : ZIP;
    const root = makeRepo(tree, ['Dockerfile', 'src/app.py', ...DECOYS]);
    made.push(root);

    const run = runCli(['fix', '--write', root]);
    expect(run.code, run.stderr).toBe(0);
    const gitignore = readFileSync(join(root, '.gitignore'), 'utf8');
    const dockerignore = readFileSync(join(root, '.dockerignore'), 'utf8');
    const lines = [...gitignore.split('\n'), ...dockerignore.split('\n')];
    // Nothing of a broken name reached a line of its own.
    for (const injected of ['src', '!.git', '!x.db', 'z.db', 'q', 'zz', 'cr\r.zip', '/cr\r.zip']) expect(lines).not.toContain(injected);
    expect(gitignore).not.toMatch(/\r/);
    expect(dockerignore).not.toMatch(/\r/);

    // git: exactly the hostile archives and the venv are ignored; no decoy, no source, no broken name.
    const everything = [...HOSTILE_ZIPS, ...DECOYS, ...BROKEN_LINES, '!venv/pyvenv.cfg', 'Dockerfile', 'src/later.py'];
    const ignoredByGit = gitIgnored(root, everything, ['--no-index']);
    expect([...ignoredByGit].sort()).toEqual([...HOSTILE_ZIPS, '!venv/pyvenv.cfg'].sort());

    // Docker: the same archives leave the build context, .git stays out, the source stays in.
    const docker = dockerMatcher(dockerignore);
    expect(everything.filter((p) => docker(p)).sort()).toEqual([...HOSTILE_ZIPS, '!venv/pyvenv.cfg'].sort());
    expect(docker('.git')).toBe(true);
    expect(docker('.git/HEAD')).toBe(true);

    // Each unwritable name is named in a warning, escaped onto one line.
    for (const name of BROKEN_LINES) expect(run.stderr).toContain(JSON.stringify(name));
    expect(run.stderr).toMatch(/line break/);
    // The broken names stay reported by scan (not silently dropped), and a second fix adds nothing.
    const again = runCli(['fix', root]);
    expect(again.stdout).toBe('');
  });
});

describe('the escaping itself, name against name', () => {
  const NAMES = ['!a', '#b', ' c', 'd ', 'e  ', ' f ', 'g\\h', 'i[j]', 'k*', 'l?', 'm**n', '\\!o', 'p[!q]', 'r\\', 's#t!u', 'v+w', 'x(y)', 'z{1,2}', 'a.b', 'c$', '^d', 'e|f', '\tg', 'h\t'];
  // Files that an unescaped pattern would match instead of (or as well as) the intended one.
  const DECOY_NAMES = ['a', 'b', 'c', 'd', 'e', 'f', 'gh', 'ij', 'ij]', 'kk', 'lx', 'mn', 'mxn', 'o', 'pq', 'pz', 'r', 'st', 'vw', 'vvw', 'xy', 'z1', 'aXb', 'c', 'd', 'ef', 'g', 'h'];
  const ALL = [...new Set([...NAMES, ...DECOY_NAMES])];

  it('git matches exactly the named file, at the root and in a subfolder', () => {
    const root = tempDir();
    made.push(root);
    runGit(root, ['init', '-q']);
    mkdirSync(join(root, 'sub'));
    for (const name of NAMES) {
      writeFileSync(join(root, '.gitignore'), `${escapeGitignore(name)}\n`);
      const ignored = gitIgnored(root, [...ALL, ...ALL.map((n) => `sub/${n}`)], ['--no-index']);
      expect([...ignored].sort(), JSON.stringify(name)).toEqual([name, `sub/${name}`].sort());
      writeFileSync(join(root, '.gitignore'), `/sub/${escapeGitignore(name, false)}\n`);
      expect([...gitIgnored(root, [...ALL, ...ALL.map((n) => `sub/${n}`)], ['--no-index'])], JSON.stringify(name)).toEqual([`sub/${name}`]);
    }
  });

  it("Docker's matcher matches exactly the named file", () => {
    for (const name of NAMES) {
      const matches = dockerMatcher(`# a comment\n${escapeDockerignore(name)}\n`);
      expect(ALL.filter((n) => matches(n)), JSON.stringify(name)).toEqual([name]);
      const anywhere = dockerMatcher(`**/${escapeDockerignore(name)}\n`);
      expect(ALL.map((n) => `sub/${n}`).filter((n) => anywhere(n)), JSON.stringify(name)).toEqual([`sub/${name}`]);
    }
  });
});
