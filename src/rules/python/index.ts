import type { Rule } from '../types.js';
import { cleartextProtocol } from './cleartext-protocol.js';
import { commandInjection } from './command-injection.js';
import { csrfDisabled } from './csrf-disabled.js';
import { debugMode } from './debug-mode.js';
import { dynamicImport } from './dynamic-import.js';
import { evalInjection } from './eval-injection.js';
import { exceptionExposure } from './exception-exposure.js';
import { hardcodedCredentials } from './hardcoded-credentials.js';
import { incompleteUrlCheck } from './incomplete-url-check.js';
import { insecureRandom } from './insecure-random.js';
import { insecureTempFile } from './insecure-temp-file.js';
import { jinja2AutoescapeOff } from './jinja2-autoescape-off.js';
import { jwtVerificationDisabled } from './jwt-verification-disabled.js';
import { lockNotReleased } from './lock-not-released.js';
import { permissiveCors } from './permissive-cors.js';
import { requestWithoutTimeout } from './request-without-timeout.js';
import { sensitiveLogging } from './sensitive-logging.js';
import { sqlInjection } from './sql-injection.js';
import { staticIv } from './static-iv.js';
import { swallowedException } from './swallowed-exception.js';
import { pythonTaintRules } from './taint-rules.js';
import { tarExtraction } from './tar-extraction.js';
import { toctou } from './toctou.js';
import { tlsVerificationDisabled } from './tls-verification-disabled.js';
import { unsafeDeserialization } from './unsafe-deserialization.js';
import { weakCipher } from './weak-cipher.js';
import { weakHash } from './weak-hash.js';
import { weakKeySize } from './weak-key-size.js';
import { weakTlsVersion } from './weak-tls-version.js';
import { worldWritablePermissions } from './world-writable-permissions.js';
import { xmlExternalEntities } from './xml-external-entities.js';

export const pythonRules: Rule[] = [
  cleartextProtocol,
  commandInjection,
  csrfDisabled,
  debugMode,
  dynamicImport,
  evalInjection,
  exceptionExposure,
  hardcodedCredentials,
  incompleteUrlCheck,
  insecureRandom,
  insecureTempFile,
  jinja2AutoescapeOff,
  jwtVerificationDisabled,
  lockNotReleased,
  permissiveCors,
  requestWithoutTimeout,
  sensitiveLogging,
  sqlInjection,
  staticIv,
  swallowedException,
  tarExtraction,
  toctou,
  tlsVerificationDisabled,
  unsafeDeserialization,
  weakCipher,
  weakHash,
  weakKeySize,
  weakTlsVersion,
  worldWritablePermissions,
  xmlExternalEntities,
  ...pythonTaintRules,
];
