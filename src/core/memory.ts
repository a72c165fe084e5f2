/**
 * Explicit garbage collection where the review knows much memory has just died. V8 lets a busy
 * heap grow to several times what is live before it collects, which on a large project is the
 * difference between a few hundred megabytes and a gigabyte.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
export const collectGarbage = runInNewContext('gc') as () => void;

const FLOOR_BYTES = 128 * 1024 * 1024;

/**
 * Collects once the heap holds twice what was live after the previous collection (and more than a
 * floor), bounding an allocation-heavy phase's peak at about twice its live data.
 */
export class HeapGovernor {
  private limit = FLOOR_BYTES;

  check(): void {
    if (getHeapStatistics().used_heap_size < this.limit) return;
    collectGarbage();
    this.limit = Math.max(FLOOR_BYTES, 2 * getHeapStatistics().used_heap_size);
  }
}

/**
 * A copy of `s` that does not hold on to the text it was cut from. V8 keeps a slice of a long
 * string as a view of the whole, so a name kept in a cache would keep its whole file alive.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
