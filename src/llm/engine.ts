/**
 * The LLM engine: for each file, ask the configured model (in parts when the file is large, several
 * times when voting), read whatever it answers, check every claim against the code, and merge.
 * In hybrid mode the static findings also go to the model for a second opinion and are merged with
 * the model's own. Nothing is sent anywhere unless a model was configured; a failure of the model
 * never costs the run its static findings — it becomes a one-line diagnostic.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import type { Finding } from '../core/finding.js';
import { AnswerCache, cacheKey } from './cache.js';
import { planChunks } from './chunk.js';
import { LlmError } from './errors.js';
import { injectionCwe, injectionFinding, neutralise } from './injection.js';
import { createLimiter } from './limiter.js';
import { dedupe, overlaps, vote } from './merge.js';
import { resolveModel, type ModelSpec } from './model-spec.js';
import { parseAnswer } from './parse/index.js';
import { LLM_DEFAULTS, type LlmOptions } from './options.js';
import { reviewConversation, type Chunk, type Conversation } from './prompts/index.js';
import { triageConversation } from './prompts/triage.js';
import { createProvider } from './providers/index.js';
import type { ChatAnswer, ChatMessage, ChatProvider, ChatRequest } from './providers/types.js';
import { redact } from './redact.js';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './retry.js';
import type { LlmSource } from './source.js';
import { Tally } from './tally.js';
import { claimToFinding, type LlmFinding } from './to-finding.js';
import { applyVerdict, parseVerdicts } from './triage.js';

export type LlmMode = 'llm' | 'hybrid';
export type { LlmOptions } from './options.js';

export interface LlmFileInput {
  source: LlmSource;
  /** The static engine's findings for the file (hybrid mode reviews and keeps them). */
  staticFindings: Finding[];
}

export interface LlmFileResult {
  path: string;
  /** What the file reports: model findings (verified, relocated, and unverified when asked), injections, and in hybrid mode the static ones. */
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** Every model finding with its verification, shown or not. */
  llmFindings: LlmFinding[];
}

export interface LlmReview {
  files: LlmFileResult[];
  /** Run-wide: a stopped review, hidden findings, an unusable cache. */
  diagnostics: Diagnostic[];
}

interface Session {
  spec: ModelSpec;
  provider: ChatProvider;
  cache?: AnswerCache;
  limit: <T>(task: () => Promise<T>) => Promise<T>;
  retry: RetryPolicy;
  tally: Tally;
  options: LlmOptions;
  temperature: number;
  /** Set by the first error that every later request would repeat (bad key, unknown model). */
  fatal?: LlmError;
}

export async function reviewWithLlm(mode: LlmMode, inputs: LlmFileInput[], options: LlmOptions): Promise<LlmReview> {
  const spec = resolveModel({ model: options.model, baseURL: options.baseURL, apiKey: options.apiKey, apiKeyEnv: options.apiKeyEnv, env: options.env });
  const samples = Math.max(1, options.samples ?? 1);
  const tally = options.tally ?? new Tally();
  tally.model(spec.engine, spec.model, spec.local, options.pricing);
  const runDiagnostics: Diagnostic[] = [];
  if (inputs.length === 0) return { files: [], diagnostics: runDiagnostics };
  let cache: AnswerCache | undefined;
  if (options.cache !== false) {
    try {
      cache = AnswerCache.open(options.cacheDir ?? LLM_DEFAULTS.cacheDir);
    } catch (err) {
      runDiagnostics.push({ kind: 'config', message: `llm: answer cache unavailable, continuing without it: ${oneLine(err)}`, error: false });
    }
  }
  const session: Session = {
    spec,
    provider: createProvider(spec, options.timeoutMs ?? LLM_DEFAULTS.timeoutMs),
    cache,
    limit: createLimiter(Math.max(1, options.concurrency ?? LLM_DEFAULTS.concurrency)),
    retry: { ...DEFAULT_RETRY, ...options.retry },
    tally,
    options,
    temperature: options.temperature ?? (samples > 1 ? 0.7 : 0),
  };
  try {
    const files = await Promise.all(inputs.map((input) => reviewFile(mode, input, session, samples)));
    if (session.fatal) {
      const missed = files.filter((f) => f.diagnostics.some((d) => d.message.endsWith(STOPPED))).length;
      runDiagnostics.push(engineDiagnostic(session, undefined, `${session.fatal.message}; the LLM review stopped (${missed} of ${files.length} files not reviewed by the model)`));
      for (const f of files) f.diagnostics = f.diagnostics.filter((d) => !d.message.endsWith(STOPPED));
    }
    const hidden = files.reduce((n, f) => n + f.llmFindings.filter((l) => !shown(l, options)).length, 0);
    if (hidden > 0) {
      runDiagnostics.push({
        kind: 'engine',
        message: `${short(spec)}: ${hidden} unverified finding${hidden === 1 ? '' : 's'} not shown (no line given, or the code cited is not in the file); --show-unverified shows them`,
        error: false,
      });
    }
    return { files, diagnostics: runDiagnostics };
  } finally {
    cache?.close();
  }
}

const STOPPED = 'not reviewed: the LLM review stopped';

function shown(f: LlmFinding, options: LlmOptions): boolean {
  return options.showUnverified === true || f.finding.verification !== 'unverified';
}

async function reviewFile(mode: LlmMode, input: LlmFileInput, session: Session, samples: number): Promise<LlmFileResult> {
  const { source } = input;
  const { options, spec } = session;
  const problems = new Map<string, boolean>();
  const note = (message: string, error: boolean) => problems.set(message, (problems.get(message) ?? false) || error);
  const { injections, withheld } = neutralise(source);
  const chunks = planChunks(source.lines, source.scoped.scopes, options.chunkTokens ?? LLM_DEFAULTS.chunkTokens);
  const perSample: LlmFinding[][] = Array.from({ length: samples }, () => []);
  let answered = 0;

  await Promise.all(
    chunks.flatMap((chunk) =>
      perSample.map(async (found, sample) => {
        const conversation = reviewConversation({
          strategy: options.prompt ?? LLM_DEFAULTS.prompt,
          path: source.path,
          language: source.language ?? 'unknown',
          lines: source.lines,
          chunk,
          withheld,
          project: options.project,
          commitMessage: options.commitMessage,
          injectionCwe: injectionCwe(),
        });
        const answer = await converse(session, conversation, sample).catch((err: unknown) => failure(session, err, note));
        if (!answer) return;
        if (answer.truncated) note(`answer cut off at the output limit (${options.maxOutputTokens ?? LLM_DEFAULTS.maxOutputTokens} tokens); findings after the cut are lost`, false);
        const parsed = parseAnswer(answer.text);
        if (parsed.kind === 'unparsed') {
          note('the model answered with something that is neither findings in JSON nor a numbered review; nothing was taken from it', true);
          return;
        }
        answered++;
        found.push(...parsed.claims.map((claim) => claimToFinding(claim, source, spec.engine)));
      }),
    ),
  );

  const llmFindings = samples > 1 ? vote(perSample, Math.min(samples, options.minVotes ?? Math.floor(samples / 2) + 1)) : dedupe(perSample[0]);
  // A file some of whose answers were unreadable is still reviewed; it is an error only when none was.
  const diagnostics = [...problems].map(([message, error]) => engineDiagnostic(session, source.path, message, error && answered === 0));
  const visible = llmFindings.filter((f) => shown(f, options)).map((f) => f.finding);
  const guards = injections.map((i) => injectionFinding(source, i));

  if (mode === 'llm') return { path: source.path, findings: [...visible, ...guards], diagnostics, llmFindings };

  const triaged = await triage(session, source, chunks, input.staticFindings, withheld).catch((err: unknown) => {
    failure(session, err, (message) => diagnostics.push(engineDiagnostic(session, source.path, `second opinion on static findings: ${message}`, false)));
    return input.staticFindings;
  });
  return { path: source.path, findings: [...mergeIntoStatic(triaged, visible), ...guards], diagnostics, llmFindings };
}

/** The model's findings that repeat a static one add the model to that finding's engines instead. */
function mergeIntoStatic(staticFindings: Finding[], llm: Finding[]): Finding[] {
  const merged = staticFindings.map((f) => ({ ...f }));
  const extra: Finding[] = [];
  for (const f of llm) {
    const twin = merged.find((s) => s.location.file === f.location.file && s.pillar.id === f.pillar.id && overlaps(s, f));
    if (twin) twin.engines = [...new Set([...twin.engines, ...f.engines])];
    else extra.push(f);
  }
  return [...merged, ...extra];
}

async function triage(session: Session, source: LlmSource, chunks: Chunk[], findings: Finding[], withheld: ReadonlyMap<number, string>): Promise<Finding[]> {
  const out = [...findings];
  await Promise.all(
    chunks.map(async (chunk) => {
      const inChunk = out.flatMap((f, i) => (f.location.startLine >= chunk.focus.start && f.location.startLine <= chunk.focus.end ? [i] : []));
      if (inChunk.length === 0) return;
      const conversation = triageConversation(source.path, source.lines, chunk, inChunk.map((i) => out[i]), withheld);
      const answer = await converse(session, conversation, 0);
      const verdicts = parseVerdicts(answer.text);
      inChunk.forEach((i, k) => (out[i] = applyVerdict(out[i], verdicts.get(k + 1), session.spec.engine)));
    }),
  );
  return out;
}

/** Runs the conversation's turns in order; the answer to the last turn is the review. */
async function converse(session: Session, conversation: Conversation, sample: number): Promise<ChatAnswer> {
  const messages: ChatMessage[] = [];
  let answer: ChatAnswer | undefined;
  for (const turn of conversation.turns) {
    if (answer) messages.push({ role: 'assistant', content: answer.text });
    messages.push({ role: 'user', content: turn });
    answer = await ask(session, { system: conversation.system, messages: [...messages], maxTokens: session.options.maxOutputTokens ?? LLM_DEFAULTS.maxOutputTokens, temperature: session.temperature }, sample);
  }
  return answer!;
}

async function ask(session: Session, request: ChatRequest, sample: number): Promise<ChatAnswer> {
  const { spec, tally } = session;
  const key = cacheKey({ engine: spec.engine, baseURL: spec.baseURL, request, sample });
  const cached = session.cache?.get(key);
  if (cached) {
    tally.fromCache(spec.engine);
    return cached;
  }
  return session.limit(async () => {
    if (session.fatal) throw session.fatal;
    try {
      const answer = await withRetries(() => session.provider.complete(request), session.retry, () => tally.retried(spec.engine));
      tally.answered(spec.engine, answer.inputTokens, answer.outputTokens);
      session.cache?.put(key, spec.engine, answer);
      return answer;
    } catch (err) {
      tally.failed(spec.engine);
      if (err instanceof LlmError && err.fatal) session.fatal ??= err;
      throw err;
    }
  });
}

/** A failed request becomes a note on its file; after a fatal error, the file is marked not reviewed. */
function failure(session: Session, err: unknown, note: (message: string, error: boolean) => void): undefined {
  if (session.fatal && (err === session.fatal || (err instanceof LlmError && err.fatal))) note(STOPPED, true);
  else note(oneLine(err), true);
  return undefined;
}

function engineDiagnostic(session: Session, file: string | undefined, message: string, error = true): Diagnostic {
  return { kind: 'engine', ...(file ? { file } : {}), message: redact(`${short(session.spec)}: ${message}`, [session.spec.apiKey]), error };
}

function short(spec: ModelSpec): string {
  return spec.engine.replace(/^llm:/, 'llm ');
}

function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0].trim() || 'unknown error';
}
