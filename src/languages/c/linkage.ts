/**
 * Which definition a C/C++ call of a name links to when the review holds several files that
 * define it: each program or test of a tree its own `usage()` or `badSink()` (in C++, often in
 * namespaces of their own). The only definition, or the one in the file nearest to the caller's
 * (the longest common path); none when two are equally near.
 */
export function nearestDefinition<T>(candidates: readonly T[], pathOf: (t: T) => string, from: string): T | undefined {
  if (candidates.length <= 1) return candidates[0];
  const shared = (other: string): number => {
    let i = 0;
    while (i < from.length && i < other.length && from[i] === other[i]) i++;
    return i;
  };
  const scored = candidates.map((c) => ({ c, n: shared(pathOf(c)) })).sort((a, b) => b.n - a.n);
  return scored[0].n > scored[1].n ? scored[0].c : undefined;
}
