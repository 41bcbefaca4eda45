/** One rule per bloat kind: the kind's module decides what it is and describes it; the rule reports it and says what to do. */
import type { Finding } from '../../findings.js';
import type { BloatDetector } from '../../bloat/detector.js';
import { DETECTORS } from '../../bloat/detectors/index.js';
import type { BloatItem } from '../../model/bloat.js';
import { hints, type HintScope } from '../../model/hint.js';
import { hintScope, type Rule } from '../types.js';
import { settledComposeVolume } from './settled.js';

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
    meta: { id: detector.rule, category: 'bloat', severity: detector.severity, description: detector.summary, title: detector.title, docs: detector.docs, findingBytes: 'waste' },
    check(context) {
      const scope = hintScope(context);
      return context.bloat.items
        .filter((item) => item.rule === detector.rule)
        .map((item): Finding => ({
          rule: detector.rule,
          // Ignored, out of every build context and mounted as a compose volume: handled on purpose.
          severity: settledComposeVolume(context, item) ? 'info' : detector.severity,
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
