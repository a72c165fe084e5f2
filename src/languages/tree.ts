/**
 * The syntax tree every rule and lowering reads: plain objects built from the node records the
 * parser addon returns (native.ts), one call per file.
 *
 * Reading a tree through tree-sitter's Node binding costs a call into C++ for every property of
 * every node (about 0.2 µs); rules and lowerings make dozens per node, which cost more than
 * parsing. Here every read is an ordinary property, and no native memory outlives the parse.
 *
 * The class keeps the names of the tree-sitter node API that this code base uses (`type`, `text`,
 * `childForFieldName`, `startPosition`, `descendantsOfType` …) with the same meaning, so rules
 * read like tree-sitter code; `s`, `e`, `field` and `named` are the short forms lowerings use.
 */

export interface Point {
  row: number;
  column: number;
}

const NO_CHILDREN: readonly Node[] = Object.freeze([]) as readonly Node[];
const ERROR_SUBTREE = 1;
const MISSING = 2;
// Flags of a native node record (native/tree_export.c).
const NATIVE_NAMED = 1;
const NATIVE_MISSING = 2;
let nextId = 1;

export class Tree {
  readonly rootNode: Node;
  private lineStarts: number[] | undefined;
  /** C/C++: the numeric macros of the project's headers, which the file does not see defined (c/prepare.ts). */
  constants?: ReadonlyMap<string, string>;
  /** C/C++: the project's headers' names for functions (`#define ALLOCA alloca`), by macro (c/prepare.ts). */
  aliases?: ReadonlyMap<string, string>;
  /** C/C++: the project's headers' macros without parameters that compute a value (`RAND32()`), by name (c/prepare.ts). */
  values?: ReadonlyMap<string, string>;
  /** C/C++: the functions the review's files define and call (c/project-functions.ts). */
  linkage?: { defined: ReadonlySet<string>; mentions: ReadonlyMap<string, number> };

  constructor(
    /** The source text the offsets refer to. */
    readonly text: string,
    build: (tree: Tree) => Node,
  ) {
    this.rootNode = build(this);
  }

  /** Row and column (UTF-16 code units) of an offset, counting rows by `\n` as tree-sitter does. */
  position(offset: number): Point {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: offset - starts[lo] };
  }

  offset(point: Point): number {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    const line = starts[Math.min(point.row, starts.length - 1)];
    return Math.min(line + point.column, this.text.length);
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export class Node {
  /** Unique among all nodes of the process, for maps keyed by node. */
  readonly id = nextId++;
  children: readonly Node[] = NO_CHILDREN;
  flags = 0;

  constructor(
    readonly tree: Tree,
    readonly type: string,
    /** The field this node fills in its parent, e.g. `left`, `function`. */
    readonly field: string | undefined,
    readonly named: boolean,
    readonly parent: Node | null,
    /** Offsets into the text, in UTF-16 code units. */
    readonly s: number,
    readonly e: number,
  ) {}

  get isNamed(): boolean {
    return this.named;
  }

  get isError(): boolean {
    return this.type === 'ERROR';
  }

  get isMissing(): boolean {
    return (this.flags & MISSING) !== 0;
  }

  /** True when this node or any node below it is an error or a missing token. */
  get hasError(): boolean {
    return (this.flags & ERROR_SUBTREE) !== 0;
  }

  get startIndex(): number {
    return this.s;
  }

  get endIndex(): number {
    return this.e;
  }

  get text(): string {
    return this.tree.text.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): Point {
    return this.tree.position(this.startIndex);
  }

  get endPosition(): Point {
    return this.tree.position(this.endIndex);
  }

  /** The named children: `children` itself when every child is named (no copy), so never to be changed. */
  get namedChildren(): readonly Node[] {
    const { children } = this;
    for (let i = 0; i < children.length; i++) if (!children[i].named) return children.filter((c) => c.named);
    return children;
  }

  get namedChildCount(): number {
    let n = 0;
    const { children } = this;
    for (let i = 0; i < children.length; i++) if (children[i].named) n++;
    return n;
  }

  childForFieldName(name: string): Node | null {
    // Indexed, as the hottest reads of a tree: `for … of` allocates an iterator result per child
    // until the caller is optimized, and most callers never are.
    const { children } = this;
    for (let i = 0; i < children.length; i++) if (children[i].field === name) return children[i];
    return null;
  }

  childrenForFieldName(name: string): Node[] {
    return this.children.filter((c) => c.field === name);
  }

  get previousSibling(): Node | null {
    return this.sibling(-1, false);
  }

  get nextSibling(): Node | null {
    return this.sibling(1, false);
  }

  get previousNamedSibling(): Node | null {
    return this.sibling(-1, true);
  }

  get nextNamedSibling(): Node | null {
    return this.sibling(1, true);
  }

  /** This node and its descendants of the given types, in document order (as tree-sitter's). */
  descendantsOfType(types: string | readonly string[]): Node[] {
    // The rules ask for dozens of types at once and every node is tested, punctuation included.
    const wanted = new Set(typeof types === 'string' ? [types] : types);
    const out: Node[] = [];
    const stack: Node[] = [this];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (wanted.has(node.type)) out.push(node);
      const { children } = node;
      for (let i = children.length - 1; i >= 0; i--) if (children[i].named || wanted.has(children[i].type)) stack.push(children[i]);
    }
    return out;
  }

  /** The smallest node that spans `start`..`end`, as tree-sitter's `descendantForIndex`. */
  descendantForIndex(start: number, end = start): Node {
    let node: Node = this;
    for (let descended = true; descended; ) {
      descended = false;
      for (const child of node.children) {
        const childEnd = child.endIndex;
        if (childEnd < end || childEnd <= start) continue;
        if (start < child.startIndex) break;
        node = child;
        descended = true;
        break;
      }
    }
    return node;
  }

  descendantForPosition(start: Point, end = start): Node {
    return this.descendantForIndex(this.tree.offset(start), this.tree.offset(end));
  }

  private sibling(step: 1 | -1, named: boolean): Node | null {
    const siblings = this.parent?.children;
    if (!siblings) return null;
    for (let i = siblings.indexOf(this) + step; i >= 0 && i < siblings.length; i += step) {
      if (!named || siblings[i].named) return siblings[i];
    }
    return null;
  }
}

/**
 * Builds a Tree from the node records of the native parser (src/languages/native.ts): four words
 * per node in document order — symbol | field << 16 | flags << 24, child count, start, end.
 * Tokens whose symbol `skip` marks get no node (a missing one still does: it marks an error).
 */
export function treeFromRecords(
  text: string,
  records: Uint32Array,
  types: readonly string[],
  fields: readonly (string | undefined)[],
  skip?: Uint8Array,
): Tree {
  return new Tree(text, (tree) => {
    let root: Node | undefined;
    // Open nodes on the path from the root, with how many children each still waits for and how
    // many of them it has.
    const open: Node[] = [];
    const waiting: number[] = [];
    const filled: number[] = [];
    for (let i = 0; i < records.length; i += 4) {
      const word = records[i];
      const symbol = word & 0xffff;
      const flags = word >>> 24;
      const count = records[i + 1];
      let node: Node | undefined;
      if (count > 0 || !skip?.[symbol] || flags & NATIVE_MISSING || open.length === 0) {
        const type = types[symbol];
        const parent = open.length > 0 ? open[open.length - 1] : null;
        const named = (flags & NATIVE_NAMED) !== 0 || type === 'ERROR';
        node = new Node(tree, type, fields[(word >>> 16) & 0xff], named, parent, records[i + 2], records[i + 3]);
        if (type === 'ERROR') node.flags = ERROR_SUBTREE;
        if (flags & NATIVE_MISSING) node.flags = ERROR_SUBTREE | MISSING;
        if (parent === null) root = node;
        else (parent.children as Node[])[filled[filled.length - 1]++] = node;
        if (count > 0) {
          // Sized once: growing an array by push leaves its smaller stores behind as garbage.
          node.children = new Array<Node>(count);
          open.push(node);
          waiting.push(count);
          filled.push(0);
          continue;
        }
      }
      // Pass error marks up, and close every node whose last child this was.
      let child = node;
      while (open.length > 0) {
        const top = open[open.length - 1];
        if (child && child.flags & ERROR_SUBTREE) top.flags |= ERROR_SUBTREE;
        if (--waiting[waiting.length - 1] !== 0) break;
        const have = filled.pop()!;
        if (have < top.children.length) (top.children as Node[]).length = have;
        open.pop();
        waiting.pop();
        child = top;
      }
    }
    return root!;
  });
}

/** Lowering shorthands: the child filling a field, every child filling it, and named children other than comments. */
export function field(node: Node, name: string): Node | undefined {
  return node.childForFieldName(name) ?? undefined;
}

export function fields(node: Node, name: string): Node[] {
  return node.childrenForFieldName(name);
}

export function namedChildren(node: Node): readonly Node[] {
  const { children } = node;
  for (let i = 0; i < children.length; i++) if (!children[i].named || children[i].type === 'comment') return children.filter((c) => c.named && c.type !== 'comment');
  return children;
}
