/**
 * How a lowered module travels from the worker that lowered it to the project pass, and how it
 * waits there. The pass reads every module's outline (imports, classes, each function's name and
 * place) but the insides of only the functions it analyses, about one in ten on a large project.
 * So each function's insides (parameters, body, decorators, scope) go as JSON, a module's
 * functions one after another in compressed chunks of a few kilobytes, and a function is parsed
 * only when the pass first needs it: unpacking one inflates its chunk, not the whole module.
 * Structured-cloning every body of a large tree cost the main thread more than analysing the
 * functions that matter, and holding them took most of its memory.
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { FunctionIR, ModuleIR } from './ir.js';
import { scanModule, type FunctionScan } from './relevance.js';
import type { SpecIndex } from './spec-index.js';

export interface PackedModule {
  /** The module with every function reduced to its outline until unpacked, and no text until read. */
  header: ModuleIR;
  /** The compressed UTF-8 source text, which the pass reads for a few modules only (snippets, findings). */
  text: Uint8Array;
  scans: FunctionScan[];
  /** Compressed UTF-8 of the functions' insides as JSON, in the order of `header.functions`, in chunks. */
  insides: Uint8Array[];
  /** For each function, its chunk and where its JSON starts and ends in the chunk's inflated text. */
  places: Int32Array;
}

type Insides = Omit<FunctionIR, 'id' | 'name' | 'parent' | 'cls' | 's' | 'e'>;

// Outlines share their empty parts (a message clones a shared object once): unpacking replaces
// them, never changes them.
const NONE: never[] = [];
const NO_SPAN = { s: 0, e: 0 };

// Large enough to compress well, small enough that inflating one costs little.
const CHUNK_CHARS = 16 * 1024;

export function pack(module: ModuleIR, specs: SpecIndex): PackedModule {
  const scans = scanModule(module, specs);
  const chunks: Uint8Array[] = [];
  const places = new Int32Array(module.functions.length * 3);
  let parts: string[] = [];
  let end = 0;
  const flush = (): void => {
    chunks.push(compress(parts.join('')));
    parts = [];
    end = 0;
  };
  const outlines = module.functions.map((f, i) => {
    const { id, name, parent, cls, s, e, ...insides } = f;
    const json = JSON.stringify(insides);
    places.set([chunks.length, end, (end += json.length)], i * 3);
    parts.push(json);
    if (end >= CHUNK_CHARS) flush();
    const outline: FunctionIR = { id, name, s, e, params: NONE, body: NONE, decorators: NONE, locals: NONE, globals: NONE, nameSpan: NO_SPAN };
    if (parent !== undefined) outline.parent = parent;
    if (cls !== undefined) outline.cls = cls;
    return outline;
  });
  if (parts.length > 0) flush();
  return { header: { ...module, text: '', functions: outlines }, text: compress(module.text), scans, insides: chunks, places };
}

/**
 * Brotli at quality 0: on the IR's JSON it is twice as fast as deflate at level 1 (the fastest
 * zlib level) and inflates as fast, for a ratio of 3.7 against 4.1.
 */
function compress(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'utf8');
  const params = {
    [constants.BROTLI_PARAM_QUALITY]: 0,
    [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    // A window no larger than the input: the encoder's memory follows the window.
    [constants.BROTLI_PARAM_LGWIN]: Math.min(Math.max(Math.ceil(Math.log2(bytes.length + 1)), constants.BROTLI_MIN_WINDOW_BITS), constants.BROTLI_DEFAULT_WINDOW),
  };
  return new Uint8Array(brotliCompressSync(bytes, { params }));
}

/** Fills in functions' insides, and modules' text, on demand. */
export class Unpacker {
  // 256 chunks are 4 MB or so; on the stdlib 64 inflated 87 MB in all, 256 inflate 73 MB.
  private readonly insides = new Recent(256);
  private readonly texts = new Recent();

  /** The module, its text inflated when read (and kept while recently read). */
  module(packed: PackedModule): ModuleIR {
    return Object.defineProperty(packed.header, 'text', {
      get: () => this.texts.get(packed.text),
      enumerable: true,
      configurable: true,
    });
  }

  unpack(packed: PackedModule, fn: FunctionIR): void {
    const i = packed.header.functions.indexOf(fn);
    if (i < 0) return;
    const [chunk, start, end] = packed.places.subarray(i * 3, i * 3 + 3);
    const text = this.insides.get(packed.insides[chunk]);
    Object.assign(fn, JSON.parse(text.slice(start, end)) as Insides);
  }
}

/**
 * The inflated text of the last few buffers read: the pass usually reads several functions (or
 * snippets) of one module in a row, and rarely returns to a module much later.
 */
class Recent {
  private readonly texts = new Map<Uint8Array, string>();

  constructor(private readonly keep = 8) {}

  get(compressed: Uint8Array): string {
    let text = this.texts.get(compressed);
    if (text !== undefined) {
      // Most recently used last, so the first key is the one to evict.
      this.texts.delete(compressed);
    } else {
      text = brotliDecompressSync(compressed).toString('utf8');
      if (this.texts.size >= this.keep) this.texts.delete(this.texts.keys().next().value!);
    }
    this.texts.set(compressed, text);
    return text;
  }
}
