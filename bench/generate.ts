/**
 * A deterministic generator of large synthetic repositories for the benchmarks: the same seed,
 * size and Python installation always give the same tree (paths, contents, git history).
 *
 * What it plants, scaled to the requested file count (numbers for 200k files):
 * - ~9k real Python files: the interpreter's own standard library copied in as source, once per
 *   service folder, plus application modules of which ~2 % use openai-whisper and ~1 % Ollama;
 * - a virtualenv with ~1.5k distributions (dist-info METADATA, RECORD, top_level.txt), bytecode
 *   and sparse multi-gigabyte native libraries;
 * - node_modules with scoped and nested packages and .bin symlinks;
 * - __pycache__, .mypy_cache, .pytest_cache, .ruff_cache, build outputs;
 * - logs, uploads, a SQLite database, a Chroma store, model weights (sparse), backups, archives;
 * - nested .gitignore files with negations, a nested git repository, a committed database.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Prng } from './prng.js';
import { ollamaModule, whisperModule } from './python-templates.js';
import { TreeWriter } from './tree-writer.js';

/** Raise when the output for a given seed changes, so cached trees are rebuilt. */
export const GENERATOR_VERSION = 2;

export interface GenerateOptions {
  /** The folder to create (it must not exist yet). */
  root: string;
  /** Approximate number of regular files. */
  files: number;
  seed: number;
  /** Folder of Python sources to copy (default: the standard library of `python3`). */
  pythonSource?: string;
  /** Create a git repository and commit the source (default true). */
  git?: boolean;
  /**
   * Make every copied standard-library module distinct (a comment naming its path is added): the
   * tree copies the library once per service, and a scan analyses copies of a file once.
   */
  distinct?: boolean;
}

export interface GeneratedTree {
  root: string;
  seed: number;
  generatorVersion: number;
  /** Regular files written (outside the .git folders). */
  files: number;
  dirs: number;
  symlinks: number;
  /** Sum of the apparent sizes of the regular files written. */
  bytes: number;
  /** Python source files outside bloat (what a codemod or ast-grep looks at). */
  pythonFiles: string[];
  whisperFiles: string[];
  ollamaFiles: string[];
  /** The HEAD commit of the generated repository, when git was used. */
  head?: string;
}

const SERVICES = ['api', 'worker', 'ui', 'crawler', 'ingest', 'search', 'billing', 'notify', 'reports', 'admin', 'gateway', 'scheduler'];

/** Where `python3` keeps its standard library. */
export function defaultPythonSource(): string {
  return execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
}

/** Every `.py` file below `dir` (site-packages and bytecode folders left out), sorted by path. */
export function listPythonSources(dir: string): string[] {
  const out: string[] = [];
  const visit = (abs: string, rel: string): void => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name !== 'site-packages' && e.name !== '__pycache__' && e.name !== 'dist-packages') visit(join(abs, e.name), childRel);
      } else if (e.isFile() && e.name.endsWith('.py')) {
        out.push(childRel);
      }
    }
  };
  visit(dir, '');
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function gitEnv(): NodeJS.ProcessEnv {
  const when = '2025-01-15T12:00:00Z';
  return {
    ...process.env,
    GIT_AUTHOR_NAME: 'Bench Generator', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_AUTHOR_DATE: when,
    GIT_COMMITTER_NAME: 'Bench Generator', GIT_COMMITTER_EMAIL: 'bench@example.invalid', GIT_COMMITTER_DATE: when,
    GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null',
  };
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...args], {
    cwd, env: gitEnv(), encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Byte pools that file contents are cut from: cheap to slice, identical for the same seed. */
class Pools {
  readonly binary: Buffer;
  readonly text: Buffer;

  constructor(rng: Prng, pythonTexts: Buffer[]) {
    this.binary = rng.bytes(1 << 22);
    const parts: Buffer[] = [];
    let total = 0;
    for (const t of pythonTexts) {
      if (total > 8 << 20) break;
      parts.push(t);
      total += t.length;
    }
    this.text = Buffer.concat(parts);
  }

  bin(rng: Prng, size: number): Buffer {
    const n = Math.min(size, this.binary.length);
    const at = rng.int(0, this.binary.length - n);
    return this.binary.subarray(at, at + n);
  }

  /** A slice of real Python text starting at a line boundary. */
  py(rng: Prng, size: number): Buffer {
    const n = Math.min(size, this.text.length);
    let at = rng.int(0, this.text.length - n);
    const nl = this.text.indexOf(10, at);
    if (nl >= 0 && nl + 1 + n <= this.text.length) at = nl + 1;
    return this.text.subarray(at, at + n);
  }
}

const PYC_MAGIC = Buffer.from([0xa7, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0]);

function pyc(rng: Prng, pools: Pools, sourceSize: number): Buffer {
  return Buffer.concat([PYC_MAGIC, pools.bin(rng, 8 + Math.floor(sourceSize * (0.4 + rng.next() * 0.5)))]);
}

function recordHash(rng: Prng): string {
  return Buffer.from(rng.hex(64), 'hex').toString('base64url');
}

/** Heavy distributions a Python/ML application really installs: name, import name, share of the venv's files, native bytes. */
const KNOWN_DISTRIBUTIONS: Array<[string, string, number, number]> = [
  ['torch', 'torch', 0.1, 1_900_000_000],
  ['nvidia-cudnn-cu12', 'nvidia', 0.004, 850_000_000],
  ['nvidia-cublas-cu12', 'nvidia', 0.003, 560_000_000],
  ['nvidia-cusparse-cu12', 'nvidia', 0.002, 270_000_000],
  ['nvidia-nccl-cu12', 'nvidia', 0.002, 200_000_000],
  ['triton', 'triton', 0.015, 250_000_000],
  ['transformers', 'transformers', 0.04, 0],
  ['openai-whisper', 'whisper', 0.002, 0],
  ['tiktoken', 'tiktoken', 0.001, 3_000_000],
  ['numba', 'numba', 0.02, 15_000_000],
  ['llvmlite', 'llvmlite', 0.002, 120_000_000],
  ['numpy', 'numpy', 0.015, 35_000_000],
  ['scipy', 'scipy', 0.03, 60_000_000],
  ['pandas', 'pandas', 0.02, 45_000_000],
  ['sympy', 'sympy', 0.02, 0],
  ['onnxruntime', 'onnxruntime', 0.003, 20_000_000],
  ['chromadb', 'chromadb', 0.005, 0],
  ['langchain', 'langchain', 0.02, 0],
  ['langchain-community', 'langchain_community', 0.02, 0],
  ['ollama', 'ollama', 0.0005, 0],
  ['flask', 'flask', 0.001, 0],
  ['werkzeug', 'werkzeug', 0.001, 0],
  ['jinja2', 'jinja2', 0.001, 0],
  ['pydantic', 'pydantic', 0.002, 0],
  ['pydantic-core', 'pydantic_core', 0.0005, 5_000_000],
  ['httpx', 'httpx', 0.0005, 0],
  ['requests', 'requests', 0.0005, 0],
  ['tqdm', 'tqdm', 0.0005, 0],
  ['more-itertools', 'more_itertools', 0.0003, 0],
];

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'zen', 'qu', 'pi', 'sor', 'lin', 'dex', 'mar', 'tek', 'fy', 'ba', 'gro', 'hel', 'jun'];

function syntheticName(rng: Prng, taken: Set<string>): string {
  for (;;) {
    const parts = rng.int(2, 3);
    let name = '';
    for (let i = 0; i < parts; i++) name += rng.pick(SYLLABLES);
    if (rng.chance(0.3)) name += `-${rng.pick(['utils', 'core', 'client', 'sdk', 'plugin', 'io', 'tools'])}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

function version(rng: Prng): string {
  return `${rng.int(0, 4)}.${rng.int(0, 30)}.${rng.int(0, 12)}`;
}

export function generateRepository(options: GenerateOptions): GeneratedTree {
  const { root, files: target, seed } = options;
  if (existsSync(root)) throw new Error(`${root} already exists`);
  const rng = new Prng(seed);
  const source = options.pythonSource ?? defaultPythonSource();
  const sourceList = listPythonSources(source);
  if (sourceList.length === 0) throw new Error(`no Python files below ${source}`);
  const sourceTexts = sourceList.map((p) => readFileSync(join(source, p)));
  const pools = new Pools(rng, sourceTexts);
  const w = new TreeWriter(root);
  const pythonFiles: string[] = [];
  const whisperFiles: string[] = [];
  const ollamaFiles: string[] = [];

  // --- Project files -------------------------------------------------------------------------
  const pythonTarget = Math.max(40, Math.round(target * 0.045));
  const whisperCount = Math.max(1, Math.round(pythonTarget * 0.02));
  const ollamaCount = Math.max(1, Math.round(pythonTarget * 0.01));
  const services = SERVICES.slice(0, Math.max(2, Math.min(SERVICES.length, Math.ceil(pythonTarget / sourceList.length) + 1)));

  w.write('.gitignore', [
    '# Python', '__pycache__/', '*.py[cod]', '/venv/', '.venv/', 'build/', 'dist/', '*.egg-info/', '',
    '# Node', 'node_modules/', '',
    '# Tool caches', '.mypy_cache/', '.pytest_cache/', '',
    '# Logs: keep the folder', '/logs/*', '!/logs/.gitkeep', '*.log', '',
    '# Local settings', '.env', '!.env.example', '',
  ].join('\n'));
  w.write('README.md', '# Voice assistant platform\n\nServices for transcription, retrieval and chat.\n');
  w.write('.env.example', 'OLLAMA_HOST=http://localhost:11434\nWHISPER_MODEL=base\n');
  w.write('requirements.txt', ['flask==3.0.3', 'openai-whisper==20240930', 'torch==2.4.1', 'ollama==0.3.3', 'chromadb==0.5.5', 'langchain-community==0.2.16', 'requests==2.32.3', ''].join('\n'));
  w.write('pyproject.toml', '[project]\nname = "voice-platform"\nversion = "0.4.0"\nrequires-python = ">=3.10"\ndependencies = ["flask", "openai-whisper", "ollama"]\n');
  w.write('Dockerfile', [
    'FROM python:3.11', 'WORKDIR /app', 'COPY . .', 'RUN apt-get update && apt-get install -y ffmpeg',
    'RUN pip install -r requirements.txt', 'CMD ["python", "-m", "services.api"]', ''].join('\n'));
  w.write('docker-compose.yml', `services:\n${services.map((s) => `  ${s}:\n    build: ./services/${s}\n`).join('')}`);

  // --- Real Python source: the standard library, one copy per service ---------------------------
  const stdlibCount = pythonTarget - whisperCount - ollamaCount;
  const cachedDirs = new Map<string, boolean>();
  for (let k = 0; k < stdlibCount; k++) {
    const copy = Math.floor(k / sourceList.length);
    const index = k % sourceList.length;
    const service = services[copy % services.length] + (copy >= services.length ? `-${Math.floor(copy / services.length)}` : '');
    // A partial copy takes every n-th module so it spreads over the whole library.
    const stride = stdlibCount < sourceList.length ? sourceList.length / stdlibCount : 1;
    const pick = stride === 1 ? index : Math.floor(index * stride) % sourceList.length;
    const rel = `services/${service}/${sourceList[pick]}`;
    const content = sourceTexts[pick];
    w.write(rel, options.distinct ? Buffer.concat([content, Buffer.from(`\n# copy: ${rel}\n`)]) : content);
    pythonFiles.push(rel);
    const dir = rel.slice(0, rel.lastIndexOf('/'));
    if (!cachedDirs.has(dir)) cachedDirs.set(dir, rng.chance(0.5));
    if (cachedDirs.get(dir)) {
      const stem = rel.slice(rel.lastIndexOf('/') + 1, -3);
      w.write(`${dir}/__pycache__/${stem}.cpython-311.pyc`, pyc(rng, pools, content.length));
    }
  }

  // --- Application modules using openai-whisper and Ollama -------------------------------------
  const whisperNames = ['transcribe', 'speech', 'voice_notes', 'asr', 'dictation', 'subtitles', 'meeting_minutes', 'audio_jobs'];
  for (let i = 0; i < whisperCount; i++) {
    const service = services[i % services.length];
    const rel = `services/${service}/app/asr/${rng.pick(whisperNames)}_${i}.py`;
    w.write(rel, whisperModule(rng, i));
    pythonFiles.push(rel);
    whisperFiles.push(rel);
  }
  const ollamaNames = ['chat', 'rag', 'llm_client', 'summarize', 'assistant', 'embeddings'];
  for (let i = 0; i < ollamaCount; i++) {
    const service = services[(i * 7 + 3) % services.length];
    const rel = `services/${service}/app/llm/${rng.pick(ollamaNames)}_${i}.py`;
    w.write(rel, ollamaModule(rng, i));
    pythonFiles.push(rel);
    ollamaFiles.push(rel);
  }
  for (const service of services) {
    w.write(`services/${service}/Dockerfile`, `FROM python:3.11-slim\nWORKDIR /srv\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "-m", "app"]\n`);
    w.write(`services/${service}/requirements.txt`, 'flask\nopenai-whisper\nollama\n');
    // Nested ignore file with negations, one of which cannot work (its folder is excluded).
    w.write(`services/${service}/.gitignore`, '*.log\n!keep-this.log\n/tmp/\nsecrets/*\n!secrets/README.md\nrun/\n!run/pid.txt\n');
    w.write(`services/${service}/secrets/README.md`, 'Secrets are mounted at run time.\n');
    w.write(`services/${service}/secrets/api-token.txt`, `${rng.hex(40)}\n`);
    w.write(`services/${service}/keep-this.log`, 'kept on purpose\n');
    for (let i = 0; i < 3; i++) w.write(`services/${service}/worker-${i}.log`, pools.py(rng, rng.skewed(200, 40_000)));
    if (rng.chance(0.5)) w.write(`services/${service}/tmp/scratch-${rng.hex(6)}.json`, '{"partial": true}\n');
  }

  // --- Old code kept around in an archive folder (Ollama in retired code too) --------------------
  for (let i = 0; i < Math.max(2, Math.round(pythonTarget * 0.002)); i++) {
    const rel = `archive/chat_v1/module_${i}.py`;
    const text = i % 3 === 0 ? ollamaModule(rng, 1000 + i) : `"""Retired module ${i}."""\n\n\ndef handler_${i}(request):\n    return {"status": "retired", "id": ${i}}\n`;
    w.write(rel, text);
    pythonFiles.push(rel);
    if (i % 3 === 0) ollamaFiles.push(rel);
  }
  w.write('archive/chat_v1.zip', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), pools.bin(rng, 20_000)]));

  // --- Tool caches, logs, uploads, data, models, backups, build outputs ------------------------
  const caches = Math.round(target * 0.04);
  w.write('.mypy_cache/.gitignore', '# Automatically created by mypy\n*\n');
  w.write('.mypy_cache/CACHEDIR.TAG', 'Signature: 8a477f597d28d172789f06886806bc55\n');
  for (let i = 0; i < caches / 2 && i < pythonFiles.length; i++) {
    const mod = pythonFiles[i].slice(0, -3);
    w.write(`.mypy_cache/3.11/${mod}.meta.json`, `{"id": "${mod.replace(/\//g, '.')}", "mtime": ${1700000000 + i}, "size": ${rng.int(100, 90000)}, "hash": "${rng.hex(40)}"}`);
    w.write(`.mypy_cache/3.11/${mod}.data.json`, pools.bin(rng, rng.skewed(200, 60_000)).toString('base64'));
  }
  w.write('.pytest_cache/.gitignore', '# Created by pytest automatically.\n*\n');
  w.write('.pytest_cache/README.md', '# pytest cache directory #\n');
  w.write('.pytest_cache/v/cache/nodeids', '[]\n');
  w.write('.pytest_cache/v/cache/lastfailed', '{}\n');
  w.write('.ruff_cache/.gitignore', '# Automatically created by ruff.\n*\n');
  w.write('.ruff_cache/CACHEDIR.TAG', 'Signature: 8a477f597d28d172789f06886806bc55\n');
  for (let i = 0; i < Math.round(target * 0.002); i++) w.write(`.ruff_cache/0.6.9/${rng.hex(16)}`, pools.bin(rng, rng.skewed(100, 20_000)));

  w.write('logs/.gitkeep', '');
  for (let i = 0; i < Math.round(target * 0.005); i++) {
    w.write(i < 10 ? `logs/app.log${i ? `.${i}` : ''}` : `logs/requests-2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}-${i}.log`,
      pools.py(rng, rng.skewed(500, 500_000, 5)));
  }

  const uploads = Math.round(target * 0.06);
  const users = Math.max(2, Math.round(uploads / 40));
  const kinds: Array<[string, Buffer]> = [['pdf', Buffer.from('%PDF-1.7\n')], ['png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ['wav', Buffer.from('RIFF\0\0\0\0WAVEfmt ', 'latin1')], ['txt', Buffer.from('notes\n')], ['docx', Buffer.from('PK\x03\x04', 'latin1')]];
  for (let i = 0; i < uploads; i++) {
    const [ext, head] = rng.pick(kinds);
    const user = `user_${(i % users).toString().padStart(4, '0')}`;
    const size = rng.skewed(1000, 8_000_000, 6);
    const rel = `uploads/${user}/${rng.hex(12)}.${ext}`;
    // Large uploads are sparse: their apparent size counts, the disk stays free.
    if (size > 65_536) w.sparse(rel, Buffer.concat([head, pools.bin(rng, 4096)]), size);
    else w.write(rel, Buffer.concat([head, pools.bin(rng, size)]));
  }

  w.write('data/.gitignore', '*\n!.gitignore\n!README.md\n!schemas/\n!schemas/**\n');
  w.write('data/README.md', 'Local data. Only the schemas are versioned.\n');
  for (let i = 0; i < 5; i++) w.write(`data/schemas/table_${i}.json`, `{"name": "table_${i}", "columns": []}\n`);
  const sqlite = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), pools.bin(rng, 4080)]);
  w.sparse('data/app.db', sqlite, 48_000_000);
  w.sparse('data/chroma_db/chroma.sqlite3', sqlite, 210_000_000);
  for (let c = 0; c < Math.max(1, Math.round(target / 40_000)); c++) {
    const id = `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;
    for (const name of ['data_level0.bin', 'header.bin', 'length.bin', 'link_lists.bin']) w.write(`data/chroma_db/${id}/${name}`, pools.bin(rng, rng.skewed(100, 400_000)));
  }
  w.write('data/index.faiss', pools.bin(rng, 300_000));

  w.sparse('models/llama-3-8b-instruct.Q4_K_M.gguf', Buffer.concat([Buffer.from('GGUF', 'latin1'), pools.bin(rng, 4092)]), 4_920_000_000);
  w.sparse('models/whisper/base.pt', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), pools.bin(rng, 4092)]), 145_000_000);
  w.sparse('models/embedder/model.safetensors', pools.bin(rng, 4096), 438_000_000);
  w.sparse('vendor-weights/ggml-base.bin', pools.bin(rng, 4096), 148_000_000);

  w.write('backups/db-2025-01-10.sql.gz', Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), pools.bin(rng, 200_000)]));
  w.sparse('backups/site-2025-01.tar.gz', Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), pools.bin(rng, 4092)]), 1_200_000_000);
  w.write('services/api/settings.py.bak', pools.py(rng, 3000));

  for (let i = 0; i < Math.round(target * 0.003); i++) w.write(`build/lib/voice_platform/mod_${i}.py`, pools.py(rng, rng.skewed(200, 10_000)));
  w.write('dist/voice_platform-0.4.0-py3-none-any.whl', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), pools.bin(rng, 80_000)]));
  w.write('voice_platform.egg-info/PKG-INFO', 'Metadata-Version: 2.1\nName: voice-platform\nVersion: 0.4.0\n');
  w.write('voice_platform.egg-info/SOURCES.txt', pythonFiles.slice(0, 50).join('\n'));

  // A nested repository (vendored whisper.cpp): git does not descend into it.
  w.write('vendor/whisper.cpp/README.md', '# whisper.cpp (vendored)\n');
  w.write('vendor/whisper.cpp/models/download-ggml-model.sh', '#!/bin/sh\necho download\n');
  for (let i = 0; i < 20; i++) w.write(`vendor/whisper.cpp/src/part_${i}.c`, pools.py(rng, rng.skewed(500, 30_000)).toString('latin1').replace(/[^\n -~]/g, ' '));
  w.symlink('services/api/current.log', '../../logs/missing.log'); // broken on purpose

  // --- node_modules for the web front end -------------------------------------------------------
  w.write('frontend/package.json', '{"name": "voice-ui", "private": true, "dependencies": {"react": "^18.3.1"}}\n');
  w.write('frontend/.gitignore', 'node_modules/\ndist/\n!dist/.gitkeep\n');
  for (let i = 0; i < 20; i++) w.write(`frontend/src/component_${i}.js`, `export function Component${i}() {\n  return null;\n}\n`);
  let nodeBudget = Math.round(target * 0.15);
  const jsNames = new Set<string>();
  while (nodeBudget > 0) {
    const scoped = rng.chance(0.15);
    const name = (scoped ? `@${rng.pick(['babel', 'types', 'vitejs', 'emotion', 'radix-ui'])}/` : '') + syntheticName(rng, jsNames);
    const base = `frontend/node_modules/${name}`;
    const count = Math.min(nodeBudget, rng.skewed(4, 400, 4));
    w.write(`${base}/package.json`, `{"name": "${name}", "version": "${version(rng)}", "main": "index.js"}\n`);
    let written = 1;
    w.write(`${base}/index.js`, `module.exports = require("./lib/main.js");\n`);
    written++;
    if (rng.chance(0.3)) {
      w.write(`${base}/bin/cli.js`, '#!/usr/bin/env node\nrequire("../index.js");\n');
      w.symlink(`frontend/node_modules/.bin/${name.replace(/^@.*\//, '')}`, `../${name}/bin/cli.js`);
      written++;
    }
    for (; written < count; written++) {
      const nested = rng.chance(0.05) ? `node_modules/${syntheticName(rng, jsNames)}/` : '';
      const ext = rng.pick(['js', 'js', 'js', 'd.ts', 'map', 'md', 'json', 'cjs', 'mjs']);
      w.write(`${base}/${nested}${rng.pick(['lib', 'dist', 'esm', 'src', 'lib/utils'])}/${rng.hex(8)}.${ext}`, pools.py(rng, rng.skewed(100, 60_000, 6)));
    }
    nodeBudget -= count;
  }

  // --- The virtualenv fills the rest ----------------------------------------------------------
  const sp = 'venv/lib/python3.11/site-packages';
  w.write('venv/pyvenv.cfg', 'home = /usr/local/bin\ninclude-system-site-packages = false\nversion = 3.11.9\nexecutable = /usr/local/bin/python3.11\ncommand = /usr/local/bin/python3 -m venv /srv/app/venv\n');
  w.symlink('venv/bin/python', '/usr/local/bin/python3.11');
  w.symlink('venv/bin/python3', 'python');
  w.symlink('venv/lib64', 'lib');
  for (const s of ['activate', 'activate.csh', 'activate.fish', 'Activate.ps1', 'pip', 'pip3']) w.write(`venv/bin/${s}`, `# ${s}\n${pools.py(rng, 2000).toString('latin1')}`);
  const venvBudget = target - w.files;
  const taken = new Set<string>(KNOWN_DISTRIBUTIONS.map((d) => d[0]));
  const installed: string[] = [];
  let k = 0;
  while (w.files < target) {
    const known = k < KNOWN_DISTRIBUTIONS.length ? KNOWN_DISTRIBUTIONS[k] : undefined;
    k++;
    const dist = known ? known[0] : syntheticName(rng, taken);
    const importName = known ? known[1] : dist.replace(/-/g, '_');
    const wanted = known ? Math.max(6, Math.round(venvBudget * known[2])) : rng.skewed(6, 600, 5);
    const count = Math.min(wanted, Math.max(6, target - w.files));
    const ver = version(rng);
    const distInfo = `${sp}/${dist.replace(/-/g, '_')}-${ver}.dist-info`;
    const record: string[] = [];
    const put = (rel: string, content: Buffer | string): void => {
      w.write(`${sp}/${rel}`, content);
      record.push(`${rel},sha256=${recordHash(rng)},${typeof content === 'string' ? Buffer.byteLength(content) : content.length}`);
    };
    // Several nvidia-* distributions share the `nvidia` namespace: each gets its own subfolder.
    const pkgDir = importName === 'nvidia' ? `nvidia/${dist.replace(/^nvidia-|-cu12$/g, '').replace(/-/g, '_')}` : importName;
    put(`${pkgDir}/__init__.py`, pools.py(rng, rng.skewed(0, 3000)));
    let files = 1;
    const subpackages = ['', 'core/', 'utils/', 'models/', '_internal/', 'io/', 'ops/', 'testing/'];
    while (files < count - 5) {
      const sub = rng.pick(subpackages);
      const mod = `${rng.pick(['base', 'api', 'impl', 'helpers', 'types', 'config', 'compat', 'ops', 'layers', 'tensor'])}_${rng.hex(4)}`;
      const src = pools.py(rng, rng.skewed(100, 40_000, 6));
      put(`${pkgDir}/${sub}${mod}.py`, src);
      files++;
      if (files < count - 5 && rng.chance(0.6)) {
        put(`${pkgDir}/${sub}__pycache__/${mod}.cpython-311.pyc`, pyc(rng, pools, src.length));
        files++;
      }
    }
    if (known && known[3] > 0) {
      const lib = `${pkgDir}/lib/lib${importName.replace(/_/g, '')}.so`;
      w.sparse(`${sp}/${lib}`, Buffer.concat([Buffer.from('\x7fELF', 'latin1'), pools.bin(rng, 4092)]), known[3]);
      record.push(`${lib},sha256=${recordHash(rng)},${known[3]}`);
    }
    const requires = installed.length ? [...new Set(Array.from({ length: rng.int(0, 4) }, () => rng.pick(installed)))] : [];
    const metadata = [
      'Metadata-Version: 2.1', `Name: ${dist}`, `Version: ${ver}`, `Summary: The ${dist} package`, 'License: MIT',
      ...requires.map((r) => `Requires-Dist: ${r}>=${rng.int(0, 3)}.0`), '', `# ${dist}`, '', pools.py(rng, rng.skewed(200, 8000)).toString('latin1'),
    ].join('\n');
    for (const [name, content] of [['METADATA', metadata], ['WHEEL', 'Wheel-Version: 1.0\nGenerator: bdist_wheel (0.44.0)\nRoot-Is-Purelib: true\nTag: py3-none-any\n'],
      ['INSTALLER', 'pip\n'], ['top_level.txt', `${importName}\n`]] as const) {
      w.write(`${distInfo}/${name}`, content);
      record.push(`${distInfo.slice(sp.length + 1)}/${name},sha256=${recordHash(rng)},${Buffer.byteLength(content)}`);
    }
    record.push(`${distInfo.slice(sp.length + 1)}/RECORD,,`);
    w.write(`${distInfo}/RECORD`, `${record.join('\n')}\n`);
    installed.push(dist);
  }

  const result: GeneratedTree = {
    root, seed, generatorVersion: GENERATOR_VERSION, files: w.files, dirs: w.dirs, symlinks: w.symlinks, bytes: w.bytes,
    pythonFiles, whisperFiles, ollamaFiles,
  };

  if (options.git !== false) {
    git(join(root, 'vendor/whisper.cpp'), ['init', '-q']);
    git(join(root, 'vendor/whisper.cpp'), ['add', '-A']);
    git(join(root, 'vendor/whisper.cpp'), ['commit', '-q', '-m', 'vendored whisper.cpp']);
    git(root, ['init', '-q']);
    // Uploads, weights and backups are neither ignored nor committed: the user never got to them.
    git(root, ['add', '-A', '--', '.', ':!uploads', ':!models', ':!backups', ':!vendor-weights']);
    // Committed by mistake, as in real projects: a database and a log that the ignore rules cover.
    git(root, ['add', '-f', 'data/app.db', 'logs/app.log']);
    git(root, ['commit', '-q', '-m', 'Import the platform']);
    result.head = git(root, ['rev-parse', 'HEAD']).trim();
  }
  return result;
}

/** Removes a generated tree (a sibling of the trees this module makes, never anything else). */
export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}
