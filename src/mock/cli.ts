// The `kakao-mock` command (and `npm run mock` in the repository): parses its arguments, starts the
// mock, prints where it listens, and stops on Ctrl-C. Bad arguments and a busy port print usage
// and exit 2, never a stack trace.
import { parseArgs } from 'node:util';
import { startKakaoMock, type KakaoMock, type MockKeys } from './server.js';

export const usage = `usage: kakao-mock [--port 4010] [--host 127.0.0.1] [--seed FILE | --static] [--dynamic] [--quiet]
                  [--rest-api-key K] [--admin-key K] [--client-secret S]

Serves every operation of the Kakao REST API description like Kakao does (Kakao's credential rules,
request checks and error bodies) on 127.0.0.1, as a sandbox that keeps state: tokens it issued,
users and their consent, calendars, messages sent (see http://127.0.0.1:4010/__mock/).
  --port N           port to listen on (default 4010, or $KAKAO_MOCK_PORT; 0 picks a free one)
  --host H           interface to listen on (default 127.0.0.1)
  --seed FILE        the sandbox's app, users, tokens and limits, from a JSON or YAML file
  --static           no state: documented examples only, any Bearer token accepted
  --dynamic          generated data instead of the documented examples (needs Prism installed)
  --quiet            no line per request
  --rest-api-key K   the REST API key the mock accepts (default mock-rest-api-key)
  --admin-key K      the Admin key the mock accepts (default mock-admin-key)
  --client-secret S  require this client secret at the token endpoint
  --help             this text`;

/** Exit codes: 0 stopped cleanly, 1 the mock failed to start, 2 usage error (bad argument, busy port). */
export class UsageError extends Error {}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
}

/** Parses the arguments into startKakaoMock options; throws UsageError with a message fit for users. */
export function parseCliArgs(argv: string[], env: Record<string, string | undefined> = {}) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', default: env.KAKAO_MOCK_PORT ?? '4010' },
        host: { type: 'string', default: '127.0.0.1' },
        dynamic: { type: 'boolean', default: false },
        static: { type: 'boolean', default: false },
        seed: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        'rest-api-key': { type: 'string' },
        'admin-key': { type: 'string' },
        'client-secret': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}${npmFlagHint(argv, env)}`);
  }
  if (values.help) return { help: true as const };
  if (values.static && values.seed) throw new UsageError('--seed seeds the sandbox, which --static turns off: use one of them');
  const port = parsePort(values.port, '--port');
  const keys: Partial<MockKeys> = {};
  if (values['rest-api-key']) keys.restApiKey = values['rest-api-key'];
  if (values['admin-key']) keys.adminKey = values['admin-key'];
  if (values['client-secret']) keys.clientSecret = values['client-secret'];
  return { help: false as const, port, host: values.host, dynamic: values.dynamic, static: values.static, seed: values.seed, quiet: values.quiet, keys };
}

/**
 * `npm run mock --port 18381` (without `--`) hands npm the flag and the script a bare `18381`:
 * say how to write it when that is what happened.
 */
export function npmFlagHint(argv: string[], env: Record<string, string | undefined>): string {
  const bare = argv.find((a) => !a.startsWith('-'));
  if (!bare || !env.npm_lifecycle_event || !['run-script', 'start'].includes(env.npm_command ?? '')) return '';
  const eaten = Object.keys(env).filter((k) => /^npm_config_(port|mock_port|host)$/.test(k)).map((k) => `--${k.slice(11).replace('_', '-')}`);
  const flag = eaten[0] ?? '--port';
  return `\n(npm keeps flags written before \`--\` for itself: run \`npm ${env.npm_lifecycle_event === 'start' ? 'start' : `run ${env.npm_lifecycle_event}`} -- ${flag} ${bare}\`)`;
}

export function parsePort(value: string | undefined, flag: string): number {
  if (!/^\d+$/.test(value ?? '') || Number(value) > 65535) throw new UsageError(`${flag} takes a port number from 0 to 65535, got "${value ?? ''}"`);
  return Number(value);
}

/** Runs the command until SIGINT/SIGTERM; resolves with the exit code when it cannot start. */
export async function runCli(argv: string[], io: CliIo = { out: console.log, err: console.error, env: process.env }): Promise<number | KakaoMock> {
  let options;
  try {
    options = parseCliArgs(argv, io.env);
  } catch (error) {
    io.err(`kakao-mock: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (options.help) {
    io.out(usage);
    return 0;
  }
  let mock: KakaoMock;
  try {
    mock = await startKakaoMock({
      port: options.port,
      host: options.host,
      dynamic: options.dynamic,
      static: options.static,
      ...(options.seed ? { seed: options.seed } : {}),
      keys: options.keys,
      ...(options.quiet ? {} : { log: (line: string) => io.out(line) }),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      io.err(`kakao-mock: port ${options.port} on ${options.host} is in use: pick another with --port N (or --port 0 for any free port)`);
      return 2;
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') {
      io.err(`kakao-mock: cannot listen on ${options.host}:${options.port} (${code}): check --host and --port`);
      return 2;
    }
    if (/^seed/.test((error as Error).message)) {
      io.err(`kakao-mock: ${(error as Error).message}`);
      return 2;
    }
    io.err(`kakao-mock: the mock did not start: ${(error as Error).message}`);
    return 1;
  }
  io.out(`Kakao mock: ${mock.url}${options.dynamic ? ' (dynamic data)' : ''}`);
  const bearer = mock.sandbox ? 'the access tokens it issued or was seeded with' : 'any Bearer token';
  io.out(`  accepts REST API key "${mock.keys.restApiKey}", Admin key "${mock.keys.adminKey}", ${bearer}${mock.keys.clientSecret ? ', and checks the client secret' : ''}`);
  if (mock.sandbox) io.out(`  sandbox: sent messages and the control API at ${mock.url}/__mock/`);
  io.out(`  point the client at it: createKakaoClient({ baseUrl: '${mock.url}', ... })`);
  return mock;
}
