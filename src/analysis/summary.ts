/**
 * What a function does with data, independent of its callers (CodeQL-style summaries): what its
 * return value carries (sources inside it, or its parameters and free variables), which
 * parameters reach a sink inside it, and what it stores into the objects passed to it.
 */
import type { SinkClass } from './specs.js';
import { deepTaint, EMPTY, type Label, type Taint, type TraceNode, type Value } from './values.js';

export interface SinkHit {
  cls: SinkClass;
  mod: number;
  s: number;
  e: number;
  /** Id of the function containing the sink. */
  fn: string;
  /** A parameter or free-variable label that reaches the sink unsanitised. */
  label: Label;
  /** The sink, for the trace: "executed as a shell command by os.system()". */
  what: string;
  /**
   * What the parameter's text must be for the call to be a sink at all (`putenv(data)` sets a
   * search path only when `data` starts with `PATH=`): its callers, which know, decide.
   */
  requires?: TextCondition;
}

/** A condition on a text that only a caller knows: it starts with, or is, one of `values`. */
export interface TextCondition {
  is: 'starts-with' | 'one-of';
  values: readonly string[];
}

export interface Summary {
  ret: Value;
  sinks: SinkHit[];
  /** Parameter index -> its value when the function returns (fields and elements stored into it). */
  effects: Array<[number, Value]>;
  raises: Taint;
}

export const EMPTY_SUMMARY: Summary = { ret: EMPTY, sinks: [], effects: [], raises: [] };

/** A taint finding before it becomes a Finding: the sink, and the trace that reaches it. */
export interface TaintReport {
  cls: SinkClass;
  mod: number;
  s: number;
  e: number;
  /** Id of the function containing the sink (for the fingerprint's scope). */
  fn: string;
  trace: TraceNode;
  what: string;
  /** A more specific CWE than the rule's for this report. */
  cwe?: number;
}

/** Identity of a summary up to traces, to detect when a fixpoint iteration changed nothing. */
export function signature(s: Summary): string {
  const labels = (t: Taint): string => t.map((l) => `${l.kind}${l.index}${l.name}:${l.path}:${l.cleared}`).sort().join(',');
  const ret = labels(deepTaint(s.ret));
  const sinks = s.sinks.map((h) => `${h.cls}@${h.mod}:${h.s}<${labels([h.label])}`).sort().join(';');
  const effects = s.effects.map(([i, v]) => `${i}=${labels(deepTaint(v))}`).join(';');
  return `${ret}|${sinks}|${effects}|${labels(s.raises)}|${s.ret.ref ? JSON.stringify({ k: s.ret.ref.k, id: 'id' in s.ret.ref ? s.ret.ref.id : '' }) : ''}`;
}
