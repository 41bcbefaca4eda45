import { formatBytes } from '../../bloat/detector.js';
import type { Rule } from '../types.js';

/** Bloat that is committed: every clone and every image build pays for it. */
const trackedBloat: Rule = {
  meta: { id: 'git/tracked-bloat', category: 'git', severity: 'error', description: 'bloat that git tracks (committed caches, logs, databases, environments, data)' },
  check({ bloat }) {
    return bloat.items
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
        fix: `\`repolish clean --untrack\` runs \`git rm -r --cached -- ${item.path}\` (the files stay on disk)${item.ignored ? '' : '; `repolish fix --write` ignores it'}`,
      }));
  },
};

export default trackedBloat;
