/**
 * A plain-JS copy of a tree-sitter tree, built in one cursor walk, for lowerings to read.
 *
 * Reading nodes through the native binding's node objects costs about 3 µs a node (each property
 * is a native call); one cursor walk copying type, field and offsets is several times cheaper,
 * and afterwards the lowering navigates ordinary objects. Subtrees a lowering never looks inside
 * (plain string literals, comments) are not copied at all.
 */
import type { Tree } from '../languages/parse.js';

export interface LNode {
  type: string;
  /** The field this node fills in its parent, e.g. `left`, `function`. */
  field: string | undefined;
  named: boolean;
  /** Offsets; 0 for tokens copied with `lightTokens`, which are known by their type alone. */
  s: number;
  e: number;
  children: LNode[];
}

const NO_CHILDREN: LNode[] = [];

/**
 * `skip(type, start)` returning true leaves that node's children out of the copy. With
 * `lightTokens`, anonymous nodes (operators, punctuation) carry only their type and no children:
 * every property read is a native call, and tokens are a third of a tree.
 */
export function copyTree(tree: Tree, skip: (type: string, s: number) => boolean, options: { lightTokens?: boolean } = {}): LNode {
  const light = options.lightTokens === true;
  const cursor = tree.walk();
  const types: string[] = [];
  const namedness: boolean[] = [];
  const fields: string[] = [];
  const make = (): LNode => {
    const id = cursor.nodeTypeId;
    let type = types[id];
    if (type === undefined) {
      type = types[id] = cursor.nodeType;
      namedness[id] = cursor.nodeIsNamed;
    }
    if (light && !namedness[id]) return { type, field: undefined, named: false, s: 0, e: 0, children: NO_CHILDREN };
    const fid = cursor.currentFieldId;
    let field: string | undefined;
    if (fid) {
      field = fields[fid];
      if (field === undefined) field = fields[fid] = cursor.currentFieldName;
    }
    return { type, field, named: namedness[id], s: cursor.startIndex, e: cursor.endIndex, children: NO_CHILDREN };
  };
  const root = make();
  const stack: LNode[] = [];
  let current = root;
  const attach = (node: LNode): void => {
    const parent = stack[stack.length - 1];
    if (parent.children === NO_CHILDREN) parent.children = [node];
    else parent.children.push(node);
    current = node;
  };
  for (;;) {
    if ((current.named || !light) && !skip(current.type, current.s) && cursor.gotoFirstChild()) {
      stack.push(current);
      attach(make());
      continue;
    }
    for (;;) {
      if (cursor.gotoNextSibling()) {
        attach(make());
        break;
      }
      if (!cursor.gotoParent()) return root;
      stack.pop();
    }
  }
}

export function field(node: LNode, name: string): LNode | undefined {
  for (const c of node.children) if (c.field === name) return c;
  return undefined;
}

export function fields(node: LNode, name: string): LNode[] {
  return node.children.filter((c) => c.field === name);
}

export function namedChildren(node: LNode): LNode[] {
  return node.children.filter((c) => c.named && c.type !== 'comment');
}
