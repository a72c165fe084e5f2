import { Command, Option } from 'commander';
import { severityRank } from '../../core/finding.js';
import type { ReviewResult } from '../../core/review-result.js';
import { loadBaseline } from '../../pipeline/baseline.js';
import { review } from '../../pipeline/review.js';
import { REPORTERS } from '../../reporters/index.js';
import { FORMATS, type Format } from '../../reporters/types.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../sources/types.js';
import { EXIT, UsageError } from '../errors.js';
import { addLlmOptions, llmRunOptions, printLlmTally } from '../llm-flags.js';
import { collect, parseFailOn, parsePositiveInt, parseSize, type FailOn } from '../options.js';
import { printDiagnostics, wantsColor, writeOutput } from '../output.js';
import { progressBar } from '../progress.js';
import { configure, openChange, type ChangeFlags } from '../setup.js';

interface ReviewFlags extends ChangeFlags {
  format: Format;
  output?: string;
  failOn: FailOn;
  exclude: string[];
  maxFileSize: number;
  jobs?: number;
  baseline?: string;
  config?: string;
  reportUnusedSuppressions?: boolean;
  dataFlowInTests?: boolean;
}

export function registerReview(program: Command, setExit: (code: number) => void): void {
  addLlmOptions(program.command('review'))
    .description('review files and folders for security defects')
    .argument('[paths...]', 'files or folders to review', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (critical, high, medium, low, none)', parseFailOn, 'low')
    .option('--exclude <glob>', 'leave out paths matching this gitignore-style pattern (repeatable)', collect, [])
    .option('--max-file-size <size>', 'skip files larger than this (e.g. 1MB, 512k)', parseSize, DEFAULT_MAX_FILE_SIZE)
    .option('-j, --jobs <n>', 'worker threads (default: number of cores)', parsePositiveInt)
    .addOption(new Option('--diff <rev>', 'review a change: REV against the working tree, A..B, or A...B (from their merge base)').conflicts(['staged', 'patch']))
    .addOption(new Option('--staged', 'review the staged changes (the index against HEAD)').conflicts(['patch']))
    .option('--patch <file>', 'review the change in a unified diff (- for standard input), already applied to the tree')
    .option('--baseline <file>', 'report only findings that are not in this baseline (see `secreview baseline create`)')
    .option('--config <file>', 'read settings from this file instead of searching for secreview.config.*')
    .option('--report-unused-suppressions', 'report secreview: ignore[...] comments that mute nothing')
    .option('--data-flow-in-tests', 'follow data flow in Python test modules too (by default they get the syntactic rules only)')
    .action(async (paths: string[], _flags: ReviewFlags, cmd: Command) => {
      const config = await configure(cmd, paths);
      const flags = cmd.opts<ReviewFlags>();
      const reporter = REPORTERS[flags.format];
      if (!reporter) throw new UsageError(`format ${flags.format} is not available yet`);
      const baseline = flags.baseline ? loadBaseline(flags.baseline) : undefined;
      const llm = llmRunOptions(cmd, config);
      const opened = await openChange(flags);
      const progress = progressBar();
      let result: ReviewResult;
      try {
        result = await review({
          paths: opened ? paths.map(opened.mapPath) : paths,
          root: opened?.root,
          exclude: flags.exclude,
          maxFileSize: flags.maxFileSize,
          jobs: flags.jobs,
          onProgress: progress.update,
          config,
          change: opened?.change,
          baseline,
          reportUnusedSuppressions: flags.reportUnusedSuppressions,
          dataFlowInTests: flags.dataFlowInTests,
          engine: llm.engine,
          llm: llm.options,
        });
      } finally {
        progress.stop();
        opened?.dispose();
      }
      printDiagnostics(result.diagnostics);
      writeOutput(reporter(result, { color: wantsColor(flags.output !== undefined) }), flags.output);
      printLlmTally(llm);
      setExit(exitCodeFor(result, flags.failOn));
    });
}

export function exitCodeFor(result: ReviewResult, failOn: FailOn): number {
  if (result.diagnostics.some((d) => d.error)) return EXIT.error;
  if (failOn === 'none') return EXIT.clean;
  const threshold = severityRank(failOn);
  return result.findings.some((f) => severityRank(f.severity) >= threshold) ? EXIT.findings : EXIT.clean;
}
