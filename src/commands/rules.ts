/** `repolish rules [--json]` lists the rules; `repolish explain RULE` prints one rule's documentation. */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { RULES } from '../rules/index.js';
import { renderRuleText, ruleUrl } from '../rules/docs.js';
import { writeStdout } from './common.js';
import { didYouMean } from './suggest.js';

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('list every rule: id, severity, fix safety and title')
    .option('--json', 'as JSON, with the documentation of each rule')
    .action((opts: { json?: boolean }) => {
      if (opts.json) {
        const list = RULES.map(({ meta }) => ({
          id: meta.id, category: meta.category, severity: meta.severity, fix: meta.fixSafety ?? null,
          title: meta.title ?? meta.description, description: meta.description, url: ruleUrl(meta), docs: meta.docs ?? null,
        }));
        writeStdout(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      const width = Math.max(...RULES.map((r) => r.meta.id.length));
      const lines = RULES.map(({ meta }) => `${meta.id.padEnd(width)}  ${meta.severity.padEnd(7)}  ${(meta.fixSafety ? `fix: ${meta.fixSafety}` : '').padEnd(11)}  ${meta.title ?? meta.description}`);
      writeStdout(`${lines.join('\n')}\n`);
    });
  program
    .command('explain')
    .description('what a rule finds, why it matters, how to fix it, how safe its fix is, an example')
    .argument('<rule>', 'a rule id, e.g. bloat/venv (see `repolish rules`)')
    .action((id: string) => {
      const rule = RULES.find((r) => r.meta.id === id);
      if (!rule) throw new UsageError(`unknown rule "${id}"${didYouMean(id, RULES.map((r) => r.meta.id))}; \`repolish rules\` lists them`);
      writeStdout(renderRuleText(rule.meta));
    });
}
