// The release check (scripts/release-check.mjs) as CI runs it, its rules on their own, and the
// commands users type failing kindly: usage and exit 2, never a stack trace.
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { releaseCheck, tarballProblems, versionProblems } from '../scripts/release-check.mjs';
// @ts-expect-error plain ESM script without types
import { serveProcess } from '../scripts/lib/serve-process.mjs';
import { root } from './helpers/spec.js';

const run = promisify(execFile);

describe('npm run release:check', () => {
  it('packs, installs offline into empty apps, serves `npx kakao-mock` and runs a typed consumer against it', async () => {
    const lines: string[] = [];
    const problems: string[] = await releaseCheck({ publish: false, log: (line: string) => lines.push(line) });
    expect(problems).toEqual([]);
    const text = lines.join('\n');
    expect(text).toMatch(/^ok {3}client alone: [1-5] packages/m);
    expect(text).toMatch(/^ok {3}the consumer's calls through the client against `npx kakao-mock`: \{"id":\d+/m);
    expect(text).toMatch(/^ok {3}`node_modules\/\.bin\/kakao-mock in a pnpm-style symlinked install` serves/m);
  }, 240_000);

  it('stops what a served command started (npx runs the mock as its child), not only the command', async () => {
    // Like npx: a command that starts the server as its own child; the server's pid goes to a file.
    const pidFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-serve-')), 'pid');
    const served = serveProcess('sh', ['-c', `sleep 300 & echo $! > ${pidFile}; echo "at http://127.0.0.1:1"; wait`], { ready: /at (\S+)/, label: 'sh' });
    await served.url;
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    // Running, not a zombie left for init to reap (Linux's /proc: state after the command name).
    const alive = () => {
      try {
        return !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    expect(alive()).toBe(true);
    await served.stop();
    for (let i = 0; i < 50 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(alive()).toBe(false);
  });

  it('finds no version disagreement in the repository', () => {
    expect(versionProblems()).toEqual([]);
  });

  it('refuses tests, TypeScript sources, leftovers, install scripts, a missing types entry and unshipped targets', () => {
    const manifest = { name: 'p', types: './dist/index.d.ts', bin: { p: './bin/p.mjs' }, exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } }, scripts: { postinstall: 'node x' } };
    const files = ['dist/index.js', 'dist/index.d.ts', 'src/client.ts', 'test/a.test.ts', '.tmp-samples-1/x.js', 'tsconfig.json', 'package.json'];
    const problems: string[] = tarballProblems(manifest, files);
    expect(problems.join('\n')).toMatch(/src\/client\.ts does not belong/);
    expect(problems.join('\n')).toMatch(/test\/a\.test\.ts does not belong/);
    expect(problems.join('\n')).toMatch(/\.tmp-samples-1\/x\.js does not belong/);
    expect(problems.join('\n')).toMatch(/tsconfig\.json does not belong/);
    expect(problems.join('\n')).toMatch(/"postinstall" script/);
    expect(problems.join('\n')).toMatch(/\.\/bin\/p\.mjs is named in package\.json but not shipped/);
    expect(tarballProblems({ ...manifest, types: undefined, scripts: {} }, ['dist/index.js', 'dist/index.d.ts', 'bin/p.mjs'])).toEqual(['p: no "types" entry']);
    expect(tarballProblems({ ...manifest, scripts: {} }, ['dist/index.js', 'dist/index.d.ts', 'bin/p.mjs'])).toEqual([]);
  });
});

describe('npm start fails fast and kindly', () => {
  const start = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [path.join(root, 'scripts', 'start.mjs'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 20_000 });

  it('a busy port: names the flag to change it, exit 2, before any build', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busy = (blocker.address() as net.AddressInfo).port;
    try {
      const started = Date.now();
      const result = start(['--mock-port', String(busy), '--port', '0']);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`port ${busy} on 127.0.0.1 is in use: the mock needs another, e.g. \`npm start -- --mock-port ${busy + 1}\``);
      expect(result.stderr).toMatch(/^usage: npm start --/m);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stdout).not.toMatch(/bundl|generated/);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      blocker.close();
    }
  });

  it('`npm start --port 18381` (npm took the flag): says to write `npm start -- --port 18381`, exit 2', () => {
    const result = start(['18381'], { npm_lifecycle_event: 'start', npm_command: 'start', npm_config_port: 'true' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('run `npm start -- --port 18381`');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown flag or a bad port number: usage, exit 2', () => {
    for (const args of [['--prot', '1'], ['--port', 'eighty'], ['--port', '70000']]) {
      const result = start(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^usage: npm start --/m);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('kakao-mock fails kindly', () => {
  const bin = path.join(root, 'packages', 'kakao-openapi-mock', 'bin', 'kakao-mock.mjs');
  it('bad arguments and a busy port: usage or a hint, exit 2, no stack trace', async () => {
    const bad = await run(process.execPath, [bin, '--port', 'x']).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--port takes a port number/);
    expect(bad.stderr).toMatch(/^usage: kakao-mock/m);
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const busy = await run(process.execPath, [bin, '--port', String((blocker.address() as net.AddressInfo).port)]).catch((e) => e);
      expect(busy.code).toBe(2);
      expect(busy.stderr).toMatch(/is in use: pick another with --port N/);
      expect(busy.stderr).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });
});
