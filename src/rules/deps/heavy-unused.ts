import { analyzeDependencies } from '../../deps/analysis.js';
import { declarationText, estimateNote, isEstimated, listWithSizes, shortSize } from '../../deps/describe.js';
import { effectiveVerdicts } from '../../deps/image-deps.js';
import type { Finding } from '../../findings.js';
import { hints } from '../../model/hint.js';
import { hintScope, type Rule } from '../types.js';
import { imageScopeText, isHeavy, unusedFindingFields } from './shared.js';
import type { RuleDocumentation } from '../docs.js';

const DOCS: RuleDocumentation = {
  title: 'Heavy unused dependency',
  docs: {
    what: 'A heavy declared dependency that no code imports, no command runs and no used package requires.',
    why: 'Removing it frees its measured (or typical) installed size from every environment and image.',
    fix: '`codemod run prune-requirements` removes it from the manifests as a reviewable diff.',
    example: '`torch` (requirements.txt:3) is never imported, run or needed by a used package: it weighs 2.1 GB',
  },
};

/** An unused dependency that weighs (with what only it brings in) at least the heavy threshold. */
const heavyUnused: Rule = {
  meta: {
    id: 'deps/heavy-unused', category: 'deps', severity: 'warning', needs: ['imports'], findingBytes: 'freed', packageVerdict: { heavy: true, unused: true },
    description: 'a heavy declared dependency that nothing uses: removing it frees its measured (or typical) size', ...DOCS,
  },
  check(context) {
    const analysis = analyzeDependencies(context);
    const findings: Finding[] = [];
    const items = effectiveVerdicts(context)
      .filter(({ verdict: v }) => v.status === 'unused' && isHeavy(v, context.settings.heavyPackageBytes))
      .sort((a, b) => b.verdict.withDependencies.bytes - a.verdict.withDependencies.bytes || (b.verdict.size?.bytes ?? 0) - (a.verdict.size?.bytes ?? 0));
    for (const { declaration: d, verdict: v, images } of items) {
      const estimated = isEstimated(v);
      const where = analysis.env && !estimated ? ` (measured in ${analysis.env.path}/)` : '';
      const n = v.exclusiveDependencies.length;
      const weight = n > 0
        ? `with the ${n} package${n === 1 ? '' : 's'} only it brings in (${listWithSizes(v.exclusiveDependencies, (x) => analysis.graph.size(x))}) it weighs ${shortSize(v.withDependencies)}${where}, itself ${shortSize(v.size)}`
        : `it weighs ${shortSize(v.size)}${where}`;
      const declaredToo = v.exclusiveDependencies.filter((x) => analysis.resolver.declared.has(x));
      let alone = '';
      if (v.freed.bytes === 0 && v.requiredBy.length > 0) alone = `; it goes only together with ${v.requiredBy.join(', ')} (also unused), which require${v.requiredBy.length === 1 ? 's' : ''} it`;
      else if (declaredToo.length > 0) alone = `; removing this line alone frees ${shortSize(v.freed)} while ${declaredToo.join(', ')} (unused too) stay${declaredToo.length === 1 ? 's' : ''} declared`;
      const caveat = v.graphUnknown ? '; no virtualenv here to confirm that no other dependency needs it' : '';
      const scope = images.length > 0 ? imageScopeText(images) : 'is never imported, run or needed by a used package';
      findings.push({
        rule: 'deps/heavy-unused', severity: 'warning', path: d.manifest, line: d.line, package: v.name,
        message: `${v.name} (${declarationText(d)}) ${images.length > 0 ? `is declared, but ${scope}` : scope}: ${weight}${alone}${caveat}${estimateNote(estimated)}`,
        fix: `remove it from ${declarationText(d)}: \`${hints.codemod(hintScope(context), 'prune-requirements')}\``,
        ...unusedFindingFields(v, d, analysis, images),
        estimated: estimated || undefined,
        codemod: 'prune-requirements',
      });
    }
    return findings;
  },
};

export default heavyUnused;
