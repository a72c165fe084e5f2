import { followedByDataFlow, isConstantText } from '../../languages/c/constant-text.js';
import { code, describeOrigin } from '../../languages/c/describe.js';
import { cFacts, type CFacts, type FunctionInfo } from '../../languages/c/facts.js';
import { PRINTF_FAMILY, SCANF_FAMILY, type FormatSpec } from '../../languages/c/libc.js';
import { callArguments, enclosingFunction, shortName, unwrap } from '../../languages/c/syntax.js';
import type { Rule } from '../types.js';
import { liveContext } from './live-context.js';

/**
 * The file's own printf-like functions: those declared with a format attribute, and variadic (or
 * va_list-taking) functions that pass one of their parameters on as the format of a printf-family
 * call. Their callers are checked like printf's; inside them the forwarded parameter is fine.
 */
function formatFunctions(facts: CFacts): Map<string, FormatSpec> {
  const known = new Map<string, FormatSpec>(Object.entries({ ...PRINTF_FAMILY, ...SCANF_FAMILY }));
  for (const [name, spec] of facts.declaredFormatFunctions) known.set(name, spec);
  const takesFormat = (info: FunctionInfo) => info.variadic || info.params.some((p) => /\bva_list\b/.test(p.baseType));
  const definitions = facts.definitions();
  // A function of the file that merely shares a libc name (`err(int, const char *)`) takes no format.
  for (const info of definitions) {
    const name = info.name && shortName(info.name);
    if (name && !takesFormat(info)) known.delete(name);
  }
  const candidates = definitions.filter(takesFormat);
  for (let changed = true; changed; ) {
    changed = false;
    for (const info of candidates) {
      const name = info.name && shortName(info.name);
      if (!name || known.has(name)) continue;
      for (const call of facts.callsIn(info.node)) {
        const spec = known.get(facts.libcCallee(call) ?? '');
        const format = spec && callArguments(call)[spec.format];
        const forwarded = format && unwrap(format);
        const index = forwarded?.type === 'identifier' ? info.params.findIndex((p) => p.name === forwarded.text) : -1;
        if (index < 0) continue;
        known.set(name, { format: index, args: info.variadic ? info.params.length : 'va' });
        changed = true;
        break;
      }
    }
  }
  return known;
}

export const formatString: Rule = {
  meta: {
    id: 'c/format-string',
    title: 'Non-constant format string',
    cwe: 134,
    defectType: 'format-string',
    severity: 'high',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'printf-family functions (and scanf, syslog, err/warn and the file\'s own printf-like wrappers) interpret their format argument: `%s` and `%x` read arguments that were never passed, and `%n` writes to memory. When the format is not a constant, whoever controls its text can crash the process, leak stack and heap contents, or overwrite memory.',
    solution: 'Keep the format a string literal and pass variable text as an argument to it: printf("%s", msg), syslog(LOG_ERR, "%s", msg).',
  },
  create(ruleContext) {
    const facts = ruleContext.memo(cFacts);
    const context = liveContext(ruleContext, facts);
    let known: Map<string, FormatSpec> | undefined;
    return {
      call_expression(node) {
        const name = facts.libcCallee(node);
        if (!name) return;
        known ??= formatFunctions(facts);
        const spec = known.get(name) ?? known.get(shortName(name));
        if (!spec) return;
        const args = callArguments(node);
        const format = args[spec.format];
        // A format built from constants only (`strcpy(buf, "fixed"); printf(buf);`, or a parameter
        // every caller passes such text) holds no conversion the code did not write.
        if (!format || isConstantText(facts, format, node)) return;
        // Where the data-flow rule sees every source of the text, it judges the text.
        if (followedByDataFlow(facts, [format], node)) return;
        const fn = enclosingFunction(node);
        const inner = unwrap(format);
        const param = inner.type === 'identifier' ? facts.variable(inner) : undefined;
        if (param?.kind === 'parameter' && fn) {
          // Forwarding the wrapper's own format parameter: its callers are checked instead.
          const own = known.get(shortName(facts.functionInfo(fn)?.name ?? ''));
          if (own && facts.functionInfo(fn)?.params[own.format]?.name === param.name) return;
        }
        const before = args.slice(0, spec.format).map((a) => a.text);
        const fixed = `${name}(${[...before, '"%s"', inner.text].join(', ')})`;
        const solution = SCANF_FAMILY[name]
          ? `Use a string literal as the format of ${name}() so that the conversions, and the arguments they write to, are fixed in the code.`
          : `Use a constant format and pass the text as its argument: ${code(fixed)}.`;
        context.report({
          node,
          confidence: param?.kind === 'parameter' ? 'medium' : 'high',
          message: `${name}() takes its format string from ${describeOrigin(facts, format)}, which is not a constant; \`%n\`, \`%s\` or \`%x\` in that text make ${name}() write or read memory through arguments that were never passed.`,
          solution,
        });
      },
    };
  },
};
