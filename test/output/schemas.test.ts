/**
 * The JSON Schemas shipped in schemas/: the scan report of both example repositories and every
 * configuration example in the README and docs validate, and the CLI accepts those examples.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse as parseToml } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeDir } from '../helpers/repo.js';
import { chatbotRepo, podmanStackRepo } from '../report/fixture.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true });
const validateConfig = ajv.compile(JSON.parse(read('schemas/config.schema.json')));
const validateReport = ajv.compile(JSON.parse(read('schemas/scan-report.schema.json')));

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

/** Configuration examples as the docs show them: JSON blocks, [tool.repolish] TOML blocks, the README's inline `"ignore"` list. */
function configExamples(): { where: string; config: Record<string, unknown> }[] {
  const out: { where: string; config: Record<string, unknown> }[] = [];
  for (const file of ['README.md', 'docs/reports-and-integrations.md']) {
    const text = read(file);
    for (const m of text.matchAll(/```json\n([\s\S]*?)```/g)) {
      const value = JSON.parse(m[1]) as Record<string, unknown>;
      if (['rules', 'settings', 'paths', 'codemods', 'ignore'].some((k) => k in value)) out.push({ where: `${file} json block`, config: value });
    }
    for (const m of text.matchAll(/```toml\n([\s\S]*?)```/g)) {
      const doc = parseToml(m[1]) as { tool?: { repolish?: Record<string, unknown> } };
      if (doc.tool?.repolish) out.push({ where: `${file} toml block`, config: doc.tool.repolish });
    }
    for (const m of text.matchAll(/`"ignore": (\[[^`]*\])`/g)) out.push({ where: `${file} inline ignore`, config: { ignore: JSON.parse(m[1].replace(/\s*\n\s*/g, ' ')) } });
  }
  return out;
}

describe('JSON Schemas', () => {
  let chatbot: string;
  let podman: string;
  beforeAll(async () => {
    chatbot = await chatbotRepo();
    podman = await podmanStackRepo();
  });

  it('the scan report of both example repositories validates', () => {
    for (const root of [chatbot, podman]) {
      const report = JSON.parse(runCli(['scan', '-q', root, '-f', 'json']).stdout);
      expect(report.findings.length).toBeGreaterThan(10);
      expect(validateReport(report), ajv.errorsText(validateReport.errors)).toBe(true);
    }
    // The schema is not a rubber stamp: a finding without its fingerprint fails.
    const report = JSON.parse(runCli(['scan', '-q', podman, '-f', 'json']).stdout);
    delete report.findings[0].fingerprint;
    expect(validateReport(report)).toBe(false);
  });

  it('the configuration schema names exactly the rules this build has', () => {
    const schema = JSON.parse(read('schemas/config.schema.json')) as { $defs: { ruleId: { enum: string[] } } };
    const rules = (JSON.parse(runCli(['rules', '--json']).stdout) as { id: string }[]).map((r) => r.id);
    expect([...schema.$defs.ruleId.enum].sort()).toEqual([...rules].sort());
  });

  it('every configuration example in the README and docs validates, and the CLI accepts it', () => {
    const examples = configExamples();
    expect(examples.map((e) => e.where)).toEqual(expect.arrayContaining(['README.md inline ignore', 'docs/reports-and-integrations.md json block', 'docs/reports-and-integrations.md toml block']));
    const root = makeRepo({ 'app.py': 'print(1)\n' }, ['app.py']);
    made.push(root);
    for (const { where, config } of examples) {
      expect(validateConfig(config), `${where}: ${ajv.errorsText(validateConfig.errors)}`).toBe(true);
      const file = join(root, '..', `config-${made.length}.json`);
      writeFileSync(file, JSON.stringify(config));
      const run = runCli(['scan', '-q', root, '-f', 'json', '--config', file]);
      expect(run.code, `${where}: ${run.stderr}`).toBe(0);
    }
    // What the CLI refuses, the schema refuses too.
    for (const bad of [{ setings: {} }, { rules: { 'bloat/logs': 'off' } }, { ignore: [{}] }, { settings: { largeFileBytes: 'big' } }]) {
      expect(validateConfig(bad), JSON.stringify(bad)).toBe(false);
      const file = join(root, '..', 'bad-config.json');
      writeFileSync(file, JSON.stringify(bad));
      expect(runCli(['scan', '-q', root, '--config', file]).code, JSON.stringify(bad)).toBe(2);
    }
  });
});
