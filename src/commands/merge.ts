import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { renderFleetHtml } from '../fleet/html.js';
import { mergeReports, type FleetReport } from '../fleet/merge.js';
import { renderFleetJson, renderFleetMarkdown, renderFleetText } from '../fleet/render.js';
import { loadReports } from '../fleet/reports.js';
import { info, oneOf, printWarnings, writeArtifact, writeStdout } from './common.js';

const FORMATS: Record<string, (fleet: FleetReport) => string> = {
  text: renderFleetText,
  json: renderFleetJson,
  markdown: renderFleetMarkdown,
  html: renderFleetHtml,
};

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('combine the scan (and codemod) JSON reports of many repositories, or of the shards of one, into a fleet report')
    .argument('<reports...>', 'JSON report files, or folders holding them')
    .option('-f, --format <format>', `report format: ${Object.keys(FORMATS).join(', ')}`, 'text')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-q, --quiet', 'no warnings on stderr')
    .action((inputs: string[], opts: { format: string; output?: string; quiet?: boolean }) => {
      const format = oneOf('--format', opts.format, Object.keys(FORMATS));
      if (format === 'html' && !opts.output && process.stdout.isTTY) throw new UsageError('--format html writes a page, not terminal text: add -o FILE.html');
      const { reports, warnings } = loadReports(inputs);
      if (reports.length === 0) {
        printWarnings(warnings, true);
        throw new UsageError(`no repolish JSON report to merge in ${inputs.join(', ')}`);
      }
      // A repository's own HTML report, when it sits beside its JSON, linked from where the fleet report is read.
      const from = opts.output ? dirname(resolve(opts.output)) : process.cwd();
      const htmlFor = (jsonFile: string) => {
        const html = jsonFile.replace(/\.json$/, '.html');
        return html !== jsonFile && existsSync(html) ? relative(from, resolve(html)).split('\\').join('/') : undefined;
      };
      const fleet = mergeReports(reports, { htmlFor, warnings });
      const report = FORMATS[format](fleet);
      if (opts.output) writeArtifact(opts.output, report);
      else writeStdout(report);
      if (!opts.quiet) {
        printWarnings(fleet.warnings, true);
        if (opts.output) info(`repolish: fleet report of ${fleet.totals.repositories} repositories written to ${opts.output}`);
      }
    });
}
