import { describe, expect, it } from 'vitest';
import { collectManifests, declaredDependencies } from '../../src/manifests/discover.js';
import { parseCondaEnvironment } from '../../src/manifests/conda.js';
import { parsePipfile } from '../../src/manifests/pipfile.js';
import { parsePyproject } from '../../src/manifests/pyproject.js';
import { normalizeName, parseRequirement } from '../../src/manifests/requirement.js';
import { nameFromUrl, parseRequirementsFile } from '../../src/manifests/requirements-file.js';
import { parseSetupCfg } from '../../src/manifests/setup-cfg.js';
import { parseSetupPy } from '../../src/manifests/setup-py.js';
import { repoContext } from './helpers.js';

const pick = (deps: Array<{ name: string; line: number; group: string }>) => deps.map((d) => `${d.name}@${d.line}:${d.group}`);

describe('requirement strings', () => {
  it('normalizes names as pip does', () => {
    expect(normalizeName('Sentence_Transformers')).toBe('sentence-transformers');
    expect(normalizeName('zope.interface')).toBe('zope-interface');
    expect(normalizeName('a__-._b')).toBe('a-b');
  });

  it('splits name, extras, specifier, marker and URL', () => {
    expect(parseRequirement('Transformers[torch, Sentencepiece] >= 4.40 , <5 ; python_version >= "3.9"')).toEqual({
      name: 'transformers', rawName: 'Transformers', extras: ['torch', 'sentencepiece'], specifier: '>=4.40,<5', marker: 'python_version >= "3.9"',
    });
    expect(parseRequirement('pkg @ https://example.com/pkg-1.0.tar.gz ; sys_platform == "linux"')).toMatchObject({
      name: 'pkg', url: 'https://example.com/pkg-1.0.tar.gz', marker: 'sys_platform == "linux"',
    });
    expect(parseRequirement('name (>=1.0)')).toMatchObject({ specifier: '>=1.0' });
    expect(parseRequirement('not a requirement')).toBeUndefined();
  });
});

describe('requirement files', () => {
  it('reads options, continuations, comments, hashes, VCS and URL lines with their line numbers', () => {
    const text = [
      '# production',                                        // 1
      '--index-url https://pypi.org/simple',                 // 2
      '-r base.txt',                                         // 3
      '-c constraints.txt',                                  // 4
      'Flask==3.0.0  # web',                                 // 5
      'torch==2.7.1 \\',                                     // 6
      '    --hash=sha256:abc \\',                            // 7
      '    --hash=sha256:def',                               // 8
      '',                                                    // 9
      '-e git+https://github.com/org/repo.git@v1#egg=my_lib', // 10
      'https://files.example/pkgs/faiss_cpu-1.8.0-cp311-cp311-manylinux_2_17_x86_64.whl', // 11
      'numpy>=1.26; python_version >= "3.10"',              // 12
      './local/pkg',                                         // 13
      'uvicorn[standard]',                                   // 14
      '--frobnicate',                                        // 15
    ].join('\r\n');
    const m = parseRequirementsFile('reqs/prod.txt', text);
    expect(pick(m.dependencies)).toEqual(['flask@5:main', 'torch@6:main', 'my-lib@10:main', 'faiss-cpu@11:main', 'numpy@12:main', 'uvicorn@14:main']);
    expect(m.includes).toEqual(['reqs/base.txt']);
    expect(m.constraints).toEqual(['reqs/constraints.txt']);
    expect(m.dependencies[1].specifier).toBe('==2.7.1');
    expect(m.dependencies[2].editable).toBe(true);
    expect(m.dependencies[4].marker).toBe('python_version >= "3.10"');
    expect(m.dependencies[5].extras).toEqual(['standard']);
    expect(m.problems).toEqual([{ line: 15, message: 'unknown option: --frobnicate' }]);
  });

  it('names distributions from URLs', () => {
    expect(nameFromUrl('git+https://x/y.git#egg=Foo_Bar')).toBe('Foo_Bar');
    expect(nameFromUrl('https://x/torch-2.3.0%2Bcpu-cp311-cp311-linux_x86_64.whl')).toBe('torch');
    expect(nameFromUrl('https://x/requests-2.31.0.tar.gz')).toBe('requests');
    expect(nameFromUrl('https://x/archive/main.zip')).toBeUndefined();
  });
});

describe('pyproject.toml', () => {
  it('reads PEP 621, optional dependencies, dependency groups, build requirements and setuptools dynamic files', () => {
    const text = `[build-system]
requires = ["setuptools>=68", "wheel"]

[project]
name = "My_App"
dependencies = [
  "fastapi>=0.110",
  'sentence-transformers',  # embeddings
]

[project.optional-dependencies]
gpu = ["torch>=2.2"]
dev = ["pytest"]

[dependency-groups]
lint = ["ruff", {include-group = "test"}]
test = ["pytest-cov"]

[tool.setuptools.dynamic]
dependencies = {file = ["requirements.txt"]}
`;
    const m = parsePyproject('svc/pyproject.toml', text);
    expect(m.projectName).toBe('my-app');
    expect(pick(m.dependencies)).toEqual([
      'fastapi@7:main', 'sentence-transformers@8:main', 'torch@12:extra:gpu', 'pytest@13:extra:dev',
      'setuptools@2:build', 'wheel@2:build', 'ruff@16:group:lint', 'pytest-cov@17:group:test',
    ]);
    expect(m.includes).toEqual(['svc/requirements.txt']);
  });

  it('reads Poetry dependencies, groups and extras', () => {
    const text = `[tool.poetry]
name = "bot"

[tool.poetry.dependencies]
python = "^3.11"
Flask = "^3.0"
torch = { version = "^2.2", optional = true }
"langchain-community" = {version = "*", extras = ["all"]}

[tool.poetry.extras]
ml = ["torch"]

[tool.poetry.group.dev.dependencies]
pytest = "^8"
`;
    const m = parsePyproject('pyproject.toml', text);
    expect(pick(m.dependencies)).toEqual(['flask@6:main', 'torch@7:extra:ml', 'langchain-community@8:main', 'pytest@14:group:dev']);
    expect(m.dependencies[2].extras).toEqual(['all']);
  });

  it('reports invalid TOML instead of guessing', () => {
    const m = parsePyproject('pyproject.toml', '[project\nname = 1\n');
    expect(m.dependencies).toEqual([]);
    expect(m.problems[0].message).toMatch(/invalid TOML/);
  });
});

describe('setup.cfg, setup.py, Pipfile, environment.yml', () => {
  it('reads setup.cfg install_requires and extras_require', () => {
    const text = '[metadata]\nname = x\n\n[options]\ninstall_requires =\n    requests>=2\n    # comment\n    numpy; python_version>"3.8"\npython_requires = >=3.9\n\n[options.extras_require]\nml =\n    torch\n';
    expect(pick(parseSetupCfg('setup.cfg', text).dependencies)).toEqual(['requests@6:main', 'numpy@8:main', 'torch@13:extra:ml']);
  });

  it('reads literal lists in setup.py and leaves computed ones alone', () => {
    const text = 'from setuptools import setup\n\nsetup(\n    name="svc",\n    install_requires=[\n        "requests",\n        "PyYAML>=6",\n    ],\n    extras_require={"audio": ["openai-whisper"]},\n    tests_require=open("r.txt").read().split(),\n)\n';
    const m = parseSetupPy('setup.py', text);
    expect(m.projectName).toBe('svc');
    expect(pick(m.dependencies)).toEqual(['requests@6:main', 'pyyaml@7:main', 'openai-whisper@9:extra:audio']);
  });

  it('reads Pipfile packages and dev-packages', () => {
    const text = '[[source]]\nurl = "https://pypi.org/simple"\n\n[packages]\nflask = "*"\nTorch = {version = ">=2", extras = ["cuda"]}\n\n[dev-packages]\npytest = "*"\n\n[requires]\npython_version = "3.11"\n';
    const m = parsePipfile('Pipfile', text);
    expect(pick(m.dependencies)).toEqual(['flask@5:main', 'torch@6:main', 'pytest@9:group:dev']);
    expect(m.dependencies[1].extras).toEqual(['cuda']);
  });

  it('reads environment.yml conda packages (renamed to PyPI names) and the pip list', () => {
    const text = 'name: rag\nchannels:\n  - pytorch\ndependencies:\n  - python=3.11\n  - pytorch::pytorch>=2.2\n  - faiss\n  - pip\n  - pip:\n      - sentence-transformers==3.0.1\n      - -r requirements-extra.txt\n';
    const m = parseCondaEnvironment('env/environment.yml', text);
    expect(pick(m.dependencies)).toEqual(['torch@6:main', 'faiss-cpu@7:main', 'sentence-transformers@10:main']);
    expect(m.includes).toEqual(['env/requirements-extra.txt']);
  });
});

describe('manifest discovery', () => {
  it('finds manifests in the walk, follows -r includes, treats -c files as constraints and skips bloat', () => {
    const ctx = repoContext({
      'requirements.txt': '-r requirements/common.in\n-c pins.txt\nflask\n',
      'requirements/common.in': 'requests\n',
      'pins.txt': 'requests==2.32.3\n',
      'requirements-dev.txt': 'pytest\n',
      'pyproject.toml': '[project]\nname = "app"\ndependencies = ["httpx"]\n',
      'venv/pyvenv.cfg': 'version = 3.11.9\n',
      'venv/lib/python3.11/site-packages/foo/requirements.txt': 'should-not-be-read\n',
      'archive/old/requirements.txt': 'ollama\n',
    });
    const manifests = collectManifests(ctx.facts, ctx.bloat);
    expect(manifests.map((m) => `${m.path}${m.constraintsOnly ? ' (constraints)' : ''}`)).toEqual([
      'pins.txt (constraints)', 'pyproject.toml', 'requirements-dev.txt', 'requirements.txt', 'requirements/common.in',
    ]);
    expect(declaredDependencies(manifests).map((d) => `${d.manifest}:${d.name}`).sort()).toEqual([
      'pyproject.toml:httpx', 'requirements-dev.txt:pytest', 'requirements.txt:flask', 'requirements/common.in:requests',
    ]);
  });
});
