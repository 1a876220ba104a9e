// The command's sandbox options: --seed and --static, and their mistakes (exit 2, the file named).
import { describe, expect, it } from 'vitest';
import { parseCliArgs, runCli, type KakaoMock } from '../../src/mock/index.js';

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env: {} } };
};

describe('kakao-mock --seed / --static', () => {
  it('parses them, and refuses both together as a usage error', () => {
    expect(parseCliArgs(['--seed', 'seed.yaml'])).toMatchObject({ seed: 'seed.yaml', static: false });
    expect(parseCliArgs(['--static'])).toMatchObject({ static: true });
    expect(() => parseCliArgs(['--static', '--seed', 'seed.yaml'])).toThrow(/--seed seeds the sandbox, which --static turns off/);
  });

  it('a seed file that is not there: exit 2, the file named, no stack trace', async () => {
    const { err, io: cli } = io();
    expect(await runCli(['--port', '0', '--seed', '/nonexistent/seed.yaml'], cli)).toBe(2);
    expect(err.join('\n')).toBe('kakao-mock: seed file /nonexistent/seed.yaml: not found');
  });

  it('says what it accepts: the sandbox its own tokens and /__mock/, --static any Bearer token', async () => {
    for (const [flags, expected] of [
      [[], /the access tokens it issued or was seeded with[\s\S]*\/__mock\//],
      [['--static'], /any Bearer token/],
    ] as const) {
      const { out, io: cli } = io();
      const mock = (await runCli(['--port', '0', '--quiet', ...flags], cli)) as KakaoMock;
      try {
        expect(out.join('\n')).toMatch(expected);
      } finally {
        await mock.close();
      }
    }
  });
});
