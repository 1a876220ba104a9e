// Runs the pinned Redocly CLI with telemetry and update checks off (tests touch no network),
// and without its Node 20 end-of-life banner, which is noise for us.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const cliPackage = require.resolve('@redocly/cli/package.json');
const cliBin = path.join(path.dirname(cliPackage), 'bin', 'cli.js');
export const redoclyVersion = require('@redocly/cli/package.json').version;

const BANNER = /\n?\s*╔[\s\S]*?╝\n?/g;

/** Runs `redocly <args>`; resolves with { code, stdout, stderr } (never rejects on exit code). */
export function redocly(args, { cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBin, ...args], {
      cwd,
      env: {
        ...process.env,
        REDOCLY_TELEMETRY: 'off',
        REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
        NO_COLOR: '1',
        FORCE_COLOR: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: stdout.replace(BANNER, '\n'), stderr: stderr.replace(BANNER, '\n') }),
    );
  });
}
