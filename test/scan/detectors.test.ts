import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { makeRepo, removeDir, type Tree } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const SQLITE = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4080)]);
const PYC = Buffer.from([0xa7, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0]);
const distInfo = (name: string, version: string) => ({
  [`lib/python3.11/site-packages/${name}-${version}.dist-info/METADATA`]: `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n\n`,
  [`lib/python3.11/site-packages/${name}-${version}.dist-info/RECORD`]: `${name}/__init__.py,,\n${name}/core.so,,\n`,
  [`lib/python3.11/site-packages/${name}/__init__.py`]: '# package\n',
  [`lib/python3.11/site-packages/${name}/core.so`]: Buffer.alloc(name === 'torch' ? 300_000 : 1000, 1),
});

function under(prefix: string, tree: Tree): Tree {
  return Object.fromEntries(Object.entries(tree).map(([k, v]) => [`${prefix}/${k}`, v]));
}

function findingsOf(root: string) {
  const result = scan(root);
  return { result, by: (rule: string) => result.findings.filter((f) => f.rule === rule).map((f) => f.path).sort() };
}

describe('bloat detection by content and structure', () => {
  it('finds virtualenvs by pyvenv.cfg or conda-meta whatever they are called, with version and largest packages', () => {
    const root = makeRepo({
      ...under('myenv', { 'pyvenv.cfg': 'home = /usr/bin\nversion = 3.11.7\n', ...distInfo('torch', '2.1.0'), ...distInfo('six', '1.16.0') }),
      ...under('.venv', { 'pyvenv.cfg': 'version_info = 3.12.1.final.0\n' }),
      ...under('tools/env', { 'conda-meta/history': '# conda\n', 'lib/python3.10/site-packages/x.py': 'x = 1\n' }),
      'venv/README.md': 'not a virtualenv: a folder that merely has the name\n',
      'app.py': 'print("hi")\n',
    });
    made.push(root);
    const { result, by } = findingsOf(root);
    expect(by('bloat/venv')).toEqual(['.venv', 'myenv', 'tools/env']);
    const myenv = result.findings.find((f) => f.rule === 'bloat/venv' && f.path === 'myenv')!;
    expect(myenv.message).toContain('Python 3.11.7');
    expect(myenv.message).toMatch(/largest: torch 300 KB, six 1\.0 KB/);
    expect(result.findings.find((f) => f.path === '.venv')!.message).toContain('Python 3.12.1');
    expect(result.findings.find((f) => f.path === 'tools/env')!.message).toContain('conda environment');
  });

  it('reports measured sizes: the apparent bytes on disk, sparse files included', () => {
    const root = makeRepo({ 'venv/pyvenv.cfg': 'version = 3.11.0\n', 'venv/lib/big.bin': Buffer.alloc(123_457, 7), 'src/a.py': 'a = 1\n' });
    made.push(root);
    const { result } = findingsOf(root);
    const venv = result.findings.find((f) => f.rule === 'bloat/venv')!;
    const onDisk = statSync(join(root, 'venv/lib/big.bin')).size + statSync(join(root, 'venv/pyvenv.cfg')).size;
    expect(venv.bytes).toBe(onDisk);
    expect(venv.files).toBe(2);
    expect(result.totals.bytes).toBe(onDisk + 6);
  });

  it('recognizes databases by magic bytes, not by name', () => {
    const root = makeRepo({ 'users.db': SQLITE, 'data/app.sqlite3': SQLITE, 'notes.db': 'plain text, not a database\n', 'db/migrations/001_init.py': 'def up(): pass\n', 'db/__init__.py': '' });
    made.push(root);
    const { by } = findingsOf(root);
    expect(by('bloat/database')).toEqual(['data/app.sqlite3', 'users.db']);
  });

  it('never reports source that merely has a bloat-like name', () => {
    const root = makeRepo({
      'archive.py': 'def archive(): pass\n',
      'backup_utils.py': 'def backup(): pass\n',
      'models/__init__.py': 'class User: pass\n',
      'models/user.py': 'class User: pass\n',
      'db/migrations/001_init.py': 'def up(): pass\n',
      'logs/__init__.py': 'import logging\n',
      'archive/__init__.py': 'from .core import *\n',
      'uploads/handler.py': 'def save(f): pass\n',
      'build/build.sh': 'echo build\n',
      'weights/small.bin': Buffer.alloc(1000, 1),
    });
    made.push(root);
    const { result } = findingsOf(root);
    expect(result.findings.filter((f) => f.rule.startsWith('bloat/'))).toEqual([]);
  });

  it('finds caches, logs, archives by magic, backups, vector stores, uploads and weights', () => {
    const root = makeRepo({
      'app/__pycache__/a.cpython-311.pyc': PYC,
      'app/a.py': 'x = 1\n',
      '.pytest_cache/v/cache/lastfailed': '{}',
      'server.log': 'started\n',
      'logs/app.log.1': 'old\n',
      'archive/old_app/main.py': 'print(1)\n',
      'site.zip': Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(100)]),
      'fake.zip': 'not a zip\n',
      'backups/20240101/app.py': 'print(1)\n',
      'settings.py.bak': 'x = 1\n',
      'chroma_db/chroma.sqlite3': SQLITE,
      'chroma_db/1234/data_level0.bin': Buffer.alloc(100),
      'uploads/report.pdf': '%PDF-1.4\n',
      'models_cache/model.safetensors': Buffer.alloc(11 * 1024 * 1024, 1),
      'static/node_modules/left-pad/package.json': '{"name":"left-pad"}',
    });
    made.push(root);
    const { by } = findingsOf(root);
    expect(by('bloat/pycache')).toEqual(['app/__pycache__']);
    expect(by('bloat/tool-cache')).toEqual(['.pytest_cache']);
    expect(by('bloat/log')).toEqual(['logs', 'server.log']);
    expect(by('bloat/archive')).toEqual(['archive', 'site.zip']);
    expect(by('bloat/backup')).toEqual(['backups', 'settings.py.bak']);
    expect(by('bloat/vector-store')).toEqual(['chroma_db']);
    expect(by('bloat/database')).toEqual([]); // chroma's SQLite belongs to the vector store
    expect(by('bloat/uploads')).toEqual(['uploads']);
    expect(by('bloat/model-weights')).toEqual(['models_cache/model.safetensors']);
    expect(by('bloat/node-modules')).toEqual(['static/node_modules']);
  });

  it('takes GGUF and safetensors content as model weights at any size, and a weight extension alone only above the threshold', () => {
    const header = Buffer.from('{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}', 'latin1');
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(header.length));
    const safetensors = Buffer.concat([length, header, Buffer.alloc(8)]);
    const gguf = (bytes: number) => Buffer.concat([Buffer.from('GGUF', 'latin1'), Buffer.from([3, 0, 0, 0]), Buffer.alloc(bytes, 7)]);
    const root = makeRepo({
      'adapters/lora.safetensors': safetensors,
      'models/tiny-q4.gguf': gguf(60),
      'models/embedder': gguf(5000),
      'models/pointer.gguf': 'version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 12\n',
      'data/labels.pkl': Buffer.alloc(300, 1),
      'data/vocab.bin': Buffer.from('not weights at all\n'),
      'notes': 'GGUF is a file format for quantized models.\n'.repeat(200),
      'app.py': 'print(1)\n',
    });
    made.push(root);
    const { by } = findingsOf(root);
    expect(by('bloat/model-weights')).toEqual(['adapters/lora.safetensors', 'models/embedder', 'models/tiny-q4.gguf']);
  });

  it('marks tracked and ignored state, and reports committed bloat', () => {
    const root = makeRepo({ '.gitignore': '*.log\n', 'app.log': 'x\n', 'old.log': 'y\n', 'users.db': SQLITE, 'a.py': '' }, ['app.log', 'users.db', 'a.py']);
    made.push(root);
    const { result, by } = findingsOf(root);
    const appLog = result.findings.find((f) => f.rule === 'bloat/log' && f.path === 'app.log')!;
    expect(appLog).toMatchObject({ tracked: true, ignored: true });
    expect(result.findings.find((f) => f.rule === 'bloat/log' && f.path === 'old.log')).toMatchObject({ tracked: false, ignored: true });
    expect(by('git/tracked-bloat')).toEqual(['app.log', 'users.db']);
    expect(by('ignore/missing-gitignore')).toEqual(['users.db']);
  });
});
