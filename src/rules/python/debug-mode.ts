import { pythonFacts, type PythonFacts } from '../../languages/python/facts.js';
import { shortText } from '../../languages/python/describe.js';
import type { SyntaxNode } from '../../languages/parse.js';
import { callArguments, calleeTail, receiver, stringValue, unwrapParens } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

const RUN_SIMPLE = new Set(['werkzeug.serving.run_simple', 'werkzeug.run_simple']);
const DEBUGGED_APP = new Set(['werkzeug.debug.DebuggedApplication', 'werkzeug.DebuggedApplication']);
const CONFIG_SETTERS = new Set(['update', 'from_mapping', 'setdefault']);
/** Top-level names only a Django settings module defines. */
const DJANGO_SETTINGS = new Set(['INSTALLED_APPS', 'ROOT_URLCONF', 'MIDDLEWARE', 'MIDDLEWARE_CLASSES', 'WSGI_APPLICATION']);
/** Settings meant for a developer's machine or CI, where DEBUG = True is the point. */
export const DEVELOPMENT_PATH = /(^|[/_.-])(dev|devel|develop|development|local|test|tests|testing|ci)([/_.-]|$)/i;

const CONSOLE = "the Werkzeug debugger's console lets anyone who reaches the server after an error run Python code in it (a PIN is the only barrier), and tracebacks reveal source code and settings";
const DJANGO = 'error pages then show tracebacks, local variables, settings and SQL to every visitor';

export const debugMode: Rule = {
  meta: {
    id: 'py/debug-mode',
    title: 'Debug mode enabled in a web application',
    cwe: 489,
    defectType: 'other',
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    description:
      "Debug mode is switched on in code that starts or configures the web application. Flask/Werkzeug's debugger serves an interactive Python console on error pages, and Django's DEBUG pages expose tracebacks, settings and queries: left on in production, they hand attackers code execution or the application's internals. Settings files named for development, local use or tests are not reported.",
    solution:
      'Take debug mode from the environment and default it to off (e.g. app.run(debug=os.environ.get("FLASK_DEBUG") == "1"), DEBUG = os.environ.get("DJANGO_DEBUG") == "1"), and never serve production traffic with the development server; use gunicorn/uWSGI behind a proxy.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    const isOn = (n: SyntaxNode) => facts.truthOf(n) === true;
    let djangoSettings: boolean | undefined;

    return {
      call(node) {
        const tail = calleeTail(node);
        const callee = facts.calleeName(node);
        const object = receiver(node);
        if (tail === 'run' && object) {
          const debug = callArguments(node).keywords.get('debug');
          if (debug && isOn(debug) && isWebApp(facts, object)) {
            context.report({ node, message: `${shortText(object)}.run() starts the development server with debug=True: ${CONSOLE}.` });
          }
        } else if (callee && RUN_SIMPLE.has(callee)) {
          const debugger_ = callArguments(node).keywords.get('use_debugger');
          if (debugger_ && isOn(debugger_)) context.report({ node, message: `${callee}() serves the application with use_debugger=True: ${CONSOLE}.` });
        } else if (callee && DEBUGGED_APP.has(callee)) {
          const evalex = callArguments(node).keywords.get('evalex');
          if (evalex && isOn(evalex)) context.report({ node, message: `${callee}() wraps the application with evalex=True: ${CONSOLE}.` });
        } else if (object && tail && CONFIG_SETTERS.has(tail)) {
          // app.config.update(DEBUG=True), app.config.from_mapping(DEBUG=True)
          const debug = callArguments(node).keywords.get('DEBUG');
          if (debug && isOn(debug) && isAppConfig(facts, object)) {
            context.report({ node, message: `${shortText(object)}.${tail}() sets DEBUG=True: ${CONSOLE}.` });
          }
        }
      },
      assignment(node) {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left || !right) return;
        if (left.type === 'attribute') {
          if (left.childForFieldName('attribute')?.text !== 'debug' || !isOn(right) || !isWebApp(facts, left.childForFieldName('object')!)) return;
          context.report({ node, message: `\`${shortText(left)}\` is set to True: ${CONSOLE}.` });
        } else if (left.type === 'subscript') {
          const key = left.childForFieldName('subscript');
          const object = left.childForFieldName('value');
          if (!key || !object || stringValue(key) !== 'DEBUG' || !isOn(right) || !isAppConfig(facts, object)) return;
          context.report({ node, message: `\`${shortText(left)}\` is set to True: ${CONSOLE}.` });
        } else if (left.type === 'identifier' && left.text === 'DEBUG' && isOn(right) && node.parent?.parent?.type === 'module') {
          djangoSettings ??= isDjangoSettings(context.file.path, context.tree.rootNode);
          if (djangoSettings) {
            context.report({ node, severity: 'medium', message: `DEBUG is set to True in this Django settings module: ${DJANGO}, and Django keeps every SQL query in memory.` });
          }
        }
      },
    };
  },
};

/** A Flask (or Flask-SocketIO) application object, by its type where it resolves, else by its conventional name. */
function isWebApp(facts: PythonFacts, object: SyntaxNode): boolean {
  const name = facts.qualifiedName(object) ?? '';
  if (/^(flask\.Flask|flask_socketio\.SocketIO|quart\.Quart)\(\)$/.test(name)) return true;
  const n = unwrapParens(object);
  if (n.type === 'call') return /^(create|make|build)_app$/.test(calleeTail(n) ?? '');
  return /(^|\.)(app|application)$/i.test(n.text);
}

function isAppConfig(facts: PythonFacts, object: SyntaxNode): boolean {
  const n = unwrapParens(object);
  return n.type === 'attribute' && n.childForFieldName('attribute')?.text === 'config' && isWebApp(facts, n.childForFieldName('object')!);
}

function isDjangoSettings(path: string, module: SyntaxNode): boolean {
  if (DEVELOPMENT_PATH.test(path)) return false;
  if (/(^|\/)settings(\/[^/]+)?\.py$/.test(path)) return true;
  return module.namedChildren.some((statement) => {
    const assignment = statement.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
    const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
    return left?.type === 'identifier' && DJANGO_SETTINGS.has(left.text);
  });
}
