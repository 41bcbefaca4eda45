import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { GitIgnoreRules } from '../../src/model/gitignore.js';
import type { DirNode } from '../../src/model/tree.js';
import { walkTree, type WalkResult } from '../../src/model/walk.js';
import type { Warning } from '../../src/findings.js';
import { removeDir, runGit, tempDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

/** Everything the walk found, in its order: folders with their totals and flags, files, warnings. */
function picture(result: WalkResult, warnings: Warning[]) {
  const dirs: unknown[] = [];
  const visit = (dir: DirNode) => {
    const { parent, dirs: children, files, raw, ...rest } = dir;
    dirs.push({ ...rest, raw: raw?.toString('hex'), parent: parent?.path, files: files.map((f) => ({ ...f, raw: f.raw?.toString('hex') })) });
    children.forEach(visit);
  };
  visit(result.tree);
  return { dirs, warnings, paths: [...result.dirsByPath.keys()] };
}

function walk(root: string, helperAfter: number) {
  const warnings: Warning[] = [];
  const rules = new GitIgnoreRules(false);
  rules.addGlobalPatterns('*.tmp\n');
  const result = walkTree(root, { rules, repoPrefix: '', warnings, helperAfter });
  return { picture: picture(result, warnings), helperFolders: result.helperFolders };
}

/**
 * A tree with many folders (so the helper gets some) and every odd case the walk handles: names
 * that are not UTF-8, symlinks (to a file, a folder, nowhere, each other), hard links far apart,
 * a FIFO, ignore files, a nested repository, a folder named `.git`, a bare repository.
 */
function oddTree(): string {
  const root = tempDir('repolish-walk-par-');
  made.push(root);
  chmodSync(root, 0o755);
  writeFileSync(join(root, '.gitignore'), 'build/\n*.log\n!keep.log\n');
  for (let a = 0; a < 12; a++) {
    for (let b = 0; b < 8; b++) {
      const dir = join(root, `pkg${a}`, `mod${b}`, b % 2 ? 'deep/er' : '');
      mkdirSync(dir, { recursive: true });
      for (let f = 0; f < 6; f++) writeFileSync(join(dir, `f${f}.${f % 3 ? 'py' : 'log'}`), 'x'.repeat(a * 100 + b * 10 + f));
    }
  }
  writeFileSync(join(root, 'pkg3/keep.log'), 'kept');
  writeFileSync(join(root, 'pkg3/.gitignore'), '*.py\n!f1.py\n');
  mkdirSync(join(root, 'build/out'), { recursive: true });
  writeFileSync(join(root, 'build/out/a.o'), 'obj');
  // Names that are not valid UTF-8: a folder and files in it, deep in the tree.
  const odd = Buffer.concat([Buffer.from(join(root, 'pkg7', 'mod3') + '/'), Buffer.from([0x64, 0xff, 0x69, 0x72])]);
  mkdirSync(odd);
  writeFileSync(Buffer.concat([odd, Buffer.from('/'), Buffer.from([0x66, 0xc3, 0x28])]), 'bytes');
  writeFileSync(Buffer.concat([odd, Buffer.from('/plain.txt')]), 'plain');
  writeFileSync(join(root, 'pkg11/mod7/caf\u00e9 \uFFFD.txt'), 'real replacement character');
  // Symlinks: never followed; broken and looping ones warned.
  symlinkSync('../pkg0/mod0/f0.log', join(root, 'pkg1/to-file'));
  symlinkSync('../pkg2', join(root, 'pkg10/to-folder'));
  symlinkSync('nowhere', join(root, 'pkg9/broken'));
  symlinkSync('loop-b', join(root, 'pkg8/loop-a'));
  symlinkSync('loop-a', join(root, 'pkg8/loop-b'));
  // Hard links in folders listed far apart: counted (allocated) once.
  writeFileSync(join(root, 'pkg0/shared.bin'), Buffer.alloc(40_000, 7));
  linkSync(join(root, 'pkg0/shared.bin'), join(root, 'pkg11/mod6/shared-again.bin'));
  linkSync(join(root, 'pkg0/shared.bin'), join(root, 'pkg5/shared-third.bin'));
  execFileSync('mkfifo', [join(root, 'pkg6/pipe')]);
  // A nested repository (its own .gitignore does not apply), a bare one, a stray `.git` folder.
  mkdirSync(join(root, 'pkg4/vendored'), { recursive: true });
  runGit(join(root, 'pkg4/vendored'), ['init', '-q']);
  writeFileSync(join(root, 'pkg4/vendored/.gitignore'), '*\n');
  writeFileSync(join(root, 'pkg4/vendored/lib.py'), 'x = 1\n');
  runGit(root, ['init', '-q', '--bare', join(root, 'pkg5/mirror.git')]);
  mkdirSync(join(root, 'pkg2/mod1/.git/objects'), { recursive: true });
  writeFileSync(join(root, 'pkg2/mod1/.git/objects/blob'), 'zz');
  return root;
}

describe('the walk with a helper thread', () => {
  it('builds the same tree, totals and warnings as the walk on one thread', () => {
    const root = oddTree();
    const alone = walk(root, Infinity);
    const helped = walk(root, 0);
    expect(alone.helperFolders).toBe(0);
    expect(helped.helperFolders).toBeGreaterThan(0);
    expect(helped.picture).toEqual(alone.picture);
    // Who lists which folder (the helper, or this thread taking one back) varies from run to run.
    for (let run = 0; run < 3; run++) expect(walk(root, 0).picture).toEqual(alone.picture);
    // The odd cases are really there (so the comparison covers them).
    const warnings = alone.picture.warnings.map((w) => `${w.path}: ${w.message}`).join('\n');
    expect(warnings).toContain('pkg9/broken: broken symlink');
    expect(warnings).toContain('pkg8/loop-a: symlink loop');
    expect(warnings).toContain('not valid UTF-8');
    const shared = alone.picture.dirs.flatMap((d) => (d as { files: { name: string; allocated: number }[] }).files).filter((f) => f.name.startsWith('shared'));
    expect(shared.filter((f) => f.allocated > 0)).toHaveLength(1);
  });

  it('builds the same tree as nobody, with an unreadable folder warned the same way', () => {
    const root = oddTree();
    mkdirSync(join(root, 'pkg6/secret/inner'), { recursive: true });
    writeFileSync(join(root, 'pkg6/secret/inner/key.txt'), 'k');
    chmodSync(join(root, 'pkg6/secret'), 0o000);
    const script = join(root, '..', `${root.split('/').pop()}-walk.mjs`);
    made.push(script);
    const dist = (path: string) => JSON.stringify(fileURLToPath(new URL(`../../dist/src/model/${path}`, import.meta.url)));
    writeFileSync(script, [
      `import { walkTree } from ${dist('walk.js')};`,
      `import { GitIgnoreRules } from ${dist('gitignore.js')};`,
      'const out = {};',
      'for (const helperAfter of [Infinity, 0]) {',
      '  const warnings = [];',
      `  const result = walkTree(${JSON.stringify(root)}, { rules: new GitIgnoreRules(false), repoPrefix: '', warnings, helperAfter });`,
      '  const files = [...result.dirsByPath.values()].map((d) => [d.path, d.bytes, d.allocated, d.fileCount, d.unreadable ?? false, d.files.map((f) => [f.name, f.kind, f.size, f.allocated, f.target])]);',
      '  out[helperAfter] = { files, warnings, helperFolders: result.helperFolders };',
      '}',
      'process.stdout.write(JSON.stringify(out));',
    ].join('\n'));
    const asNobody = (env: NodeJS.ProcessEnv) => spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, script], { encoding: 'utf8', env });
    const run = asNobody(process.env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // The same tree, to the byte, when lstat comes from fs.lstatSync instead of the fs binding (lstat-numbers.ts).
    const publicLstat = asNobody({ ...process.env, REPOLISH_LSTAT: 'public' });
    expect(publicLstat.status).toBe(0);
    type Out = Record<string, { files: unknown[]; warnings: Warning[]; helperFolders: number }>;
    const out = JSON.parse(run.stdout) as Out;
    const outPublic = JSON.parse(publicLstat.stdout) as Out;
    for (const helperAfter of ['0', 'Infinity']) {
      expect(outPublic[helperAfter].files).toEqual(out[helperAfter].files);
      expect(outPublic[helperAfter].warnings).toEqual(out[helperAfter].warnings);
    }
    expect(out['0'].helperFolders).toBeGreaterThan(0);
    expect(out['0'].files).toEqual(out.Infinity.files);
    expect(out['0'].warnings).toEqual(out.Infinity.warnings);
    expect(out.Infinity.warnings).toContainEqual({ path: 'pkg6/secret', message: 'cannot read folder: permission denied; its size is not counted' });
  });
});
