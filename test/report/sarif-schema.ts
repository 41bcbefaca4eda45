/**
 * The SARIF 2.1.0 JSON schema (the final committee draft, rtm.5, as Microsoft ships it in
 * @microsoft/jest-sarif), compiled with Ajv for draft-04 with its formats checked.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);

export function sarifValidator(): { validate: (log: unknown) => boolean; errors: () => string } {
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  // The published schema has a `language` pattern that is only valid without the regex `u` flag.
  // Both packages are CommonJS with a `default` export, which is what NodeNext types see.
  const ajv = new Ajv.default({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats.default(ajv);
  const compiled = ajv.compile(schema);
  return {
    validate: (log) => compiled(log) as boolean,
    errors: () => ajv.errorsText(compiled.errors, { separator: '\n' }),
  };
}
