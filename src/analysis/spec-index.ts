/**
 * A language's spec tables indexed by name, so each call site costs a few map lookups whatever
 * the size of the tables.
 */
import { SINK_KINDS, type GuardSpec, type LanguageSpecs, type PropagatorSpec, type SanitizerSpec, type SinkSpec, type SourceSpec } from './specs.js';
import { ownString } from '../core/memory.js';

export interface SpecIndex {
  readonly specs: LanguageSpecs;
  readSources: Map<string, SourceSpec>;
  callSources: Map<string, SourceSpec>;
  sinks: Map<string, SinkSpec[]>;
  storeSinks: Map<string, LanguageSpecs['storeSinks'][number]>;
  sanitizers: Map<string, SanitizerSpec>;
  namedSanitizers: SanitizerSpec[];
  guards: Map<string, GuardSpec>;
  propagators: Map<string, PropagatorSpec>;
  weakRandom: Set<string>;
  fixedTextCopies: Set<string>;
  /** Calls that are sinks of a hard-coded secret (`fixed` data), where fixed text matters at all. */
  secretSinks: Set<string>;
  cookieSetters: Set<string>;
  noReturn: Set<string>;
  routeDecorators: Set<string>;
  routePathReads: Set<string>;
  pureCalls: Set<string>;
  injectedDefaults: Set<string>;
}

function byName<T>(items: readonly T[], names: (t: T) => readonly string[] | undefined): Map<string, T> {
  const out = new Map<string, T>();
  for (const item of items) for (const n of names(item) ?? []) if (!out.has(n)) out.set(n, item);
  return out;
}

export function indexSpecs(table: LanguageSpecs): SpecIndex {
  // Name predicates run on every assignment; their answers are cached per name.
  const specs: LanguageSpecs = {
    ...table,
    isSecretName: memo(table.isSecretName),
    isSecretFunction: memo(table.isSecretFunction),
    isSecretSetter: memo(table.isSecretSetter),
    isPasswordName: memo(table.isPasswordName),
    isSessionCookie: memo(table.isSessionCookie),
  };
  const sinks = new Map<string, SinkSpec[]>();
  for (const s of specs.sinks) for (const n of s.calls) sinks.set(n, [...(sinks.get(n) ?? []), s]);
  return {
    specs,
    readSources: byName(specs.sources, (s) => s.reads),
    callSources: byName(specs.sources, (s) => s.calls),
    sinks,
    storeSinks: byName(specs.storeSinks, (s) => s.targets),
    sanitizers: byName(specs.sanitizers, (s) => s.calls),
    namedSanitizers: specs.sanitizers.filter((s) => s.names),
    guards: byName(specs.guards, (s) => s.calls),
    propagators: byName(specs.propagators, (s) => s.calls),
    weakRandom: new Set(specs.weakRandom),
    fixedTextCopies: new Set(specs.fixedTextCopies ?? []),
    secretSinks: new Set(specs.sinks.filter((s) => SINK_KINDS[s.sink] === 'fixed').flatMap((s) => s.calls)),
    cookieSetters: new Set(specs.cookieSetters),
    noReturn: new Set(specs.noReturn ?? []),
    routeDecorators: new Set(specs.routeDecorators),
    routePathReads: new Set(specs.routePathReads ?? []),
    pureCalls: new Set(specs.pureCalls ?? []),
    injectedDefaults: new Set(specs.injectedDefaults),
  };
}

function memo(f: (name: string) => boolean): (name: string) => boolean {
  const cache = new Map<string, boolean>();
  return (name) => {
    let v = cache.get(name);
    if (v === undefined) cache.set(ownString(name), (v = f(name)));
    return v;
  };
}

/** A sanitizer known by the name of a function outside the project (`helpers.escape_for_html`). */
export function namedSanitizer(index: SpecIndex, qualified: string | undefined, method: string | undefined): SanitizerSpec | undefined {
  const name = method ?? qualified?.slice(qualified.lastIndexOf('.') + 1);
  return name === undefined ? undefined : index.namedSanitizers.find((s) => s.names!.test(name));
}

/** The spec for a call: by its full name first, then by its method name on any receiver. */
export function lookup<T>(map: Map<string, T>, qualified: string | undefined, method: string | undefined): T | undefined {
  return (qualified !== undefined ? map.get(qualified) : undefined) ?? (method !== undefined ? map.get(`.${method}`) : undefined);
}
