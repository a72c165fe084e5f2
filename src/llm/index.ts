/**
 * The LLM engine's entry for the review pipeline: the files the static pass analysed go to the
 * model; each file's findings become the model's (mode `llm`) or both engines' merged (`hybrid`).
 */
import type { Diagnostic } from '../core/diagnostic.js';
import type { FileAnalysis } from '../pipeline/analyze-file.js';
import { readSource } from '../sources/read.js';
import type { DiscoveredFile } from '../sources/types.js';
import { reviewWithLlm, type LlmMode, type LlmOptions } from './engine.js';
import { ModelConfigError } from './model-spec.js';
import { redact } from './redact.js';
import { llmSource } from './source.js';

export type { LlmMode, LlmOptions } from './engine.js';
export { ModelConfigError } from './model-spec.js';
export { Tally } from './tally.js';

export interface LlmEngineInput {
  mode: LlmMode;
  files: DiscoveredFile[];
  analyses: FileAnalysis[];
  maxFileSize: number;
  /** Undefined: no model is configured, and nothing may be sent anywhere. */
  options: LlmOptions | undefined;
  /** Diff mode: only these files (paths as findings name them) go to the model. */
  only?: ReadonlySet<string>;
}

export async function runLlmEngine(input: LlmEngineInput): Promise<{ analyses: FileAnalysis[]; diagnostics: Diagnostic[] }> {
  const options = input.options;
  if (!options?.model) throw new ModelConfigError(`the ${input.mode} engine needs a model: --model <provider>:<model>, e.g. openai:gpt-4o`);
  const byPath = new Map(input.files.map((f) => [f.path, f]));
  const reviewable = input.analyses.flatMap((analysis) => {
    const file = byPath.get(analysis.path);
    if (!file || analysis.lines === undefined || (input.only && !input.only.has(analysis.path))) return [];
    const read = readSource(file, input.maxFileSize);
    return read.ok ? [{ analysis, source: llmSource(analysis.path, analysis.language, read.text) }] : [];
  });
  let review: Awaited<ReturnType<typeof reviewWithLlm>>;
  try {
    review = await reviewWithLlm(input.mode, reviewable.map((r) => ({ source: r.source, staticFindings: r.analysis.findings })), options);
  } catch (err) {
    if (err instanceof ModelConfigError) throw err;
    // Whatever breaks in the LLM engine, the static findings of the run stand.
    const message = `llm engine failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
    return { analyses: input.analyses, diagnostics: [{ kind: 'engine', message: redact(message, [options.apiKey]), error: true }] };
  }
  const results = new Map(review.files.map((f) => [f.path, f]));
  const analyses = input.analyses.map((a) => {
    const result = results.get(a.path);
    if (!result) return input.mode === 'llm' ? { ...a, findings: [] } : a;
    return { ...a, findings: result.findings, diagnostics: [...a.diagnostics, ...result.diagnostics] };
  });
  return { analyses, diagnostics: review.diagnostics };
}
