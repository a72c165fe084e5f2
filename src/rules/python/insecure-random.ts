import { pythonFacts } from '../../languages/python/facts.js';
import type { SyntaxNode } from '../../languages/parse.js';
import { calleeTail, enclosingFunction, stringValue, targetName, unwrapParens } from '../../languages/python/syntax.js';
import { sensitiveCallableKind, sensitiveKind, type SensitiveKind } from '../../languages/sensitive-names.js';
import type { Rule } from '../types.js';

const RANDOM_FUNCTIONS = ['random', 'randint', 'choice', 'choices', 'getrandbits', 'randrange', 'sample', 'shuffle', 'uniform', 'randbytes'];
/** The module-level functions and the methods of an explicitly constructed (seedable) random.Random. */
const WEAK_GENERATORS = new Set(RANDOM_FUNCTIONS.flatMap((f) => [`random.${f}`, `random.Random().${f}`]));

/** Expressions through which a random value flows unchanged in purpose (`"".join(…)`, `str(…)`, `f"{…}"`). */
const CARRIERS = new Set([
  'call', 'argument_list', 'attribute', 'subscript', 'binary_operator', 'unary_operator', 'parenthesized_expression',
  'conditional_expression', 'string', 'interpolation', 'concatenated_string', 'list', 'tuple', 'set', 'expression_list',
  'generator_expression', 'list_comprehension', 'set_comprehension', 'for_in_clause', 'boolean_operator', 'await',
]);

interface Use {
  /** "assigned to `token`", "returned from make_password()" … */
  how: string;
  kind: SensitiveKind;
}

export const insecureRandom: Rule = {
  meta: {
    id: 'py/insecure-random',
    title: 'Predictable random values used as secrets',
    cwe: 338,
    defectType: 'encryption',
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    description:
      "The random module is a Mersenne Twister: it is fast and statistically good, but not secret. After seeing 624 outputs (or guessing the seed) an attacker can predict every past and future value, so tokens, passwords, keys, salts or one-time codes drawn from it can be guessed. Only values stored under such a name are reported; random used for games, jitter or sampling is fine.",
    solution:
      'Draw secrets from the operating system\'s CSPRNG with the secrets module: secrets.token_urlsafe(), secrets.token_hex(), secrets.choice(), secrets.randbelow(), or random.SystemRandom() where the random API is needed.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    let callsByName: Map<string, SyntaxNode[]> | undefined;

    /** Calls in this file by the name they call, for following a helper's return value to its callers. */
    const callsTo = (name: string): SyntaxNode[] => {
      if (!callsByName) {
        callsByName = new Map();
        for (const call of context.tree.rootNode.descendantsOfType('call')) {
          const tail = calleeTail(call);
          if (!tail) continue;
          const list = callsByName.get(tail);
          if (list) list.push(call);
          else callsByName.set(tail, [call]);
        }
      }
      return callsByName.get(name) ?? [];
    };

    const useOf = (start: SyntaxNode, followReturn: boolean): Use | undefined => {
      let n = start;
      for (let p = n.parent; p; n = p, p = p.parent) {
        switch (p.type) {
          case 'assignment':
          case 'augmented_assignment': {
            const left = p.childForFieldName('left');
            if (!left || n.id === left.id) return undefined;
            return named(targetNames(left), (name) => `assigned to \`${name}\``);
          }
          case 'named_expression':
          case 'keyword_argument':
          case 'default_parameter':
          case 'typed_default_parameter': {
            const name = p.childForFieldName('name');
            if (!name || n.id === name.id) return undefined;
            return named([name.text], (x) => (p.type === 'keyword_argument' ? `passed as ${x}=` : `assigned to \`${x}\``));
          }
          case 'pair': {
            const key = p.childForFieldName('key');
            const keyText = key && n.id !== key.id ? stringValue(key) : undefined;
            return keyText ? named([keyText], (x) => `stored under the key "${x}"`) : undefined;
          }
          case 'return_statement':
            return returned(p, followReturn);
          case 'argument_list': {
            const call = p.parent;
            const tail = call ? calleeTail(call) : undefined;
            const kind = tail ? sensitiveCallableKind(tail) : undefined;
            if (tail && kind) return { how: `passed to ${tail}()`, kind };
            break;
          }
          default:
            if (!CARRIERS.has(p.type)) return undefined;
        }
      }
      return undefined;
    };

    const returned = (statement: SyntaxNode, followReturn: boolean): Use | undefined => {
      const fn = enclosingFunction(statement);
      const name = fn?.childForFieldName('name')?.text;
      if (!name) return undefined;
      const kind = sensitiveCallableKind(name);
      if (kind) return { how: `returned from ${name}()`, kind };
      if (!followReturn) return undefined;
      for (const call of callsTo(name)) {
        const use = useOf(call, false);
        if (use) return { how: `returned from ${name}(), whose result is ${use.how} on line ${call.startPosition.row + 1}`, kind: use.kind };
      }
      return undefined;
    };

    return {
      call(node) {
        const callee = facts.calleeName(node);
        if (!callee || !WEAK_GENERATORS.has(callee)) return;
        const use = useOf(node, true);
        if (!use) return;
        context.report({
          node,
          severity: use.kind === 'unpredictable' ? 'medium' : 'high',
          message: `${callee}() produces the value ${use.how}: the random module's Mersenne Twister output can be reconstructed from a few hundred observed values, so this ${KIND_NOUN[use.kind]} can be predicted. Use the secrets module.`,
        });
      },
    };
  },
};

const KIND_NOUN: Record<SensitiveKind, string> = { password: 'password', credential: 'secret', unpredictable: 'value' };

function named(names: string[], how: (name: string) => string): Use | undefined {
  for (const name of names) {
    const kind = sensitiveKind(name);
    if (kind) return { how: how(name), kind };
  }
  return undefined;
}

function targetNames(left: SyntaxNode): string[] {
  const n = unwrapParens(left);
  if (n.type === 'pattern_list' || n.type === 'tuple_pattern' || n.type === 'list_pattern') return n.namedChildren.flatMap(targetNames);
  const name = targetName(n);
  return name ? [name] : [];
}
