/**
 * The command line. It only reads flags, calls the pipeline and a reporter, and maps the outcome
 * to an exit code: 0 nothing at or above the fail threshold, 1 findings at or above it,
 * 2 usage, configuration or internal error. Errors are one line unless --debug.
 */
import { Command, CommanderError } from 'commander';
import { toolVersion } from '../core/version.js';
import { registerBaseline } from './commands/baseline.js';
import { registerParse } from './commands/parse.js';
import { registerReview } from './commands/review.js';
import { registerRules } from './commands/rules.js';
import { EXIT } from './errors.js';
import { tuneV8ForAnalysis } from '../pipeline/v8-tuning.js';

export async function main(argv: string[]): Promise<number> {
  tuneV8ForAnalysis();
  const program = new Command('secreview')
    .description('Security code review: CWE-grounded findings with lines, reasons and fixes.')
    .version(toolVersion())
    .option('--debug', 'print stack traces for internal errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showSuggestionAfterError();

  let exitCode: number = EXIT.clean;
  const setExit = (code: number) => {
    exitCode = code;
  };
  registerReview(program, setExit);
  registerRules(program, setExit);
  registerBaseline(program, setExit);
  registerParse(program, setExit);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has already printed its one-line message; help and version are not errors.
      return err.exitCode === 0 ? EXIT.clean : EXIT.error;
    }
    const debug = argv.includes('--debug');
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`secreview: error: ${message.split('\n')[0]}\n`);
    if (debug && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
    return EXIT.error;
  }
}
