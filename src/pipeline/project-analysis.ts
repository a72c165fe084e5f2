/**
 * The project phase of the static engine. Workers parse and lower each file to the IR in
 * parallel (lowerModule, called per file); once every file is back, completeProject runs the
 * data-flow pass over all modules together — imports resolved, summaries to a fixpoint — and adds
 * its findings to the files they belong to. A single file analysed on its own is a one-module
 * project.
 */
import { Locator } from '../analysis/locate.js';
import type { ModuleIR } from '../analysis/ir.js';
import { pack, type PackedModule } from '../analysis/packed.js';
import { Project } from '../analysis/project.js';
import { indexSpecs, type SpecIndex } from '../analysis/spec-index.js';
import type { SinkClass } from '../analysis/specs.js';
import type { TaintReport } from '../analysis/summary.js';
import { pillarOf } from '../core/cwe.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { compareFindings, type Finding } from '../core/finding.js';
import { linesOf, splitLines, type SourceFile } from '../core/source-file.js';
import type { Language } from '../languages/language.js';
import type { Tree } from '../languages/parse.js';
import { lowerPython } from '../languages/python/lower.js';
import { lowerCCached } from '../languages/c/lower.js';
import { cSpecs } from '../languages/c/specs/index.js';
import { cTaintRules } from '../rules/c/taint-rules.js';
import { pythonSpecs } from '../languages/python/specs/index.js';
import { staticFinding } from '../rules/run.js';
import type { CrossFileFacts } from '../languages/c/cross-file.js';
import { crossFilePathFindings } from './cross-file-paths.js';
import { pythonTaintRules } from '../rules/python/taint-rules.js';
import type { TaintRule } from '../rules/python/taint-rule.js';

interface LanguageSupport {
  lower(file: Pick<SourceFile, 'path' | 'text'>, tree: Tree): ModuleIR;
  specs: SpecIndex;
  rules: ReadonlyMap<SinkClass, TaintRule>;
}

const SUPPORT: Partial<Record<Language, LanguageSupport>> = {
  python: { lower: lowerPython, specs: indexSpecs(pythonSpecs), rules: new Map(pythonTaintRules.map((r) => [r.sink, r])) },
  c: { lower: (file, tree) => lowerCCached({ ...file, language: 'c' }, tree), specs: indexSpecs(cSpecs), rules: new Map(cTaintRules.map((r) => [r.sink, r])) },
  cpp: { lower: (file, tree) => lowerCCached({ ...file, language: 'cpp' }, tree), specs: indexSpecs(cSpecs), rules: new Map(cTaintRules.map((r) => [r.sink, r])) },
};

const TAINT_RULE_IDS = new Set(Object.values(SUPPORT).flatMap((s) => [...s.rules.values()].map((r) => r.meta.id)));

/** The IR of one parsed file, packed for the trip to the project pass; undefined for languages without data flow. */
export function lowerModule(file: SourceFile, tree: Tree): PackedModule | undefined {
  const support = SUPPORT[file.language];
  return support ? pack(support.lower(file, tree), support.specs) : undefined;
}

interface WithModule {
  path: string;
  findings: Finding[];
  diagnostics: Diagnostic[];
  module?: PackedModule;
  paths?: CrossFileFacts;
}

/**
 * Runs the project-wide steps over every lowered file — the C/C++ path checks across files, then
 * the data-flow pass — adds their findings, and drops the IR.
 */
export function completeProject<T extends WithModule>(analyses: T[]): T[] {
  const modules = analyses.flatMap((a) => (a.module ? [a.module] : []));
  const out = analyses.map(({ module: _module, paths: _paths, ...rest }) => ({ ...rest, findings: [...rest.findings], diagnostics: [...rest.diagnostics] }) as T);
  if (modules.length === 0) return out;
  const byPath = new Map(out.map((a) => [a.path, a]));
  try {
    const { added, withdrawn } = crossFilePathFindings(analyses);
    for (const [path, keys] of withdrawn) {
      const target = byPath.get(path);
      if (target) target.findings = target.findings.filter((f) => !keys.has(`${f.ruleId}:${f.location.startLine}`));
    }
    for (const [path, found] of added) byPath.get(path)?.findings.push(...found);
  } catch (err) {
    out[0].diagnostics.push({ kind: 'engine', message: `cross-file path analysis failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, error: true });
  }
  try {
    const project = new Project(modules, (language) => SUPPORT[language as Language]!.specs);
    const locator = new Locator(project.modules);
    // Each module's text is split into lines once, however many findings it has.
    const lines = new Map<number, string[]>();
    const generated = new Map<string, { target: WithModule; finding: Finding }>();
    for (const report of project.run()) {
      const module = project.modules[report.mod];
      const rule = SUPPORT[module.language as Language]?.rules.get(report.cls);
      const target = byPath.get(module.path);
      if (!rule || !target) continue;
      if (!lines.has(report.mod)) lines.set(report.mod, splitLines(module.text));
      const finding = toFinding(rule, report, module, lines.get(report.mod)!, locator);
      const source = report.cls === 'weak-random' ? finding.trace?.[0]?.location : undefined;
      if (!source) {
        target.findings.push(finding);
        continue;
      }
      // A weak random value is one defect in the function that makes a secret of it, however many
      // secrets it then becomes there (`token = random…` then `set_cookie(…, token)`): the first tells it.
      const key = `${source.file}:${source.startLine}:${source.startColumn}:${report.fn}`;
      const kept = generated.get(key);
      if (!kept || compareFindings(finding, kept.finding) < 0) generated.set(key, { target, finding });
    }
    for (const { target, finding } of generated.values()) target.findings.push(finding);
    withdrawDisproved(project, byPath, locator);
    for (const a of out) a.findings = supersede(a.findings);
  } catch (err) {
    const first = out[0];
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    first.diagnostics.push({ kind: 'engine', message: `data-flow analysis failed: ${message}`, error: true });
  }
  return out;
}

function toFinding(rule: TaintRule, report: TaintReport, module: ModuleIR, lines: string[], locator: Locator): Finding {
  const { meta } = rule;
  const location = locator.location(report.mod, report.s, report.e);
  const trace = locator.trace(report);
  const code = module.text.slice(report.s, report.e);
  // A report without a source (a cookie's flags) is about one line; it has no flow to show.
  const flow = trace.length > 1;
  const source = trace[0];
  const from = source ? `${source.label.replace(/^source: /, '')} (line ${source.location.startLine}${source.location.file !== module.path ? ` of ${source.location.file}` : ''})` : 'Untrusted data';
  const via = trace.length > 2 ? `, through ${trace.length - 2} step${trace.length === 3 ? '' : 's'},` : '';
  return staticFinding(meta, {
    cwe: report.cwe,
    location,
    description: flow
      ? `${capitalize(from)}${via} reaches \`${oneLine(code)}\`, where it is ${report.what}. ${meta.description}`
      : `\`${oneLine(code)}\` sets ${report.what}. ${meta.description}`,
    evidence: linesOf({ lines }, location.startLine, location.endLine),
    code,
    scope: report.fn === '<module>' ? '' : report.fn,
    ...(flow ? { trace } : {}),
  });
}

/** One weakness on one line: the data-flow and syntactic findings that tell the same defect share it. */
function sameDefectKey(file: string, line: number, pillar: number, defectType: string): string {
  return `${file}:${line}:${pillar}:${defectType}`;
}

const defectKey = (f: Finding): string => sameDefectKey(f.location.file, f.location.startLine, f.pillar.id, f.defectType);

/** Sinks whose syntactic rules warn only that the argument is not a literal (`eval(bar)`, `os.system(cmd)`). */
const LITERAL_ONLY_WARNINGS: ReadonlySet<SinkClass> = new Set(['code', 'command', 'sql', 'deserialization']);

/**
 * A syntactic warning that a sink runs non-literal data (`eval(bar)`) is wrong where the data flow
 * found that the argument is made of the program's literals only (`bar` is `"1 + 1"` or `"2 * 2"`
 * on every path): it goes. Python only: in C a buffer's contents change through pointers the data
 * flow does not all follow.
 */
function withdrawDisproved(project: Project, byPath: Map<string, WithModule>, locator: Locator): void {
  const disproved = new Set<string>();
  for (const sink of project.literalSinks()) {
    const module = project.modules[sink.mod];
    if (module.language !== 'python' || !LITERAL_ONLY_WARNINGS.has(sink.cls)) continue;
    const rule = SUPPORT[module.language as Language]?.rules.get(sink.cls);
    if (!rule) continue;
    const line = locator.location(sink.mod, sink.s, sink.e).startLine;
    disproved.add(sameDefectKey(module.path, line, pillarOf(rule.meta.cwe).id, rule.meta.defectType));
  }
  if (disproved.size === 0) return;
  for (const target of byPath.values()) {
    target.findings = target.findings.filter((f) => TAINT_RULE_IDS.has(f.ruleId) || !disproved.has(defectKey(f)));
  }
}

/**
 * A data-flow finding and a syntactic one on the same line about the same kind of weakness are
 * one defect: the data-flow finding, which carries the proof (its trace), stays.
 */
function supersede(findings: Finding[]): Finding[] {
  const flow = new Set(findings.filter((f) => TAINT_RULE_IDS.has(f.ruleId)).map(defectKey));
  if (flow.size === 0) return findings;
  return findings.filter((f) => TAINT_RULE_IDS.has(f.ruleId) || !flow.has(defectKey(f)));
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function oneLine(code: string): string {
  const text = code.replace(/\s+/g, ' ').trim();
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
