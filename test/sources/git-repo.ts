/**
 * Real git repositories in temporary folders for tests, isolated from whoever runs them: no
 * global or system git config is read, and the identity is set through the environment.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageRoot } from '../../src/core/paths.js';

export const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.com',
  NO_COLOR: '1',
};

export class Repo {
  readonly dir: string;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'secreview-test-repo-'));
    this.git('init', '-q', '-b', 'main');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: GIT_ENV, encoding: 'utf8' }).trim();
  }

  write(files: Record<string, string | Buffer>): this {
    for (const [path, content] of Object.entries(files)) {
      const abs = join(this.dir, path);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, content);
    }
    return this;
  }

  remove(...paths: string[]): this {
    for (const p of paths) unlinkSync(join(this.dir, p));
    return this;
  }

  /** Stages everything and commits; returns the new commit's SHA. */
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the compiled CLI (bin/secreview.js) in `cwd`. */
export function secreview(cwd: string, args: string[], input?: string): CliRun {
  const r = spawnSync(process.execPath, [join(packageRoot(), 'bin', 'secreview.js'), ...args], {
    cwd,
    env: GIT_ENV,
    encoding: 'utf8',
    input,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding {
  ruleId: string;
  location: { file: string; startLine: number };
}

/** `rule@file:line` of each finding of a `--format json` run. */
export function findingKeys(run: CliRun): string[] {
  const report = JSON.parse(run.stdout) as { findings: JsonFinding[] };
  return report.findings.map((f) => `${f.ruleId}@${f.location.file}:${f.location.startLine}`);
}
