/**
 * `npm run bench`: reviews a large Python tree and prints files, lines, wall time, lines/second
 * and peak memory; when Bandit is installed, runs it on the same files and prints the ratio.
 * The tree is the first argument, else this machine's Python standard library (a real
 * 800k-line project that every machine with python3 has), else a generated tree.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/core/paths.js';
import { measureReview, onPath, timed } from './tools.js';

const root = packageRoot();

function pythonStdlib(): string | undefined {
  try {
    const out = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' });
    const dir = out.trim();
    return existsSync(dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** A synthetic tree of realistic service modules, for machines without python3. */
function generatedTree(): string {
  const dir = join(root, 'bench', '.work', 'generated-python');
  if (existsSync(join(dir, 'done'))) return dir;
  const module = (i: number) => `import os\nimport subprocess\nimport sqlite3\n\n\nclass Service${i}:\n    def __init__(self, db):\n        self.db = sqlite3.connect(db)\n\n    def lookup(self, name):\n        cur = self.db.cursor()\n        cur.execute("SELECT id FROM t WHERE name = ?", (name,))\n        return cur.fetchall()\n\n    def run(self, args):\n        return subprocess.run(["tool", *args], check=True, timeout=30)\n\n    def stop(self):\n        try:\n            self.db.close()\n        except Exception as exc:\n            print(exc)\n\n\n`.repeat(40);
  for (let p = 0; p < 50; p++) {
    mkdirSync(join(dir, `pkg${p}`), { recursive: true });
    for (let m = 0; m < 24; m++) writeFileSync(join(dir, `pkg${p}`, `mod${m}.py`), module(m));
  }
  writeFileSync(join(dir, 'done'), '');
  return dir;
}

const tree = process.argv[2] ?? pythonStdlib() ?? generatedTree();
console.log(`secreview bench: Python tree ${tree}`);

const seconds = measureReview(tree);

if (onPath('bandit')) {
  // Bandit reviews the same tree; vendored site-packages are left out as secreview leaves them out.
  const bandit = timed('bandit', ['-r', tree, '-q', '-f', 'json', '-o', '/dev/null', '-x', '*/site-packages/*,*/node_modules/*']);
  if (bandit.error) console.log(`  bandit           failed: ${bandit.error.message}`);
  else {
    console.log(`  bandit time      ${bandit.seconds.toFixed(2)} s (exit ${bandit.status})`);
    console.log(`  speed-up         ${(bandit.seconds / seconds).toFixed(1)}x faster than bandit`);
  }
} else {
  console.log('  bandit           not installed (apt-get install bandit) — no comparison');
}
