/**
 * The syntax tree every rule and lowering reads: a plain-JS copy of tree-sitter's tree, made in one
 * cursor walk right after parsing.
 *
 * Each read of a node through the native binding is a call into C++ (about 0.2 µs); rules and
 * lowerings make dozens per node, which cost more than parsing. One walk copies type, field and
 * offsets once, and every later read is an ordinary property. The native tree is dropped as soon
 * as the copy exists, so its memory goes back at the next collection.
 *
 * The class keeps the names of the tree-sitter node API that this code base uses (`type`, `text`,
 * `childForFieldName`, `startPosition`, `descendantsOfType` …) with the same meaning, so rules
 * read like tree-sitter code; `s`, `e`, `field` and `named` are the short forms lowerings use.
 */
import type Parser from 'tree-sitter';

export interface Point {
  row: number;
  column: number;
}

const NO_CHILDREN: readonly Node[] = Object.freeze([]) as readonly Node[];
const ERROR_SUBTREE = 1;
const MISSING = 2;
let nextId = 1;

export class Tree {
  readonly rootNode: Node;
  private lineStarts: number[] | undefined;

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
  /**
   * Offsets into the text. Anonymous tokens (operators, punctuation, keywords) are copied without
   * them, as a third of all nodes and known by type alone; `startIndex`/`endIndex` find theirs
   * on demand, while `s`/`e` stay -1.
   */
  s: number;
  e: number;
  flags = 0;

  constructor(
    readonly tree: Tree,
    readonly type: string,
    /** The field this node fills in its parent, e.g. `left`, `function`. */
    readonly field: string | undefined,
    readonly named: boolean,
    readonly parent: Node | null,
    s: number,
  ) {
    this.s = s;
    this.e = -1;
  }

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
    if (this.s < 0) this.locateToken();
    return this.s;
  }

  get endIndex(): number {
    if (this.e < 0) this.locateToken();
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

  get namedChildren(): Node[] {
    return this.children.filter((c) => c.named);
  }

  get namedChildCount(): number {
    let n = 0;
    for (const c of this.children) if (c.named) n++;
    return n;
  }

  childForFieldName(name: string): Node | null {
    for (const c of this.children) if (c.field === name) return c;
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
    const wanted = typeof types === 'string' ? [types] : types;
    const out: Node[] = [];
    const stack: Node[] = [this];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (wanted.includes(node.type)) out.push(node);
      const { children } = node;
      for (let i = children.length - 1; i >= 0; i--) if (children[i].named || wanted.includes(children[i].type)) stack.push(children[i]);
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

  /**
   * Finds an anonymous token's offsets: its text is its type, and it lies after its previous
   * sibling. Tokens whose text differs from their type (a few aliases) get the gap they sit in.
   */
  private locateToken(): void {
    const parent = this.parent!;
    const siblings = parent.children;
    const i = siblings.indexOf(this);
    const from = i > 0 ? siblings[i - 1].endIndex : parent.startIndex;
    let to = parent.endIndex;
    for (let j = i + 1; j < siblings.length; j++) {
      if (siblings[j].s >= 0) {
        to = siblings[j].s;
        break;
      }
    }
    const at = this.tree.text.indexOf(this.type, from);
    if (at !== -1 && at + this.type.length <= to) {
      this.s = at;
      this.e = at + this.type.length;
    } else {
      const gap = this.tree.text.slice(from, to);
      this.s = from + (gap.length - gap.trimStart().length);
      this.e = Math.max(this.s, to - (gap.length - gap.trimEnd().length));
    }
  }
}

/**
 * Node types copied without children: tokens in every grammar we parse, and Python's
 * `string_content`, whose escape sequences nothing reads (its text has them). The walk does not
 * ask the native cursor for their children, one call saved on nearly half of all named nodes.
 */
const LEAF_TYPES = new Set([
  'identifier', 'field_identifier', 'type_identifier', 'statement_identifier', 'namespace_identifier',
  'primitive_type', 'number_literal', 'integer', 'float', 'string_content', 'escape_sequence', 'comment',
  'system_lib_string', 'string_start', 'string_end', 'preproc_arg',
]);

interface NodeTypeInfo {
  type: string;
  fields?: Record<string, { types: Array<{ named: boolean }> }>;
}

/**
 * The node types that have a field an anonymous token can fill (`binary_operator`'s `operator`),
 * from the grammar's node-types.json: only below these does a token's field need reading.
 */
export function typesWithTokenFields(nodeTypeInfo: readonly NodeTypeInfo[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const t of nodeTypeInfo) {
    if (Object.values(t.fields ?? {}).some((f) => f.types.some((x) => !x.named))) out.add(t.type);
  }
  return out;
}

/** Copies a native tree-sitter tree into a Tree over `text`. */
export function copyNativeTree(native: Parser.Tree, text: string, tokenFieldParents: ReadonlySet<string>): Tree {
  return new Tree(text, (tree) => walk(native, tree, tokenFieldParents));
}

function walk(native: Parser.Tree, tree: Tree, tokenFieldParents: ReadonlySet<string>): Node {
  const cursor = native.walk();
  // Per type and field id, looked up once per tree instead of once per node.
  const types: string[] = [];
  const named: boolean[] = [];
  const leaf: boolean[] = [];
  const fields: (string | undefined)[] = [];
  const mayBeMissing = native.rootNode.hasError;

  const make = (parent: Node | null, first: boolean): Node => {
    const id = cursor.nodeTypeId;
    let type = types[id];
    if (type === undefined) {
      type = types[id] = cursor.nodeType;
      named[id] = cursor.nodeIsNamed;
      leaf[id] = LEAF_TYPES.has(type);
    }
    const isNamed = named[id] || type === 'ERROR';
    const fid = isNamed || (parent !== null && tokenFieldParents.has(parent.type)) ? cursor.currentFieldId : 0;
    let field: string | undefined;
    if (fid) {
      field = fields[fid];
      if (field === undefined) field = fields[fid] = cursor.currentFieldName;
    }
    // A node starts where its first child starts: one native call fewer for every first child.
    const start = !isNamed ? -1 : first && parent && parent.s >= 0 ? parent.s : cursor.startIndex;
    const node = new Node(tree, type, field, isNamed, parent, start);
    if (isNamed && leaf[id]) node.e = cursor.endIndex;
    if (type === 'ERROR') node.flags = ERROR_SUBTREE;
    // Only a tree with errors can hold missing tokens, so only there is the question worth a call.
    if (mayBeMissing && cursor.nodeIsMissing) {
      node.flags = ERROR_SUBTREE | MISSING;
      node.s = node.e = cursor.startIndex;
    }
    return node;
  };

  const root = make(null, true);
  const stack: Node[] = [];
  const childLists: Node[][] = [];
  let current = root;
  for (;;) {
    if (current.named && current.e < 0 && cursor.gotoFirstChild()) {
      stack.push(current);
      const child = make(current, true);
      childLists.push([child]);
      current = child;
      continue;
    }
    // A named node without children (or a leaf) needs its own end.
    if (current.named && current.e < 0) current.e = cursor.endIndex;
    for (;;) {
      const parent = stack[stack.length - 1];
      if (parent !== undefined && cursor.gotoNextSibling()) {
        const child = make(parent, false);
        childLists[childLists.length - 1].push(child);
        current = child;
        break;
      }
      if (parent === undefined) return root;
      cursor.gotoParent();
      // The cursor is back on `parent`: its children are complete, and its end is its last
      // named child's end, or the native end when the last child is a token.
      stack.pop();
      const children = childLists.pop()!;
      parent.children = children;
      const last = children[children.length - 1];
      parent.e = last.e >= 0 ? last.e : cursor.endIndex;
      for (const c of children) if (c.flags & ERROR_SUBTREE) parent.flags |= ERROR_SUBTREE;
      current = parent;
    }
  }
}

/** Lowering shorthands: the child filling a field, every child filling it, and named children other than comments. */
export function field(node: Node, name: string): Node | undefined {
  return node.childForFieldName(name) ?? undefined;
}

export function fields(node: Node, name: string): Node[] {
  return node.childrenForFieldName(name);
}

export function namedChildren(node: Node): Node[] {
  return node.children.filter((c) => c.named && c.type !== 'comment');
}
