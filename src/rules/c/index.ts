import type { Rule } from '../types.js';
import { allocSizeOverflow } from './alloc-size-overflow.js';
import { cAnalysisRules } from './analysis-rules.js';
import { commandInjection } from './command-injection.js';
import { danglingCStr } from './dangling-c-str.js';
import { formatString } from './format-string.js';
import { gets } from './gets.js';
import { insecureErase } from './insecure-erase.js';
import { insecureTempfile } from './insecure-tempfile.js';
import { missingTerminator } from './missing-terminator.js';
import { privilegeDrop } from './privilege-drop.js';
import { reallocLeak } from './realloc-leak.js';
import { returnStackAddress } from './return-stack-address.js';
import { sizeofPointer } from './sizeof-pointer.js';
import { toctou } from './toctou.js';
import { unboundedCopy } from './unbounded-copy.js';
import { weakKeySize } from './weak-key-size.js';
import { weakRandom } from './weak-random.js';
import { worldWritablePermissions } from './world-writable-permissions.js';

export const cRules: Rule[] = [
  gets,
  unboundedCopy,
  formatString,
  commandInjection,
  weakRandom,
  allocSizeOverflow,
  insecureTempfile,
  insecureErase,
  toctou,
  sizeofPointer,
  returnStackAddress,
  privilegeDrop,
  reallocLeak,
  missingTerminator,
  worldWritablePermissions,
  danglingCStr,
  weakKeySize,
  ...cAnalysisRules,
];
