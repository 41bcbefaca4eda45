import { analyzeDependencies } from '../../deps/analysis.js';
import { imageUnusedDeclarations } from '../../docker/image-deps.js';
import { declarationText, isEstimated, listWithSizes, sizeText } from '../../deps/describe.js';
import type { Finding } from '../../findings.js';
import type { Rule } from '../types.js';
import { unusedFindingFields } from './shared.js';

/** An unused dependency that weighs (with what only it brings in) at least the heavy threshold. */
const heavyUnused: Rule = {
  meta: {
    id: 'deps/heavy-unused', category: 'deps', severity: 'warning',
    description: 'a heavy declared dependency that nothing uses: removing it frees its measured (or typical) size',
  },
  check(context) {
    const analysis = analyzeDependencies(context);
    // Declarations an image installs without using are docker/heavy-unused-in-image findings.
    const reportedForImages = imageUnusedDeclarations(context);
    const threshold = context.settings.heavyPackageBytes;
    const findings: Finding[] = [];
    const verdicts = [...analysis.verdicts.values()]
      .filter((v) => v.status === 'unused' && Math.max(v.size?.bytes ?? 0, v.withDependencies.bytes) >= threshold)
      .sort((a, b) => b.withDependencies.bytes - a.withDependencies.bytes);
    for (const v of verdicts) {
      for (const d of v.declarations) {
        if (reportedForImages.has(`${d.manifest}:${d.line}`)) continue;
        const where = analysis.env && !isEstimated(v) ? ` (measured in ${analysis.env.path}/)` : '';
        const n = v.exclusiveDependencies.length;
        const weight = n > 0
          ? `with the ${n} package${n === 1 ? '' : 's'} only it brings in (${listWithSizes(v.exclusiveDependencies, (x) => analysis.graph.size(x))}) it weighs ${sizeText(v.withDependencies)}${where}; itself ${sizeText(v.size)}`
          : `it weighs ${sizeText(v.size)}${where}`;
        let alone = '';
        if (v.freed.bytes === 0 && v.requiredBy.length > 0) alone = `; it goes only together with ${v.requiredBy.join(', ')} (also unused), which require${v.requiredBy.length === 1 ? 's' : ''} it`;
        else if (v.freed.bytes < v.withDependencies.bytes) alone = `; removing this line alone frees ${sizeText(v.freed)}: the rest is declared on lines of its own (unused too)`;
        const caveat = v.graphUnknown ? '; no virtualenv here to confirm that no other dependency needs it' : '';
        findings.push({
          rule: 'deps/heavy-unused', severity: 'warning', path: d.manifest, line: d.line, package: v.name,
          message: `${v.name} (${declarationText(d)}) is never imported, run or needed by a used package: ${weight}${alone}${caveat}`,
          fix: `remove it from ${declarationText(d)}: \`repolish codemod run prune-requirements\``,
          ...unusedFindingFields(v, d, analysis),
          estimated: isEstimated(v) || undefined,
        });
      }
    }
    return findings;
  },
};

export default heavyUnused;
