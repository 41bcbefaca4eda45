/**
 * A distribution's size and modules come from its RECORD (or installed-files.txt, or a conda file
 * list), each path resolved the way it is found on disk. The odd lines pip and conda leave behind
 * must be measured exactly: scripts outside site-packages (`../../../bin/x`), `./` segments,
 * duplicates, folders, missing files, symlinks, quoted paths with commas, and paths that climb out
 * of the virtualenv.
 */
import { readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { metadataHeaders, modulePaths, readInstalledEnvironment, useEnvironmentCache } from '../../src/deps/installed.js';
import { openEnvironmentCache } from '../../src/cache/environment-cache.js';
import { collectFacts } from '../../src/model/facts.js';
import { backdateTree } from '../helpers/cache.js';
import { makeRepo, removeDir, tempDir } from '../helpers/repo.js';
import { repoContext } from './helpers.js';

const sp = 'env/lib/python3.11/site-packages';
const bytes = (n: number) => 'x'.repeat(n);
const sizeOf = (path: string) => statSync(join(ctx.root, path)).size;

const TREE = {
  'outside.txt': bytes(1000),
  'env/pyvenv.cfg': 'home = /usr/bin\nversion = 3.11.4\n',
  'env/bin/oddtool': bytes(7),
  'env/bin/linked': { symlink: 'oddtool' },
  [`${sp}/oddpkg/__init__.py`]: bytes(11),
  [`${sp}/oddpkg/core.py`]: bytes(13),
  [`${sp}/oddpkg/fast.cpython-311-x86_64-linux-gnu.so`]: bytes(17),
  [`${sp}/oddpkg/a,b.py`]: bytes(19),
  [`${sp}/oddpkg/sub/deep.py`]: bytes(23),
  [`${sp}/oddpkg-1.0.dist-info/METADATA`]: 'Metadata-Version: 2.1\nName: OddPkg\nVersion: 1.0\n',
  [`${sp}/oddpkg-1.0.dist-info/RECORD`]: [
    'oddpkg/__init__.py,sha256=abc,11',
    'oddpkg/__init__.py,sha256=abc,11', // listed twice: counted once
    './oddpkg/./core.py,,13',
    'oddpkg//fast.cpython-311-x86_64-linux-gnu.so,,17',
    '"oddpkg/a,b.py",,19',
    'oddpkg/sub,,', // a folder: not a file
    'oddpkg/sub/deep.py\r', // CRLF, no columns
    'oddpkg/missing.py,,5', // not on disk: no size, but a module
    '../../../bin/oddtool,,7',
    '../../../bin/linked,,', // a symlink: no size
    '../../../../outside.txt,,1000', // outside the virtualenv: never counted
    'oddpkg-1.0.dist-info/RECORD,,',
    '',
  ].join('\n'),
  [`${sp}/eggpkg/__init__.py`]: bytes(29),
  [`${sp}/eggpkg-2.0.egg-info/PKG-INFO`]: 'Metadata-Version: 1.1\nName: eggpkg\nVersion: 2.0\n',
  [`${sp}/eggpkg-2.0.egg-info/installed-files.txt`]: '../eggpkg/__init__.py\n../eggpkg/__init__.py\nPKG-INFO\n./installed-files.txt\n',
  'env/conda-meta/libfoo-1.0-0.json': JSON.stringify({ name: 'libfoo', version: '1.0', files: ['lib/libfoo.so', 'lib/./libfoo.so', 'lib/missing.so', 'bin/oddtool'] }),
  'env/lib/libfoo.so': bytes(31),
};
const ctx = repoContext(TREE);

afterAll(() => removeDir(ctx.root));

describe('RECORD measurement', () => {
  const env = readInstalledEnvironment(ctx.facts, ctx.facts.dir('env')!);

  it('counts each listed regular file of the virtualenv once, wherever the line points', () => {
    const odd = env.dists.get('oddpkg')!;
    const record = sizeOf(`${sp}/oddpkg-1.0.dist-info/RECORD`);
    expect(odd.measuredBy).toBe('record');
    expect(odd.files).toBe(7);
    expect(odd.bytes).toBe(11 + 13 + 17 + 19 + 23 + 7 + record);
  });

  it('takes modules from the listed sources and extensions, found or not', () => {
    expect(env.dists.get('oddpkg')!.modules.sort()).toEqual(['oddpkg', 'oddpkg.core', 'oddpkg.fast', 'oddpkg.missing', 'oddpkg.sub', 'oddpkg.sub.deep']);
    expect(env.dists.get('oddpkg')!.topLevel).toEqual(['oddpkg']);
  });

  it('resolves installed-files.txt from the egg-info folder', () => {
    const egg = env.dists.get('eggpkg')!;
    const pkgInfo = sizeOf(`${sp}/eggpkg-2.0.egg-info/PKG-INFO`);
    const list = sizeOf(`${sp}/eggpkg-2.0.egg-info/installed-files.txt`);
    expect(egg.files).toBe(3);
    expect(egg.bytes).toBe(29 + pkgInfo + list);
  });

  it('measures a conda package from the paths its file list names as written', () => {
    const conda = env.dists.get('libfoo')!;
    expect(conda.files).toBe(2);
    expect(conda.bytes).toBe(31 + 7);
  });

  it('reads the same environment through the environment cache, stored and reused', () => {
    const root = makeRepo(TREE);
    const cacheDir = tempDir('repolish-cache-');
    try {
      // An hour old: files changed within two seconds are never stored (racily clean).
      const hourAgo = Date.now() / 1000 - 3600;
      for (const name of readdirSync(join(root, 'env'), { recursive: true, encoding: 'utf8' })) utimesSync(join(root, 'env', name), hourAgo, hourAgo);
      const warnings: string[] = [];
      const read = (withCache: boolean) => {
        const facts = collectFacts(root);
        const cache = withCache ? openEnvironmentCache(facts.root, { dir: cacheDir, warn: (m) => warnings.push(m), debug: () => {} }) : undefined;
        if (cache) useEnvironmentCache(facts, () => cache);
        const read = readInstalledEnvironment(facts, facts.dir('env')!);
        cache?.save();
        return { env: read, stats: cache?.stats, warnings: facts.warnings };
      };
      const plain = read(false);
      const cold = read(true);
      const warm = read(true);
      // METADATA, RECORD, PKG-INFO and installed-files.txt are kept; the egg's absent requires.txt is asked for each time.
      expect(cold.stats).toMatchObject({ hits: 0, misses: 5, stored: 4 });
      expect(warm.stats).toMatchObject({ hits: 4, misses: 1, stored: 0 });
      for (const run of [cold, warm]) {
        expect({ ...run.env, providers: undefined }).toEqual({ ...plain.env, providers: undefined });
        expect([...run.env.dists.keys()]).toEqual([...plain.env.dists.keys()]);
        const modules = [...plain.env.dists.values()].flatMap((d) => d.modules).concat(['oddpkg.nothing', 'nothing']);
        expect(modules.map((m) => run.env.providers.get(m))).toEqual(modules.map((m) => plain.env.providers.get(m)));
        expect(run.warnings).toEqual(plain.warnings);
      }
      expect(warnings).toEqual([]);

      // A folder changed under an unchanged RECORD: a listed file gone, another file beside it, a listed one grown.
      rmSync(join(root, sp, 'oddpkg/core.py'));
      writeFileSync(join(root, sp, 'oddpkg/aaa_new.py'), bytes(5));
      writeFileSync(join(root, sp, 'oddpkg/sub/deep.py'), bytes(230));
      const changedPlain = read(false);
      const changed = read(true);
      expect(changed.stats).toMatchObject({ hits: 4, misses: 1, stored: 0 });
      expect(changed.env.dists.get('oddpkg')).toEqual(changedPlain.env.dists.get('oddpkg'));
      expect(changed.env.dists.get('oddpkg')!.bytes).toBe(plain.env.dists.get('oddpkg')!.bytes - 13 + 207);
    } finally {
      removeDir(root);
      removeDir(cacheDir);
    }
  });
});

describe('RECORD file lists in the environment cache', () => {
  it('are kept with each name once, found files in the walk\'s order, the others after as listed', () => {
    const site = 'venv/lib/python3.12/site-packages';
    const record = `${site}/pkg-1.0.dist-info/RECORD`;
    const root = makeRepo({
      'venv/pyvenv.cfg': 'version = 3.12.1\n',
      [`${site}/pkg/__init__.py`]: 'x',
      [`${site}/pkg/b.py`]: 'xx',
      [`${site}/pkg/a.py`]: 'xxx',
      [`${site}/pkg/c.py`]: 'xxxx',
      [`${site}/pkg/sub/d.py`]: 'xxxxx',
      [`${site}/pkg-1.0.dist-info/METADATA`]: 'Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\n',
      // Repeats, a file not on disk, a folder, a folder not on disk, CRLF, and no newline at the end.
      [record]: ['pkg/c.py,,4', 'pkg/missing.py,,', 'pkg/a.py,,3\r', 'pkg/sub,,', 'pkg/__init__.py,,1', 'pkg/c.py,,4', 'pkg/missing.py,,',
        'gone/x.py,,', 'gone/y.py,,', 'gone/x.py,,', 'pkg/b.py', 'pkg/sub/d.py,,5'].join('\n'),
    });
    const cacheDir = tempDir('repolish-cache-');
    try {
      backdateTree(root);
      const read = () => {
        const facts = collectFacts(root);
        const cache = openEnvironmentCache(facts.root, { dir: cacheDir, warn: (m) => { throw new Error(m); }, debug: () => {} })!;
        useEnvironmentCache(facts, () => cache);
        const env = readInstalledEnvironment(facts, facts.dir('venv')!);
        cache.save();
        const file = join(cacheDir, readdirSync(cacheDir).find((n) => n.endsWith('-environments.cache'))!);
        const body = JSON.parse(readFileSync(file, 'utf8').split('\n').slice(2).join('\n')) as unknown[][];
        const stored = body.find((entry) => entry[0] === record)![6] as { files: { plain: Array<[string, string[]]>; normalized: string[] } };
        return { facts, dist: env.dists.get('pkg')!, stats: cache.stats, stored };
      };
      const cold = read();
      const listing = cold.facts.dir(`${site}/pkg`)!.files.map((f) => f.name).filter((n) => ['a.py', 'b.py', 'c.py', '__init__.py'].includes(n));
      expect(cold.stored.files).toEqual({ plain: [['pkg', [...listing, 'missing.py', 'sub']], ['gone', ['x.py', 'y.py']], ['pkg/sub', ['d.py']]], normalized: [] });
      expect(cold.dist).toMatchObject({ files: 5, bytes: 15 });
      expect(cold.dist.modules).toEqual(['pkg', 'pkg.c', 'pkg.missing', 'pkg.a', 'gone', 'gone.x', 'gone.y', 'pkg.b', 'pkg.sub', 'pkg.sub.d']);
      const warm = read();
      expect(warm.stats).toMatchObject({ hits: 2, stored: 0 });
      expect(warm.stored).toEqual(cold.stored);
      expect(warm.dist).toEqual(cold.dist);
    } finally {
      removeDir(root);
      removeDir(cacheDir);
    }
  });
});

describe('module providers', () => {
  it('answer as a map of every module of every distribution would, shared namespaces and dotted top_level names included', () => {
    const site = 'venv/lib/python3.12/site-packages';
    const dist = (name: string, files: string[], topLevel?: string) => ({
      [`${site}/${name}-1.0.dist-info/METADATA`]: `Metadata-Version: 2.1\nName: ${name}\nVersion: 1.0\n`,
      [`${site}/${name}-1.0.dist-info/RECORD`]: files.map((f) => `${f},,1`).join('\n'),
      ...(topLevel === undefined ? {} : { [`${site}/${name}-1.0.dist-info/top_level.txt`]: topLevel }),
      ...Object.fromEntries(files.map((f) => [`${site}/${f}`, 'x'])),
    });
    const root = makeRepo({
      'venv/pyvenv.cfg': 'version = 3.12.1\n',
      ...dist('google-cloud-storage', ['google/cloud/storage/__init__.py', 'google/cloud/storage/blob.py'], 'google\n'),
      ...dist('google-api-core', ['google/api_core/__init__.py', 'google/cloud/_helpers.py'], 'google\n'),
      ...dist('dotted-top', ['zope/interface/__init__.py', 'zope/interface/declarations.py'], 'zope.interface\n'),
      ...dist('no-top', ['lonely.py', 'pkg/a/b/c/d.py', 'pkg/__init__.py']),
      ...dist('empty-top', ['solo/__init__.py'], ''),
    });
    try {
      const facts = collectFacts(root);
      const env = readInstalledEnvironment(facts, facts.dir('venv')!);
      const reference = new Map<string, string[]>();
      for (const d of env.dists.values()) for (const m of d.modules) reference.set(m, [...(reference.get(m) ?? []), d.name]);
      expect(reference.get('google')).toEqual(['google-api-core', 'google-cloud-storage']);
      expect(reference.get('zope.interface')).toEqual(['dotted-top']);
      const asked = [...reference.keys(), 'google.nothing', 'zope', 'pkg.a.b.c', 'nothing', ''];
      for (const m of asked) expect(env.providers.get(m), m).toEqual(reference.get(m));
      expect(env.dists.get('dotted-top')!.modules).toEqual(['zope.interface', 'zope', 'zope.interface.declarations']);
      expect(env.dists.get('no-top')!.topLevel).toEqual(['lonely', 'pkg']);
      expect(env.dists.get('empty-top')!.topLevel).toEqual(['solo']);
    } finally {
      removeDir(root);
    }
  });
});

/** modulePaths as it was written first: split the whole path every time (the reference). */
function modulePathsReference(rel: string): string[] {
  const parts = rel.split('/');
  const last = parts[parts.length - 1];
  if (parts.some((p) => p === '__pycache__' || p.endsWith('.dist-info') || p.endsWith('.egg-info') || p.endsWith('.data'))) return [];
  const stem = /^([A-Za-z_][A-Za-z0-9_]*)(?:\.[^/]*)?\.(py|pyc|so|pyd|pyi)$/.exec(last)?.[1];
  const dirs = parts.slice(0, -1);
  if (!dirs.every((d) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(d))) return [];
  const names = stem && stem !== '__init__' ? [...dirs, stem] : dirs;
  const out: string[] = [];
  for (let depth = 1; depth <= Math.min(3, names.length); depth++) out.push(names.slice(0, depth).join('.'));
  return out;
}

describe('module paths of RECORD files', () => {
  it('are the same when folders are remembered as when every path is split', () => {
    const folders = ['', 'pkg', 'pkg/sub', 'pkg/sub/deeper', 'pkg/sub/deeper/deepest', 'pkg/__pycache__', 'pkg/x.dist-info', 'x.data/purelib', 'bad-name/sub', '9lives', 'pkg//sub', '_private/_x'];
    const files = ['__init__.py', 'mod.py', 'mod.pyi', 'ext.cpython-311-x86_64-linux-gnu.so', 'win.pyd', 'mod.pyc', 'bad-name.py', '9.py', 'a.b.py', '__pycache__', 'x.dist-info', 'payload.data', 'README'];
    for (const folder of folders) {
      for (const file of files) {
        for (const rel of [folder === '' ? file : `${folder}/${file}`, `/${file}`]) expect(modulePaths(rel), rel).toEqual(modulePathsReference(rel));
      }
    }
  });
});

describe('METADATA headers', () => {
  it('are read up to the first blank line, with CRLF, folded lines and repeated names', () => {
    const text = 'Metadata-Version: 2.1\r\nName: Pkg\r\nRequires-Dist: a\r\nRequires-Dist: b;\r\n  extra == "x"\r\nno colon here\r\n: empty name\r\n\r\nRequires-Dist: not a header\n';
    expect([...metadataHeaders(text)]).toEqual([['metadata-version', ['2.1']], ['name', ['Pkg']], ['requires-dist', ['a', 'b; extra == "x"']]]);
    expect([...metadataHeaders('Name: last line without a newline')]).toEqual([['name', ['last line without a newline']]]);
    expect([...metadataHeaders('\nName: after a blank first line')]).toEqual([]);
    expect([...metadataHeaders('')]).toEqual([]);
  });
});
