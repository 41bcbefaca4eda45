import { formatBytes } from '../../bloat/detector.js';
import { analyzeDependencies } from '../../deps/analysis.js';
import { estimateNote, listWithSizes, place, shortSize } from '../../deps/describe.js';
import { allImageDependencies, heavyUnusedInImages } from '../../deps/image-deps.js';
import type { Finding } from '../../findings.js';
import { hints } from '../../model/hint.js';
import { hintScope, type Rule } from '../types.js';
import type { RuleDocumentation } from '../docs.js';

const DOCS: RuleDocumentation = {
  title: 'Heavy package unused in an image',
  docs: {
    what: 'A heavy package a container image installs although the code copied into that image never uses it.',
    why: 'Every pull and every deploy of that image carries its weight.',
    fix: 'Give the image its own requirements, or `codemod run prune-requirements` (with `--option images=yes`).',
    example: 'the image of Dockerfile.ui installs torch, but its code never imports it: 2.1 GB',
  },
};

/**
 * A heavy package an image installs although none of the code copied into that image imports
 * it, no command of the image runs it and nothing used there requires it (seed 000: torch in
 * the UI image). Reported on the line that declares it, with the saving for that image.
 */
const heavyUnusedInImage: Rule = {
  meta: {
    id: 'docker/heavy-unused-in-image', category: 'docker', severity: 'warning', needs: ['imports'], findingBytes: 'freed',
    description: 'a heavy package installed in a container image whose copied code never uses it', ...DOCS,
  },
  check(context) {
    const analysis = analyzeDependencies(context);
    const images = allImageDependencies(context);
    const findings: Finding[] = [];
    for (const { deps, verdicts: unused } of heavyUnusedInImages(context)) {
      const total = deps.scope!.removable;
      const names = unused.map((v) => v.name);
      const codeDirs = [...new Set(deps.codeFiles.map((f) => f.split('/').slice(0, -1).join('/') || '.'))];
      const code = deps.codeFiles.length === 1
        ? `the one Python file copied into it (${deps.codeFiles[0]}) never`
        : `none of the ${deps.codeFiles.length} Python files copied into it (${codeDirs.slice(0, 3).join(', ')}${codeDirs.length > 3 ? ', ...' : ''})`;
      for (const v of unused) {
        // The same file installed by another image whose code does use the package.
        const sharedWith = images.filter((other) => other !== deps && other.scope?.verdicts.get(v.name)?.status === 'used'
          && other.declarations.some((d) => v.declarations.some((x) => x.manifest === d.manifest))).map((o) => o.image.path);
        const install = deps.installs.find((i) => i.manifests.includes(v.declarations[0].manifest));
        const runLine = install?.line ?? v.declarations[0].line;
        const estimated = Boolean(v.size?.estimated || v.withDependencies.estimated || total.estimated);
        const brings = v.exclusiveDependencies.length > 0 ? ` with what only it brings in (${listWithSizes(v.exclusiveDependencies, (n) => analysis.graph.size(n), 3)})` : '';
        const together = names.length > 1 ? `; removing ${names.join(' and ')} from this image frees ${shortSize(total)}` : '';
        const shared = sharedWith.length > 0 ? `; ${v.declarations[0].manifest} is also installed by ${sharedWith.join(', ')}, whose code uses it: give this image its own requirements` : '';
        const d = v.declarations[0];
        findings.push({
          rule: 'docker/heavy-unused-in-image', severity: 'warning', path: deps.image.path, line: runLine, package: v.name,
          message: `the image of ${deps.image.path} installs ${v.name} (${place(d.manifest, d.line)}, RUN at line ${runLine}), but ${code} imports it and nothing the image runs needs it: ${shortSize(v.withDependencies)}${brings}${together}${shared}${estimateNote(estimated)}`,
          fix: sharedWith.length > 0
            ? `move ${v.name} to the requirements of the image that uses it`
            : `remove ${v.name} from ${place(d.manifest, d.line)}${estimated ? '' : ` (saves ${formatBytes(v.withDependencies.bytes)} in the image)`}: \`${hints.codemod(hintScope(context), 'prune-requirements')}\``,
          manifest: d.manifest,
          manifestLine: d.line,
          image: deps.image.path,
          bytes: v.size?.bytes,
          freedBytes: v.freed.bytes,
          withDependenciesBytes: v.withDependencies.bytes,
          imageSavingBytes: total.bytes,
          unusedInImage: names,
          sharedWith,
          estimated: estimated || undefined,
          codemod: sharedWith.length > 0 ? undefined : 'prune-requirements',
        });
      }
    }
    return findings;
  },
};

export default heavyUnusedInImage;
