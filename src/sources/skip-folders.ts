/**
 * Folders discovery does not descend into unless the user names them as an argument.
 *
 * - Tool metadata and caches hold no source of the project at all, so they are passed over
 *   silently, like a file in a language we do not review.
 * - Vendored code and environments are someone else's code: reviewing them would bury the
 *   project's findings, so they are skipped with one diagnostic per folder.
 * - Build output is generated. Its names, and `venv`, are common enough as Python package names
 *   (pip's `operations/build/`, the standard library's `venv`) that a folder holding
 *   `__init__.py` is reviewed. Vendored folders stay skipped even then: pip's `_vendor` is one.
 *
 * `external` and `lib` are deliberately absent: many projects keep their own code there.
 */
export type FolderVerdict =
  | { skip: false }
  | { skip: true; silent: true }
  | { skip: true; silent: false; reason: string };

const METADATA = new Set([
  '.git', '.hg', '.svn', '.bzr', '_darcs', 'CVS',
  '__pycache__', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.hypothesis', '.pytype',
]);

const VENDORED = new Set([
  'node_modules', 'bower_components', 'jspm_packages',
  'vendor', 'vendored', '_vendor', 'third_party', 'third-party', 'thirdparty', '3rdparty',
  'site-packages', 'dist-packages', '__pypackages__', '.eggs',
  '.venv', '.tox', '.nox',
  'Pods', 'Carthage',
]);

const BUILD_OUTPUT = new Set(['build', 'dist', 'out', 'target', '_build', 'CMakeFiles']);
const ENVIRONMENT = new Set(['venv']);
// IDE and build-system output folders named after their configuration: cmake-build-debug, bazel-bin …
const BUILD_OUTPUT_PREFIXES = ['cmake-build-', 'bazel-'];

const NAME_IT = 'name the folder as an argument to review it';

/** Verdict from the folder's name alone. */
export function folderByName(name: string): FolderVerdict {
  if (METADATA.has(name) || name.endsWith('.egg-info')) return { skip: true, silent: true };
  if (VENDORED.has(name)) return { skip: true, silent: false, reason: `vendored or environment folder, not reviewed (${NAME_IT})` };
  return { skip: false };
}

function isBuildOutputName(name: string): boolean {
  return BUILD_OUTPUT.has(name) || BUILD_OUTPUT_PREFIXES.some((p) => name.startsWith(p));
}

/**
 * Verdict once the folder's entries are known: environments are recognised by their marker
 * whatever their name (`env/pyvenv.cfg`); build output and `venv` unless it is a Python package.
 */
export function folderByContents(name: string, entries: ReadonlySet<string>): FolderVerdict {
  if (entries.has('pyvenv.cfg') || entries.has('conda-meta')) {
    return { skip: true, silent: false, reason: `Python environment, not reviewed (${NAME_IT})` };
  }
  if (entries.has('__init__.py')) return { skip: false };
  if (isBuildOutputName(name)) return { skip: true, silent: false, reason: `build output folder, not reviewed (${NAME_IT})` };
  if (ENVIRONMENT.has(name)) return { skip: true, silent: false, reason: `Python environment, not reviewed (${NAME_IT})` };
  return { skip: false };
}
