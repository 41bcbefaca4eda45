import { formatBytes } from '../../bloat/detector.js';
import { gitCommand, hints } from '../../report/hint.js';
import { hintScope, type Rule } from '../types.js';

/** Bloat that is committed: every clone and every image build pays for it. */
const trackedBloat: Rule = {
  meta: { id: 'git/tracked-bloat', category: 'git', severity: 'error', description: 'bloat that git tracks (committed caches, logs, databases, environments, data)' },
  check(context) {
    const scope = hintScope(context);
    return context. bloat.items
      .filter((item) => item.tracked)
      .map((item) => ({
        rule: 'git/tracked-bloat',
        severity: 'error' as const,
        path: item.path,
        bytes: item.bytes,
        files: item.files,
        tracked: true,
        ignored: item.ignored,
        kind: item.rule,
        message: `${item.description}, ${formatBytes(item.bytes)}, is committed to git`,
        fix: `\`${hints.untrack(scope)}\` runs \`${gitCommand(scope, ['rm', '-r', '--cached'], [item.path])}\` (the files stay on disk; it also deletes the untracked caches it lists)${item.ignored ? '' : `; \`${hints.fixWrite(scope)}\` ignores it`}`,
      }));
  },
};

export default trackedBloat;
