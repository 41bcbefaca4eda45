/** The command-line front end: argument parsing and exit codes only; every command lives in commands/. */
import { Command, CommanderError } from 'commander';
import { EXIT, SafetyError, UsageError } from './errors.js';
import { takeRequestedExitCode } from './commands/exit-code.js';
import { VERSION } from './version.js';

/** The help to point at: the subcommand's when the command line names one. */
let helpCommand = 'repolish --help';

function oneLine(text: string): string {
  const message = text.trim().split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
  return `repolish: ${message.replace(/^error: /, '')}; see \`${helpCommand}\``;
}

/** Each command's module, in help order: loaded only when its command runs (most of start-up otherwise). */
const COMMANDS: Record<string, () => Promise<(program: Command) => void>> = {
  scan: async () => (await import('./commands/scan.js')).registerScan,
  fix: async () => (await import('./commands/fix.js')).registerFix,
  clean: async () => (await import('./commands/clean.js')).registerClean,
  codemod: async () => (await import('./commands/codemod.js')).registerCodemod,
  merge: async () => (await import('./commands/merge.js')).registerMerge,
  rules: async () => (await import('./commands/rules.js')).registerRules,
  completion: async () => (await import('./commands/completion.js')).registerCompletion,
};

/**
 * The program with the command `only` (when it names one), else every command: a scan need not
 * load the codemods. Help, a mistyped command and `completion` (which lists them all) get all.
 */
export async function buildProgram(only?: string): Promise<Command> {
  const program = new Command('repolish')
    .description('Measure repository bloat, patch ignore files, clean safely, and migrate dependencies with codemods.')
    .version(VERSION)
    .option('--debug', 'print stack traces for errors')
    .exitOverride()
    // A usage error is one line: commander's message (with its "did you mean"), then where help is.
    .configureOutput({ outputError: (text, write) => write(`${oneLine(text)}\n`) });
  const names = only !== undefined && only !== 'completion' && Object.hasOwn(COMMANDS, only) ? [only] : Object.keys(COMMANDS);
  for (const register of await Promise.all(names.map((name) => COMMANDS[name]()))) register(program);
  return program;
}

/**
 * A signal caught while a synchronous child (git) ran is dispatched only when the event loop next
 * polls; the process may otherwise end first and the handler (cleanup, then exit by the signal)
 * never runs. Two turns of the loop give it that poll.
 */
async function letPendingSignalsArrive(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise<void>((done) => setImmediate(done));
}

export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } finally {
    await letPendingSignalsArrive();
  }
}

async function run(argv: string[]): Promise<number> {
  const program = await buildProgram(argv.find((a) => !a.startsWith('-')));
  const debug = argv.includes('--debug');
  const named = program.commands.find((c) => c.name() === argv.find((a) => !a.startsWith('-')));
  helpCommand = named ? `repolish ${named.name()} --help` : 'repolish --help';
  try {
    takeRequestedExitCode();
    await program.parseAsync(argv, { from: 'user' });
    return takeRequestedExitCode();
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with code 0.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof UsageError || err instanceof SafetyError) {
      process.stderr.write(`repolish: ${err.message}\n`);
      if (debug) process.stderr.write(`${err.stack}\n`);
      return err.exitCode;
    }
    const e = err as Error;
    process.stderr.write(`repolish: ${e?.message ?? String(err)}\n`);
    if (debug) process.stderr.write(`${e?.stack}\n`);
    return EXIT.usage;
  }
}
