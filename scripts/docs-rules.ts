/** `npm run docs:rules`: writes docs/rules/<id>.md and the README's rule table from the rules' metadata. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../src/rules/index.js';
import { ruleDocFiles, withRuleTable } from '../src/rules/docs.js';

const top = join(dirname(fileURLToPath(import.meta.url)), '..');
const metas = RULES.map((r) => r.meta);
for (const file of ruleDocFiles(metas)) {
  mkdirSync(dirname(join(top, file.path)), { recursive: true });
  writeFileSync(join(top, file.path), file.content);
}
const readme = join(top, 'README.md');
writeFileSync(readme, withRuleTable(readFileSync(readme, 'utf8'), metas));
process.stdout.write(`docs:rules: wrote ${metas.length} rule pages and the README table\n`);
