/** One rule per bloat detector: the detector decides what it is; the rule says what to do about it. */
import type { Finding, Severity } from '../../findings.js';
import type { BloatDetector } from '../../bloat/detector.js';
import { DETECTORS } from '../../bloat/detectors/index.js';
import type { BloatItem } from '../../bloat/types.js';
import { hints, type HintScope } from '../../report/hint.js';
import { hintScope, type Rule } from '../types.js';
import { BLOAT_DOCS } from './docs/index.js';
import { settledComposeVolume } from './settled.js';

const SEVERITY: Record<string, Severity> = {
  'bloat/pycache': 'info',
  'bloat/tool-cache': 'info',
  'bloat/build-output': 'info',
  'bloat/log': 'info',
};

export function bloatState(item: BloatItem): string {
  if (item.tracked) return 'committed to git';
  return item.ignored ? 'untracked, ignored' : 'untracked, not ignored';
}

export function bloatFix(item: BloatItem, scope: HintScope): string {
  const steps: string[] = [];
  if (item.tracked) steps.push(`stop tracking it (the files stay; untracked caches are deleted too): \`${hints.untrack(scope)}\``);
  if (!item.ignored) steps.push(`ignore it: \`${hints.fixWrite(scope)}\``);
  if (!item.tracked) steps.push(`delete it: \`${hints.cleanDelete(scope, item.clean)}\` (deletes every untracked ${item.clean} path it lists: run it without --yes first to see them)`);
  if (item.clean === 'data') steps.push('or move it to external storage');
  return steps.join('; ');
}

function bloatRule(detector: BloatDetector): Rule {
  return {
    meta: { id: detector.rule, category: 'bloat', severity: SEVERITY[detector.rule] ?? 'warning', description: detector.summary, ...BLOAT_DOCS[detector.rule] },
    check(context) {
      const scope = hintScope(context);
      return context.bloat.items
        .filter((item) => item.rule === detector.rule)
        .map((item): Finding => ({
          rule: detector.rule,
          // Ignored, out of every build context and mounted as a compose volume: handled on purpose.
          severity: settledComposeVolume(context, item) ? 'info' : SEVERITY[detector.rule] ?? 'warning',
          path: item.path,
          bytes: item.bytes,
          files: item.files,
          tracked: item.tracked,
          ignored: item.ignored,
          message: `${item.description} (${bloatState(item)}${settledComposeVolume(context, item) ? ', excluded from every build context, a compose volume' : ''})`,
          fix: bloatFix(item, scope),
          ...(item.allocated < item.bytes / 2 ? { allocatedBytes: item.allocated } : {}),
          ...(item.details ?? {}),
        }));
    },
  };
}

export const bloatRules: Rule[] = DETECTORS.map(bloatRule);
