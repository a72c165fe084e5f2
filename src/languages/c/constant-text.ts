/**
 * Text built in a local buffer from constants: the commands and formats whose variable is not a
 * constant but whose every write is (`char cmd[64] = "ls "; strcat(cmd, "-l"); system(cmd);`), which
 * the syntactic checks of commands and format strings leave alone.
 */
import type { SyntaxNode } from '../parse.js';
import type { CFacts, Variable } from './facts.js';
import type { Write } from './scopes.js';
import { parsePrintfFormat } from './format.js';
import { mayWriteArgument, PRINTF_FAMILY } from './libc.js';
import { callArguments, enclosingFunction, functionName, isBefore, libcName, operatorOf, unwrap } from './syntax.js';

/** Calls whose result is a number in text form. */
const NUMERIC_TEXT = new Set(['std::to_string', 'to_string', 'std::to_wstring']);

/** The local array or std::string a text expression reads: `cmd`, `cmd.c_str()`. */
export function textVariable(facts: CFacts, command: SyntaxNode): Variable | undefined {
  let n = unwrap(command);
  if (n.type === 'call_expression') {
    const fn = n.childForFieldName('function');
    if (fn?.type !== 'field_expression' || !/^(?:c_str|data)$/.test(fn.childForFieldName('field')?.text ?? '')) return undefined;
    n = unwrap(fn.childForFieldName('argument') ?? n);
  }
  if (n.type !== 'identifier') return undefined;
  const v = facts.variable(n) ?? facts.macroVariable(n);
  return v && v.kind !== 'parameter' && !v.redeclared ? v : undefined;
}

/**
 * True when every write that built the text in a local buffer before `sink` inserts only constants
 * or numbers (`"kill -HUP %d"` with a pid): such a command line cannot carry shell syntax, such a
 * format no conversion that the code did not write.
 */
export function isBuiltFromConstants(facts: CFacts, text: SyntaxNode, sink: SyntaxNode, followed?: Followed): boolean {
  const v = textVariable(facts, text);
  if (!v || v.addressTaken) return false;
  if (v.isPointer && v.dims.length === 0) return isAliasConstant(facts, v, sink, followed);
  return isBufferConstant(facts, v, sink, followed);
}

/** Calls whose writes a caller leaves to the data-flow rules (functions of this file, which they follow). */
export type Followed = (call: SyntaxNode) => boolean;

/** The local array's initializer and every write to it before `sink` put only constants or numbers there. */
function isBufferConstant(facts: CFacts, v: Variable, sink: SyntaxNode, followed?: Followed): boolean {
  if (v.initializer && !safeText(facts, v.initializer)) return false;
  return v.writes.every((w) => {
    if (!isBefore(w.node, sink)) return true;
    if (w.node.type === 'assignment_expression') {
      const right = w.node.childForFieldName('right');
      const op = operatorOf(w.node);
      return !!right && (op === '=' || op === '+=') && (w.element ? facts.isConstant(right) : safeText(facts, right));
    }
    if (w.node.type === 'call_expression') return safeWriteCall(facts, w.node, v) || !!followed?.(w.node);
    return false;
  });
}

/**
 * `char buf[100] = "ls "; char *data = buf; strcat(data, "*.*"); system(data);`: a pointer only
 * ever set to one local array, whose contents are built from constants through either name.
 */
function isAliasConstant(facts: CFacts, pointer: Variable, sink: SyntaxNode, followed?: Followed): boolean {
  const array = aliasedArray(facts, pointer);
  return !!array && isArrayKeptConstant(facts, array, sink, followed);
}

/**
 * A local array whose contents before `sink` are constant text, or what calls `followed` leaves to
 * the data-flow rules wrote: checked through its name and through every local pointer ever set to
 * it (`data = buf; strncat(data + len, input, …)` writes into `buf`). Every call before the sink
 * handed one of those names must be a constant write or a call known not to write there.
 */
function isArrayKeptConstant(facts: CFacts, array: Variable, sink: SyntaxNode, followed?: Followed): boolean {
  const fn = enclosingFunction(sink);
  if (!fn || array.kind !== 'local' || array.dims.length === 0 || array.addressTaken || !isBufferConstant(facts, array, sink, followed)) return false;
  const names = new Set([array.name]);
  for (const assignment of fn.descendantsOfType('assignment_expression')) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type === 'identifier' && right && unwrap(right).text === array.name) names.add(left.text);
  }
  for (const declarator of fn.descendantsOfType('init_declarator')) {
    const value = declarator.childForFieldName('value');
    const id = declarator.childForFieldName('declarator')?.descendantsOfType('identifier')[0];
    if (id && value && unwrap(value).text === array.name) names.add(id.text);
  }
  const mentions = (arg: SyntaxNode): boolean => arg.descendantsOfType('identifier').some((id) => names.has(id.text)) || names.has(unwrap(arg).text);
  return facts.callsIn(fn).every((call) => {
    if (call.id === sink.id || !isBefore(call, sink) || followed?.(call)) return true;
    const callee = libcName(call) ?? undefined;
    return callArguments(call).every((arg, i) => !mentions(arg) || !mayWriteArgument(callee, i) || (i === 0 && writesConstant(facts, call)));
  });
}

/** The local array a pointer is only ever set to (`char *data = buf;`), whose address is not handed out. */
export function aliasedArray(facts: CFacts, pointer: Variable): Variable | undefined {
  // Writes through the pointer (`data[49] = '\0'`, `memset(data, …)`) fill the array; only an
  // assignment of the pointer itself points it elsewhere.
  const moves = pointer.writes.filter((w) => !w.element && w.node.type === 'assignment_expression');
  const values = [pointer.initializer, ...moves.map((w) => (operatorOf(w.node) === '=' ? w.node.childForFieldName('right') : null))];
  const targets = values.filter((x) => x !== undefined).map((x) => (x ? unwrap(x) : undefined));
  const first = targets[0];
  if (!first || first.type !== 'identifier' || targets.some((t) => t?.type !== 'identifier' || t.text !== first.text)) return undefined;
  const array = facts.variable(first);
  return array && array.kind === 'local' && array.dims.length > 0 && !array.addressTaken ? array : undefined;
}

function safeText(facts: CFacts, expr: SyntaxNode): boolean {
  const n = unwrap(expr);
  if (facts.isConstant(n)) return true;
  if (n.type === 'binary_expression' && operatorOf(n) === '+') {
    const [l, r] = [n.childForFieldName('left'), n.childForFieldName('right')];
    return !!l && !!r && safeText(facts, l) && safeText(facts, r);
  }
  if (n.type === 'call_expression') return NUMERIC_TEXT.has(n.childForFieldName('function')?.text ?? '');
  return false;
}

function safeWriteCall(facts: CFacts, call: SyntaxNode, v: Variable): boolean {
  const target = callArguments(call)[0];
  return !!target && unwrap(target).type === 'identifier' && unwrap(target).text === v.name && writesConstant(facts, call);
}

/** A copy, append or sprintf into its first argument that puts only constants and numbers there. */
function writesConstant(facts: CFacts, call: SyntaxNode): boolean {
  const name = libcName(call) ?? '';
  const args = callArguments(call);
  if (['strcpy', 'strcat', 'strncpy', 'strncat', 'strlcpy', 'strlcat', 'stpcpy'].includes(name)) return !!args[1] && facts.isConstant(args[1]);
  const spec = PRINTF_FAMILY[name];
  if (!spec || spec.args === 'va' || (name !== 'sprintf' && name !== 'snprintf')) return false;
  const format = facts.constant(args[spec.format]);
  if (format?.kind !== 'string') return false;
  return format.values.every((text) => {
    const parsed = parsePrintfFormat(text);
    return !!parsed && parsed.conversions.every((c) => {
      if (c.conversion !== 's' && c.conversion !== 'S' && c.conversion !== 'c') return true;
      const arg = c.arg === undefined ? undefined : args[(spec.args as number) + c.arg];
      return !!arg && facts.isConstant(arg);
    });
  });
}

const COPIES = new Set(['strcpy', 'stpcpy', 'strncpy', 'strlcpy', 'wcscpy', 'wcsncpy']);
const APPENDS = new Set(['strcat', 'strncat', 'strlcat', 'wcscat', 'wcsncat']);

/** Variants a text is followed in (`#ifdef _WIN32` gives a constant two): beyond this many, not at all. */
const MAX_TEXTS = 8;

/**
 * The texts a local buffer can hold at `sink` when it is built from constants in plain steps: its
 * initializer, then copies and appends of constants (`char buf[100] = ""; char *data = buf;
 * strcpy(data, "ls -la"); system(data);` holds `ls -la`), one per variant of a constant defined
 * differently per platform. Undefined when any write is something else or sits on only some paths.
 */
export function constantTexts(facts: CFacts, text: SyntaxNode, sink: SyntaxNode): string[] | undefined {
  const v = textVariable(facts, text);
  if (!v || v.addressTaken) return undefined;
  const array = v.isPointer && v.dims.length === 0 ? aliasedArray(facts, v) : v;
  const fn = enclosingFunction(sink);
  if (!array || !fn || !isArrayKeptConstant(facts, array, sink)) return undefined;
  const names = new Set([array.name, v.name]);
  const initial = array.initializer ? facts.constant(array.initializer) : { kind: 'string' as const, values: [''], wide: false };
  if (initial?.kind !== 'string') return undefined;
  let out = initial.values;
  for (const call of facts.callsIn(fn)) {
    if (call.id === sink.id || !isBefore(call, sink)) continue;
    const [target, value] = callArguments(call);
    if (!target || !names.has(unwrap(target).text)) continue;
    const name = libcName(call) ?? '';
    const constant = value ? facts.constant(value) : undefined;
    // Writes inside a branch or a loop may not have happened, or happened more than once.
    if (constant?.kind !== 'string' || call.parent?.parent?.id !== fn.childForFieldName('body')?.id) return undefined;
    if (COPIES.has(name)) out = constant.values;
    else if (APPENDS.has(name)) out = out.flatMap((head) => constant.values.map((tail) => head + tail));
    else return undefined;
    if (out.length > MAX_TEXTS) return undefined;
  }
  return out;
}

/** Calls deep that a parameter is followed back to what its callers pass. */
const MAX_CALLER_DEPTH = 3;

/**
 * True when `text` at `sink` holds only constant text: a constant, a local buffer built from
 * constants, or a parameter of a static function that every call in the file passes such text
 * (`static void sink(char *data) { printf(data); }` called as `sink(buf)`, directly or through a
 * local function pointer set to it).
 */
export function isConstantText(facts: CFacts, text: SyntaxNode, sink: SyntaxNode, depth = 0): boolean {
  if (facts.isConstant(text) || isBuiltFromConstants(facts, text, sink)) return true;
  const n = unwrap(text);
  const param = n.type === 'identifier' ? (facts.variable(n) ?? facts.macroVariable(n)) : undefined;
  if (param?.kind !== 'parameter' || depth >= MAX_CALLER_DEPTH) return false;
  const passed = callerArguments(facts, param, sink);
  return !!passed && passed.length > 0 && passed.every(({ arg, call }) => isConstantText(facts, arg, call, depth + 1));
}

/**
 * What each call in the file passes for parameter `param` of the static function around `at`;
 * undefined when the function is not static (its callers may be in other files), is used some
 * other way than by calls (stored, passed on), or a call passes too few arguments.
 */
function callerArguments(facts: CFacts, param: Variable, at: SyntaxNode): Array<{ arg: SyntaxNode; call: SyntaxNode }> | undefined {
  const fn = enclosingFunction(at);
  const info = fn ? facts.functionInfo(fn) : undefined;
  const index = info?.params.findIndex((p) => p.name === param.name) ?? -1;
  const calls = fn && info?.name && index >= 0 && isStatic(fn) ? callsOf(facts, fn, info.name) : undefined;
  if (!calls) return undefined;
  const out: Array<{ arg: SyntaxNode; call: SyntaxNode }> = [];
  for (const call of calls) {
    const arg = callArguments(call)[index];
    if (!arg) return undefined;
    out.push({ arg, call });
  }
  return out;
}

function isStatic(fn: SyntaxNode): boolean {
  return fn.children.some((c) => c.type === 'storage_class_specifier' && c.text === 'static');
}

/**
 * Every call of function `name` in the file, made directly or through a local function pointer
 * only ever set to it; undefined when the name is used any other way (stored, passed on), for
 * then it may be called from anywhere.
 */
function callsOf(facts: CFacts, fn: SyntaxNode, name: string): SyntaxNode[] | undefined {
  const calls: SyntaxNode[] = [];
  for (const id of fn.tree.rootNode.descendantsOfType('identifier')) {
    if (id.text !== name || id.parent?.type === 'function_declarator') continue;
    const parent = id.parent;
    if (parent?.type === 'call_expression' && parent.childForFieldName('function')?.id === id.id) {
      calls.push(parent);
      continue;
    }
    const through = pointerCalls(facts, id, name);
    if (!through) return undefined;
    calls.push(...through);
  }
  return calls;
}

/** `void (*p)(char *) = name;` (or `p = name;`): the calls through `p`, if `p` is only ever `name`. */
function pointerCalls(facts: CFacts, id: SyntaxNode, name: string): SyntaxNode[] | undefined {
  const parent = id.parent;
  let target: SyntaxNode | undefined;
  if (parent?.type === 'init_declarator' && parent.childForFieldName('value')?.id === id.id) {
    target = parent.childForFieldName('declarator')?.descendantsOfType('identifier')[0];
  } else if (parent?.type === 'assignment_expression' && parent.childForFieldName('right')?.id === id.id) {
    const left = parent.childForFieldName('left');
    target = left?.type === 'identifier' ? left : undefined;
  }
  const scope = enclosingFunction(id);
  if (!target || !scope) return undefined;
  // A local function pointer (which the scopes do not list as a variable): set only to `name`, never by address.
  const pointer = target.text;
  for (const other of scope.descendantsOfType(['assignment_expression', 'pointer_expression'])) {
    const operand = other.childForFieldName(other.type === 'assignment_expression' ? 'left' : 'argument');
    if (operand?.type !== 'identifier' || operand.text !== pointer) continue;
    if (other.type === 'pointer_expression' || unwrap(other.childForFieldName('right') ?? other).text !== name) return undefined;
  }
  return facts.callsIn(scope).filter((call) => call.childForFieldName('function')?.text === pointer);
}

/**
 * Text whose every source the data-flow rules (c/tainted-command, c/tainted-format-string) see in
 * this file: a static global, a call of a function this file defines, a parameter that every call
 * in the file passes such text, or a local given only those and constants. Whether input reaches
 * the sink is then theirs to say, from the values they follow; the syntactic checks speak where no
 * source is in view.
 */
export function followedByDataFlow(facts: CFacts, inputs: SyntaxNode[], sink: SyntaxNode): boolean {
  const own = (call: SyntaxNode): boolean => facts.projectDefines(call.childForFieldName('function')?.text ?? '');
  return inputs.every((i) => {
    if (facts.isConstant(i)) return true;
    const n = unwrap(i);
    const v = n.type === 'identifier' ? (facts.variable(n) ?? facts.macroVariable(n)) : undefined;
    return v && v.dims.length > 0 ? isArrayKeptConstant(facts, v, sink, own) : sourceInView(facts, i);
  });
}

/** The parameter `v` is, or a local only ever set to (as converted). */
function parameterHeld(facts: CFacts, v: Variable | undefined): Variable | undefined {
  if (v?.kind === 'parameter') return v;
  if (v?.kind !== 'local' || v.addressTaken || v.redeclared || v.writes.some((w) => !w.element)) return undefined;
  const value = v.initializer ? unwrap(v.initializer) : undefined;
  const held = value?.type === 'identifier' ? facts.variable(value) : undefined;
  return held?.kind === 'parameter' ? held : undefined;
}

function sourceInView(facts: CFacts, input: SyntaxNode, depth = 0): boolean {
  let n = unwrap(input);
  if (n.type === 'call_expression') {
    const f = n.childForFieldName('function');
    return f?.type === 'identifier' && facts.projectDefines(f.text);
  }
  // What a parameter points to (`*dataPtr`, `dataArray[2]`) comes from the same callers, also
  // through a local only ever set to the parameter (`char **dataPtr = (char **)dataVoidPtr;`).
  let param: Variable | undefined;
  // A member of a struct or union held by value (`myStruct.structFirst`): the data flow follows
  // a local one's every write, and a parameter's from its callers.
  const member = n.type === 'field_expression' && operatorOf(n) === '.';
  if ((n.type === 'pointer_expression' && n.text.trimStart().startsWith('*')) || n.type === 'subscript_expression' || member) {
    n = unwrap(n.childForFieldName('argument') ?? n);
    const held = n.type === 'identifier' ? facts.variable(n) : undefined;
    if (member && held?.kind === 'local' && !held.isPointer && !held.addressTaken && !held.redeclared) return true;
    param = parameterHeld(facts, held);
    if (!param) return false;
  }
  const v = param ?? (n.type === 'identifier' ? (facts.variable(n) ?? facts.macroVariable(n)) : undefined);
  if (!v && n.type === 'identifier') return memberInView(facts, n);
  if (!v || v.addressTaken || v.redeclared || depth >= 3) return false;
  if (v.kind === 'global') return v.isStatic;
  if (v.kind === 'parameter') {
    const passed = callerArguments(facts, v, n);
    if (passed) return passed.length > 0 && passed.every(({ arg, call }) => isConstantText(facts, arg, call) || sourceInView(facts, arg, depth + 1));
    // A function no call of this file reaches, which other files of the review call: the data
    // flow follows those calls there.
    const name = v.fn ? facts.functionInfo(v.fn)?.name : undefined;
    return !!name && !!v.fn && callsOf(facts, v.fn, name)?.length === 0 && facts.calledElsewhere(name);
  }
  if (v.dims.length > 0) return false;
  // A pointer written through by library calls holds what they wrote, which this check does not
  // follow; what a function of the review writes there, the data-flow rule does.
  const ownCall = (w: Write): boolean => w.node.type === 'call_expression' && facts.projectDefines(w.node.childForFieldName('function')?.text ?? '');
  if (v.writes.some((w) => !ownCall(w) && (w.node.type !== 'assignment_expression' || w.element))) return false;
  const values = [...(v.initializer ? [v.initializer] : []), ...v.writes.filter((w) => !ownCall(w)).map((w) => w.node.childForFieldName('right'))];
  return values.length > 0 && values.every((x) => !!x && (isConstantText(facts, x, x) || sourceInView(facts, x, depth + 1)));
}

/**
 * `data` in a method of a C++ class whose only methods the file defines are its constructors and
 * destructor (`Cls::Cls(char *dataCopy) { data = dataCopy; }`, `Cls::~Cls() { system(data); }`):
 * a member only those constructors set, to their parameters or constants. Where the review builds
 * objects of the class (`Cls obj(buf);` here or in another file), the data flow follows what is
 * passed through each constructor to the destructor (languages/c/lifetimes.ts).
 */
function memberInView(facts: CFacts, member: SyntaxNode): boolean {
  const fn = enclosingFunction(member);
  const name = fn && functionName(fn);
  const cls = name?.includes('::') ? name.slice(0, name.lastIndexOf('::')) : undefined;
  if (!fn || !cls) return false;
  const short = cls.slice(cls.lastIndexOf(':') + 1);
  const ctor = `${cls}::${short}`;
  const methods = facts.definitions().filter((d) => d.name?.startsWith(`${cls}::`));
  if (!methods.some((d) => d.name === ctor) || methods.some((d) => d.name !== ctor && d.name !== `${cls}::~${short}`)) return false;
  let set = false;
  for (const m of methods) {
    for (const assignment of m.node.descendantsOfType('assignment_expression')) {
      const left = assignment.childForFieldName('left');
      if (left?.type !== 'identifier' || left.text !== member.text || facts.variable(left)) continue;
      const right = assignment.childForFieldName('right');
      const value = right && unwrap(right);
      const fromParameter = value?.type === 'identifier' && facts.variable(value)?.kind === 'parameter';
      if (m.name !== ctor || operatorOf(assignment) !== '=' || !value || !(fromParameter || facts.isConstant(value))) return false;
      set = true;
    }
  }
  // `Cls obj(buf);`, `Cls obj;`, `new Cls(buf)`: this file builds objects of the class.
  const builtHere = new RegExp(`\\b${short}\\s+\\w+\\s*[({;]|\\bnew\\s+${short}\\b`).test(fn.tree.rootNode.text);
  return set && (builtHere || facts.calledElsewhere(ctor));
}
