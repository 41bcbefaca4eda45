/** Codemod options from `--option key=value`: known keys only, allowed values only, defaults filled in. */
import { UsageError } from '../errors.js';
import type { Codemod } from './types.js';

/** Parses `key=value` strings; a value may contain `=`. */
export function parseOptionPairs(pairs: readonly string[]): Array<{ key: string; value: string }> {
  return pairs.map((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--option ${pair}: expected key=value`);
    return { key: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim() };
  });
}

/**
 * Each codemod's options. A key applies to every selected codemod that declares it, or to one
 * codemod when written `codemod-name.key`. A key no selected codemod declares is a usage error.
 */
export function resolveOptions(codemods: readonly Codemod[], pairs: readonly string[]): Map<string, Record<string, string>> {
  const result = new Map<string, Record<string, string>>();
  for (const c of codemods) result.set(c.name, Object.fromEntries(c.options.map((o) => [o.name, o.default])));
  for (const { key, value } of parseOptionPairs(pairs)) {
    const dot = key.lastIndexOf('.');
    const scoped = dot > 0 ? codemods.find((c) => c.name === key.slice(0, dot)) : undefined;
    const name = scoped ? key.slice(dot + 1) : key;
    const targets = (scoped ? [scoped] : codemods).filter((c) => c.options.some((o) => o.name === name));
    if (targets.length === 0) {
      const known = codemods.flatMap((c) => c.options.map((o) => o.name));
      throw new UsageError(`--option ${key}=${value}: unknown option for ${codemods.map((c) => c.name).join(', ')}` +
        (known.length ? ` (known: ${[...new Set(known)].join(', ')})` : ' (it takes no options)'));
    }
    for (const c of targets) {
      const option = c.options.find((o) => o.name === name)!;
      if (option.allowed && !option.allowed.includes(value)) {
        throw new UsageError(`--option ${key}=${value}: ${c.name} accepts ${option.allowed.join(', ')}`);
      }
      const problem = option.validate?.(value);
      if (problem) throw new UsageError(`--option ${key}=${value}: ${problem}`);
      result.get(c.name)![name] = value;
    }
  }
  return result;
}
