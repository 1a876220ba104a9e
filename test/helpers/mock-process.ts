// The `kakao-mock` command in a process of its own, started as users start it, on a free port.
import path from 'node:path';
// @ts-expect-error plain ESM script without types
import { serveProcess } from '../../scripts/lib/serve-process.mjs';
import { root } from './spec.js';

export interface MockProcess {
  url: Promise<string>;
  stop(): Promise<void>;
}

/** `kakao-mock --port 0 --quiet …args`: `url` resolves once it prints it, and rejects if it exits first. */
export function startMockCommand(args: string[], timeoutMs = 60_000): MockProcess {
  const bin = path.join(root, 'packages', 'kakao-openapi-mock', 'bin', 'kakao-mock.mjs');
  return serveProcess(process.execPath, [bin, '--port', '0', '--quiet', ...args], { ready: /Kakao mock: (http:\/\/127\.0\.0\.1:\d+)/, label: 'kakao-mock', cwd: root, timeoutMs });
}
