/**
 * `npm run new -- rule CATEGORY/NAME` and `npm run new -- codemod NAME`: the files a new rule or
 * codemod starts from, registered where the program finds them, with a first test or case and
 * the documentation stub. `--root DIR` writes into another copy of the repository (the test of
 * this script runs it in a temporary copy).
 *
 * A rule gets src/rules/<category>/<name>.ts (its metadata is its documentation: `npm run
 * docs:rules` writes docs/rules/<id>.md from it), a line in src/rules/index.ts, its id in the
 * configuration schema, and test/rules/<category>/<name>.test.ts. A codemod gets
 * codemods/<name>/index.ts, README.md, cases.test.ts and cases/first-case/, and its lines in
 * codemods/index.ts and codemods/names.ts. Bloat kinds are not rules written by hand: see
 * "Adding a bloat kind" in src/engine/README.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CATEGORIES = ['ignore', 'git', 'deps', 'docker', 'security'] as const;
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

class UsageError extends Error {}

/** `drop-foo` -> `dropFoo`. */
function camel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function write(root: string, path: string, content: string, created: string[]): void {
  const abs = join(root, path);
  if (existsSync(abs)) throw new UsageError(`${path} exists already`);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, content);
  created.push(path);
}

/** Replaces the one occurrence of `anchor` in a file, or fails naming the file (it changed shape). */
function edit(root: string, path: string, anchor: string | RegExp, replace: (match: string) => string, changed: string[]): void {
  const abs = join(root, path);
  const text = readFileSync(abs, 'utf8');
  const match = typeof anchor === 'string' ? (text.includes(anchor) ? anchor : undefined) : anchor.exec(text)?.[0];
  if (match === undefined) throw new UsageError(`${path}: cannot find where to register (looked for ${String(anchor)})`);
  writeFileSync(abs, text.replace(match, replace(match)));
  changed.push(path);
}

export function newRule(root: string, id: string): string[] {
  const [category, name, ...rest] = id.split('/');
  if (category === 'bloat') throw new UsageError('a bloat kind is a module in src/bloat/detectors/ (see "Adding a bloat kind" in src/engine/README.md), not a scaffolded rule');
  if (rest.length || !name || !(CATEGORIES as readonly string[]).includes(category) || !KEBAB.test(name)) {
    throw new UsageError(`a rule is CATEGORY/NAME, with CATEGORY one of ${CATEGORIES.join(', ')} and NAME in kebab-case (got "${id}")`);
  }
  const variable = camel(name);
  const files: string[] = [];
  write(root, `src/rules/${category}/${name}.ts`, `import type { Finding } from '../../findings.js';
import type { Rule } from '../types.js';

/** ${id}: say in one line what it finds. */
const ${variable}: Rule = {
  meta: {
    id: '${id}',
    category: '${category}',
    severity: 'warning',
    description: 'what ${id} finds, in one sentence (--help, the README table, SARIF)',
    title: '${name.replace(/-/g, ' ')}',
    // The documentation: \`npm run docs:rules\` writes docs/rules/${id}.md from it.
    docs: {
      what: 'What the rule finds.',
      why: 'Why it matters.',
      fix: 'How to fix it (commands without \`repolish\` and without a path).',
      example: 'A finding as the rule reports it.',
    },
  },
  check(context) {
    const findings: Finding[] = [];
    // Read context.facts (and the analyses meta.needs declares); never the disk.
    void context;
    return findings;
  },
};

export default ${variable};
`, files);
  write(root, `test/rules/${category}/${name}.test.ts`, `import { afterAll, describe, expect, it } from 'vitest';
import { buildScanContext } from '../../../src/bloat/scan-context.js';
import ${variable} from '../../../src/rules/${category}/${name}.js';
import { makeRepo, removeDir } from '../../helpers/repo.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));

describe('${id}', () => {
  it('finds nothing in a repository without the problem', () => {
    const root = makeRepo({ 'app.py': 'print("hello")\\n' }, ['app.py']);
    roots.push(root);
    expect(${variable}.check(buildScanContext(root))).toEqual([]);
  });
});
`, files);
  edit(root, 'src/rules/index.ts', /\nimport type \{ Rule\b[^}]*\} from '\.\/types\.js';\n/, (m) => `\nimport ${variable} from './${category}/${name}.js';${m}`, files);
  edit(root, 'src/rules/index.ts', /(?<=\nexport const RULES: Rule\[\] = \[[^;]*)\n\];/, (m) => `\n  ${variable},${m}`, files);
  const schemaPath = join(root, 'schemas/config.schema.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { $defs: { ruleId: { enum: string[] } } };
  schema.$defs.ruleId.enum.push(id);
  writeFileSync(schemaPath, `${JSON.stringify(schema, null, 2)}\n`);
  files.push('schemas/config.schema.json');
  return files;
}

export function newCodemod(root: string, name: string): string[] {
  if (!KEBAB.test(name)) throw new UsageError(`a codemod name is kebab-case (got "${name}")`);
  if (existsSync(join(root, 'codemods', name))) throw new UsageError(`codemods/${name} exists already`);
  const variable = camel(name);
  const trigger = name.replace(/-/g, '_');
  const files: string[] = [];
  const dir = `codemods/${name}`;
  write(root, `${dir}/index.ts`, `/** ${name}: say in one line what it migrates. See README.md. */
import type { Codemod, FileContext, ReviewNote, SourceFile, TransformResult } from '../../src/engine/types.js';

/** The string a file must contain for the transform to see it. */
const TRIGGER = '${trigger}';

/** One file in, edits and review items out; the engine reads, diffs and writes. */
function transform(file: SourceFile, context: FileContext): TransformResult {
  void context; // context.options holds the options below, validated, defaults filled in
  // The starting point reports every use and changes nothing: replace it with the migration.
  const review: ReviewNote[] = [];
  for (let at = file.text.indexOf(TRIGGER); at !== -1; at = file.text.indexOf(TRIGGER, at + TRIGGER.length)) {
    review.push({ ...file.position(at), message: \`\${TRIGGER} is used here\` });
  }
  return { review };
}

export const ${variable}: Codemod = {
  name: '${name}',
  description: 'what ${name} migrates, in one line (codemod list)',
  files: ['*.py'],
  triggers: [TRIGGER],
  options: [],
  transform,
};

export default ${variable};
`, files);
  write(root, `${dir}/README.md`, `# ${name}

What it migrates, and why.

## What it edits

## What it leaves for review

## Options

None yet.
`, files);
  write(root, `${dir}/cases.test.ts`, `/** The ${name} cases (cases/<case>/), through the shared case suite (test/helpers/codemod-suite.ts). */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeCases } from '../../test/helpers/codemod-suite.js';
import { ${variable} } from './index.js';

describeCases(${variable}, join(fileURLToPath(new URL('.', import.meta.url)), 'cases'), { minCases: 1 });
`, files);
  const program = `import ${trigger}\n\nprint(${trigger}.VERSION)\n`;
  write(root, `${dir}/cases/first-case/input/app.py`, program, files);
  write(root, `${dir}/cases/first-case/expected/app.py`, program, files);
  write(root, `${dir}/cases/first-case/review.txt`, `app.py:1:8: ${trigger} is used here\napp.py:3:7: ${trigger} is used here\n`, files);
  edit(root, 'codemods/index.ts', /\n\nexport const codemods: Codemod\[\] = \[/, (m) => `\nimport { ${variable} } from './${name}/index.js';${m}`, files);
  edit(root, 'codemods/index.ts', /(export const codemods: Codemod\[\] = \[[^\]]*)\];/, (m) => m.replace(/\];$/, `, ${variable}];`), files);
  edit(root, 'codemods/names.ts', /(export const CODEMOD_NAMES: readonly string\[\] = \[[^\]]*)\];/, (m) => m.replace(/\];$/, `, '${name}'];`), files);
  return files;
}

function main(argv: string[]): number {
  const args = [...argv];
  let root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const at = args.indexOf('--root');
  if (at !== -1) {
    if (!args[at + 1]) throw new UsageError('--root needs a folder');
    root = resolve(args[at + 1]);
    args.splice(at, 2);
  }
  const [what, name] = args;
  if (args.length !== 2 || (what !== 'rule' && what !== 'codemod')) throw new UsageError('usage: npm run new -- rule CATEGORY/NAME | codemod NAME [--root DIR]');
  const files = [...new Set(what === 'rule' ? newRule(root, name) : newCodemod(root, name))];
  process.stdout.write(`${files.join('\n')}\n`);
  process.stderr.write(what === 'rule'
    ? `new: rule ${name} created and registered; write its check and test, then \`npm run docs:rules\` for docs/rules/${name}.md\n`
    : `new: codemod ${name} created and registered; write its transform and cases (npx vitest run codemods/${name})\n`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  process.stderr.write(`new: ${err.message}\n`);
  process.exitCode = 2;
}
