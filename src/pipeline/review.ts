/**
 * Orchestration: discover files, analyse them in parallel worker threads, and gather one
 * deterministic ReviewResult. Order of completion never shows in the result.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { cweCatalogVersion } from '../core/cwe.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { compareFindings } from '../core/finding.js';
import type { ReviewResult } from '../core/review-result.js';
import type { LlmOptions } from '../llm/index.js';
import { toolVersion } from '../core/version.js';
import { describeRule } from '../rules/describe.js';
import { ALL_RULES } from '../rules/index.js';
import type { ChangeSet } from '../sources/change.js';
import { discover } from '../sources/discover.js';
import { DEFAULT_MAX_FILE_SIZE, type DiscoveredFile } from '../sources/types.js';
import { analyzeFiles, projectAnnotationMacros, type AnalysisOptions, type FileAnalysis } from './analyze-file.js';
import { nativeParser } from '../languages/native.js';
import { completeProject } from './project-analysis.js';
import { applyBaseline, type Baseline } from './baseline.js';
import { applyConfigFilters, selectFiles, type LoadedConfig } from './config.js';
import { restrictToChange, touchesChange } from './diff-filter.js';
import { applySuppressions, suppressionRules } from './suppressions.js';

export interface ReviewOptions {
  paths: string[];
  root?: string;
  exclude?: string[];
  maxFileSize?: number;
  /** Worker threads; 1 analyses in the calling thread. Default: the machine's cores. */
  jobs?: number;
  onProgress?: (done: number, total: number) => void;
  /** The config file's file selection and finding filters. */
  config?: LoadedConfig;
  /** Diff mode: report only the findings that touch this change. */
  change?: ChangeSet;
  /** Report only the findings this baseline does not hold. */
  baseline?: Baseline;
  /** Report suppression comments that mute nothing. */
  reportUnusedSuppressions?: boolean;
  /**
   * Follow data flow in Python test modules too. Off by default: a test's inputs (its argv, its
   * environment, the server it starts) are the test's own, so its flows are not attacks, and on a
   * project with a large suite they were most of the pass's work. The syntactic rules still
   * review test modules.
   */
  dataFlowInTests?: boolean;
  /** Which engines review: static (the default), llm, or hybrid (both, merged). */
  engine?: 'static' | 'llm' | 'hybrid';
  /** The model and its settings, for the llm and hybrid engines. */
  llm?: LlmOptions;
}

// Below this many bytes, starting workers (each loads the grammars) costs more than it saves.
const INLINE_BYTES = 512 * 1024;
const BATCH_BYTES = 256 * 1024;
/**
 * Each worker's young generation (V8's default is 48 MB on this kind of machine), which the
 * default let grow to carry a hundred megabytes of garbage per worker. Measured on the Python
 * standard library (bench/measure.ts, two workers): peak 459–543 MB at 48 MB, 445–464 MB at 24 MB,
 * in the same 12–13.5 s; the collector's share of worker time grows a little (CPU profiles of
 * libxml2: 11% to 13%), below what wall times can tell apart.
 */
const WORKER_YOUNG_GENERATION_MB = 24;

export async function review(options: ReviewOptions): Promise<ReviewResult> {
  const root = options.root ?? process.cwd();
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const discovery = await discover(options.paths, { root, exclude: options.exclude ?? [], maxFileSize });
  const jobs = Math.max(1, options.jobs ?? availableParallelism());
  // Config include/exclude apply to every engine: an excluded file is neither analysed nor sent to a model.
  const files = selectFiles(discovery.files, options.config);
  const analyses = completeProject(await analyzeAll(files, { maxFileSize, dataFlowInTests: options.dataFlowInTests ?? false }, jobs, options.onProgress));
  const engine = options.engine ?? 'static';
  // Loaded only when asked for: a static review never loads the model SDKs.
  const reviewed =
    engine === 'static'
      ? { analyses, diagnostics: [] }
      : await (await import('../llm/index.js')).runLlmEngine({
          mode: engine,
          files,
          analyses,
          maxFileSize,
          options: options.llm,
          only: options.change && new Set(options.change.files.map((f) => f.path)),
        });
  return applyPolicy(assemble(reviewed.analyses, [...discovery.diagnostics, ...reviewed.diagnostics]), reviewed.analyses, options);
}

/** Suppressions, config filters, baseline, then diff mode: each sees only what the previous kept. */
function applyPolicy(result: ReviewResult, analyses: FileAnalysis[], options: ReviewOptions): ReviewResult {
  const suppressions = analyses.flatMap((a) => a.suppressions ?? []);
  let { findings } = applySuppressions(result.findings, suppressions, { reportUnused: options.reportUnusedSuppressions ?? false });
  findings = applyConfigFilters(findings, options.config).findings;
  // Before diff mode, so that of two identical findings the one on changed lines counts as new.
  if (options.baseline) findings = applyBaseline(findings, options.baseline, options.change && touchesChange(options.change)).findings;
  const rules = [...result.rules, ...suppressionRules()].sort((a, b) => cmp(a.id, b.id));
  const filtered = { ...result, findings: findings.sort(compareFindings), rules };
  return options.change ? restrictToChange(filtered, options.change).result : filtered;
}

async function analyzeAll(
  files: DiscoveredFile[],
  settings: Omit<AnalysisOptions, 'macros'>,
  jobs: number,
  onProgress?: (done: number, total: number) => void,
): Promise<FileAnalysis[]> {
  const total = files.length;
  // A parser that cannot load fails every file: say so once, before any work starts.
  if (total > 0) nativeParser();
  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  const inline = jobs === 1 || totalBytes < INLINE_BYTES || total < 2;
  // The workers start (and load the parser) while this thread reads the project's macros and constants.
  const pool = inline
    ? undefined
    : new Piscina({
        filename: fileURLToPath(new URL('./worker.js', import.meta.url)),
        minThreads: jobs,
        maxThreads: jobs,
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      });
  try {
    const options: AnalysisOptions = { ...settings, macros: projectAnnotationMacros(files, settings.maxFileSize) };
    if (!pool) return await analyzeFiles(files, options, (done) => onProgress?.(done, total));
    let done = 0;
    const results = await Promise.all(
      batches(files).map(async (batch) => {
        const out = (await pool.run({ files: batch, options })) as FileAnalysis[];
        done += batch.length;
        onProgress?.(done, total);
        return out;
      }),
    );
    return results.flat();
  } finally {
    await pool?.destroy();
  }
}

/**
 * Groups files so each message to a worker carries a useful amount of work, largest files first:
 * a big file started last would leave one worker busy while the others wait.
 */
function batches(files: DiscoveredFile[]): DiscoveredFile[][] {
  const out: DiscoveredFile[][] = [];
  let current: DiscoveredFile[] = [];
  let bytes = 0;
  for (const f of [...files].sort((a, b) => b.size - a.size)) {
    current.push(f);
    bytes += f.size;
    if (bytes >= BATCH_BYTES) {
      out.push(current);
      current = [];
      bytes = 0;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

function assemble(analyses: FileAnalysis[], discoveryDiagnostics: Diagnostic[]): ReviewResult {
  const diagnostics = [...discoveryDiagnostics, ...analyses.flatMap((a) => a.diagnostics)].sort(
    (a, b) => cmp(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || cmp(a.message, b.message),
  );
  return {
    tool: { name: 'secreview', version: toolVersion(), cweVersion: cweCatalogVersion() },
    files: analyses
      .filter((a) => a.lines !== undefined)
      .map((a) => ({ path: a.path, language: a.language, lines: a.lines! }))
      .sort((a, b) => cmp(a.path, b.path)),
    findings: analyses.flatMap((a) => a.findings).sort(compareFindings),
    diagnostics,
    rules: ALL_RULES.map(describeRule),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
