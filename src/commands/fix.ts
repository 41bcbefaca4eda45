import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { createPatch } from '../patch/diff.js';
import { applyChangesInterruptible } from '../patch/apply.js';
import { changeStatus } from '../patch/change.js';
import { scanAsync } from '../scan.js';
import { addConfigOptions, configFor, scanOptionsFrom, type ConfigOptions } from './config-options.js';
import { requestExitCode } from './exit-code.js';
import { info, printWarnings, settleInterruptedWrites, writeArtifact, writeStdout } from './common.js';
import { refuseUnlessGitReadable } from './git-guard.js';
import { displayPath } from '../model/names.js';

export function registerFix(program: Command): void {
  const command = program
    .command('fix')
    .description('the safe fixes scan proposes (ignore-file entries, a new .dockerignore, Dockerfile hygiene) as a unified diff')
    .argument('[path]', 'repository or folder', '.')
    .option('--write', 'apply the patch to the working tree')
    .option('--patch <file>', 'also write the patch to a file')
    .option('--check', 'change nothing; exit 1 when there is something to fix (for pre-commit and CI)')
    .option('-q, --quiet', 'no summary or warnings on stderr');
  addConfigOptions(command)
    .action(async (path: string, opts: ConfigOptions & { write?: boolean; patch?: string; check?: boolean; quiet?: boolean }) => {
      if (opts.check && opts.write) throw new UsageError('fix: --check and --write cannot be used together');
      if (opts.write) settleInterruptedWrites(path);
      const result = await scanAsync(path, scanOptionsFrom(configFor(path, opts)));
      if (opts.write) refuseUnlessGitReadable(result.facts.git, 'fix --write');
      const patch = createPatch(result.changes);
      if (opts.check && result.changes.length > 0) requestExitCode(1);
      if (opts.patch) writeArtifact(opts.patch, patch);
      if (opts.write) await applyChangesInterruptible(result.root, result.changes);
      else writeStdout(patch);
      if (opts.quiet) return;
      printWarnings(result.warnings);
      // Existing lines are never rewritten; what looks wrong in them is for a person to decide.
      for (const f of result.findings.filter((x) => x.rule === 'ignore/suspicious-entry')) {
        info(`repolish fix: left alone: ${displayPath(f.path)}:${f.line}: ${f.message}`);
      }
      if (result.changes.length === 0) {
        info('repolish fix: nothing to change.');
        return;
      }
      const files = result.changes.map((c) => `${displayPath(c.path)} (${changeStatus(c)})`).join(', ');
      info(opts.write ? `repolish fix: wrote ${files}` : `repolish fix: would change ${files}; --write applies it`);
    });
}
