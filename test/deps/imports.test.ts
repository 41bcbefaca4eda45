import { describe, expect, it } from 'vitest';
import { notebookSource, scanPythonSource, urlModules } from '../../src/deps/imports.js';
import { candidateDistributions } from '../../src/deps/known-imports.js';
import { DistributionResolver } from '../../src/deps/resolve.js';
import { analyzeDependencies } from '../../src/deps/analysis.js';
import { removeDir } from '../helpers/repo.js';
import { contextOf, repoContext } from './helpers.js';
import { writeVenv } from './venv.js';

describe('import scanning with tree-sitter', () => {
  it('finds imports at any depth, with guards, and skips relative and __future__ imports', () => {
    const source = [
      'from __future__ import annotations',          // 1
      'import os, numpy as np',                      // 2
      'from . import sibling',                       // 3
      'from .pkg.mod import thing',                  // 4
      'from google.cloud import storage',            // 5
      'def f():',                                    // 6
      '    import torch.nn.functional as F',         // 7
      'try:',                                        // 8
      '    import ujson as json',                    // 9
      'except ImportError:',                         // 10
      '    import json',                             // 11
      'if TYPE_CHECKING:',                           // 12
      '    from pandas import DataFrame',            // 13
      'if sys.version_info < (3, 11):',              // 14
      '    import tomli',                            // 15
      'text = "import requests"  # not an import',   // 16
      '',
    ].join('\n');
    const { imports } = scanPythonSource(source, 'x.py');
    // `from google.cloud import storage` also names google.cloud.storage: in a namespace package the
    // imported name may be the distribution's own module (issue 10: google-generativeai was removed).
    expect(imports.map((i) => `${i.module}@${i.line}${i.guarded ? '?' : ''}`)).toEqual([
      'os@2', 'numpy@2', 'google.cloud@5', 'torch.nn.functional@7', 'ujson@9?', 'json@11', 'pandas@13?', 'tomli@15?', 'google.cloud.storage@5',
    ]);
  });

  it('finds the uses that imports do not show', () => {
    const source = [
      'soup = BeautifulSoup(html, "lxml")',
      'other = bs4.BeautifulSoup(page, features="html5lib")',
      'df = pd.read_excel(path, engine="openpyxl")',
      'engine = create_engine("postgresql+asyncpg://u:p@db/app")',
      'legacy = "mysql://root@localhost/x"',
      'INSTALLED_APPS = ["django.contrib.admin", "rest_framework", "corsheaders"]',
      'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql"}}',
      'mod = importlib.import_module("yaml")',
      'store = "s3://bucket/key"',
      '',
    ].join('\n');
    const { references } = scanPythonSource(source, 's.py');
    expect(references.map((r) => `${r.module}@${r.line}`)).toEqual([
      'lxml@1', 'html5lib@2', 'openpyxl@3', 'yaml@8', 'django.contrib.admin@6', 'rest_framework@6', 'corsheaders@6',
      'psycopg2@7', 'psycopg@7', 'asyncpg@4', 'MySQLdb@5', 's3fs@9',
    ]);
    expect(references[0].via).toBe('BeautifulSoup(..., "lxml")');
    expect(urlModules('redis://cache:6379/0')).toEqual(['redis']);
    expect(urlModules('https://example.com')).toEqual([]);
  });

  it('reads notebooks, blanking magics and shell escapes', () => {
    const nb = JSON.stringify({ cells: [
      { cell_type: 'markdown', source: ['import not_code'] },
      { cell_type: 'code', source: ['%pip install torch\n', '!ls\n', 'import torch\n'] },
      { cell_type: 'code', source: 'from transformers import pipeline' },
    ] });
    const { imports } = scanPythonSource(notebookSource(nb)!, 'n.ipynb');
    expect(imports.map((i) => i.module)).toEqual(['torch', 'transformers']);
    expect(notebookSource('{not json')).toBeUndefined();
  });
});

describe('import name to distribution', () => {
  it('uses the table and naming conventions when there is no venv', () => {
    expect(candidateDistributions('cv2')[0]).toBe('opencv-python');
    expect(candidateDistributions('sklearn.linear_model')).toContain('scikit-learn');
    expect(candidateDistributions('whisper')[0]).toBe('openai-whisper');
    expect(candidateDistributions('google.cloud.storage')[0]).toBe('google-cloud-storage');
    expect(candidateDistributions('dotenv')).toContain('python-dotenv');
    const resolver = new DistributionResolver(undefined, new Set(['opencv-python-headless', 'pyyaml', 'beautifulsoup4', 'docx']), new Set(['docx']));
    expect(resolver.providers('cv2')).toEqual(['opencv-python-headless']);
    expect(resolver.providers('yaml')).toEqual(['pyyaml']);
    expect(resolver.providers('bs4.element')).toEqual(['beautifulsoup4']);
    // A local module named like a package: only exact names match, no convention guesses.
    expect(resolver.providers('docx')).toEqual(['docx']);
    expect(resolver.expectedDistribution('jwt')).toBe('pyjwt');
  });

  it('prefers the venv: top_level.txt, RECORD paths (namespace packages) and console scripts', () => {
    const ctx = repoContext({ 'requirements.txt': 'protobuf\ngoogle-cloud-storage\nmy-odd-dist\n', 'app.py': 'import google.protobuf\nfrom google.cloud import storage\nimport oddmodule\n' });
    writeVenv(ctx.root, '.venv', '3.12.4', [
      { name: 'protobuf', top: ['google/protobuf'], noTopLevel: true },
      { name: 'google-cloud-storage', top: ['google/cloud/storage'], noTopLevel: true },
      { name: 'my-odd-dist', top: ['oddmodule'], scripts: { oddtool: 'oddmodule:main' } },
    ]);
    const analysis = analyzeDependencies(contextOf(ctx.root));
    expect(analysis.resolver.providers('google.protobuf')).toEqual(['protobuf']);
    expect(analysis.resolver.providers('google.cloud.storage')).toEqual(['google-cloud-storage']);
    expect(analysis.resolver.providers('oddmodule.sub')).toEqual(['my-odd-dist']);
    expect(analysis.resolver.commandProviders('oddtool')).toEqual(['my-odd-dist']);
    expect([...analysis.verdicts.values()].map((v) => `${v.name}:${v.status}`).sort()).toEqual([
      'google-cloud-storage:used', 'my-odd-dist:used', 'protobuf:used',
    ]);
    removeDir(ctx.root);
  });
});

describe('project scan', () => {
  it('gives the same result synchronously and yielding to the event loop', async () => {
    const { scanProjectPython, scanProjectPythonAsync } = await import('../../src/deps/imports.js');
    const tree: Record<string, string> = { 'venv/pyvenv.cfg': 'version = 3.11.2\n', 'venv/lib/python3.11/site-packages/x/__init__.py': 'import hidden\n' };
    for (let i = 0; i < 120; i++) tree[`pkg/m${i}.py`] = `import os\nimport dep${i % 7}\n`;
    const a = repoContext(tree);
    const b = contextOf(a.root);
    const sync = scanProjectPython(a.facts, a.bloat);
    const async = await scanProjectPythonAsync(b.facts, b.bloat, { yieldEvery: 7 });
    expect(async.imports).toEqual(sync.imports);
    expect(sync.files).toHaveLength(120);
    expect(sync.imports.some((i) => i.module === 'hidden')).toBe(false);
    expect(scanProjectPython(b.facts, b.bloat)).toBe(async); // cached for the rules
    removeDir(a.root);
  });
});
