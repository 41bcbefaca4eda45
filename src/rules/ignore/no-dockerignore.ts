import { formatBytes } from '../../bloat/detector.js';
import { dockerignorePlans, renderDockerignore } from '../../ignorefiles/dockerignore-plan.js';
import { hints } from '../../model/hint.js';
import { hintScope, type Rule } from '../types.js';
import type { RuleDocumentation } from '../docs.js';

const DOCS: RuleDocumentation = {
  title: 'Build context without .dockerignore',
  docs: {
    what: 'A build context with container files and no .dockerignore (or .containerignore).',
    why: 'The whole context, environments, caches, data and .git included, goes to the builder on every build.',
    fix: '`fix` writes a .dockerignore built for the context, never excluding a source file or anything a COPY/ADD names.',
    fixSafety: 'entries never exclude a source file or anything a COPY/ADD names.',
    example: '`.`: build context of Dockerfile has no .dockerignore',
  },
};

/** A build context with container files and no `.dockerignore`: everything in it goes to the builder. */
const noDockerignore: Rule = {
  meta: { id: 'ignore/no-dockerignore', category: 'ignore', severity: 'warning', description: 'a container build context has no .dockerignore or .containerignore', ...DOCS, fixSafety: 'safe', keepsOut: 'build-contexts' },
  check(context) {
    return dockerignorePlans(context)
      .filter((plan) => !plan.exists)
      .map((plan) => {
        const bytes = plan.entries.reduce((sum, e) => sum + e.bytes, 0);
        return {
          rule: 'ignore/no-dockerignore',
          severity: 'warning' as const,
          path: plan.context.path,
          bytes,
          containerFiles: plan.context.containerFiles,
          message: `build context of ${plan.context.containerFiles.join(', ')} has no .dockerignore: ${formatBytes(bytes)} of local environments, caches and data${plan.entries.some((e) => e.group === 'Secrets') ? ', and secrets,' : ''} are sent to every build`,
          fix: `create ${plan.ignoreFile} (${plan.entries.length} entries): \`${hints.fixWrite(hintScope(context))}\``,
        };
      });
  },
  fix(context) {
    return dockerignorePlans(context)
      .filter((plan) => !plan.exists && plan.entries.length > 0)
      .map((plan) => ({ path: plan.ignoreFile, create: true, edits: [{ start: 0, end: 0, text: renderDockerignore(plan) }] }));
  },
};

export default noDockerignore;
