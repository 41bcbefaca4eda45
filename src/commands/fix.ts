import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { createPatch } from '../patch/diff.js';
import { applyChangesInterruptible } from '../patch/apply.js';
import { changeStatus } from '../patch/change.js';
import { configHintFlags, hints } from '../model/hint.js';
import { scanAsync, type ProposedFix } from '../scan.js';
import { addConfigOptions, configFor, scanOptionsFrom, type ConfigOptions } from './config-options.js';
import { RULES } from '../rules/index.js';
import { requestExitCode } from './exit-code.js';
import { info, printWarnings, settleInterruptedWrites, writeArtifact, writeStdout } from './common.js';
import { refuseUnlessGitReadable } from './git-guard.js';
import { displayPath } from '../model/names.js';

interface FixFlags extends ConfigOptions {
  write?: boolean;
  patch?: string;
  check?: boolean;
  unsafe?: boolean;
  quiet?: boolean;
}

/** `docker/apt-recommends (Dockerfile:5, Dockerfile:9)`: one rule's fix and where it acts. */
function fixText(fix: ProposedFix): string {
  const places = fix.findings.map((f) => (f.line ? `${f.path}:${f.line}` : f.path || '.'));
  const shown = places.slice(0, 5).join(', ') + (places.length > 5 ? `, ${places.length - 5} more` : '');
  return places.length > 0 ? `${fix.rule} (${shown})` : fix.rule;
}

export function registerFix(program: Command): void {
  const command = program
    .command('fix')
    .description('the fixes scan proposes (ignore-file entries, a new .dockerignore, Dockerfile hygiene) as a unified diff; safe ones unless --unsafe')
    .argument('[path]', 'repository or folder', '.')
    .option('--write', 'apply the patch to the working tree')
    .option('--unsafe', 'also the fixes that can change behaviour (e.g. --no-install-recommends can break an image build)')
    .option('--patch <file>', 'also write the patch to a file')
    .option('--check', 'change nothing; exit 1 when there is something to fix (for pre-commit and CI)')
    .option('-q, --quiet', 'no summary or warnings on stderr');
  addConfigOptions(command)
    .action(async (path: string, opts: FixFlags) => {
      if (opts.check && opts.write) throw new UsageError('fix: --check and --write cannot be used together');
      if (opts.write) settleInterruptedWrites(path);
      const hintFlags = configHintFlags(typeof opts.config === 'string' ? resolve(opts.config) : opts.config);
      const result = await scanAsync(path, { ...scanOptionsFrom(configFor(path, opts), RULES), hintFlags });
      if (opts.write) refuseUnlessGitReadable(result.facts.git, 'fix --write');
      const changes = opts.unsafe ? result.changesWithUnsafe : result.changes;
      const patch = createPatch(changes);
      if (opts.check && changes.length > 0) requestExitCode(1);
      if (opts.patch) writeArtifact(opts.patch, patch);
      if (opts.write) await applyChangesInterruptible(result.root, changes);
      else writeStdout(patch);
      if (opts.quiet) return;
      printWarnings(result.warnings);
      // Existing lines are never rewritten; what looks wrong in them is for a person to decide.
      for (const f of result.findings.filter((x) => x.rule === 'ignore/suspicious-entry')) {
        info(`repolish fix: left alone: ${displayPath(f.path)}:${f.line}: ${f.message}`);
      }
      const unsafe = result.fixes.filter((f) => f.safety === 'unsafe');
      const scope = { root: result.root, flags: hintFlags };
      if (changes.length > 0) {
        const safe = result.fixes.filter((f) => f.safety === 'safe');
        if (safe.length > 0) info(`repolish fix: safe fixes: ${safe.map(fixText).join('; ')}`);
        if (opts.unsafe && unsafe.length > 0) info(`repolish fix: unsafe fixes included (--unsafe; they can change behaviour, review them): ${unsafe.map(fixText).join('; ')}`);
        const files = changes.map((c) => `${displayPath(c.path)} (${changeStatus(c)})`).join(', ');
        info(opts.write ? `repolish fix: wrote ${files}` : `repolish fix: would change ${files}; \`${hints.fixWrite(scope, Boolean(opts.unsafe))}\` applies it`);
      } else {
        info('repolish fix: nothing to change.');
      }
      if (!opts.unsafe && unsafe.length > 0) {
        info(`repolish fix: unsafe fixes not applied (they can change behaviour): ${unsafe.map(fixText).join('; ')}; \`${hints.fixWrite(scope, true)}\` applies them too`);
      }
    });
}
