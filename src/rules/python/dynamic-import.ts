import { isRequestData, pythonFacts, type PythonFacts } from '../../languages/python/facts.js';
import { valuePhrase } from '../../languages/python/describe.js';
import type { SyntaxNode } from '../../languages/parse.js';
import { argument, unwrapParens } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

/** Functions that import a module or load a class/function by its dotted name. */
const LOADERS = new Set([
  'importlib.import_module', '__import__', 'builtins.__import__', 'pydoc.locate', 'pkgutil.resolve_name',
  'werkzeug.utils.import_string', 'werkzeug.import_string', 'django.utils.module_loading.import_string',
]);
/** oslo.utils and the copies of it that older OpenStack projects vendored (nova.openstack.common.importutils …). */
const IMPORTUTILS = /(^|\.)importutils\.(import_class|import_object|import_object_ns|import_module|import_any|try_import|import_versioned_module)$/;
const MODULE_RESULT = new Set(['importlib.import_module', '__import__', 'builtins.__import__']);
/** Request data in the common web frameworks: then the choice is the attacker's, not the operator's. */
export const dynamicImport: Rule = {
  meta: {
    id: 'py/dynamic-import',
    title: 'Code selected by a non-constant module or class name',
    cwe: 470,
    defectType: 'other',
    severity: 'medium',
    confidence: 'low',
    languages: ['python'],
    description:
      'A module, class or function is imported or looked up by a name that is not fixed in the source (from configuration, a database or a request). Whoever controls that name chooses which code the process loads and runs: any importable module, with its import-time side effects, or any callable in it. Names confined to one package by a constant prefix (f"myapp.plugins.{name}"), and getattr() on statically imported modules, are not reported.',
    solution:
      'Map the accepted names to the implementations explicitly (a dict of allowed classes, or entry points registered by installed packages) and reject anything else; at least require the name to start with the package the plugins live in and validate it against a pattern.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    return {
      call(node) {
        const callee = facts.calleeName(node);
        if (!callee) return;
        let name: SyntaxNode | undefined;
        let what = 'imports the module named by';
        if (LOADERS.has(callee) || IMPORTUTILS.test(callee)) {
          name = argument(node, 0, 'name') ?? argument(node, 0, 'import_name') ?? argument(node, 0, 'import_str') ?? argument(node, 0, 'path');
          if (/import_class|import_object|import_string|locate|resolve_name/.test(callee)) what = 'loads the class or object named by';
        } else if (callee === 'getattr') {
          const object = argument(node, 0);
          if (!object || !isDynamicModule(facts, object)) return;
          name = argument(node, 1);
          what = `takes the attribute of the dynamically imported module \`${object.text}\` named by`;
        }
        if (!name || facts.isConstant(name) || confinedToPackage(facts, name)) return;
        const origins = facts.origins(name);
        const fromRequest = origins.some(isRequestData);
        const shown = callee.replace(/^.*\.importutils\./, 'importutils.');
        context.report({
          node,
          ...(fromRequest ? { severity: 'high' as const, confidence: 'medium' as const } : {}),
          message: `${shown}() ${what} ${valuePhrase(name, origins)}, which is not a constant: whoever controls that value (${fromRequest ? 'here, the HTTP request' : 'configuration or input'}) chooses which code this process loads and runs.`,
        });
      },
    };
  },
};

/**
 * A module imported at run time (import_module()/__import__() results): getattr() on it completes
 * loading a class by name. getattr() on a statically imported module (`getattr(signal, name)`)
 * only picks among that module's known contents and is not reported.
 */
function isDynamicModule(facts: PythonFacts, expr: SyntaxNode, depth = 0): boolean {
  const n = unwrapParens(expr);
  if (n.type === 'call') return MODULE_RESULT.has(facts.calleeName(n) ?? '');
  if (n.type !== 'identifier' || depth > 3) return false;
  const values = facts.bindingsOf(n.text, n);
  return !!values && values.length > 0 && values.every((v) => isDynamicModule(facts, v, depth + 1));
}

/** `f"myapp.plugins.{name}"`, `"myapp.handlers." + name`: only modules inside one package can be chosen. */
function confinedToPackage(facts: PythonFacts, name: SyntaxNode): boolean {
  const n = unwrapParens(name);
  if (n.type === 'string') {
    const first = n.namedChildren.find((c) => c.type !== 'string_start');
    return first?.type === 'string_content' && first.text.endsWith('.');
  }
  if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '+') {
    const prefix = facts.constantValue(n.childForFieldName('left') ?? n);
    return typeof prefix === 'string' && prefix.endsWith('.');
  }
  if (n.type === 'identifier') {
    const values = facts.bindingsOf(n.text, n);
    return !!values && values.length > 0 && values.every((v) => facts.isConstant(v) || confinedToPackage(facts, v));
  }
  return false;
}
