import { formatBytes } from '../../bloat/detector.js';
import { gitCommand, hints } from '../../model/hint.js';
import { hintScope, type Rule } from '../types.js';
import type { RuleDocumentation } from '../docs.js';

const DOCS: RuleDocumentation = {
  title: 'Committed bloat',
  docs: {
    what: 'Bloat (caches, logs, databases, environments, data) that git tracks.',
    why: 'Every clone downloads it and every change to it grows the history.',
    fix: '`clean --untrack --yes` removes it from the index (the files stay on disk; the untracked caches it lists are deleted in the same run); commit, and let `fix` ignore it.',
    example: '`users.db`: SQLite database, 120 KB, is committed to git',
  },
};

/** Bloat that is committed: every clone and every image build pays for it. */
const trackedBloat: Rule = {
  meta: { id: 'git/tracked-bloat', category: 'git', severity: 'error', description: 'bloat that git tracks (committed caches, logs, databases, environments, data)', ...DOCS },
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
