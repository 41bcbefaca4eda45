import type { Command } from 'commander';
import { createPatch } from '../patch/diff.js';
import { applyChanges } from '../patch/apply.js';
import { changeStatus } from '../patch/change.js';
import { scan } from '../scan.js';
import { info, printWarnings, writeArtifact, writeStdout } from './common.js';

export function registerFix(program: Command): void {
  program
    .command('fix')
    .description('the safe fixes scan proposes (ignore-file entries, a new .dockerignore, Dockerfile hygiene) as a unified diff')
    .argument('[path]', 'repository or folder', '.')
    .option('--write', 'apply the patch to the working tree')
    .option('--patch <file>', 'also write the patch to a file')
    .option('-q, --quiet', 'no summary or warnings on stderr')
    .action((path: string, opts: { write?: boolean; patch?: string; quiet?: boolean }) => {
      const result = scan(path);
      const patch = createPatch(result.changes);
      if (opts.patch) writeArtifact(opts.patch, patch);
      if (opts.write) applyChanges(result.root, result.changes);
      else writeStdout(patch);
      if (opts.quiet) return;
      printWarnings(result.warnings);
      // Existing lines are never rewritten; what looks wrong in them is for a person to decide.
      for (const f of result.findings.filter((x) => x.rule === 'ignore/suspicious-entry')) {
        info(`repolish fix: left alone: ${f.path}:${f.line}: ${f.message}`);
      }
      if (result.changes.length === 0) {
        info('repolish fix: nothing to change.');
        return;
      }
      const files = result.changes.map((c) => `${c.path} (${changeStatus(c)})`).join(', ');
      info(opts.write ? `repolish fix: wrote ${files}` : `repolish fix: would change ${files}; --write applies it`);
    });
}
