/**
 * Acceptance on the two example repositories modeled on the seeds: every planted situation of the
 * scanner's rules is reported, with sizes equal to the bytes on disk, and nothing that merely has
 * a bloat-like name is.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatbot, buildPodmanStack } from '../../fixtures/build.js';
import type { FixtureInfo, Situation } from '../../fixtures/types.js';
import type { Finding } from '../../src/findings.js';
import { scan, type ScanResult } from '../../src/scan.js';
import { removeDir, runGit, tempDir } from '../helpers/repo.js';
import { runCli } from '../helpers/cli.js';

const SCANNER_RULES = /^(bloat|git|ignore|security)\//;

function bytesOnDisk(path: string): number {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return 0;
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((sum, name) => sum + bytesOnDisk(join(path, name)), 0);
}

const examples: [string, (dir: string) => Promise<FixtureInfo>][] = [
  ['chatbot (seed 003)', buildChatbot],
  ['podman-stack (seed 000)', buildPodmanStack],
];

describe.each(examples)('scan of the %s example', (_name, build) => {
  let dir: string;
  let info: FixtureInfo;
  let result: ScanResult;
  beforeAll(async () => {
    dir = tempDir();
    info = await build(join(dir, 'repo'));
    result = scan(info.root);
  });
  afterAll(() => removeDir(dir));

  const matches = (f: Finding, s: Situation) =>
    f.rule === s.rule && f.path === s.path && (s.line === undefined || f.line === s.line) && (s.package === undefined || f.package === s.package);

  it('reports every planted situation, dependency and container ones included', () => {
    const missing = info.situations
      .filter((s) => !result.findings.some((f) => matches(f, s)))
      .map((s) => `${s.rule} ${s.path}${s.line ? `:${s.line}` : ''}${s.package ? ` ${s.package}` : ''}`);
    expect(missing).toEqual([]);
    const keptBy = info.situations.filter((s) => s.keptBy);
    for (const s of keptBy) expect(result.findings.find((f) => matches(f, s))).toMatchObject({ freedBytes: 0 });
  });

  it('reports tracked and ignored state as git sees it', () => {
    for (const s of info.situations.filter((x) => x.rule.startsWith('bloat/'))) {
      const finding = result.findings.find((f) => f.rule === s.rule && f.path === s.path)!;
      if (s.tracked !== undefined) expect([s.path, finding.tracked]).toEqual([s.path, s.tracked]);
      if (s.ignored !== undefined) expect([s.path, finding.ignored]).toEqual([s.path, s.ignored]);
    }
  });

  it('measures sizes equal to the bytes on disk', () => {
    const bloat = result.findings.filter((f) => f.rule.startsWith('bloat/'));
    expect(bloat.length).toBeGreaterThan(3);
    for (const f of bloat) expect([f.path, f.bytes]).toEqual([f.path, bytesOnDisk(join(info.root, f.path))]);
    const everything = readdirSync(info.root).filter((n) => n !== '.git').reduce((s, n) => s + bytesOnDisk(join(info.root, n)), 0);
    expect(result.totals.bytes).toBe(everything);
  });

  it('reports nothing on source or configuration that merely has a bloat-like name', () => {
    const wrong = result.findings.filter(
      (f) => SCANNER_RULES.test(f.rule) && info.sourceLookalikes.some((p) => f.path === p || f.path.startsWith(`${p}/`) && !result.bloat.containing(f.path)?.path.startsWith(`${p}/`)),
    );
    expect(wrong.map((f) => `${f.rule} ${f.path}`)).toEqual([]);
    const hit = info.negatives.filter((n) => result.findings.some((f) => matches(f, n)));
    expect(hit.map((n) => `${n.rule} ${n.path}`)).toEqual([]);
  });

  it('fix --write covers every untracked bloat path and no source file, then has nothing left to do', () => {
    const before = runCli(['fix', info.root]);
    expect(before.code).toBe(0);
    runGit(info.root, ['apply', '--check'], before.stdout);
    expect(runCli(['fix', '--write', info.root]).code).toBe(0);
    const untracked = result.bloat.items.filter((i) => !i.tracked && i.rule !== 'bloat/large-file').map((i) => i.path);
    const tracked = runGit(info.root, ['ls-files', '-z']).split('\0').filter(Boolean);
    const source = tracked.filter((p) => !result.bloat.containing(p));
    const check = (paths: string[]) => {
      try {
        return runGit(info.root, ['check-ignore', '--no-index', '--stdin', '-z'], paths.join('\0') + '\0').split('\0').filter(Boolean);
      } catch (err) {
        return String((err as { stdout?: string }).stdout ?? '').split('\0').filter(Boolean);
      }
    };
    // What git would still offer to commit: nothing inside the untracked bloat.
    const offered = runGit(info.root, ['status', '--porcelain', '-z', '--untracked-files=all']).split('\0').filter((l) => l.startsWith('?? ')).map((l) => l.slice(3));
    expect(offered.filter((p) => untracked.some((b) => p === b || p.startsWith(`${b}/`)))).toEqual([]);
    expect(untracked.length).toBeGreaterThan(2);
    expect(check(source).filter((p) => !info.situations.some((s) => s.rule === 'security/env-file' && s.path === p))).toEqual([]);
    expect(runCli(['fix', info.root]).stdout).toBe('');
  });
});
