import { pythonFacts, type PythonFacts } from '../../languages/python/facts.js';
import { valuePhrase } from '../../languages/python/describe.js';
import { argument, callArguments, unwrapParens } from '../../languages/python/syntax.js';
import type { SyntaxNode } from '../../languages/parse.js';
import type { Rule } from '../types.js';

type Format = 'pickle' | 'marshal' | 'shelve' | 'yaml' | 'torch' | 'numpy' | 'jsonpickle';

/** Deserializers that can build arbitrary objects, by the format they read. */
const DESERIALIZERS = new Map<string, Format>([
  ...['pickle', 'cPickle', '_pickle', 'dill', 'cloudpickle'].flatMap((m) =>
    ['load', 'loads', 'Unpickler'].map((f): [string, Format] => [`${m}.${f}`, 'pickle'])),
  ['pandas.read_pickle', 'pickle'],
  ['joblib.load', 'pickle'],
  ['sklearn.externals.joblib.load', 'pickle'],
  ['jsonpickle.decode', 'jsonpickle'],
  ['jsonpickle.loads', 'jsonpickle'],
  ['marshal.load', 'marshal'],
  ['marshal.loads', 'marshal'],
  ['shelve.open', 'shelve'],
  ['yaml.load', 'yaml'],
  ['yaml.load_all', 'yaml'],
  ['yaml.unsafe_load', 'yaml'],
  ['yaml.unsafe_load_all', 'yaml'],
  ['torch.load', 'torch'],
  ['numpy.load', 'numpy'],
]);

/**
 * Loaders that only build plain data. FullLoader is accepted too: since PyYAML 5.4 it refuses to
 * construct arbitrary Python objects (the unsafe tags need UnsafeLoader).
 */
const SAFE_YAML_LOADERS = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader', 'FullLoader', 'CFullLoader'].map((l) => `yaml.${l}`));
const UNSAFE_YAML_LOADERS = new Set(['Loader', 'CLoader', 'UnsafeLoader', 'CUnsafeLoader'].map((l) => `yaml.${l}`));
const FILE_OPENERS = new Set(['open', 'io.open', 'codecs.open', 'gzip.open', 'bz2.open', 'lzma.open', 'builtins.open']);

const CONSEQUENCE: Record<Format, string> = {
  pickle: 'unpickling calls whatever constructors the data names (through __reduce__), so whoever can supply it runs arbitrary code in this process',
  jsonpickle: 'jsonpickle rebuilds any Python object the JSON names, which runs arbitrary code chosen by whoever supplies it',
  marshal: 'marshal is not designed to be safe against erroneous or maliciously constructed data and can crash the interpreter or load code objects',
  shelve: 'shelve stores its values with pickle, so whoever can write that file runs arbitrary code here when an entry is read',
  yaml: 'that loader constructs arbitrary Python objects from tags like !!python/object/apply, so whoever supplies the document runs arbitrary code',
  torch: 'the checkpoint is unpickled (weights_only=True is the default only from PyTorch 2.6), so a crafted file runs arbitrary code',
  numpy: 'allow_pickle=True lets numpy.load() unpickle object arrays, so a crafted .npy/.npz file runs arbitrary code',
};

const YAML_DEFAULT_LOADER =
  'before PyYAML 5.4 the default loader constructs arbitrary Python objects from tags like !!python/object/apply, so whoever supplies the document runs arbitrary code (PyYAML 6 rejects the call without a Loader)';

export const unsafeDeserialization: Rule = {
  meta: {
    id: 'py/unsafe-deserialization',
    title: 'Deserialization of data with a format that can run code',
    cwe: 502,
    defectType: 'other',
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    description:
      'pickle and the formats built on it (dill, joblib, shelve, torch checkpoints, pandas pickles), marshal, jsonpickle and YAML read with a full loader can instantiate arbitrary objects while loading, which amounts to running code chosen by whoever produced the data. Data from a fixed path in the source is not reported.',
    solution:
      'Load untrusted data with a data-only format: json, yaml.safe_load() or Loader=yaml.SafeLoader, torch.load(..., weights_only=True), numpy.load() without allow_pickle. If pickle is unavoidable, authenticate the bytes (e.g. an HMAC checked before loading) and restrict classes with a custom Unpickler.find_class().',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    return {
      call(node) {
        const callee = facts.calleeName(node);
        const format = callee ? DESERIALIZERS.get(callee) : undefined;
        if (!callee || !format) return;
        const data = argument(node, 0);
        const { keywords, hasSplat } = callArguments(node);
        if (!data || hasSplat || fromFixedSource(facts, data)) return;
        let detail = '';
        if (format === 'yaml' && !callee.startsWith('yaml.unsafe_')) {
          const loader = argument(node, 1, 'Loader');
          if (loader) {
            const name = facts.qualifiedName(loader) ?? '';
            if (SAFE_YAML_LOADERS.has(name) || !UNSAFE_YAML_LOADERS.has(name)) return;
            detail = ` with Loader=${name}`;
          } else {
            detail = ' without a Loader';
          }
        }
        if (format === 'torch') {
          const weightsOnly = keywords.get('weights_only');
          if (weightsOnly && facts.truthOf(weightsOnly) !== false) return;
          detail = weightsOnly ? ' with weights_only=False' : ' without weights_only=True';
        }
        if (format === 'numpy') {
          const allowPickle = keywords.get('allow_pickle');
          if (!allowPickle || facts.truthOf(allowPickle) !== true) return;
          detail = ' with allow_pickle=True';
        }
        const what = format === 'shelve' ? 'opens' : 'deserializes';
        const consequence = detail === ' without a Loader' ? YAML_DEFAULT_LOADER : CONSEQUENCE[format];
        context.report({
          node,
          message: `${callee}() ${what} ${valuePhrase(data, facts.origins(data))}${detail}: ${consequence}.`,
        });
      },
    };
  },
};

/** Literal bytes, a literal path, or a file opened from a literal path: the application's own data. */
function fromFixedSource(facts: PythonFacts, expr: SyntaxNode, depth = 0): boolean {
  const n = unwrapParens(expr);
  if (facts.isConstant(n)) return true;
  if (depth > 4) return false;
  if (n.type === 'call' && FILE_OPENERS.has(facts.calleeName(n) ?? '')) {
    const path = argument(n, 0, 'file');
    return !!path && facts.isConstant(path);
  }
  if (n.type === 'identifier') {
    const values = facts.bindingsOf(n.text, n);
    return !!values && values.length > 0 && values.every((v) => fromFixedSource(facts, v, depth + 1));
  }
  return false;
}
