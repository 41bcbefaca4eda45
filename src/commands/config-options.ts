/** `--config FILE` / `--no-config` for every command that scans: the options and what they load. */
import type { Command } from 'commander';
import { CODEMOD_NAMES } from '../../codemods/names.js';
import { checkCodemodNames, configureRules, EMPTY_CONFIG, loadConfig, type RepolishConfig } from '../config.js';
import { resolveRoot } from '../model/facts.js';
import { RULE_IDS } from '../rules/catalog.js';
import type { Rule } from '../rules/types.js';
import type { ScanOptions } from '../scan.js';

export interface ConfigOptions {
  /** `--config FILE`; false with `--no-config`. */
  config?: string | false;
}

export function addConfigOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'configuration file (default: repolish.config.json, or [tool.repolish] in pyproject.toml, in the scanned folder)')
    .option('--no-config', 'ignore configuration files');
}

/** The configuration for a command on `path`: --config FILE, the root's own files, or none with --no-config. */
export function configFor(path: string, opts: ConfigOptions): RepolishConfig {
  if (opts.config === false) return EMPTY_CONFIG;
  const config = loadConfig(resolveRoot(path), { explicit: opts.config, ruleIds: RULE_IDS });
  checkCodemodNames(config, CODEMOD_NAMES);
  return config;
}

/** The scan options a configuration gives; `rules` are the tool's rules (src/rules/index.ts: loaded by the caller, they load most of the tool). */
export function scanOptionsFrom(config: RepolishConfig, rules: Rule[]): ScanOptions {
  return { rules: configureRules(rules, config), settings: config.settings, paths: config.paths, ignore: config.ignore, ignoreSource: config.file };
}
