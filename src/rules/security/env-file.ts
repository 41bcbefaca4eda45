import type { Finding } from '../../findings.js';
import { dockerignorePlans } from '../../ignorefiles/dockerignore-plan.js';
import { findSecretFiles } from '../../ignorefiles/secrets.js';
import { hints } from '../../model/hint.js';
import { hintScope, type Rule } from '../types.js';
import type { RuleDocumentation } from '../docs.js';

const DOCS: RuleDocumentation = {
  title: 'Secret file exposed',
  docs: {
    what: 'A .env or private key file that git tracks, or that a build context sends to the builder without a .dockerignore excluding it.',
    why: 'Secrets in git stay in the history; secrets in a build context end up in image layers.',
    fix: 'Untrack it (`clean --untrack --yes`) and rotate the secrets it held; `fix` excludes it from build contexts.',
    example: '`.env`: environment file committed to git',
  },
};

/** `.env` files and private keys that git tracks, or that a build context sends to the builder. */
const envFile: Rule = {
  meta: { id: 'security/env-file', category: 'security', severity: 'error', description: 'a .env or private key file that is tracked, or inside a build context that no .dockerignore excludes', ...DOCS },
  check(context) {
    const findings: Finding[] = [];
    const exposedToBuild = new Map<string, string>();
    for (const plan of dockerignorePlans(context)) {
      for (const entry of plan.entries) {
        if (entry.group !== 'Secrets') continue;
        for (const path of entry.covers) exposedToBuild.set(path, plan.context.containerFiles.join(', '));
      }
    }
    for (const secret of findSecretFiles(context.facts, context.bloat)) {
      const what = secret.kind === 'env' ? 'environment file' : 'private key';
      const reasons: string[] = [];
      if (secret.file.tracked) reasons.push('committed to git');
      const build = exposedToBuild.get(secret.path);
      if (build) reasons.push(`sent to the build context of ${build}`);
      if (reasons.length === 0) continue;
      findings.push({
        rule: 'security/env-file',
        severity: 'error',
        path: secret.path,
        bytes: secret.file.size,
        tracked: secret.file.tracked,
        ignored: secret.file.ignored,
        message: `${what} ${reasons.join(' and ')}`,
        fix: [
          secret.file.tracked ? `untrack it (\`${hints.untrack(hintScope(context))}\`) and rotate the secrets it held` : '',
          build ? `exclude it from the build context (\`${hints.fixWrite(hintScope(context))}\`)` : '',
        ].filter(Boolean).join('; '),
      });
    }
    return findings;
  },
};

export default envFile;
