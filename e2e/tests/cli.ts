// The `kubeglass` command line, run from the tests: `KUBEGLASS_BIN`, else the debug build
// (built by cargo the first time it is asked for; the native tests usually built it already).
import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

let built: string | undefined;

/** The path of the `kubeglass` binary, built if needed (call it in `beforeAll`). */
export function kubeglassBin(): string {
  if (built) return built;
  if (process.env.KUBEGLASS_BIN) {
    built = resolve(process.env.KUBEGLASS_BIN);
  } else {
    execFileSync('cargo', ['build', '-q', '--locked', '-p', 'kubeglass-cli'], { cwd: repo, env: process.env, stdio: 'pipe' });
    built = resolve(repo, process.env.CARGO_TARGET_DIR ?? 'target', 'debug', 'kubeglass');
  }
  return built;
}

/** Runs `kubeglass ARGS` and returns its exit status and both outputs. */
export function kubeglass(...args: string[]) {
  const run = spawnSync(kubeglassBin(), args, { cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The fragment of a link, `#` included. */
export function fragment(link: string): string {
  return link.slice(link.indexOf('#'));
}
