import { code } from '../../languages/c/describe.js';
import { cFacts, type CFacts } from '../../languages/c/facts.js';
import { PRINTF_FAMILY } from '../../languages/c/libc.js';
import { callArguments, enclosingFunction, functionName, libcName, line, shortName, unwrap } from '../../languages/c/syntax.js';
import type { SyntaxNode } from '../../languages/parse.js';
import type { Rule } from '../types.js';
import { liveContext } from './live-context.js';

const PRNG = new Set(['rand', 'random', 'rand_r', 'random_r', 'drand48', 'erand48', 'lrand48', 'nrand48', 'mrand48', 'jrand48']);

/** Words that name a secret when they appear as a whole word of an identifier. */
const SECRET_WORDS = new Set([
  'key', 'keys', 'apikey', 'privkey', 'iv', 'salt', 'otp', 'totp', 'hotp', 'pin', 'sid', 'sessid', 'auth', 'uuid', 'guid', 'pwd', 'psk', 'hmac',
]);
/** Roots that name a secret anywhere inside a word (`csrftoken`, `sessionid`, `newpassword`). */
const SECRET_ROOTS = ['token', 'passw', 'passphrase', 'secret', 'nonce', 'session', 'credential', 'challenge', 'entropy', 'cookie', 'crypt', 'csrf', 'xsrf', 'cipher'];
/** A `key` next to these words is a lookup key or a keyboard key, not a secret. */
const NOT_SECRET_KEY = new Set([
  'sort', 'hash', 'cache', 'map', 'table', 'lookup', 'dict', 'code', 'press', 'pressed', 'event', 'board', 'len', 'length', 'size',
  'count', 'index', 'idx', 'num', 'slot', 'bucket', 'hot', 'primary', 'foreign', 'tree', 'heap', 'node',
]);

function words(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The word that makes `name` sound like a secret, if any. */
export function secretWord(name: string): string | undefined {
  const ws = words(name);
  for (const w of ws) {
    if (SECRET_WORDS.has(w)) {
      if ((w === 'key' || w === 'keys') && ws.some((x) => NOT_SECRET_KEY.has(x))) continue;
      return w;
    }
    const root = SECRET_ROOTS.find((r) => w.includes(r));
    if (root) return w;
  }
  return undefined;
}

/** Where a value computed from `call` ends up: an assignment target, a variable, a return, an argument. */
function destination(call: SyntaxNode): { kind: 'assign' | 'init' | 'return' | 'argument'; node: SyntaxNode; name: string } | undefined {
  let child = call;
  for (let n = call.parent; n; child = n, n = n.parent) {
    switch (n.type) {
      case 'assignment_expression': {
        if (n.childForFieldName('right')?.id !== child.id) return undefined;
        const left = n.childForFieldName('left');
        return left ? { kind: 'assign', node: n, name: left.text } : undefined;
      }
      case 'init_declarator': {
        const d = n.childForFieldName('declarator');
        return d ? { kind: 'init', node: n, name: d.text } : undefined;
      }
      case 'return_statement': {
        const fn = enclosingFunction(n);
        const name = fn && functionName(fn);
        return name ? { kind: 'return', node: n, name: shortName(name) } : undefined;
      }
      case 'argument_list': {
        const outer = n.parent;
        const callee = outer && libcName(outer);
        if (!outer || !callee) return undefined;
        // snprintf(token, sizeof token, "%08x", rand()): the value lands in the first argument.
        if (PRINTF_FAMILY[callee] && /s.*printf/.test(callee)) {
          const target = callArguments(outer)[0];
          return target ? { kind: 'assign', node: outer, name: target.text } : undefined;
        }
        if (callee === 'srand' || callee === 'srandom') return undefined;
        return { kind: 'argument', node: outer, name: callee };
      }
      case 'binary_expression':
      case 'unary_expression':
      case 'parenthesized_expression':
      case 'cast_expression':
      case 'conditional_expression':
      case 'subscript_expression':
      case 'comma_expression':
        continue;
      default:
        return undefined;
    }
  }
  return undefined;
}

export const weakRandom: Rule = {
  meta: {
    id: 'c/weak-random',
    title: 'Predictable random numbers used for a secret',
    cwe: 338,
    defectType: 'encryption',
    severity: 'high',
    confidence: 'medium',
    languages: ['c', 'cpp'],
    description:
      'rand(), random() and the drand48 family are small linear generators meant for simulations and games. Their state is tiny and usually seeded from the clock, so an attacker who sees a few outputs, or knows roughly when the process started, can reproduce the sequence and predict tokens, keys, session ids, nonces or passwords made from it.',
    solution:
      'Take secret values from the operating system CSPRNG: getrandom()/getentropy() on Linux and BSD, arc4random_buf() on BSD and macOS, BCryptGenRandom() on Windows, or RAND_bytes() from OpenSSL.',
  },
  create(ruleContext) {
    const facts = ruleContext.memo(cFacts);
    const context = liveContext(ruleContext, facts);
    let seeding: string | undefined;
    const reported = new Set<number>();
    return {
      call_expression(node) {
        const name = facts.libraryCallee(node);
        if (!name || !PRNG.has(name)) return;
        const dest = destination(node);
        if (!dest || reported.has(dest.node.id)) return;
        let word = secretWord(dest.kind === 'argument' ? dest.name : dest.name.replace(/\[.*?\]/g, ''));
        let what =
          dest.kind === 'return' ? `the return value of \`${dest.name}()\`` : dest.kind === 'argument' ? `an argument of \`${dest.name}()\`` : code(dest.name);
        // write_api_key(char *buf): what the function hands back through a parameter is what its name says.
        const fn = enclosingFunction(node);
        const fnName = fn && functionName(fn);
        if (!word && fn && fnName && writesParameter(facts, dest)) {
          word = secretWord(shortName(fnName));
          what = `${code(dest.name)}, the output of \`${shortName(fnName)}()\``;
        }
        if (!word) return;
        reported.add(dest.node.id);
        seeding ??= describeSeeding(context.tree.rootNode);
        context.report({
          node,
          message: `${name}() produces ${what}, which by its name (\`${word}\`) is a secret; ${name}() is a predictable generator${seeding}, so the value can be reproduced by anyone who observes a few outputs or guesses the seed.`,
          solution: `Fill ${what} from a cryptographically secure source such as getrandom(), arc4random_buf() or RAND_bytes() instead of ${name}().`,
        });
      },
    };
  },
};

/** True when the value is stored through a parameter of the enclosing function (an output buffer). */
function writesParameter(facts: CFacts, dest: NonNullable<ReturnType<typeof destination>>): boolean {
  if (dest.kind !== 'assign') return false;
  const target = dest.node.type === 'call_expression' ? callArguments(dest.node)[0] : dest.node.childForFieldName('left');
  let n = target ? unwrap(target) : undefined;
  // `s->retries` names its own meaning; only anonymous outputs (`buf`, `out[i]`, `*p`) take the function's.
  while (n && (n.type === 'subscript_expression' || n.type === 'pointer_expression')) {
    n = n.childForFieldName('argument') ?? undefined;
  }
  return n?.type === 'identifier' && facts.variable(n)?.kind === 'parameter';
}

function describeSeeding(root: SyntaxNode): string {
  const seed = root.descendantsOfType('call_expression').find((c) => /^(?:std::)?srand(?:om)?$/.test(c.childForFieldName('function')?.text ?? ''));
  if (!seed) return '';
  const arg = callArguments(seed)[0];
  const fromClock = arg && /\b(?:time|clock|gettimeofday|getpid)\s*\(/.test(arg.text);
  return fromClock ? ` (seeded from the clock at line ${line(seed)})` : ` (seeded at line ${line(seed)})`;
}
