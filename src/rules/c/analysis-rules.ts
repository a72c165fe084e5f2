/** The C and C++ rules on the lowered IR: path-sensitive checks, data flow, and IR-level patterns. */
import type { Rule } from '../types.js';
import { outOfBounds } from './out-of-bounds.js';
import { useAfterFree } from './use-after-free.js';
import { doubleFree } from './double-free.js';
import { freeOfNonHeap } from './free-of-non-heap.js';
import { mismatchedRelease } from './mismatched-release.js';
import { memoryLeak } from './memory-leak.js';
import { handleLeak } from './handle-leak.js';
import { nullDereference } from './null-dereference.js';
import { integerOverflow } from './integer-overflow.js';
import { divisionByZero } from './division-by-zero.js';
import { unboundedAllocation } from './unbounded-allocation.js';
import { unboundedLoop } from './unbounded-loop.js';
import { lockMisuse } from './lock-misuse.js';

import { brokenCrypto } from './broken-crypto.js';
import { hardcodedKey, hardcodedPassword } from './hardcoded-secret.js';
import { endlessLoop } from './endless-loop.js';
import { relativeProgramPath } from './relative-program-path.js';
import { signalHandler } from './signal-handler.js';
import { cTaintRules } from './taint-rules.js';

export const cAnalysisRules: Rule[] = [...cTaintRules, signalHandler, brokenCrypto, hardcodedKey, hardcodedPassword, relativeProgramPath, outOfBounds, useAfterFree, doubleFree, freeOfNonHeap, mismatchedRelease, memoryLeak, handleLeak, nullDereference, integerOverflow, divisionByZero, unboundedAllocation, unboundedLoop, endlessLoop, lockMisuse];
