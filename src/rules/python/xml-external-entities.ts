import { pythonFacts, type PythonFacts } from '../../languages/python/facts.js';
import { shortText, valuePhrase } from '../../languages/python/describe.js';
import type { SyntaxNode } from '../../languages/parse.js';
import { argument, callArguments, calleeTail, receiver, unwrapParens } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

/** Standard-library parsers: expat, which expands internal entities but has not resolved external ones since Python 3.7.1. */
const STDLIB_PARSERS = new Set([
  ...['xml.etree.ElementTree', 'xml.etree.cElementTree'].flatMap((m) =>
    ['parse', 'fromstring', 'XML', 'iterparse', 'fromstringlist', 'XMLID'].map((f) => `${m}.${f}`)),
  ...['xml.dom.minidom', 'xml.dom.pulldom', 'xml.sax', 'xml.dom.expatbuilder'].flatMap((m) => [`${m}.parse`, `${m}.parseString`]),
]);
/** lxml entry points that accept a `parser`; without one they use lxml's default parser. */
const LXML_PARSE = new Set(
  ['lxml.etree', 'lxml.objectify'].flatMap((m) => ['parse', 'fromstring', 'XML', 'fromstringlist', 'iterparse'].map((f) => `${m}.${f}`)),
);
const LXML_PARSER_CLASSES = new Set(['lxml.etree.XMLParser', 'lxml.etree.XMLPullParser', 'lxml.objectify.makeparser']);
const EXTERNAL_FEATURES = /(feature_external_ges|feature_external_pes|external-general-entities|external-parameter-entities)$/;

const XXE = 'a document declaring <!ENTITY x SYSTEM "file:///etc/passwd"> then pulls local files into the parsed result (XXE)';

export const xmlExternalEntities: Rule = {
  meta: {
    id: 'py/xml-external-entities',
    title: 'XML parsed with entity resolution enabled',
    cwe: 611,
    defectType: 'other',
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    description:
      'XML from outside the program is parsed by a parser that resolves external entities (lxml before 5.0 by default, or SAX with the external-entity features on), so a document can read local files or make the server fetch URLs. The standard library parsers no longer resolve external entities, but they still expand entities declared in the document, which lets a tiny "billion laughs" document exhaust memory when the linked expat is older than 2.4.1; those are reported as CWE-776 with low confidence. Literal documents and fixed paths are not reported.',
    solution:
      'Parse untrusted XML with defusedxml (defusedxml.ElementTree.fromstring() and friends), which refuses entity declarations. With lxml, pass a parser created as lxml.etree.XMLParser(resolve_entities=False, no_network=True). Never enable feature_external_ges/feature_external_pes on SAX parsers that read untrusted input.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    return {
      call(node) {
        const callee = facts.calleeName(node);
        if (callee && STDLIB_PARSERS.has(callee)) {
          const source = argument(node, 0);
          if (!source || fixed(facts, source)) return;
          context.report({
            node,
            cwe: 776,
            severity: 'low',
            confidence: 'low',
            message: `${callee}() parses ${valuePhrase(source, facts.origins(source))}: expat expands the entities a document declares, so a few hundred bytes of nested entities ("billion laughs") can exhaust memory unless the linked expat is 2.4.1 or newer. External entities are not resolved by this parser.`,
            solution: 'Parse untrusted XML with defusedxml (e.g. defusedxml.ElementTree.fromstring()), which rejects entity declarations, or make sure the runtime links expat 2.4.1 or newer.',
          });
          return;
        }
        if (callee && LXML_PARSE.has(callee)) {
          const source = argument(node, 0);
          if (!source || fixed(facts, source)) return;
          // A parser passed in is judged where it is created.
          if (argument(node, 1, 'parser')) return;
          context.report({
            node,
            message: `${callee}() parses ${valuePhrase(source, facts.origins(source))} without a parser argument: lxml's default parser resolves external entities before lxml 5.0, and ${XXE}.`,
          });
          return;
        }
        if (callee && LXML_PARSER_CLASSES.has(callee)) {
          const { keywords, hasSplat } = callArguments(node);
          if (hasSplat) return;
          const resolve = keywords.get('resolve_entities');
          const network = keywords.get('no_network');
          const networkOn = !!network && facts.truthOf(network) === false;
          // resolve_entities='internal' (lxml 5's default) expands only entities declared in the document.
          if (resolve && (facts.truthOf(resolve) !== true || facts.constantValue(resolve) === 'internal')) return;
          const how = !resolve ? 'without resolve_entities=False, so before lxml 5.0 it resolves external entities' : 'with resolve_entities=True';
          const fetch = networkOn ? '; no_network=False also lets entities fetch URLs from the server (SSRF)' : '';
          context.report({ node, message: `${callee}() is created ${how}${fetch}: ${XXE}.` });
          return;
        }
        if (calleeTail(node) === 'setFeature' && receiver(node)) {
          const feature = argument(node, 0);
          const value = argument(node, 1);
          if (!feature || !value || facts.truthOf(value) !== true) return;
          const name = facts.qualifiedName(feature) ?? String(facts.constantValue(feature) ?? '');
          if (!EXTERNAL_FEATURES.test(name)) return;
          context.report({
            node,
            message: `${shortText(node.childForFieldName('function') ?? node)}() turns on ${name.split(/[./]/).pop()}: the SAX parser then resolves external entities, and ${XXE}.`,
          });
        }
      },
    };
  },
};

/** A name written as a constant (`RES_DIR`, `settings.DATA_DIR`): configuration, by Python's convention. */
const CONSTANT_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * A literal document, or a file at a path made of literals and constants (`f'{RES_DIR}/employees.xml'`,
 * `open(os.path.join(DATA_DIR, 'a.xml'))`): the application's own data.
 */
function fixed(facts: PythonFacts, source: SyntaxNode): boolean {
  const isSafe = (n: SyntaxNode): boolean => {
    const name = n.type === 'attribute' ? n.childForFieldName('attribute')?.text : n.type === 'identifier' ? n.text : undefined;
    if (name !== undefined && CONSTANT_NAME.test(name)) return true;
    if (n.type !== 'call' || !['open', 'io.open', 'os.path.join', 'pathlib.Path'].includes(facts.calleeName(n) ?? '')) return false;
    const path = argument(n, 0);
    return !!path && facts.origins(path, isSafe).length === 0;
  };
  const n = unwrapParens(source);
  return facts.isConstant(n) || facts.origins(n, isSafe).length === 0;
}
