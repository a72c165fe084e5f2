/**
 * A claim is one defect as a model stated it, before anything is checked: the CWE ids it cited,
 * the lines it named, its words, and the code it quoted. Parsing produces claims; verification
 * checks them against the file; only then do they become findings.
 */
import type { Confidence, Severity } from '../core/finding.js';

export interface LineRange {
  start: number;
  end: number;
}

export interface Claim {
  /** 1-based position of the defect in the answer. */
  index: number;
  /** CWE ids in the order the claim cites them; the heading's come first. */
  cweIds: number[];
  /** The name the model gave next to the first cited CWE, when it gave one. */
  cweName?: string;
  /** Text of the claim's heading (e.g. `CWE-284 (Improper Access Control)`), used to match pillar names. */
  heading: string;
  /** Lines the model cited; empty when it gave none (an unlocated claim). */
  ranges: LineRange[];
  title?: string;
  description: string;
  solution: string;
  /** Code the claim names or quotes (backticks, fenced blocks, an evidence field), from its description only. */
  codeTerms: string[];
  severity?: Severity;
  confidence?: Confidence;
}

export type AnswerKind = 'json' | 'prose' | 'no-defects' | 'unparsed';

export interface ParsedAnswer {
  kind: AnswerKind;
  claims: Claim[];
  /** What the parser set aside, for people reading `secreview parse` output (e.g. a repeated summary). */
  notes: string[];
}
