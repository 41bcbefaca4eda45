import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pathToUri, toSarif } from '../../src/report/sarif.js';
import { scan, type ScanResult } from '../../src/scan.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo, runGit } from '../helpers/repo.js';
import { chatbotRepo, podmanStackRepo } from './fixture.js';
import { sarifValidator } from './sarif-schema.js';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string }; defaultConfiguration: { level: string } }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}

const { validate, errors } = sarifValidator();

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(ok ? '' : errors()).toBe('');
}

/** What GitHub code scanning requires beyond the schema (docs: "SARIF support for code scanning"). */
function expectGithubReady(log: SarifLog): void {
  expect(log.version).toBe('2.1.0');
  expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
  const [run] = log.runs;
  expect(run.tool.driver.name).toBe('repolish');
  const ids = run.tool.driver.rules.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const rule of run.tool.driver.rules) {
    expect(rule.shortDescription.text).not.toBe('');
    expect(rule.fullDescription.text).not.toBe('');
    expect(rule.help.text).not.toBe('');
    expect(['note', 'warning', 'error']).toContain(rule.defaultConfiguration.level);
  }
  expect(run.results.length).toBeLessThanOrEqual(25_000);
  for (const result of run.results) {
    expect(ids[result.ruleIndex]).toBe(result.ruleId);
    expect(result.message.text).not.toBe('');
    expect(result.locations).toHaveLength(1);
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    expect(artifactLocation.uri).not.toMatch(/^\/|^file:|\.\.\//);
    expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
    expect(region.startLine).toBeGreaterThanOrEqual(1);
    expect(result.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/);
  }
}

describe('scan --format sarif', () => {
  let chatbot: string;
  let result: ScanResult;
  let log: SarifLog;

  beforeAll(async () => {
    chatbot = await chatbotRepo();
    result = scan(chatbot);
    log = toSarif(result) as SarifLog;
  });

  it('is valid against the SARIF 2.1.0 schema', () => {
    expectValid(log);
  });

  it('the validator is live: it rejects a log with a result that lacks a message', () => {
    const broken = structuredClone(log);
    delete (broken.runs[0].results[0] as Partial<SarifResult>).message;
    expect(validate(broken)).toBe(false);
    expect(errors()).toMatch(/message/);
  });

  it('meets what GitHub code scanning requires', () => {
    expectGithubReady(log);
  });

  it('has one result per finding, at the finding path, with the severity as level', () => {
    const [run] = log.runs;
    expect(run.results).toHaveLength(result.findings.length);
    const level = { error: 'error', warning: 'warning', info: 'note' } as const;
    result.findings.forEach((finding, i) => {
      const r = run.results[i];
      expect(r.ruleId).toBe(finding.rule);
      expect(r.level).toBe(level[finding.severity]);
      expect(r.message.text).toContain(finding.message);
      const uri = r.locations[0].physicalLocation.artifactLocation.uri;
      if (finding.path !== '' && finding.path !== '.') expect(decodeURIComponent(uri)).toBe(finding.path);
      // Every location exists in the repository: folders point at the folder.
      expect(existsSync(join(chatbot, decodeURIComponent(uri))), uri).toBe(true);
      expect(r.locations[0].physicalLocation.region.startLine).toBe(finding.line ?? 1);
    });
    const venv = run.results.find((r) => r.ruleId === 'bloat/venv')!;
    expect(venv.locations[0].physicalLocation.artifactLocation.uri).toBe('venv');
    const line = run.results.find((r) => r.ruleId === 'ignore/suspicious-entry')!;
    expect(line.locations[0].physicalLocation.artifactLocation.uri).toBe('.gitignore');
    expect(line.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
  });

  it('keeps fingerprints stable when sizes change', () => {
    writeFileSync(join(chatbot, 'logs', 'more.log'), 'x'.repeat(5000));
    const again = toSarif(scan(chatbot)) as SarifLog;
    const fp = (l: SarifLog) => l.runs[0].results.find((r) => r.ruleId === 'bloat/log' && r.locations[0].physicalLocation.artifactLocation.uri === 'logs')!.partialFingerprints.primaryLocationLineHash;
    expect(fp(again)).toBe(fp(log));
  });

  it('a root-level finding points at the container file that explains it (podman stack)', async () => {
    const root = await podmanStackRepo();
    const stack = toSarif(scan(root)) as SarifLog;
    expectValid(stack);
    expectGithubReady(stack);
    const noDockerignore = stack.runs[0].results.find((r) => r.ruleId === 'ignore/no-dockerignore')!;
    const uri = noDockerignore.locations[0].physicalLocation.artifactLocation.uri;
    expect(uri).toMatch(/Podmanfile|Dockerfile|Containerfile/);
    expect(existsSync(join(root, uri))).toBe(true);
  });

  it('paths are relative to the repository top when a subfolder is scanned, percent-encoded', () => {
    const root = makeRepo({ 'svc/app.py': 'print(1)\n', 'svc/my logs/run 1.log': 'x\n', 'svc/.gitignore': '' }, ['svc/app.py']);
    const sub = toSarif(scan(join(root, 'svc'))) as SarifLog;
    expectValid(sub);
    const uris = sub.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toContain('svc/my%20logs/run%201.log');
    expect(sub.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${runGit(root, ['rev-parse', '--show-toplevel']).trim()}/`);
    expect(pathToUri('a b/c#d?.log')).toBe('a%20b/c%23d%3F.log');
  });
});

describe('repolish scan --format sarif (CLI)', () => {
  it('writes valid SARIF and --fail-on still decides the exit code', () => {
    const root = makeRepo({ 'app.py': 'print(1)\n', 'app.log': 'x\n' }, ['app.py', 'app.log']);
    const out = runCli(['scan', root, '--format', 'sarif', '--fail-on', 'error']);
    expect(out.code).toBe(1); // app.log is committed: git/tracked-bloat is an error
    const parsed = JSON.parse(out.stdout) as SarifLog;
    expectValid(parsed);
    expect(parsed.runs[0].results.map((r) => r.ruleId)).toContain('git/tracked-bloat');
  });
});
