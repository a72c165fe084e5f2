import { pythonFacts, type PythonFacts } from '../../languages/python/facts.js';
import type { SyntaxNode } from '../../languages/parse.js';
import { callArguments, unwrapParens } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

/** PyJWT's and python-jose's decoders, which verify the signature unless told not to. */
const DECODERS = new Set(['jwt.decode', 'jwt.api_jwt.decode', 'jwt.api_jws.decode', 'jose.jwt.decode', 'jose.jws.verify']);

const WHY = 'so anyone can forge a token with whatever identity and claims they like, and it is accepted';

export const jwtVerificationDisabled: Rule = {
  meta: {
    id: 'py/jwt-verification-disabled',
    title: 'JSON Web Token decoded without verifying its signature',
    cwe: 347,
    defectType: 'improper-access',
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    description:
      'The token is decoded with signature verification turned off (`options={"verify_signature": False}`, PyJWT 1\'s `verify=False`) or with the `none` algorithm allowed, so its claims prove nothing: a client can write any user id, role or expiry into it.',
    solution:
      'Decode with verification on and a fixed list of expected algorithms: jwt.decode(token, key, algorithms=["HS256"]). To read a header before choosing the key, use jwt.get_unverified_header() and then verify the token with that key.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    return {
      call(node) {
        const callee = facts.calleeName(node);
        if (!callee || !DECODERS.has(callee)) return;
        const { keywords } = callArguments(node);
        const verify = keywords.get('verify');
        const options = keywords.get('options');
        const algorithms = keywords.get('algorithms');
        let how: string | undefined;
        if (verify && facts.truthOf(verify) === false) how = 'verify=False';
        else if (options && dictEntryFalse(facts, options, 'verify_signature')) how = 'options={"verify_signature": False}';
        else if (algorithms && allowsNone(facts, algorithms)) how = 'the "none" algorithm allowed';
        if (how) context.report({ node, message: `${callee}() decodes the token with ${how}: its signature is not checked, ${WHY}.` });
      },
    };
  },
};

/** `{"verify_signature": False}`, written in the call or bound to a local name. */
function dictEntryFalse(facts: PythonFacts, node: SyntaxNode, key: string): boolean {
  const n = unwrapParens(node);
  const dicts = n.type === 'identifier' ? (facts.bindingsOf(n.text, n) ?? []).map(unwrapParens) : [n];
  return dicts.some(
    (d) =>
      d.type === 'dictionary' &&
      d.namedChildren.some((pair) => {
        const k = pair.childForFieldName('key');
        const v = pair.childForFieldName('value');
        return pair.type === 'pair' && !!k && !!v && facts.constantValue(k) === key && facts.truthOf(v) === false;
      }),
  );
}

function allowsNone(facts: PythonFacts, node: SyntaxNode): boolean {
  const n = unwrapParens(node);
  const items = n.type === 'list' || n.type === 'tuple' || n.type === 'set' ? n.namedChildren : [n];
  return items.some((item) => String(facts.constantValue(item) ?? '').toLowerCase() === 'none');
}
