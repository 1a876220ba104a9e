// A server started as its own process (the mock's command, Prism's CLI): resolves with the URL it
// prints, rejects when it exits or prints none in time, and stops, with whatever it started, on
// SIGTERM. Shared by the release check, the benchmark and the tests that start `kakao-mock` the way
// users do.
import { spawn } from 'node:child_process';

/**
 * Starts `command args…`; `ready` is a regular expression whose first group, found in the output
 * (stdout and stderr), is the URL. Returns `{ url, stop, pid, child }`.
 */
export function serveProcess(command, args, { ready, label = command, cwd, env, timeoutMs = 120_000 }) {
  // Its own process group, so that stop() also ends what the command starts: `npx kakao-mock` runs
  // the mock as a child of npm, which a SIGTERM to npm alone left running.
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // the group has ended
    }
  };
  const onExit = () => signalGroup('SIGKILL');
  process.once('exit', onExit);
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
  const stop = () => {
    process.removeListener('exit', onExit);
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
    signalGroup('SIGTERM');
    return exited;
  };
  return { url, stop, pid: child.pid, child };
}
