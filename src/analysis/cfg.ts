/**
 * A control-flow graph over a function's IR, for analyses that follow paths: `goto` and labels
 * (C's error-handling idiom and lowered `switch`), `break`/`continue`, early `return`, `raise`
 * and `try` all become edges. Branch edges carry the condition that holds along them, so a
 * path-sensitive analysis can refine its state and drop paths that cannot happen.
 */
import type { Expr, FunctionIR, Spanned, Stmt } from './ir.js';

/** One step inside a block: a plain statement, or a return/raise that leaves the function. */
export type Step =
  | { k: 'stmt'; stmt: Extract<Stmt, { k: 'assign' | 'aug' | 'expr' | 'decl' | 'del' }> }
  | ({ k: 'return'; x?: Expr } & Spanned)
  | ({ k: 'raise'; x?: Expr } & Spanned)
  /** A branch condition, before the edges that refine it: evaluated here only when a call in it has effects. */
  | ({ k: 'eval'; x: Expr } & Spanned)
  /** Control enters the loop at `loop` (from before it or from its back edge). */
  | ({ k: 'loop-head'; loop: Extract<Stmt, { k: 'loop' }> } & Spanned)
  /** An iteration of `loop` ends and goes back to its head. */
  | ({ k: 'loop-back'; loop: Extract<Stmt, { k: 'loop' }> } & Spanned);

export interface Edge {
  to: number;
  /** The condition known along this edge, and whether it is true or false there. */
  cond?: Expr;
  truth?: boolean;
  /** A back edge of a loop: the analysis widens where these arrive. */
  back?: boolean;
}

export interface Block {
  id: number;
  steps: Step[];
  succ: Edge[];
}

export interface Cfg {
  blocks: Block[];
  entry: number;
  /** Reached after a return, a raise out of the function, or the end of the body. */
  exit: number;
  /** Blocks that start a loop iteration (targets of back edges). */
  loopHeads: Set<number>;
  /** Each loop's first block and the block its exits (a false condition, a `break`) lead to. */
  loops: Map<Stmt, { head: number; after: number }>;
}

interface Frame {
  breakTo: number;
  continueTo: number;
  loop: Extract<Stmt, { k: 'loop' }>;
}

export function buildCfg(fn: FunctionIR): Cfg {
  return new Builder().build(fn.body);
}

class Builder {
  private readonly blocks: Block[] = [];
  private readonly labels = new Map<string, number>();
  private readonly gotos: Array<{ from: number; label: string }> = [];
  private readonly frames: Frame[] = [];
  private readonly handlers: number[][] = [];
  private readonly loopHeads = new Set<number>();
  private readonly loops = new Map<Stmt, { head: number; after: number }>();
  private exit = -1;
  /** The block statements are being added to; -1 after a jump (dead code until the next label). */
  private cur = -1;

  build(body: Stmt[]): Cfg {
    const entry = this.block();
    this.exit = this.block();
    this.cur = entry;
    this.stmts(body);
    if (this.cur >= 0) this.edge(this.cur, { to: this.exit });
    for (const g of this.gotos) {
      const target = this.labels.get(g.label);
      if (target !== undefined) this.edge(g.from, { to: target, back: target <= g.from });
      else this.edge(g.from, { to: this.exit });
    }
    for (const b of this.blocks) for (const e of b.succ) if (e.back) this.loopHeads.add(e.to);
    return { blocks: this.blocks, entry, exit: this.exit, loopHeads: this.loopHeads, loops: this.loops };
  }

  private block(): number {
    const id = this.blocks.length;
    this.blocks.push({ id, steps: [], succ: [] });
    return id;
  }

  private edge(from: number, e: Edge): void {
    this.blocks[from].succ.push(e);
  }

  /** The block to add to, starting an unreachable one after a jump so its code is still lowered. */
  private here(): number {
    if (this.cur < 0) this.cur = this.block();
    return this.cur;
  }

  private stmts(list: Stmt[]): void {
    for (const s of list) this.stmt(s);
  }

  private stmt(s: Stmt): void {
    switch (s.k) {
      case 'assign':
      case 'aug':
      case 'expr':
      case 'decl':
      case 'del':
        this.blocks[this.here()].steps.push({ k: 'stmt', stmt: s });
        return;
      case 'return':
        this.blocks[this.here()].steps.push({ k: 'return', x: s.x, s: s.s, e: s.e });
        this.edge(this.cur, { to: this.exit });
        this.cur = -1;
        return;
      case 'raise': {
        this.blocks[this.here()].steps.push({ k: 'raise', x: s.x, s: s.s, e: s.e });
        const handlers = this.handlers[this.handlers.length - 1];
        if (handlers) for (const h of handlers) this.edge(this.cur, { to: h });
        else this.edge(this.cur, { to: this.exit });
        this.cur = -1;
        return;
      }
      case 'if': {
        const from = this.here();
        this.blocks[from].steps.push({ k: 'eval', x: s.c, s: s.c.s, e: s.c.e });
        const then = this.block();
        const otherwise = this.block();
        const join = this.block();
        this.edge(from, { to: then, cond: s.c, truth: true });
        this.edge(from, { to: otherwise, cond: s.c, truth: false });
        this.cur = then;
        this.stmts(s.t);
        if (this.cur >= 0) this.edge(this.cur, { to: join });
        this.cur = otherwise;
        this.stmts(s.f);
        if (this.cur >= 0) this.edge(this.cur, { to: join });
        this.cur = join;
        return;
      }
      case 'loop': {
        const before = this.here();
        const head = this.block();
        const body = this.block();
        const after = this.block();
        this.loops.set(s, { head, after });
        this.edge(before, { to: head });
        this.cur = head;
        this.blocks[head].steps.push({ k: 'loop-head', loop: s, s: s.s, e: s.e });
        this.stmts(s.head);
        const test = this.here();
        if (s.c) {
          this.blocks[test].steps.push({ k: 'eval', x: s.c, s: s.c.s, e: s.c.e });
          this.edge(test, { to: body, cond: s.c, truth: true });
          const orelse = this.block();
          this.edge(test, { to: orelse, cond: s.c, truth: false });
          this.cur = orelse;
          this.stmts(s.orelse);
          if (this.cur >= 0) this.edge(this.cur, { to: after });
        } else {
          this.edge(test, { to: body });
        }
        this.frames.push({ breakTo: after, continueTo: head, loop: s });
        this.cur = body;
        this.stmts(s.body);
        this.frames.pop();
        if (this.cur >= 0) {
          this.blocks[this.cur].steps.push({ k: 'loop-back', loop: s, s: s.s, e: s.e });
          this.edge(this.cur, { to: head, back: true });
        }
        this.cur = after;
        return;
      }
      case 'break': {
        const f = this.frames[this.frames.length - 1];
        if (f) this.edge(this.here(), { to: f.breakTo });
        this.cur = -1;
        return;
      }
      case 'continue': {
        const f = this.frames[this.frames.length - 1];
        if (f) {
          this.blocks[this.here()].steps.push({ k: 'loop-back', loop: f.loop, s: f.loop.s, e: f.loop.e });
          this.edge(this.here(), { to: f.continueTo, back: true });
        }
        this.cur = -1;
        return;
      }
      case 'goto':
        this.gotos.push({ from: this.here(), label: s.label });
        this.cur = -1;
        return;
      case 'label': {
        const target = this.block();
        if (this.cur >= 0) this.edge(this.cur, { to: target });
        this.labels.set(s.n, target);
        this.cur = target;
        return;
      }
      case 'try': {
        const entry = this.here();
        const after = this.block();
        const handlerBlocks = s.handlers.map(() => this.block());
        this.handlers.push(handlerBlocks);
        const body = this.block();
        this.edge(entry, { to: body });
        for (const h of handlerBlocks) this.edge(entry, { to: h });
        this.cur = body;
        this.stmts(s.body);
        this.stmts(s.orelse);
        this.handlers.pop();
        if (this.cur >= 0) this.edge(this.cur, { to: after });
        s.handlers.forEach((h, i) => {
          this.cur = handlerBlocks[i];
          this.stmts(h.body);
          if (this.cur >= 0) this.edge(this.cur, { to: after });
        });
        this.cur = after;
        this.stmts(s.fin);
        return;
      }
    }
  }
}

/** Blocks in reverse post-order from the entry: a good order to visit them in. */
export function reversePostOrder(cfg: Cfg): number[] {
  const seen = new Set<number>();
  const order: number[] = [];
  const stack: Array<{ id: number; next: number }> = [{ id: cfg.entry, next: 0 }];
  seen.add(cfg.entry);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const succ = cfg.blocks[top.id].succ;
    if (top.next < succ.length) {
      const to = succ[top.next++].to;
      if (!seen.has(to)) {
        seen.add(to);
        stack.push({ id: to, next: 0 });
      }
    } else {
      order.push(top.id);
      stack.pop();
    }
  }
  return order.reverse();
}
