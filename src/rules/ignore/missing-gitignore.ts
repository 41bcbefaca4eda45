import { formatBytes } from '../../bloat/detector.js';
import { gitignorePlan } from '../../ignorefiles/gitignore-plan.js';
import { renderGitignoreBlock } from '../../ignorefiles/gitignore-entries.js';
import { hints } from '../../model/hint.js';
import { hintScope, type Rule } from '../types.js';
import { appendBlockEdit } from '../../ignorefiles/append.js';
import type { RuleDocumentation } from '../docs.js';

const DOCS: RuleDocumentation = {
  title: 'Not covered by .gitignore',
  docs: {
    what: 'Bloat or a secret in the tree that no .gitignore rule covers.',
    why: 'It is one `git add .` away from being committed.',
    fix: '`fix` appends a commented block with the shortest pattern that says what each item is, checked against every other file so that no source is ignored.',
    fixSafety: 'ignoring an untracked item changes what `git add` picks up, not how anything runs.',
    example: '`__pycache__`: not covered by .gitignore; `fix` adds `__pycache__/`',
  },
};

/** Bloat and secrets that no ignore rule covers: one `git add .` away from being committed. */
const missingGitignore: Rule = {
  meta: { id: 'ignore/missing-gitignore', category: 'ignore', severity: 'warning', description: '.gitignore does not cover bloat or secrets that are in the tree', ...DOCS, fixSafety: 'safe', keepsOut: 'commits' },
  check(context) {
    const plan = gitignorePlan(context);
    return plan.candidates.map((candidate) => {
      // No pattern for a name with a line break: it is reported (a warning says why), never written.
      const pattern = plan.patternFor.get(candidate.path);
      const size = candidate.item ? `, ${formatBytes(candidate.item.bytes)}` : '';
      return {
        rule: 'ignore/missing-gitignore',
        severity: 'warning' as const,
        path: candidate.path,
        bytes: candidate.item?.bytes,
        files: candidate.item?.files,
        tracked: candidate.item?.tracked ?? context.facts.file(candidate.path)?.file.tracked ?? false,
        ignored: false,
        kind: candidate.rule,
        pattern,
        message: `not covered by .gitignore (${candidate.rule}${size})`,
        fix: pattern === undefined ? 'rename it (no .gitignore pattern can express a line break), then ignore it' : `add \`${pattern}\` to .gitignore: \`${hints.fixWrite(hintScope(context))}\``,
      };
    });
  },
  fix(context) {
    const { entries } = gitignorePlan(context);
    if (entries.length === 0) return [];
    return [appendBlockEdit(context.facts, '.gitignore', renderGitignoreBlock(entries))];
  },
};

export default missingGitignore;
