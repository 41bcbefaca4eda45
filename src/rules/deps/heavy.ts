import { analyzeDependencies, type HeavyPackage } from '../../deps/analysis.js';
import { imageUnusedDeclarations } from '../../deps/image-deps.js';
import { estimateNote, evidenceText, listWithSizes, place, shortSize } from '../../deps/describe.js';
import type { Finding } from '../../findings.js';
import type { DeclaredDependency } from '../../manifests/types.js';
import { hints } from '../../model/hint.js';
import { hintScope, type Rule } from '../types.js';
import type { RuleDocumentation } from '../docs.js';

const DOCS: RuleDocumentation = {
  title: 'Heavy dependency in use',
  docs: {
    what: 'A heavy dependency the project does use: its measured weight, why it is kept, and what would make it lighter.',
    why: 'Knowing what the weight is for is the first step to a lighter alternative (a CPU-only build, a smaller package).',
    fix: 'Follow the advice in the finding; some come with a codemod (`codemod run NAME`).',
    example: '`openai-whisper`: 2.9 GB; consider faster-whisper',
  },
};

/** Why a heavy package is kept, in words. */
function keptBecause(h: HeavyPackage, analysis: ReturnType<typeof analyzeDependencies>): string {
  if (h.verdict?.status === 'used') return `used: ${evidenceText(h.verdict.evidence)}`;
  const holders = h.requiredBy.length > 0 ? h.requiredBy : h.pulledInBy;
  const described = holders.slice(0, 3).map((name) => {
    const v = analysis.verdicts.get(name);
    const use = v?.status === 'used' && v.evidence[0] ? ` (${v.evidence[0].kind === 'import' ? 'imported' : 'used'} in ${place(v.evidence[0].path, v.evidence[0].line)})` : '';
    return `${name}${use}`;
  });
  return `kept because ${described.join(', ')}${holders.length > 3 ? ` and ${holders.length - 3} more` : ''} require${holders.length === 1 ? 's' : ''} it`;
}

/** A package that is used (or needed by a used one) and weighs at least the heavy threshold. */
const heavy: Rule = {
  meta: {
    id: 'deps/heavy', category: 'deps', severity: 'info', needs: ['imports'], findingBytes: 'freed', packageVerdict: { heavy: true, unused: false },
    description: 'a heavy dependency the project does use: its measured weight, why it is kept and what would make it lighter', ...DOCS,
  },
  check(context) {
    const analysis = analyzeDependencies(context);
    const reportedForImages = imageUnusedDeclarations(context);
    const findings: Finding[] = [];
    for (const h of analysis.heavy) {
      // A declaration in an image that does not use the package is not why it is kept.
      const own = h.verdict?.declarations.find((d) => !reportedForImages.has(`${d.manifest}:${d.line}`));
      const declaration: DeclaredDependency | undefined = own
        ?? h.pulledInBy.map((r) => analysis.verdicts.get(r)?.declarations[0]).find(Boolean) ?? h.verdict?.declarations[0];
      if (!declaration) continue;
      const declared = Boolean(own);
      const measured = h.size.estimated ? '' : analysis.env ? ` (measured in ${analysis.env.path}/)` : '';
      const cuda = h.accelerators.length > 0
        ? `, plus ${shortSize(h.acceleratorBytes)} of CUDA libraries it pulls in (${listWithSizes(h.accelerators.map((a) => a.name), (n) => analysis.graph.size(n))})`
        : '';
      let notDeclared = '';
      if (h.verdict && !own) notDeclared = `; its own declaration (${place(h.verdict.declarations[0].manifest, h.verdict.declarations[0].line)}) is for an image that does not use it`;
      else if (!declared) notDeclared = `; not declared itself: ${h.pulledInBy.join(', ')} bring${h.pulledInBy.length === 1 ? 's' : ''} it in (${place(declaration.manifest, declaration.line)})`;
      const advice = h.advice.map((a) => (a.saving && a.saving.bytes > 0 ? `${a.text} (saves ${shortSize(a.saving)})` : a.text) + (a.codemod ? ` — \`${hints.codemod(hintScope(context), a.codemod)}\`` : ''));
      findings.push({
        rule: 'deps/heavy', severity: 'info', path: declaration.manifest, line: declaration.line, package: h.name,
        message: `${h.name}: ${shortSize(h.size)}${measured}${cuda}; ${keptBecause(h, analysis)}${notDeclared}${estimateNote(h.size.estimated || h.acceleratorBytes.estimated)}`,
        keptBy: h.verdict?.status === 'used' ? undefined : (h.requiredBy[0] ?? h.pulledInBy[0]),
        fix: advice.length > 0 ? advice.join('; ') : undefined,
        manifest: declaration.manifest,
        declared,
        bytes: h.size.bytes,
        freedBytes: h.freed.bytes,
        requiredBy: h.requiredBy,
        pulledInBy: h.pulledInBy,
        cudaPackages: h.accelerators.map((a) => a.name),
        cudaBytes: h.acceleratorBytes.bytes,
        cpuOnlySavingBytes: h.cpuOnlySaving?.bytes,
        advice: h.advice.map((a) => ({ text: a.text, codemod: a.codemod, savingBytes: a.saving?.bytes })),
        codemod: h.advice.find((a) => a.codemod)?.codemod,
        codemodSavingBytes: h.advice.find((a) => a.codemod)?.saving?.bytes,
        venv: analysis.env?.path,
        estimated: h.size.estimated || h.acceleratorBytes.estimated || undefined,
      });
    }
    return findings;
  },
};

export default heavy;
