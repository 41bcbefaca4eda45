/**
 * Rules and bloat kinds are registered, and describe themselves: every rule module under src/rules
 * is in RULES, every bloat kind module under src/bloat/detectors is in DETECTORS, and no other file
 * keeps a table keyed by rule id, so adding a kind is its module and its line in the list.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BloatKind } from '../../src/bloat/detector.js';
import { bloatKind, DETECTORS } from '../../src/bloat/detectors/index.js';
import { RULES } from '../../src/rules/index.js';
import type { Rule } from '../../src/rules/types.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

async function exportsOf(file: string): Promise<unknown[]> {
  return Object.values(await import(pathToFileURL(join(ROOT, file)).href));
}

const isRule = (v: unknown): v is Rule =>
  typeof v === 'object' && v !== null && typeof (v as Rule).check === 'function' && typeof (v as Rule).meta?.id === 'string';
const isKind = (v: unknown): v is BloatKind =>
  typeof v === 'object' && v !== null && typeof (v as BloatKind).rule === 'string' && ('matchDir' in v || 'matchFile' in v);

describe('rule registry', () => {
  it('every rule a module under src/rules exports is in RULES, once', async () => {
    const missing: string[] = [];
    for (const file of tsFiles('src/rules')) {
      for (const value of await exportsOf(file)) if (isRule(value) && !RULES.includes(value)) missing.push(`${file}: ${value.meta.id}`);
    }
    expect(missing).toEqual([]);
    const ids = RULES.map((r) => r.meta.id);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it('every bloat kind module is in DETECTORS, and each kind is a rule', async () => {
    const missing: string[] = [];
    for (const file of tsFiles('src/bloat/detectors')) {
      for (const value of await exportsOf(file)) if (isKind(value) && !DETECTORS.includes(value)) missing.push(`${file}: ${value.rule}`);
    }
    expect(missing).toEqual([]);
    for (const kind of DETECTORS) {
      const rule = RULES.find((r) => r.meta.id === kind.rule);
      expect(rule?.meta).toMatchObject({ category: 'bloat', severity: kind.severity, title: kind.title, docs: kind.docs, description: kind.summary });
    }
  });

  it('each kind describes itself completely', () => {
    const colors = new Set<string>();
    for (const kind of DETECTORS) {
      expect(kind.rule).toMatch(/^bloat\/[a-z-]+$/);
      expect(['error', 'warning', 'info']).toContain(kind.severity);
      for (const text of [kind.title, kind.heading, kind.summary, kind.docs.what, kind.docs.why, kind.docs.fix, kind.docs.example]) expect(text.trim()).not.toBe('');
      expect(kind.color).toMatch(/^#[0-9a-f]{6}$/);
      colors.add(kind.color);
      if (kind.gitignore !== 'not-ignored') expect(kind.gitignore.group).not.toBe('');
      if (kind.dockerignore !== 'not-excluded') expect(kind.dockerignore.group).not.toBe('');
      expect(bloatKind(kind.rule)).toBe(kind);
    }
    // Two kinds of one colour could not be told apart in the treemap.
    expect(colors.size).toBe(DETECTORS.length);
    expect(() => bloatKind('bloat/no-such-kind')).toThrow(/not a bloat kind/);
  });

  it('no file keeps a table keyed by rule id', () => {
    const tables = tsFiles('src').flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8').split('\n').flatMap((line, i) =>
        /^\s*'(bloat|deps|docker|ignore|git|security)\/[a-z-]+'\s*:/.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
    expect(tables).toEqual([]);
  });

  it('no code outside the rules tests a rule id by its text: it reads the rule\'s metadata', () => {
    // What still tests ids, and why. A file that no longer does must leave this list.
    const allowed: Record<string, string> = {
      'src/bloat/classify.ts': 'the index\'s virtualenvs(): behaviour about one kind',
      'src/bloat/configured-paths.ts': 'the same',
      'src/ignorefiles/secrets.ts': 'installed packages hold no project secrets: behaviour about two kinds',
      'src/ignorefiles/dockerignore-plan.ts': 'the pattern of a secret (security/env-file): behaviour about one rule',
      'src/ignorefiles/gitignore-entries.ts': 'the same',
      'src/commands/fix.ts': 'the suspicious-entry notes fix prints: behaviour about one rule',
      'src/commands/scan.ts': 'pending: the bloat total of the text summary tests the category by prefix',
      'src/report/text.ts': 'pending: the same',
      'src/report/groups.ts': 'pending: grouping by category prefix',
      'src/report/deps.ts': 'pending: the dependency section picks its rules by id',
      'src/report/html/client.ts': 'pending: runs in the browser, without the registry; needs the metadata in the report data',
    };
    const idTest = /(startsWith\(\s*|[!=]==\s*)'(bloat|deps|docker|ignore|git|security)\//;
    const found = new Set<string>();
    for (const file of tsFiles('src')) {
      if (file.startsWith('src/rules/') || file.startsWith('src/bloat/detectors/')) continue;
      if (readFileSync(join(ROOT, file), 'utf8').split('\n').some((line) => idTest.test(line))) found.add(file);
    }
    expect([...found].filter((f) => !(f in allowed))).toEqual([]);
    expect(Object.keys(allowed).filter((f) => !found.has(f))).toEqual([]);
  });

  it('the figures reports add up come from the rules\' metadata', () => {
    const meta = (id: string) => RULES.find((r) => r.meta.id === id)?.meta;
    for (const rule of RULES) {
      if (rule.meta.category === 'bloat') expect(rule.meta.findingBytes).toBe('waste');
      if (rule.meta.category === 'deps') expect(rule.meta.findingBytes).toBe('freed');
    }
    expect(meta('git/history-blob')?.findingBytes).toBe('waste');
    expect(meta('docker/heavy-unused-in-image')?.findingBytes).toBe('freed');
    // Findings that restate waste another finding reports add nothing.
    for (const id of ['git/tracked-bloat', 'ignore/missing-gitignore', 'ignore/no-dockerignore', 'security/env-file']) expect(meta(id)?.findingBytes).toBeUndefined();
    expect(RULES.filter((r) => r.meta.keepsOut).map((r) => `${r.meta.id}:${r.meta.keepsOut}`).sort())
      .toEqual(['ignore/missing-dockerignore:build-contexts', 'ignore/missing-gitignore:commits', 'ignore/no-dockerignore:build-contexts']);
    expect(RULES.filter((r) => r.meta.packageVerdict).map((r) => r.meta.id).sort()).toEqual(['deps/heavy', 'deps/heavy-unused', 'deps/unused']);
  });

  it('a kind\'s id is written only in its own module, and where a behaviour is about that one kind', () => {
    // Behaviour that is about one kind, not a table of all of them.
    const behaviour: Record<string, string[]> = {
      'src/bloat/classify.ts': ['bloat/venv'], // the index's virtualenvs()
      'src/bloat/configured-paths.ts': ['bloat/venv', 'bloat/uploads'], // the same; configured data is uploads
      'src/ignorefiles/secrets.ts': ['bloat/venv', 'bloat/node-modules'], // installed packages hold no project secrets
      'src/bloat/detectors/snapshot-folders.ts': ['bloat/archive', 'bloat/backup'], // shared with the codemod engine
    };
    const strays: string[] = [];
    for (const file of tsFiles('src')) {
      // The ids the command line checks a configuration against before any rule is loaded:
      // test/rules/catalog.test.ts keeps that list equal to the rules' own.
      if (file === 'src/rules/catalog.ts') continue;
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const kind of DETECTORS) {
        if (!text.includes(`'${kind.rule}'`)) continue;
        const own = text.includes(`rule: '${kind.rule}'`) && relative('src/bloat/detectors', file).split('/').length === 1;
        if (!own && !(behaviour[file] ?? []).includes(kind.rule)) strays.push(`${file}: ${kind.rule}`);
      }
    }
    expect(strays).toEqual([]);
  });
});
