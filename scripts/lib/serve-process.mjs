// A server started as its own process (the mock's command, Prism's CLI): resolves with the URL it
// prints, rejects when it exits or prints none in time, and stops on SIGTERM. Shared by the
// release check, the benchmark and the tests that start `kakao-mock` the way users do.
import { spawn } from 'node:child_process';

/**
 * Starts `command args…`; `ready` is a regular expression whose first group, found in the output
 * (stdout and stderr), is the URL. Returns `{ url, stop, pid, child }`.
 */
export function serveProcess(command, args, { ready, label = command, cwd, env, timeoutMs = 120_000 }) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${label} printed no URL within ${timeoutMs / 1000} s: ${out.slice(-500)}`)), timeoutMs);
    const read = (d) => {
      out += d;
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${code}) without serving: ${out.slice(-500).trim()}`));
    });
  });
  const stop = () =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => {
          child.once('exit', resolve);
          child.kill('SIGTERM');
        });
  return { url, stop, pid: child.pid, child };
}
