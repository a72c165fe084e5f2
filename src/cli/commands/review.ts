import { Command, Option } from 'commander';
import { severityRank } from '../../core/finding.js';
import type { ReviewResult } from '../../core/review-result.js';
import { review } from '../../pipeline/review.js';
import { REPORTERS } from '../../reporters/index.js';
import { FORMATS, type Format } from '../../reporters/types.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../sources/types.js';
import { EXIT, UsageError } from '../errors.js';
import { collect, parseFailOn, parsePositiveInt, parseSize, type FailOn } from '../options.js';
import { printDiagnostics, wantsColor, writeOutput } from '../output.js';
import { progressBar } from '../progress.js';

interface ReviewFlags {
  format: Format;
  output?: string;
  failOn: FailOn;
  exclude: string[];
  maxFileSize: number;
  jobs?: number;
}

export function registerReview(program: Command, setExit: (code: number) => void): void {
  program
    .command('review')
    .description('review files and folders for security defects')
    .argument('[paths...]', 'files or folders to review', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (critical, high, medium, low, none)', parseFailOn, 'low')
    .option('--exclude <glob>', 'leave out paths matching this gitignore-style pattern (repeatable)', collect, [])
    .option('--max-file-size <size>', 'skip files larger than this (e.g. 1MB, 512k)', parseSize, DEFAULT_MAX_FILE_SIZE)
    .option('-j, --jobs <n>', 'worker threads (default: number of cores)', parsePositiveInt)
    .action(async (paths: string[], flags: ReviewFlags) => {
      const reporter = REPORTERS[flags.format];
      if (!reporter) throw new UsageError(`format ${flags.format} is not available yet`);
      const progress = progressBar();
      let result: ReviewResult;
      try {
        result = await review({
          paths,
          exclude: flags.exclude,
          maxFileSize: flags.maxFileSize,
          jobs: flags.jobs,
          onProgress: progress.update,
        });
      } finally {
        progress.stop();
      }
      printDiagnostics(result.diagnostics);
      writeOutput(reporter(result, { color: wantsColor(flags.output !== undefined) }), flags.output);
      setExit(exitCodeFor(result, flags.failOn));
    });
}

export function exitCodeFor(result: ReviewResult, failOn: FailOn): number {
  if (result.diagnostics.some((d) => d.error)) return EXIT.error;
  if (failOn === 'none') return EXIT.clean;
  const threshold = severityRank(failOn);
  return result.findings.some((f) => severityRank(f.severity) >= threshold) ? EXIT.findings : EXIT.clean;
}
