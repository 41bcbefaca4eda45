import { formatBytes } from '../../bloat/detector.js';
import { appendBlockEdit } from '../../ignorefiles/append.js';
import { dockerignorePlans, renderDockerignore } from '../../ignorefiles/dockerignore-plan.js';
import type { Finding } from '../../findings.js';
import { hints } from '../../model/hint.js';
import { hintScope, type Rule } from '../types.js';
import type { RuleDocumentation } from '../docs.js';

const DOCS: RuleDocumentation = {
  title: 'Not excluded by .dockerignore',
  docs: {
    what: 'Bloat or a secret inside a container build context whose .dockerignore does not exclude it.',
    why: 'Everything in the context is sent to the builder on every build, and `COPY . .` puts it in the image.',
    fix: '`fix` appends Docker-syntax entries, never excluding a source file or anything a COPY/ADD names.',
    fixSafety: 'entries never exclude a source file or anything a COPY/ADD names.',
    example: '`.venv`: sent to the build context of Dockerfile: .dockerignore does not exclude it',
  },
};

/** A `.dockerignore` that exists but lets bloat or secrets into the build context. */
const missingDockerignore: Rule = {
  meta: { id: 'ignore/missing-dockerignore', category: 'ignore', severity: 'warning', description: '.dockerignore does not exclude bloat or secrets in the build context', ...DOCS, fixSafety: 'safe', keepsOut: 'build-contexts' },
  check(context) {
    const findings: Finding[] = [];
    for (const plan of dockerignorePlans(context)) {
      if (!plan.exists) continue;
      for (const entry of plan.entries) {
        for (const path of entry.covers) {
          findings.push({
            rule: 'ignore/missing-dockerignore',
            severity: entry.group === 'Secrets' ? 'error' : 'warning',
            path,
            bytes: entry.covers.length === 1 ? entry.bytes : undefined,
            pattern: entry.pattern,
            ignoreFile: plan.ignoreFile,
            message: `sent to the build context of ${plan.context.containerFiles.join(', ')}: ${plan.ignoreFile} does not exclude it${entry.covers.length === 1 ? ` (${formatBytes(entry.bytes)})` : ''}`,
            fix: `add \`${entry.pattern}\` to ${plan.ignoreFile}: \`${hints.fixWrite(hintScope(context))}\``,
          });
        }
      }
    }
    return findings;
  },
  fix(context) {
    return dockerignorePlans(context)
      .filter((plan) => plan.exists && plan.entries.length > 0)
      .map((plan) => appendBlockEdit(context.facts, plan.ignoreFile, renderDockerignore(plan)));
  },
};

export default missingDockerignore;
