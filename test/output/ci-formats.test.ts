/** `--format github` (workflow annotations), `--format gitlab` (Code Quality) and `--statistics`. */
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const ODD_LOG = 'odd,na:me%25\nx.log';

function repo(): string {
  const root = makeRepo({
    'app.py': 'import flask\n',
    'requirements.txt': 'flask\n',
    'Dockerfile': 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y curl\nCOPY . .\nRUN pip install -r requirements.txt\n',
    [ODD_LOG]: 'x\n',
    'run.log': 'y\n',
  }, ['app.py', 'requirements.txt', 'Dockerfile']);
  made.push(root);
  return root;
}

// Every test here only scans: they share one repository and its JSON report.
let shared: string | undefined;
const scannedRepo = (): string => (shared ??= repo());
let sharedJson: string | undefined;
const jsonReport = (): string => (sharedJson ??= runCli(['scan', '-q', scannedRepo(), '-f', 'json']).stdout);

/** GitHub's decoding of a workflow command (toolkit's command.ts escapes, reversed). */
const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));

describe('CI formats', () => {
  it('--format github: one annotation line per finding, escaped by GitHub\'s rules', () => {
    const root = scannedRepo();
    const run = runCli(['scan', '-q', root, '-f', 'github']);
    expect(run.code).toBe(0);
    const json = JSON.parse(jsonReport()) as { findings: { rule: string; path: string; line?: number; severity: string }[] };
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(json.findings.length);
    for (const line of lines) {
      const m = /^::(error|warning|notice) ((?:[a-z]+=[^,:]*,?)+)::(.*)$/.exec(line);
      expect(m, line).not.toBeNull();
      // No raw line break, and nothing a property parser would split on inside a value.
      expect(m![3]).not.toMatch(/[\r\n]/);
    }
    const odd = lines.find((l) => unescapeProperty(/file=([^,]*)/.exec(l)![1]) === ODD_LOG && l.includes('bloat/log'));
    expect(odd).toBeDefined();
    expect(odd).toContain('file=odd%2Cna%3Ame%2525%0Ax.log,');
    expect(odd).toContain('title=repolish bloat/log::');
    const apt = lines.find((l) => l.includes('title=repolish docker/apt-recommends'))!;
    expect(apt).toMatch(/^::warning file=Dockerfile,line=2,title=/);
    expect(lines.filter((l) => l.startsWith('::notice ')).length).toBe(json.findings.filter((f) => f.severity === 'info').length);
  });

  it('--format gitlab: Code Quality JSON with description, check_name, unique fingerprint, severity, path and line', () => {
    const root = scannedRepo();
    const run = runCli(['scan', '-q', root, '-f', 'gitlab']);
    expect(run.code).toBe(0);
    const issues = JSON.parse(run.stdout) as { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
    expect(issues.length).toBeGreaterThan(3);
    for (const issue of issues) {
      expect(Object.keys(issue).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity']);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue.severity);
      expect(issue.location.lines.begin).toBeGreaterThanOrEqual(1);
      expect(issue.location.path).not.toMatch(/^\//);
    }
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    expect(issues.find((i) => i.check_name === 'docker/apt-recommends')!.location).toEqual({ path: 'Dockerfile', lines: { begin: 2 } });
    expect(issues.some((i) => i.location.path === ODD_LOG)).toBe(true);
  });

  it('--statistics: counts per rule, most first, with the fix applicability; JSON with -f json', () => {
    const root = scannedRepo();
    const json = JSON.parse(jsonReport()) as { findings: { rule: string }[] };
    const counts = new Map<string, number>();
    for (const f of json.findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
    const text = runCli(['scan', '-q', root, '--statistics']);
    expect(text.code).toBe(0);
    const rows = text.stdout.trimEnd().split('\n').map((l) => /^\s*(\d+)  (\S+)\s+(\[\*\]|\[-\]|   ) ?(.*)$/.exec(l)!);
    expect(new Map(rows.map((r) => [r[2], Number(r[1])]))).toEqual(counts);
    for (let i = 1; i < rows.length; i++) expect(Number(rows[i - 1][1])).toBeGreaterThanOrEqual(Number(rows[i][1]));
    expect(rows.find((r) => r[2] === 'ignore/missing-gitignore')![3]).toBe('[*]');
    expect(rows.find((r) => r[2] === 'docker/apt-recommends')![3]).toBe('[-]');
    const list = JSON.parse(runCli(['scan', '-q', root, '--statistics', '-f', 'json']).stdout) as { rule: string; count: number }[];
    expect(new Map(list.map((r) => [r.rule, r.count]))).toEqual(counts);
    const bad = runCli(['scan', '-q', root, '--statistics', '-f', 'sarif']);
    expect(bad.code).toBe(2);
  });
});
