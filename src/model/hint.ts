/**
 * Every command repolish prints for a person to paste (fix lines, report cards, rule hints) is
 * built here, so that each one runs as printed from any working folder: it names the scanned
 * folder (absolute, quoted for a POSIX shell) and every flag it needs, and never relies on the
 * folder the report is read in.
 */

/** What a hint needs to know about the scan that produced it. */
export interface HintScope {
  /** The scanned folder, absolute (ScanResult.root). */
  root: string;
  /** Flags the scan was run with that the next command must repeat (`--config FILE`, `--no-config`). */
  flags?: string[];
}

const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One argument for a POSIX shell: as is when it is plain, else in single quotes (`'` as `'\''`). */
export function shellQuote(arg: string): string {
  if (arg !== '' && PLAIN.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A path argument that no command reads as an option: `-x` becomes `./-x`. */
export function pathArgument(path: string): string {
  return shellQuote(path.startsWith('-') ? `./${path}` : path);
}

/**
 * `repolish <words> <root> <scope flags> <flags>`, e.g. `repolishCommand(scope, ['clean'],
 * ['--include', 'env', '--yes'])`. `words` are the subcommand (and a codemod name), before the path.
 */
export function repolishCommand(scope: HintScope, words: string[], flags: string[] = []): string {
  return ['repolish', ...words.map(shellQuote), pathArgument(scope.root), ...[...(scope.flags ?? []), ...flags].map(shellQuote)].join(' ');
}

/** `git -C <root> <args>`, the path arguments after `--` relative to the scanned folder. */
export function gitCommand(scope: HintScope, args: string[], paths: string[] = []): string {
  const tail = paths.length > 0 ? ['--', ...paths.map(pathArgument)] : [];
  return ['git', '-C', pathArgument(scope.root), ...args.map(shellQuote), ...tail].join(' ');
}

/** The flags to repeat for a command's `--config FILE` / `--no-config` (FILE made absolute by the caller). */
export function configHintFlags(config: string | false | undefined): string[] {
  if (config === false) return ['--no-config'];
  return typeof config === 'string' ? ['--config', config] : [];
}

/** The commands every report shares, by what they do. */
export const hints = {
  /** `fix --write` (safe fixes); with `unsafe`, `--unsafe --write`. */
  fixWrite: (scope: HintScope, unsafe = false) => repolishCommand(scope, ['fix'], unsafe ? ['--unsafe', '--write'] : ['--write']),
  fixShow: (scope: HintScope) => repolishCommand(scope, ['fix']),
  cleanDelete: (scope: HintScope, category: string) => repolishCommand(scope, ['clean'], ['--include', category, '--yes']),
  untrack: (scope: HintScope) => repolishCommand(scope, ['clean'], ['--untrack', '--yes']),
  codemod: (scope: HintScope, name: string, write = false) => repolishCommand(scope, ['codemod', 'run', name], write ? ['--write'] : []),
  scan: (scope: HintScope, flags: string[] = []) => repolishCommand(scope, ['scan'], flags),
};
