import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanOptionsFrom } from '../src/commands/config-options.js';
import { loadConfig, parseSize, validateConfig } from '../src/config.js';
import { toSarif } from '../src/report/sarif.js';
import { RULES } from '../src/rules/index.js';
import { scan } from '../src/scan.js';
import { runCli } from './helpers/cli.js';
import { makeRepo, type Tree } from './helpers/repo.js';

const ruleIds = RULES.map((r) => r.meta.id);

/** A small repository with a bit of everything a configuration can change. */
function repo(extra: Tree = {}): string {
  return makeRepo(
    {
      'app.py': 'print(1)\n',
      '.gitignore': 'venv/\n',
      'logs/app.log': 'line\n'.repeat(50),
      'datasets/train.csv': 'a,b\n'.repeat(500),
      'uploads/report.pdf': '%PDF-1.4\n'.repeat(20),
      'assets/big.bin': Buffer.alloc(3000, 7),
      ...extra,
    },
    ['app.py', '.gitignore'],
  );
}

const JSON_CONFIG = JSON.stringify({
  rules: { 'bloat/log': 'off', 'bloat/uploads': 'error' },
  settings: { largeFileBytes: '2 KB' },
  paths: { data: ['datasets'], source: ['uploads'] },
  codemods: { 'whisper-to-faster-whisper': { compute_type: 'int8' } },
});

const PYPROJECT = `[project]
name = "demo"

[tool.repolish]
rules = { "bloat/log" = "off", "bloat/uploads" = "error" }

[tool.repolish.settings]
largeFileBytes = 2000

[tool.repolish.paths]
data = ["datasets/"]
source = ["./uploads"]

[tool.repolish.codemods.whisper-to-faster-whisper]
compute_type = "int8"
`;

function expectConfigured(root: string): void {
  const config = loadConfig(root, { ruleIds });
  expect(config.codemods).toEqual({ 'whisper-to-faster-whisper': { compute_type: 'int8' } });
  const result = scan(root, scanOptionsFrom(config, RULES));
  const rules = result.findings.map((f) => `${f.rule} ${f.path}`);
  // "off": the rule is not run at all.
  expect(rules.filter((r) => r.startsWith('bloat/log'))).toEqual([]);
  expect(result.rules.map((r) => r.meta.id)).not.toContain('bloat/log');
  // paths.data: user data, reported with the severity override, in the rule's meta too.
  const data = result.findings.find((f) => f.rule === 'bloat/uploads' && f.path === 'datasets')!;
  expect(data.severity).toBe('error');
  expect(data.configured).toBe('paths.data');
  expect(result.rules.find((r) => r.meta.id === 'bloat/uploads')!.meta.severity).toBe('error');
  const sarif = toSarif(result) as { runs: { tool: { driver: { rules: { id: string; defaultConfiguration: { level: string } }[] } } }[] };
  expect(sarif.runs[0].tool.driver.rules.find((r) => r.id === 'bloat/uploads')!.defaultConfiguration.level).toBe('error');
  // paths.source: never bloat, whatever its name says.
  expect(rules).not.toContain('bloat/uploads uploads');
  // settings: a 3,000-byte file is large under a 2 KB threshold.
  expect(rules).toContain('bloat/large-file assets/big.bin');
  // The data folder reaches the ignore-file fix like any detected bloat.
  expect(result.changes.find((c) => c.path === '.gitignore')!.after).toMatch(/^\/?datasets\/$/m);

  const unconfigured = scan(root).findings.map((f) => `${f.rule} ${f.path}`);
  expect(unconfigured).toContain('bloat/uploads uploads');
  expect(unconfigured).not.toContain('bloat/large-file assets/big.bin');
  expect(unconfigured.some((r) => r.startsWith('bloat/log'))).toBe(true);
}

describe('configuration files', () => {
  it('repolish.config.json is honoured', () => {
    expectConfigured(repo({ 'repolish.config.json': JSON_CONFIG }));
  });

  it('[tool.repolish] in pyproject.toml is honoured', () => {
    expectConfigured(repo({ 'pyproject.toml': PYPROJECT }));
  });

  it('a pyproject.toml without [tool.repolish] is no configuration', () => {
    const root = repo({ 'pyproject.toml': '[project]\nname = "x"\n' });
    expect(loadConfig(root, { ruleIds }).file).toBeUndefined();
  });

  it('the CLI reads it, --no-config ignores it, --config names another file', () => {
    const root = repo({ 'repolish.config.json': JSON_CONFIG, 'other.json': JSON.stringify({ rules: { 'bloat/large-file': 'off' } }) });
    const findings = (args: string[]) => (JSON.parse(runCli(['scan', root, '--format', 'json', ...args]).stdout) as { findings: { rule: string; path: string }[] }).findings.map((f) => `${f.rule} ${f.path}`);
    expect(findings([])).toContain('bloat/uploads datasets');
    expect(findings(['--no-config'])).not.toContain('bloat/uploads datasets');
    expect(findings(['--config', join(root, 'other.json')])).not.toContain('bloat/uploads datasets');
    expect(runCli(['scan', root, '--config', join(root, 'pyproject-missing.toml')]).code).toBe(2);
  });

  it('fix honours it: a disabled rule proposes no entries', () => {
    const root = repo({ 'repolish.config.json': JSON.stringify({ rules: { 'ignore/missing-gitignore': 'off' } }) });
    const out = runCli(['fix', root, '--check']);
    expect(out.stdout).toBe('');
    expect(out.code).toBe(0);
    expect(runCli(['fix', root, '--check', '--no-config']).code).toBe(1);
  });
});

describe('bad configuration is rejected with the file and the key named (exit 2)', () => {
  const cases: [string, Tree, RegExp][] = [
    ['an unknown top-level key', { 'repolish.config.json': '{"rulez": {}}' }, /repolish\.config\.json: unknown key "rulez" \(known: \$schema, rules, settings, paths, codemods, ignore\)/],
    ['an unknown setting, with a suggestion', { 'pyproject.toml': '[tool.repolish.settings]\nlarge_file_bytes = 1\n' }, /pyproject\.toml: unknown key "\[tool\.repolish\]\.settings\.large_file_bytes" \(did you mean "largeFileBytes"\?\)/],
    ['an unknown paths key', { 'repolish.config.json': '{"paths": {"docs": []}}' }, /repolish\.config\.json: unknown key "paths\.docs"/],
    ['an unknown rule id', { 'repolish.config.json': '{"rules": {"bloat/vnev": "off"}}' }, /repolish\.config\.json: unknown rule "bloat\/vnev" in "rules"/],
    ['a bad severity', { 'pyproject.toml': '[tool.repolish.rules]\n"bloat/venv" = "fatal"\n' }, /pyproject\.toml: "\[tool\.repolish\]\.rules\.bloat\/venv" must be one of off, error, warning, info \(got "fatal"\)/],
    ['a bad size', { 'repolish.config.json': '{"settings": {"largeFileBytes": "big"}}' }, /"settings\.largeFileBytes" must be a size/],
    ['a path outside the root', { 'repolish.config.json': '{"paths": {"data": ["../elsewhere"]}}' }, /"paths\.data": "\.\.\/elsewhere" must be a path inside the scanned folder/],
    ['a path in both lists', { 'repolish.config.json': '{"paths": {"data": ["x"], "source": ["x/"]}}' }, /"x" is listed under both "paths\.data" and "paths\.source"/],
    ['codemod options that are not scalars', { 'repolish.config.json': '{"codemods": {"c": {"o": [1]}}}' }, /"codemods\.c\.o" must be a string, number or boolean/],
    ['invalid JSON', { 'repolish.config.json': '{"rules": ' }, /repolish\.config\.json: invalid JSON/],
    ['invalid TOML, with its line', { 'pyproject.toml': '[tool.repolish]\nrules = {\n' }, /pyproject\.toml: invalid TOML \(line \d+, column \d+\)/],
    ['both files at once', { 'repolish.config.json': '{}', 'pyproject.toml': '[tool.repolish]\n' }, /repolish\.config\.json: pyproject\.toml also has a \[tool\.repolish\] table; keep the configuration in one place/],
  ];
  for (const [name, tree, message] of cases) {
    it(name, () => {
      const root = makeRepo({ 'app.py': 'print(1)\n', ...tree });
      const out = runCli(['scan', root]);
      expect(out.code).toBe(2);
      expect(out.stdout).toBe('');
      const lines = out.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(lines[0]).toContain(root);
    });
  }
});

describe('config values', () => {
  it('sizes are bytes or human sizes', () => {
    expect(parseSize(1234)).toBe(1234);
    expect(parseSize('200 MB')).toBe(200_000_000);
    expect(parseSize('1.5GiB')).toBe(1.5 * 1024 ** 3);
    expect(parseSize('12kb')).toBe(12_000);
    expect(parseSize(-1)).toBeUndefined();
    expect(parseSize('1 parsec')).toBeUndefined();
  });

  it('paths are normalized', () => {
    const config = validateConfig({ paths: { data: ['./data/', 'a\\b'], source: [] } }, 'repolish.config.json', ruleIds);
    expect(config.paths.data).toEqual(['data', 'a/b']);
  });

  it('a data path that does not exist is a warning, not an error', () => {
    const root = repo({ 'repolish.config.json': '{"paths": {"data": ["nowhere"]}}' });
    const out = runCli(['scan', root]);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('warning: nowhere: paths.data: no such file or folder');
  });
});
