/** What the local command-line tools (`npm start`, `npm run job`, `npm run token`) share. */

/** A mistake in the command line: printed with the usage text, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Runs a CLI's main function and turns failures into a message and an exit code (2 usage, 1 other).
 * With `exitWhenDone`, the process ends as soon as main is done, even if a client left a socket open.
 */
export function runCli(main: () => Promise<void>, usage: string, options: { exitWhenDone?: boolean } = {}): void {
  main()
    .catch((error: unknown) => {
      if (error instanceof UsageError) {
        console.error(`${error.message}\n\n${usage}`);
        process.exitCode = 2;
        return;
      }
      // A configuration problem explains itself; anything else gets its stack for debugging.
      console.error(error instanceof Error ? (error.name === 'ConfigError' ? error.message : (error.stack ?? error.message)) : error);
      process.exitCode = 1;
    })
    .finally(() => {
      if (options.exitWhenDone || process.exitCode) process.exit();
    });
}

/** Splits `--name=value` into `--name value`, so parsers handle one form only. */
export function splitEqualsFlags(argv: readonly string[]): string[] {
  return argv.flatMap((arg) => (/^--[\w-]+=/.test(arg) ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg]));
}
