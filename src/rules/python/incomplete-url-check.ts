import { pythonFacts, type PythonFacts } from '../../languages/python/facts.js';
import { sinks } from '../../languages/python/specs/sinks.js';
import { enclosingFunction } from '../../languages/python/syntax.js';
import type { SyntaxNode } from '../../languages/parse.js';
import type { Rule } from '../types.js';

/** Calls that send the user to a URL or fetch it: where a wrongly checked URL does harm. */
const URL_SINKS = new Set(sinks.filter((s) => s.sink === 'redirect' || s.sink === 'ssrf').flatMap((s) => s.calls.filter((c) => !c.startsWith('.'))));

/** `example.com`, `https://example.com`, `http://localhost:8000`: a host, with or without a scheme, and no path. */
const HOST = /^(?:https?:\/\/)?(?:[a-z0-9-]+\.)*[a-z0-9-]+(?::\d+)?$/i;
const SCHEME = /^https?:\/\//i;

/**
 * What is wrong with a text test of a URL against a trusted host, or undefined when the test is
 * sound: `'example.com' in url` holds for `https://evil.net/?example.com`, `url.startswith(
 * 'https://example.com')` for `https://example.com.evil.net`, and `host.endswith('example.com')`
 * for `evilexample.com`.
 */
function flaw(test: 'in' | 'startswith' | 'endswith', literal: string): string | undefined {
  if (!HOST.test(literal)) return undefined;
  const host = literal.replace(SCHEME, '');
  if (test === 'in') return host.includes('.') ? `holds for any URL that merely contains \`${literal}\`, such as \`https://evil.example/?${host}\`` : undefined;
  if (test === 'startswith') return SCHEME.test(literal) ? `holds for \`${literal}.evil.example\`, another host that starts the same` : undefined;
  return host.includes('.') && !literal.startsWith('.') ? `holds for \`evil${host}\`, another domain that ends the same` : undefined;
}

/** The string literal's text, when `node` is a plain string. */
function literalText(facts: PythonFacts, node: SyntaxNode | null | undefined): string | undefined {
  const v = node ? facts.constantValue(node) : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** The local variables `node` reads: `url`, `urlparse(url).netloc`, `next_url.lower()`. */
function namesIn(node: SyntaxNode): string[] {
  return node.type === 'identifier' ? [node.text] : node.descendantsOfType('identifier').map((n) => n.text);
}

export const incompleteUrlCheck: Rule = {
  meta: {
    id: 'py/incomplete-url-check',
    title: 'URL checked against a trusted host by a substring test',
    cwe: 20,
    defectType: 'improper-access',
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    description:
      'Code decides whether a URL points to a trusted host with a text test (`"example.com" in url`, `url.startswith("https://example.com")`, `host.endswith("example.com")`) and then redirects to it or fetches it. Such tests also accept URLs an attacker chooses: `https://evil.example/?example.com`, `https://example.com.evil.example`, `https://evilexample.com`. The check meant to stop an open redirect or a server-side request to an arbitrary host lets them through.',
    solution:
      'Parse the URL (urllib.parse.urlsplit) and compare its scheme and host exactly against an allow-list: `parts.hostname == "example.com" or parts.hostname.endswith(".example.com")`. For redirects inside the site, accept only relative paths (Django: url_has_allowed_host_and_scheme).',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    // By function: the names passed to a redirect or request call, and where.
    const used = new Map<number, Map<string, SyntaxNode>>();
    const sinkUses = (fn: SyntaxNode): Map<string, SyntaxNode> => {
      let names = used.get(fn.id);
      if (!names) {
        names = new Map();
        for (const call of fn.descendantsOfType('call')) {
          if (!URL_SINKS.has(facts.calleeName(call) ?? '')) continue;
          for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) for (const n of namesIn(arg)) if (!names.has(n)) names.set(n, call);
        }
        used.set(fn.id, names);
      }
      return names;
    };
    const check = (test: SyntaxNode, kind: 'in' | 'startswith' | 'endswith', literal: string, subject: SyntaxNode): void => {
      const why = flaw(kind, literal);
      const fn = enclosingFunction(test);
      if (!why || !fn) return;
      const uses = sinkUses(fn);
      // `host = urlsplit(url).hostname`: testing `host` tests `url`.
      const names = namesIn(subject).flatMap((n) => [n, ...(facts.bindingsOf(n, test) ?? []).flatMap(namesIn)]);
      const name = names.find((n) => uses.has(n));
      if (!name) return;
      const sink = uses.get(name)!;
      context.report({
        node: test,
        message: `This test of \`${name}\` against a trusted host ${why}; \`${name}\` is then passed to \`${facts.calleeName(sink)}()\` (line ${sink.startPosition.row + 1}).`,
      });
    };
    return {
      comparison_operator(node) {
        const ops = node.children.filter((c) => !c.isNamed).map((c) => c.text);
        const [left, right] = node.namedChildren;
        if (ops.length !== 1 || ops[0] !== 'in' || !left || !right) return;
        const literal = literalText(facts, left);
        if (literal !== undefined) check(node, 'in', literal, right);
      },
      call(node) {
        const fn = node.childForFieldName('function');
        const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
        if (method !== 'startswith' && method !== 'endswith') return;
        const subject = fn!.childForFieldName('object');
        const arg = node.childForFieldName('arguments')?.namedChildren[0];
        if (!subject || !arg) return;
        // `url.startswith(("https://a.example", "https://b.example"))` tests each.
        const literals = arg.type === 'tuple' ? arg.namedChildren.map((x) => literalText(facts, x)) : [literalText(facts, arg)];
        const bad = literals.find((l) => l !== undefined && flaw(method, l));
        if (bad !== undefined) check(node, method, bad, subject);
      },
    };
  },
};
