/**
 * How a lowered module travels from the worker that lowered it to the project pass. Function
 * bodies — nearly all of the IR — go as one JSON string and are parsed only if the pass needs
 * that module; the rest (imports, definitions, classes, text) and each function's relevance scan
 * are small and go as they are. Structured-cloning every body of a large tree cost the main
 * thread more than analysing the functions that matter.
 */
import type { ModuleIR, Stmt } from './ir.js';
import { scanModule, type FunctionScan } from './relevance.js';
import type { SpecIndex } from './spec-index.js';

export interface PackedModule {
  /** The module with every function's body left empty until unpacked. */
  header: ModuleIR;
  scans: FunctionScan[];
  /** JSON of the bodies, in the order of `header.functions`. */
  bodies: string;
}

export function pack(module: ModuleIR, specs: SpecIndex): PackedModule {
  const scans = scanModule(module, specs);
  const bodies = JSON.stringify(module.functions.map((f) => f.body));
  return { header: { ...module, functions: module.functions.map((f) => ({ ...f, body: [] })) }, scans, bodies };
}

/** Fills in the header's function bodies. */
export function unpack(packed: PackedModule): ModuleIR {
  const bodies = JSON.parse(packed.bodies) as Stmt[][];
  packed.header.functions.forEach((f, i) => {
    f.body = bodies[i];
  });
  return packed.header;
}
