/**
 * The life of an object of a C++ class that a file defines only a constructor and destructor for:
 * one function that runs the constructor's body and then the destructor's. An object declared on
 * the stack (`Guard g(data);`) is built and, at the end of its scope, destroyed; when the file gives
 * the class no other method, nothing this file shows runs in between, so what the constructor
 * stores in a member is what the destructor finds there (input read in one and added in the other,
 * memory allocated in one and never released by the other).
 *
 * The members the two bodies set (`data = dataCopy;`, or `this->data`, as a class declared in the
 * file lowers it) become locals of that function: they die with the object, so memory only they
 * hold and that the destructor does not release leaks.
 */
import type { Expr, FunctionIR, Stmt, VarDecl } from '../../analysis/ir.js';
import { forEachStmt } from '../../analysis/path-explorer.js';

/** One function per constructor of each class whose only methods in the file are its constructors and destructor. */
export function lifetimes(functions: readonly FunctionIR[], globals: Readonly<Record<string, VarDecl>>): FunctionIR[] {
  const byClass = new Map<string, FunctionIR[]>();
  for (const f of functions) {
    const at = f.id.lastIndexOf('::');
    if (at < 0) continue;
    const cls = f.id.slice(0, at);
    const methods = byClass.get(cls);
    if (methods) methods.push(f);
    else byClass.set(cls, [f]);
  }
  const out: FunctionIR[] = [];
  for (const [cls, methods] of byClass) {
    const short = cls.slice(cls.lastIndexOf(':') + 1);
    const ctors = methods.filter((f) => f.id === `${cls}::${short}`);
    const dtors = methods.filter((f) => f.id === `${cls}::~${short}`);
    if (dtors.length !== 1 || ctors.length === 0 || ctors.length + 1 !== methods.length) continue;
    for (const ctor of ctors) out.push(lifetime(globals, ctor, dtors[0]));
  }
  return out;
}

function lifetime(globals: Readonly<Record<string, VarDecl>>, ctor: FunctionIR, dtor: FunctionIR): FunctionIR {
  const vars: Record<string, VarDecl> = { ...dtor.vars, ...ctor.vars };
  const body = withBareMembers([...ctor.body, ...dtor.body]);
  forEachStmt(body, (s) => {
    if (s.k !== 'assign' || s.t.k !== 'name') return;
    const path = s.t.n;
    if (vars[path] || globals[path] || path.startsWith('__')) return;
    vars[path] = { type: '', ptr: 0, storage: 'auto', s: s.t.s, e: s.t.e };
  });
  // Named so that no call names it: `new Cls(…)` runs only the constructor.
  return { ...ctor, id: `${ctor.id}+${dtor.id}`, name: `${ctor.name}+${dtor.name}`, body, vars, locals: [...new Set([...ctor.locals, ...dtor.locals, ...Object.keys(vars)])], e: dtor.e, lifetime: true };
}

/** A copy of `body` where `this->m` is the bare member `m`, as a class declared in the file lowers it. */
function withBareMembers(body: Stmt[]): Stmt[] {
  return JSON.parse(JSON.stringify(body), (_key, x: unknown) => {
    const node = x as Partial<Extract<Expr, { k: 'attr' }>> | null;
    if (node?.k === 'attr' && node.arrow && node.o?.k === 'name' && node.o.n === 'this') return { k: 'name', n: node.n, s: node.s, e: node.e };
    return x;
  }) as Stmt[];
}
