import { analyzeDependencies } from '../../deps/analysis.js';
import { imageUnusedDeclarations } from '../../docker/image-deps.js';
import { declarationText, isEstimated, listWithSizes, sizeText } from '../../deps/describe.js';
import type { Finding } from '../../findings.js';
import type { Rule } from '../types.js';
import { unusedFindingFields } from './shared.js';

/** Declared, never imported, run or configured, and needed by no package the project uses. */
const unused: Rule = {
  meta: {
    id: 'deps/unused', category: 'deps', severity: 'warning',
    description: 'a declared dependency that no code imports, no command runs and no used package requires',
  },
  check(context) {
    const analysis = analyzeDependencies(context);
    // Declarations an image installs without using are docker/heavy-unused-in-image findings.
    const reportedForImages = imageUnusedDeclarations(context);
    const threshold = context.settings.heavyPackageBytes;
    const findings: Finding[] = [];
    for (const v of analysis.verdicts.values()) {
      if (v.status !== 'unused' && v.status !== 'tool') continue;
      const weight = Math.max(v.size?.bytes ?? 0, v.withDependencies.bytes);
      if (v.status === 'unused' && weight >= threshold) continue; // deps/heavy-unused reports it
      for (const d of v.declarations) {
        if (reportedForImages.has(`${d.manifest}:${d.line}`)) continue;
        const fields = unusedFindingFields(v, d, analysis);
        let message: string;
        let severity: Finding['severity'];
        if (v.status === 'tool') {
          severity = 'info';
          message = `${v.name} (${declarationText(d)}) is a command-line tool that no script, CI workflow, Dockerfile or configuration file in the repository runs or configures`;
        } else {
          const main = d.group === 'main';
          severity = main && !v.graphUnknown ? 'warning' : 'info';
          const size = v.size ? `, ${sizeText(v.size)}` : '';
          const why = v.requiredBy.length > 0 ? `; only ${v.requiredBy.join(', ')} (also unused) require${v.requiredBy.length === 1 ? 's' : ''} it` : '';
          const extra = v.exclusiveDependencies.length > 0 ? `; it alone brings ${listWithSizes(v.exclusiveDependencies, (n) => analysis.graph.size(n))}` : '';
          const caveat = v.graphUnknown ? ' (no virtualenv here to confirm that no other dependency needs it)' : '';
          message = `${v.name} is declared in ${declarationText(d)}${d.group === 'main' ? '' : ` (${d.group})`} but nothing imports, runs or needs it${size}${why}${extra}${caveat}`;
        }
        findings.push({
          rule: 'deps/unused', severity, path: d.manifest, line: d.line, package: v.name, message,
          fix: v.status === 'tool'
            ? `if nobody runs ${v.name}, remove it from ${declarationText(d)}`
            : `remove it from ${declarationText(d)}: \`repolish codemod run prune-requirements\``,
          ...fields,
          tool: v.status === 'tool' || undefined,
          estimated: isEstimated(v) || undefined,
        });
      }
    }
    return findings.sort((a, b) => a.path.localeCompare(b.path) || (a.line ?? 0) - (b.line ?? 0));
  },
};

export default unused;
