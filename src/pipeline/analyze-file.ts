/**
 * One file through the static engine: read, parse, run rules. Never throws: whatever goes wrong
 * becomes a one-line diagnostic so the rest of the run keeps its findings.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import type { Finding } from '../core/finding.js';
import { lineCount, withLines, type SourceFile } from '../core/source-file.js';
import type { Language } from '../languages/language.js';
import { firstSyntaxError, parse, type Tree } from '../languages/parse.js';
import { rulesFor } from '../rules/index.js';
import { runRules } from '../rules/run.js';
import { readSource } from '../sources/read.js';
import type { DiscoveredFile } from '../sources/types.js';
import type { PackedModule } from '../analysis/packed.js';
import { collectDefinitions, resolveAnnotationMacros, WELL_KNOWN_MACROS, type AnnotationMacros, type MacroDefinitions } from '../languages/c/macros.js';
import { parseC } from '../languages/c/prepare.js';
import { ConstantCandidates } from '../languages/c/project-constants.js';
import { FunctionLinkage } from '../languages/c/project-functions.js';
import { crossFileFacts, type CrossFileFacts } from '../languages/c/cross-file.js';
import { completeProject, lowerModule } from './project-analysis.js';
import { collectSuppressions, type Suppression } from './suppressions.js';
import { isTestPath } from '../languages/python/syntax.js';
import { HeapGovernor } from '../core/memory.js';

export interface FileAnalysis {
  path: string;
  language: Language;
  /** Undefined when the file was not analysed (skipped or unreadable). */
  lines?: number;
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** The file's `secreview: ignore[...]` comments, applied once every engine has reported. */
  suppressions?: Suppression[];
  /** The file lowered to the IR, until the project-wide data-flow pass has used it. */
  module?: PackedModule;
  /** C/C++: what its path analysis tells the cross-file step, until that step has used it. */
  paths?: CrossFileFacts;
}

export interface AnalysisOptions {
  maxFileSize: number;
  /** C/C++: the annotation macros the project's headers define (see languages/c/macros.ts). */
  macros?: AnnotationMacros;
  /** Python test modules get the data-flow pass too; without it they get the syntactic rules only. */
  dataFlowInTests?: boolean;
}

export function analyzeFile(file: DiscoveredFile, options: AnalysisOptions): FileAnalysis {
  const base = { path: file.path, language: file.language };
  const read = readSource(file, options.maxFileSize);
  if (!read.ok) return { ...base, findings: [], diagnostics: [read.diagnostic] };
  const dataFlow = options.dataFlowInTests === true || !(file.language === 'python' && isTestPath(file.path));
  const result = analyzeFileText({ path: file.path, absPath: file.absPath, language: file.language, text: read.text }, options.macros, dataFlow);
  return { ...result, diagnostics: [...read.diagnostics, ...result.diagnostics] };
}

/** Analyses files one after another, letting the event loop turn between them (progress, signals). */
export async function analyzeFiles(
  files: DiscoveredFile[],
  options: AnalysisOptions,
  onEach?: (done: number) => void,
): Promise<FileAnalysis[]> {
  const out: FileAnalysis[] = [];
  // A file's tree and IR are garbage once it is done, but V8 lets a busy heap grow to several
  // times what is live before collecting: with two workers, that was the review's peak memory.
  const heap = new HeapGovernor();
  for (const file of files) {
    out.push(analyzeFile(file, options));
    heap.check();
    onEach?.(out.length);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return out;
}

/** Analysis of text already in memory (tests, patches, LLM verification): a one-module project. */
export function analyzeSource(input: Omit<SourceFile, 'lines'>): FileAnalysis {
  return completeProject([analyzeFileText(input)])[0];
}

/**
 * The per-file part of the static engine; completeProject() then runs the project-wide data flow
 * over the files lowered for it (`dataFlow`).
 */
export function analyzeFileText(input: Omit<SourceFile, 'lines'>, macros: AnnotationMacros = WELL_KNOWN_MACROS, dataFlow = true): FileAnalysis {
  const source = withLines(input);
  const base = { path: source.path, language: source.language, lines: lineCount(source.text) };
  const diagnostics: Diagnostic[] = [];
  try {
    const tree = parseSource(source, macros);
    const errorLine = firstSyntaxError(tree);
    if (errorLine !== undefined) {
      diagnostics.push({
        kind: 'syntax',
        file: source.path,
        line: errorLine,
        message: 'syntax error; the parser recovered and the rest of the file was reviewed',
        error: false,
      });
    }
    const findings = runRules(source, tree, rulesFor(source.language));
    const paths = source.language === 'python' ? undefined : crossFileFacts(source, tree);
    return { ...base, findings, diagnostics, suppressions: collectSuppressions(source, tree), ...(dataFlow ? lowered(source, tree, diagnostics) : {}), ...(paths ? { paths } : {}) };
  } catch (err) {
    diagnostics.push({ kind: 'engine', file: source.path, message: `static analysis failed: ${oneLine(err)}`, error: true });
    return { ...base, findings: [], diagnostics };
  }
}

/** Parses Python as written; C and C++ as languages/c/prepare.ts prepares them. */
function parseSource(source: SourceFile, macros: AnnotationMacros): Tree {
  return source.language === 'python' ? parse('python', source.text) : parseC(source.language, source.text, macros);
}

/**
 * The annotation macros the C and C++ headers among `files` define, with the well-known ones,
 * and the constants the project's files define for each other (project-constants.ts). Files that
 * cannot be read are passed over here: their own review reports them.
 */
export function projectAnnotationMacros(files: DiscoveredFile[], maxFileSize: number): AnnotationMacros {
  const defs: MacroDefinitions = new Map();
  const constants = new ConstantCandidates();
  const linkage = new FunctionLinkage();
  const cFiles = files.filter((f) => f.language !== 'python');
  // One file's text at a time: a large tree's sources are not all held in memory at once.
  const texts = function* (): Generator<{ text: string; header: boolean }> {
    for (const file of cFiles) {
      const read = readSource(file, maxFileSize);
      if (read.ok) yield { text: read.text, header: HEADER.test(file.path) };
    }
  };
  for (const { text, header } of texts()) {
    if (header) collectDefinitions(text, defs);
    constants.add(text, header);
    linkage.add(text, header);
  }
  const macros = { ...resolveAnnotationMacros(defs), linkage };
  // The constants other files define are folded like the numbers the headers define; settling
  // them reads the files again, only when there are any.
  if (constants.names().length === 0) return macros;
  const { globals, functions } = constants.settle((function* () {
    for (const { text } of texts()) yield text;
  })());
  if (globals.size === 0 && functions.size === 0) return macros;
  const folded = new Map(macros.constants);
  for (const [name, value] of globals) if (!folded.has(name)) folded.set(name, value);
  const values = new Map(macros.values);
  for (const [name, value] of functions) if (!values.has(name)) values.set(name, value);
  return { ...macros, constants: folded, values };
}

const HEADER = /\.(?:h|hh|hpp|hxx|h\+\+|inl)$/i;

/** The file's IR for the data-flow pass; a lowering failure costs only the data-flow findings. */
function lowered(source: SourceFile, tree: Tree, diagnostics: Diagnostic[]): { module?: PackedModule } {
  try {
    const module = lowerModule(source, tree);
    return module ? { module } : {};
  } catch (err) {
    diagnostics.push({ kind: 'engine', file: source.path, message: `data-flow lowering failed: ${oneLine(err)}`, error: true });
    return {};
  }
}

export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0].trim() || 'unknown error';
}
