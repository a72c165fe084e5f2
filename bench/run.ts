/**
 * `npm run bench`: reviews a large Python tree and prints files, lines, wall time, lines/second
 * and peak memory; when Bandit is installed, runs it on the same files and prints the ratio.
 * The tree is the first argument, else this machine's Python standard library (a real
 * 800k-line project that every machine with python3 has), else a generated tree.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { packageRoot } from '../src/core/paths.js';

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

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

const tree = process.argv[2] ?? pythonStdlib() ?? generatedTree();
console.log(`secreview bench: Python tree ${tree}`);

const measured = spawnSync(process.execPath, [join(root, 'dist', 'bench', 'measure.js'), tree], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (measured.status !== 0) {
  console.error(measured.stderr.split('\n').slice(-5).join('\n'));
  process.exit(2);
}
const m = JSON.parse(measured.stdout) as { wallMs: number; peakRssMb: number; files: number; lines: number; findings: number; diagnostics: number };
const seconds = m.wallMs / 1000;
console.log(`  files reviewed   ${m.files}`);
console.log(`  lines            ${m.lines}`);
console.log(`  findings         ${m.findings} (diagnostics ${m.diagnostics})`);
console.log(`  wall time        ${seconds.toFixed(2)} s`);
console.log(`  lines/second     ${Math.round(m.lines / seconds)}`);
console.log(`  peak memory      ${m.peakRssMb.toFixed(0)} MB`);

if (onPath('bandit')) {
  // Bandit reviews the same tree; vendored site-packages are left out as secreview leaves them out.
  const start = performance.now();
  const bandit = spawnSync('bandit', ['-r', tree, '-q', '-f', 'json', '-o', '/dev/null', '-x', '*/site-packages/*,*/node_modules/*'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const banditSeconds = (performance.now() - start) / 1000;
  if (bandit.error) console.log(`  bandit           failed: ${bandit.error.message}`);
  else {
    console.log(`  bandit time      ${banditSeconds.toFixed(2)} s (exit ${bandit.status})`);
    console.log(`  speed-up         ${(banditSeconds / seconds).toFixed(1)}x faster than bandit`);
  }
} else {
  console.log('  bandit           not installed (apt-get install bandit) — no comparison');
}
