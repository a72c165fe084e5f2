import { Command } from 'commander';
import { createBaseline, serializeBaseline } from '../../pipeline/baseline.js';
import { review } from '../../pipeline/review.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../sources/types.js';
import { EXIT } from '../errors.js';
import { collect, parsePositiveInt, parseSize } from '../options.js';
import { printDiagnostics, writeOutput } from '../output.js';
import { progressBar } from '../progress.js';
import { configure } from '../setup.js';

interface BaselineFlags {
  exclude: string[];
  maxFileSize: number;
  jobs?: number;
  config?: string;
  dataFlowInTests?: boolean;
}

export function registerBaseline(program: Command, setExit: (code: number) => void): void {
  const baseline = program.command('baseline').description('record today\'s findings so that `review --baseline` reports only new ones');
  baseline
    .command('create')
    .description('review the paths and write their findings to FILE (JSON, see docs/baseline.schema.json)')
    .argument('<file>', 'the baseline file to write')
    .argument('[paths...]', 'files or folders to review', ['.'])
    .option('--exclude <glob>', 'leave out paths matching this gitignore-style pattern (repeatable)', collect, [])
    .option('--max-file-size <size>', 'skip files larger than this (e.g. 1MB, 512k)', parseSize, DEFAULT_MAX_FILE_SIZE)
    .option('-j, --jobs <n>', 'worker threads (default: number of cores)', parsePositiveInt)
    .option('--config <file>', 'read settings from this file instead of searching for secreview.config.*')
    .option('--data-flow-in-tests', 'follow data flow in Python test modules too (by default they get the syntactic rules only)')
    .action(async (file: string, paths: string[], _flags: BaselineFlags, cmd: Command) => {
      const config = await configure(cmd, paths);
      const flags = cmd.opts<BaselineFlags>();
      const progress = progressBar();
      const result = await review({
        paths,
        exclude: flags.exclude,
        maxFileSize: flags.maxFileSize,
        jobs: flags.jobs,
        onProgress: progress.update,
        config,
        dataFlowInTests: flags.dataFlowInTests,
      }).finally(() => progress.stop());
      printDiagnostics(result.diagnostics);
      const recorded = createBaseline(result.findings);
      writeOutput(serializeBaseline(recorded), file);
      process.stderr.write(`secreview: ${file}: ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} recorded\n`);
      setExit(result.diagnostics.some((d) => d.error) ? EXIT.error : EXIT.clean);
    });
}
