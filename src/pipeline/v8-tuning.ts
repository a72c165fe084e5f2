/**
 * V8 settings for the analysis, set by the programs that run it (the CLI, the bench), not by the
 * library: V8 flags belong to the whole process.
 *
 * The engine's IR and path states are objects of many shapes, so the optimizing compiler sees
 * new shapes for a long while and recompiles hot functions again and again, in every worker.
 * Measured on libxml2 (`node --no-turbo-inlining --interrupt-budget=300000 dist/bench/measure.js
 * <tree>` against plain `node`, two workers): TurboFan's own work was 28% of all CPU time (perf);
 * without inlining and with a later tier-up, the review takes about 20% less CPU and wall time
 * (27.0–28.8 s CPU, 13.9–15.1 s wall, down to 21–23 s and 11.4–12.8 s), and about 15% less on
 * the Python standard library. Both are stable TurboFan options; Maglev (faster still) is left
 * off because it is experimental in Node 20's V8.
 */
import { setFlagsFromString } from 'node:v8';

let tuned = false;

/** Applies once, before worker threads start (they share the process's flags). */
export function tuneV8ForAnalysis(): void {
  if (tuned) return;
  tuned = true;
  setFlagsFromString('--no-turbo-inlining');
  setFlagsFromString('--interrupt-budget=300000');
}
