/**
 * The benchmark generator must be a function of its seed: two runs give byte-identical trees and
 * the same git commit, another seed gives another tree. Small trees only; no timing here.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, lstatSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRepository, type GeneratedTree } from '../../bench/generate.js';
import { Prng } from '../../bench/prng.js';
import { ollamaModule, whisperModule } from '../../bench/python-templates.js';

/** The first 256 KiB: large files are sparse (a header, then a hole). */
function head(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(256 * 1024);
    return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** Every entry below root except .git folders: path, kind, size and a hash of the content. */
function manifest(root: string): string[] {
  const out: string[] = [];
  const visit = (abs: string, rel: string): void => {
    for (const name of readdirSync(abs).sort()) {
      if (name === '.git') continue;
      const p = join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out.push(`L ${r} -> ${readlinkSync(p)}`);
      else if (st.isDirectory()) {
        out.push(`D ${r}`);
        visit(p, r);
      } else out.push(`F ${r} ${st.size} ${createHash('sha1').update(head(p)).digest('hex')}`);
    }
  };
  visit(root, '');
  return out;
}

describe('bench generator', () => {
  let base: string;
  let a: GeneratedTree;
  let b: GeneratedTree;
  let c: GeneratedTree;

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'repolish-bench-gen-'));
    a = generateRepository({ root: join(base, 'a'), files: 2500, seed: 42 });
    b = generateRepository({ root: join(base, 'b'), files: 2500, seed: 42 });
    c = generateRepository({ root: join(base, 'c'), files: 2500, seed: 43 });
  });

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('writes the same tree and the same commit for the same seed', () => {
    const ma = manifest(a.root);
    expect(ma.length).toBeGreaterThan(2500);
    expect(manifest(b.root)).toEqual(ma);
    expect(a.head).toMatch(/^[0-9a-f]{40}$/);
    expect(b.head).toBe(a.head);
    expect(b.pythonFiles).toEqual(a.pythonFiles);
  });

  it('writes a different tree for another seed', () => {
    const ma = manifest(a.root);
    const mc = manifest(c.root);
    expect(mc).not.toEqual(ma);
    expect(c.head).not.toBe(a.head);
  });

  it('counts what is on disk and hits the requested size', () => {
    const files = manifest(a.root).filter((l) => l.startsWith('F ') && !l.includes('/whisper.cpp/.git/')).length;
    expect(files).toBe(a.files);
    expect(Math.abs(a.files - 2500)).toBeLessThanOrEqual(25);
  });

  it('plants real Python, ~2 % of it using openai-whisper and ~1 % Ollama', () => {
    expect(a.pythonFiles.length).toBeGreaterThanOrEqual(100);
    expect(a.whisperFiles.length / a.pythonFiles.length).toBeGreaterThan(0.01);
    expect(a.whisperFiles.length / a.pythonFiles.length).toBeLessThan(0.03);
    expect(a.ollamaFiles.length / a.pythonFiles.length).toBeGreaterThan(0.005);
    expect(a.ollamaFiles.length / a.pythonFiles.length).toBeLessThan(0.025);
    for (const f of a.whisperFiles) {
      const text = readFileSync(join(a.root, f), 'utf8');
      expect(text).toMatch(/import whisper|from whisper import load_model/);
      expect(text).toMatch(/load_model\(/);
      expect(text).toMatch(/\.transcribe\(/);
    }
    for (const f of a.ollamaFiles) expect(readFileSync(join(a.root, f), 'utf8')).toMatch(/ollama|Ollama|11434/);
    // Copied standard-library modules and the planted ones are all Python the interpreter accepts
    // (apart from the standard library's own deliberately broken test inputs).
    const planted = [...a.whisperFiles, ...a.ollamaFiles].map((f) => join(a.root, f));
    execFileSync('python3', ['-c', 'import ast, sys\nfor p in sys.argv[1:]: ast.parse(open(p, "rb").read(), p)', ...planted]);
  });

  it('makes a repository with ignored bloat, tracked mistakes and a nested repository', () => {
    const git = (...args: string[]) => execFileSync('git', ['-C', a.root, ...args], { encoding: 'utf8' });
    const tracked = git('ls-files').split('\n');
    expect(tracked).toContain(a.whisperFiles[0]);
    expect(tracked).toContain('data/app.db');
    expect(tracked.some((p) => p.startsWith('venv/'))).toBe(false);
    expect(git('check-ignore', '--no-index', 'venv/pyvenv.cfg', 'frontend/node_modules', 'data/app.db').trim().split('\n')).toHaveLength(3);
    expect(git('ls-files', '--stage', 'vendor/whisper.cpp')).toMatch(/^160000 /); // a gitlink: its own repository
    const dists = readdirSync(join(a.root, 'venv/lib/python3.11/site-packages')).filter((n) => n.endsWith('.dist-info'));
    expect(dists.length).toBeGreaterThan(10);
    const record = readFileSync(join(a.root, 'venv/lib/python3.11/site-packages', dists[0], 'RECORD'), 'utf8');
    expect(record).toMatch(/^[^,\n]+,sha256=[\w-]{43},\d+$/m);
  });
});

describe('Prng', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    const x = new Prng(7);
    const y = new Prng(7);
    const xs = Array.from({ length: 1000 }, () => x.next());
    expect(Array.from({ length: 1000 }, () => y.next())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const ints = Array.from({ length: 1000 }, () => x.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
  });
});

describe('planted application modules', () => {
  it('are valid Python in every variant (2,000 modules from many seeds, checked by python3)', () => {
    const rng = new Prng(2024);
    const modules = Array.from({ length: 1000 }, (_, i) => whisperModule(rng, i)).concat(Array.from({ length: 1000 }, (_, i) => ollamaModule(rng, i)));
    const check = 'import ast, json, sys\nbad = []\nfor i, src in enumerate(json.load(sys.stdin)):\n    try: ast.parse(src)\n    except SyntaxError as e: bad.append((i, str(e), src))\nprint(json.dumps(bad[:3]))';
    const bad = JSON.parse(execFileSync('python3', ['-c', check], { input: JSON.stringify(modules), encoding: 'utf8' }));
    expect(bad).toEqual([]);
    // The variety is real: many distinct texts, every import style and result use appears.
    expect(new Set(modules.slice(0, 1000)).size).toBeGreaterThan(900);
    for (const form of ['import whisper\n', 'import whisper as wh', 'from whisper import load_model', '["segments"]', '.get("language"', 'Blueprint', 'argparse', 'load_audio']) {
      expect(modules.some((m) => m.includes(form))).toBe(true);
    }
  });
});
