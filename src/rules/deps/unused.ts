import { analyzeDependencies } from '../../deps/analysis.js';
import { declarationText, estimateNote, evidenceText, isEstimated, listWithSizes, shortSize } from '../../deps/describe.js';
import { unreadText } from '../../deps/unread.js';
import { effectiveVerdicts } from '../../deps/image-deps.js';
import type { Finding } from '../../findings.js';
import { hints } from '../../model/hint.js';
import { hintScope, type Rule } from '../types.js';
import { imageScopeText, isHeavy, unusedFindingFields } from './shared.js';
import type { RuleDocumentation } from '../docs.js';

const DOCS: RuleDocumentation = {
  title: 'Unused dependency',
  docs: {
    what: 'A declared dependency that no code imports, no command runs and no used package requires.',
    why: 'Unused dependencies slow installs, widen the attack surface and pin versions for nothing.',
    fix: '`codemod run prune-requirements` removes it; development tools are kept unless asked.',
    example: '`requests` is declared in requirements.txt:2 but nothing imports, runs or needs it',
  },
};

/** Declared, never imported, run or configured, and needed by no package the project uses. */
const unused: Rule = {
  meta: {
    id: 'deps/unused', category: 'deps', severity: 'warning', needs: ['imports'], findingBytes: 'freed', packageVerdict: { heavy: false, unused: true },
    description: 'a declared dependency that no code imports, no command runs and no used package requires', ...DOCS,
  },
  check(context) {
    const analysis = analyzeDependencies(context);
    const findings: Finding[] = [];
    for (const { declaration: d, verdict: v, images } of effectiveVerdicts(context)) {
      if (v.status === 'possible' || v.status === 'unknown') {
        // Never imported, yet not unused: say which use needs it, or which file could not be read.
        const why = v.status === 'possible'
          ? `it is possibly used: ${evidenceText(v.evidence, 3)}`
          : `${unreadText(v.unreadFiles ?? [])}, so what it imports is unknown`;
        findings.push({
          rule: 'deps/unused', severity: 'info', path: d.manifest, line: d.line, package: v.name,
          message: `${v.name} (${declarationText(d)}) is never imported, but ${why}; it is kept (never removed automatically)`,
          fix: v.status === 'possible' ? `keep it while that use remains` : `make the file readable (or check it by hand) before removing ${v.name}`,
          ...unusedFindingFields(v, d, analysis, images),
          possiblyUsed: v.status === 'possible' || undefined,
          neededBy: v.status === 'possible' ? v.evidence.map((e) => (e.line ? `${e.path}:${e.line}` : e.path)) : undefined,
          unreadFiles: v.status === 'unknown' ? (v.unreadFiles ?? []).map((f) => f.shown) : undefined,
        });
        continue;
      }
      if (v.status !== 'unused' && v.status !== 'tool') continue;
      if (v.status === 'unused' && isHeavy(v, context.settings.heavyPackageBytes)) continue; // deps/heavy-unused
      let message: string;
      let severity: Finding['severity'];
      if (v.status === 'tool') {
        severity = 'info';
        message = `${v.name} (${declarationText(d)}) is a command-line tool that no script, CI workflow, Dockerfile or configuration file in the repository runs or configures`;
      } else {
        severity = d.group === 'main' && !v.graphUnknown ? 'warning' : 'info';
        const size = v.size ? `, ${shortSize(v.size)}` : '';
        const why = v.requiredBy.length > 0 ? `; only ${v.requiredBy.join(', ')} (also unused) require${v.requiredBy.length === 1 ? 's' : ''} it` : '';
        const extra = v.exclusiveDependencies.length > 0 ? `; it alone brings ${listWithSizes(v.exclusiveDependencies, (n) => analysis.graph.size(n))}` : '';
        const caveat = v.graphUnknown ? ' (no virtualenv here to confirm that no other dependency needs it)' : '';
        const group = d.group === 'main' ? '' : ` (${d.group})`;
        message = `${v.name} is declared in ${declarationText(d)}${group} but ${images.length > 0 ? imageScopeText(images) : 'nothing imports, runs or needs it'}${size}${why}${extra}${caveat}${estimateNote(isEstimated(v))}`;
      }
      findings.push({
        rule: 'deps/unused', severity, path: d.manifest, line: d.line, package: v.name, message,
        fix: v.status === 'tool'
          ? `if nobody runs ${v.name}, remove it from ${declarationText(d)}`
          : `remove it from ${declarationText(d)}: \`${hints.codemod(hintScope(context), 'prune-requirements')}\``,
        ...unusedFindingFields(v, d, analysis, images),
        tool: v.status === 'tool' || undefined,
        codemod: v.status === 'tool' ? undefined : 'prune-requirements',
        estimated: isEstimated(v) || undefined,
      });
    }
    return findings.sort((a, b) => a.path.localeCompare(b.path) || (a.line ?? 0) - (b.line ?? 0));
  },
};

export default unused;
