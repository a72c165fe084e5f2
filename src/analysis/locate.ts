/**
 * Turns IR offsets into the lines and columns users see, and a taint report's trace into the
 * finding model's Trace (source -> steps -> sink, each with a location).
 */
import type { Location, Trace } from '../core/finding.js';
import type { ModuleIR } from './ir.js';
import type { TaintReport } from './summary.js';
import { traceSteps } from './values.js';

export class Locator {
  private readonly lineStarts = new Map<number, number[]>();

  constructor(private readonly modules: readonly ModuleIR[]) {}

  location(mod: number, s: number, e: number): Location {
    const m = this.modules[mod];
    const starts = this.starts(mod);
    const [startLine, startColumn] = this.position(starts, s);
    // A span ending right after a newline ends on the previous line.
    let end = e;
    while (end > s && (m.text[end - 1] === '\n' || m.text[end - 1] === '\r')) end--;
    const [endLine, endColumn] = this.position(starts, end);
    return { file: m.path, startLine, endLine, startColumn, endColumn };
  }

  trace(r: TaintReport): Trace {
    const out: Trace = [];
    for (const step of traceSteps(r.trace)) {
      const location = this.location(step.mod, step.s, step.e);
      const previous = out[out.length - 1];
      // Consecutive steps on the same code say the same thing twice.
      if (previous && previous.location.startLine === location.startLine && previous.location.file === location.file && previous.label === step.label) continue;
      out.push({ location, label: step.label });
    }
    return out;
  }

  private starts(mod: number): number[] {
    let starts = this.lineStarts.get(mod);
    if (!starts) {
      starts = [0];
      const text = this.modules[mod].text;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      }
      this.lineStarts.set(mod, starts);
    }
    return starts;
  }

  /** 1-based line and column of an offset. */
  private position(starts: number[], offset: number): [number, number] {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo + 1, offset - starts[lo] + 1];
  }
}
