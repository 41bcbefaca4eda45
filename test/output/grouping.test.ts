/**
 * Issue 11: findings that restate another are grouped under their root cause (text, markdown,
 * HTML; the summary counts root causes; JSON links every finding to its group with `rootCause`),
 * sizes and sorting use what acting on a finding frees, and every rule group has a fix line.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/bloat/detector.js';
import { runCli } from '../helpers/cli.js';
import { chatbotRepo, podmanStackRepo } from '../report/fixture.js';

interface JsonFinding { rule: string; path: string; package?: string; fingerprint: string; rootCause: string; bytes?: number; freedBytes?: number; kind?: string; group?: string; [k: string]: unknown }

let chatbot: string;
let podman: string;
const json = (root: string) => JSON.parse(runCli(['scan', '-q', root, '-f', 'json']).stdout) as { findings: JsonFinding[] };

beforeAll(async () => {
  chatbot = await chatbotRepo();
  podman = await podmanStackRepo();
});

describe('root causes', () => {
  it('JSON keeps every finding and links each to its group by the root finding\'s fingerprint', () => {
    const { findings } = json(chatbot);
    const fingerprints = new Set(findings.map((f) => f.fingerprint));
    for (const f of findings) expect(fingerprints.has(f.rootCause)).toBe(true);
    const restating = findings.filter((f) => f.rule === 'ignore/missing-gitignore' || f.rule === 'git/tracked-bloat');
    expect(restating.length).toBeGreaterThan(10);
    for (const f of restating) {
      const root = findings.find((r) => r.fingerprint === f.rootCause)!;
      expect(root.rule).toBe(f.kind);
      expect(root.path).toBe(f.path);
      expect(root.rootCause).toBe(root.fingerprint);
    }
    // Existing fields are unchanged: a dependency finding keeps its dependency `group`.
    expect(findings.find((f) => f.rule === 'deps/heavy-unused')!.group).toBe('main');
  });

  it('torch reported by three rules is one root cause', () => {
    const torch = json(podman).findings.filter((f) => f.package === 'torch');
    expect(new Set(torch.map((f) => f.rule))).toEqual(new Set(['deps/heavy-unused', 'deps/heavy', 'docker/heavy-unused-in-image']));
    expect(new Set(torch.map((f) => f.rootCause)).size).toBe(1);
  });

  it('text lists restating findings under their root and counts root causes', () => {
    const { findings } = json(chatbot);
    const causes = new Set(findings.map((f) => f.rootCause)).size;
    const text = runCli(['scan', '-q', chatbot]).stdout;
    expect(text).toMatch(new RegExp(`^Findings: ${causes} root causes: .*\\(${findings.length} findings; ${findings.length - causes} restate another`, 'm'));
    // No section of its own for findings that only repeat a bloat finding.
    expect(text).not.toMatch(/^ {2}ignore\/missing-gitignore {2}\d+ findings/m);
    expect(text).not.toMatch(/^ {2}git\/tracked-bloat {2}\d+ findings/m);
    const lines = text.split('\n');
    const uploads = lines.findIndex((l) => /^ {4}error .* uploads {2}user uploads/.test(l));
    expect(lines[uploads + 1].trim()).toBe('also: git/tracked-bloat (error), ignore/missing-gitignore');
  });

  it('markdown counts root causes and puts the restating rows (↳) under their root', () => {
    const { findings } = json(chatbot);
    const causes = new Set(findings.map((f) => f.rootCause)).size;
    const md = runCli(['scan', '-q', chatbot, '-f', 'markdown']).stdout;
    expect(md).toContain(`${causes} root causes: `);
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    const root = rows.findIndex((r) => r.includes('| `bloat/model-weights` |'));
    expect(rows[root + 1]).toContain('| ↳ `ignore/missing-gitignore` | `models_cache/embeddings/model.safetensors` |');
  });

  it('HTML embeds the groups and counts root causes', () => {
    const { findings } = json(chatbot);
    const html = runCli(['scan', '-q', chatbot, '-f', 'html']).stdout;
    const data = JSON.parse(/<script type="application\/json" id="repolish-data">(.*?)<\/script>/s.exec(html)![1]) as { rootCauses: number; findings: { rule: string; rootCause: string; restates?: boolean }[] };
    expect(data.rootCauses).toBe(new Set(findings.map((f) => f.rootCause)).size);
    expect(data.findings.filter((f) => f.restates).length).toBe(findings.length - data.rootCauses);
    expect(data.findings.filter((f) => f.rule === 'ignore/missing-gitignore').every((f) => f.restates)).toBe(true);
  });
});

describe('sizes are what acting on a finding frees', () => {
  it('text sizes and sorts dependency findings by freedBytes, not the package\'s own size', () => {
    const { findings } = json(podman);
    const torch = findings.find((f) => f.rule === 'deps/heavy-unused' && f.package === 'torch')!;
    const torchaudio = findings.find((f) => f.rule === 'deps/heavy-unused' && f.package === 'torchaudio')!;
    expect(torch.bytes!).toBeGreaterThan(torchaudio.bytes!);
    expect(torch.freedBytes).toBeLessThan(torchaudio.freedBytes!);
    const lines = runCli(['scan', '-q', podman]).stdout.split('\n');
    const at = (pkg: string) => lines.findIndex((l) => new RegExp(`^ {4}\\w+ +\\S+ \\S+  requirements-chainlit\\.txt:\\d+  ${pkg} \\(`).test(l));
    expect(at('torchaudio')).toBeGreaterThan(0);
    expect(at('torchaudio')).toBeLessThan(at('torch'));
    expect(lines[at('torch')]).toContain(` ${formatBytes(torch.freedBytes!)}  requirements-chainlit.txt`);
    expect(lines[at('torch')]).not.toContain(formatBytes(torch.bytes!) + '  requirements');
  });

  it('every rule group in the default text report has a fix line', () => {
    for (const root of [chatbot, podman]) {
      const lines = runCli(['scan', '-q', root]).stdout.split('\n');
      const headers = lines.map((l, i) => [l, i] as const).filter(([l]) => /^ {2}[a-z]+\/[a-z-]+ {2}\d+ findings?/.test(l));
      expect(headers.length).toBeGreaterThan(5);
      for (const [header, i] of headers) {
        let j = i + 1;
        while (j < lines.length && lines[j].startsWith('    ') && !/^ {4}(fix: |fixes differ: -v)/.test(lines[j])) j++;
        expect(lines[j], `fix line of ${header}`).toMatch(/^ {4}(fix: |fixes differ: -v)/);
      }
    }
  });
});
