#!/usr/bin/env node
// npm run release:check: what a release would ship, checked as a user would meet it. Packs both
// packages, lists each tarball and fails on files that do not belong, install scripts or a missing
// `types` entry; checks that the version agrees everywhere (packages, every document's
// info.version, CHANGELOG.md) and that the changelog's breaking-change report is current; installs
// the tarballs into empty apps (offline), measures the client's install against its budget,
// type-checks and runs a consumer there against the mock started with `npx kakao-mock` (also from a
// pnpm-style symlinked install); finally `npm publish --dry-run` of each package.
//
//   node scripts/release-check.mjs [--no-publish] [--keep]
//     --no-publish  skip `npm publish --dry-run` (it asks the registry; tests run without network)
//     --keep        keep the temporary folder and print where it is
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs, promisify } from 'node:util';
import { root } from './lib/products.mjs';
import { PACKAGES, installApp, measureInstall, packPackages } from './lib/pack.mjs';
import { serveProcess } from './lib/serve-process.mjs';
import { CHANGELOG, changelogEntry, versionsFound, withFreshReport } from './lib/release.mjs';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
export const CLIENT_BUDGET = { packages: 5, bytes: 3_000_000 };
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish'];
// Tests, TypeScript sources (declarations excepted), build leftovers and local settings.
const DOES_NOT_BELONG = [/(^|\/)(test|tests|__tests__)\//, /\.test(-d)?\.[cm]?[jt]s$/, /(?<!\.d)\.[cm]?ts$/, /(^|\/)\.tmp/, /(^|\/)tsconfig[^/]*\.json$/, /\.tgz$/, /(^|\/)\.(env|npmrc|git)/, /\.ya?ml$/];

/** Problems with one packed package: files that do not belong, install scripts, exports or types that are not shipped. */
export function tarballProblems(manifest, files) {
  const problems = [];
  for (const file of files) if (DOES_NOT_BELONG.some((re) => re.test(file))) problems.push(`${manifest.name}: ${file} does not belong in the package`);
  for (const script of INSTALL_SCRIPTS) if (manifest.scripts?.[script]) problems.push(`${manifest.name}: has a "${script}" script, which would run on users' installs`);
  if (!manifest.types) problems.push(`${manifest.name}: no "types" entry`);
  const shipped = new Set(files);
  const targets = [manifest.types, ...Object.values(manifest.bin ?? {}), ...Object.values(manifest.exports ?? {}).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)))];
  for (const target of targets.filter(Boolean)) {
    const file = target.replace(/^\.\//, '');
    if (file.includes('*')) {
      const prefix = file.slice(0, file.indexOf('*'));
      if (![...shipped].some((f) => f.startsWith(prefix))) problems.push(`${manifest.name}: nothing ships under ${target}`);
    } else if (!shipped.has(file)) problems.push(`${manifest.name}: ${target} is named in package.json but not shipped`);
  }
  return problems;
}

/** Problems with versions: every place must say the workspace's version, and CHANGELOG.md must have its entry with a current report. */
export function versionProblems() {
  const expected = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  const problems = versionsFound()
    .filter((v) => v.version !== expected)
    .map((v) => `${v.where} is ${v.version ?? 'missing'}, expected ${expected}`);
  const changelog = fs.readFileSync(CHANGELOG, 'utf8');
  if (!changelogEntry(changelog, expected)) problems.push(`CHANGELOG.md has no entry "## [${expected}]"`);
  else {
    try {
      if (withFreshReport(changelog, expected) !== changelog) problems.push(`CHANGELOG.md: the breaking-change report of ${expected} is out of date (npm run changelog)`);
    } catch (error) {
      problems.push(`CHANGELOG.md: ${error.message}`);
    }
  }
  return problems;
}

const CONSUMER = `// A user's app: typed calls through the client to the mock, and the documents by import.
import { createKakaoClient, isKakaoError } from 'kakao-openapi';
import { createKakaoClient as createLiteClient } from 'kakao-openapi/lite';
import { getUserMe } from 'kakao-openapi/operations';
import doc from 'kakao-openapi/openapi/kakao.json' with { type: 'json' };

const baseUrl = process.env.KAKAO_BASE_URL!;
const kakao = createKakaoClient({ baseUrl, accessToken: 'fake-access-token', restApiKey: 'mock-rest-api-key' });
const me = await kakao.GET('/v2/user/me');
if (me.error) throw new Error(\`user info failed: \${me.error.kind}\`);
const id: number = me.data.id;
const lite = await createLiteClient({ baseUrl, accessToken: 'fake-access-token', operations: [getUserMe] }).GET('/v2/user/me');
if (lite.error || lite.data.id !== id) throw new Error('the lite client did not read the same user');
const places = await kakao.GET('/v2/local/search/keyword.{format}', { params: { path: { format: 'json' }, query: { query: 'kakao' } } });
if (places.error) throw new Error('keyword search failed');
const wrong = await createKakaoClient({ baseUrl, accessToken: 'fake-access-token', restApiKey: 'not-the-key' }).GET('/v2/local/search/keyword.{format}', { params: { path: { format: 'json' }, query: { query: 'kakao' } } });
if (!wrong.error || !isKakaoError(wrong.error)) throw new Error('a wrong key was not refused with a typed error');
console.log(JSON.stringify({ id, places: places.data.documents.length, refused: wrong.error.kind, version: (doc as { info: { version: string } }).info.version }));
`;


/** Starts the kakao-mock command in `app` the way users do, resolves with its URL; rejects if it exits or prints none. */
const startMockCommand = (app, command) =>
  serveProcess(command[0], [...command.slice(1), '--port', '0', '--quiet'], {
    ready: /Kakao mock: (http:\/\/\S+)/,
    label: command.join(' '),
    cwd: app,
    env: { ...process.env, npm_config_update_notifier: 'false' },
    timeoutMs: 20_000,
  });

/** The command answers like the mock: an unknown token gets Kakao's -401. */
async function answersLikeKakao(url) {
  const res = await fetch(`${url}/v2/user/me`, { headers: { authorization: 'Bearer' } });
  const body = await res.json();
  if (res.status !== 401 || body.code !== -401) throw new Error(`the mock at ${url} answered ${res.status} ${JSON.stringify(body)}`);
}

export async function releaseCheck({ publish = true, keep = false, log = console.log } = {}) {
  const problems = [];
  const note = (ok, line) => log(`${ok ? 'ok  ' : 'FAIL'} ${line}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-release-'));
  try {
    const vp = versionProblems();
    problems.push(...vp);
    note(!vp.length, `one version everywhere (${versionsFound().length} places) and a current CHANGELOG entry${vp.length ? `:\n       ${vp.join('\n       ')}` : ''}`);

    const tarballs = await packPackages(path.join(tmp, 'tarballs'));
    for (const name of PACKAGES) {
      const manifest = JSON.parse(fs.readFileSync(path.join(root, 'packages', name, 'package.json'), 'utf8'));
      const tp = tarballProblems(manifest, tarballs[name].files);
      problems.push(...tp);
      note(!tp.length, `${name}: ${tarballs[name].files.length} files, ${(tarballs[name].size / 1024).toFixed(0)} kB packed${tp.length ? `:\n       ${tp.join('\n       ')}` : ''}`);
      log(`       ${tarballs[name].files.join('\n       ')}`);
    }

    const alone = path.join(tmp, 'client-alone');
    await installApp(alone, tarballs, ['kakao-openapi']);
    const size = measureInstall(alone);
    const within = size.packages.length <= CLIENT_BUDGET.packages && size.bytes <= CLIENT_BUDGET.bytes;
    if (!within) problems.push(`the client alone installs ${size.packages.length} packages and ${size.bytes} bytes (budget ${CLIENT_BUDGET.packages} and ${CLIENT_BUDGET.bytes})`);
    note(within, `client alone: ${size.packages.length} packages (${size.packages.join(', ')}), ${(size.bytes / 1e6).toFixed(2)} MB (budget ≤ ${CLIENT_BUDGET.packages}, ≤ ${CLIENT_BUDGET.bytes / 1e6} MB)`);

    const app = path.join(tmp, 'app');
    await installApp(app, tarballs);
    fs.writeFileSync(path.join(app, 'consumer.ts'), CONSUMER);
    // The mock is a sandbox: the consumer's token is one its seed declares (and the seed file is read as users do).
    fs.writeFileSync(path.join(app, 'seed.json'), JSON.stringify({ tokens: [{ access_token: 'fake-access-token', user_id: 123456789 }] }));
    fs.writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, resolveJsonModule: true, lib: ['ES2023', 'DOM'], types: [], outDir: 'out', skipLibCheck: false }, files: ['consumer.ts', 'env.d.ts'] }),
    );
    fs.writeFileSync(path.join(app, 'env.d.ts'), 'declare const process: { env: Record<string, string | undefined> };\n');
    try {
      await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: app });
      note(true, 'a consumer type-checks against the installed packages (tsc --strict, skipLibCheck off)');
    } catch (error) {
      problems.push(`the consumer does not type-check:\n${error.stdout}${error.stderr}`);
      note(false, `the consumer does not type-check:\n${error.stdout}`);
    }
    for (const [label, dir, command] of [
      ['npx kakao-mock', app, ['npx', 'kakao-mock']],
      ['node_modules/.bin/kakao-mock in a pnpm-style symlinked install', pnpmLayout(app, path.join(tmp, 'pnpm-app')), [path.join(tmp, 'pnpm-app', 'node_modules', '.bin', 'kakao-mock')]],
    ]) {
      const mock = startMockCommand(dir, [...command, '--seed', path.join(app, 'seed.json')]);
      try {
        const url = await mock.url;
        await answersLikeKakao(url);
        if (dir === app && fs.existsSync(path.join(app, 'out', 'consumer.js'))) {
          const { stdout } = await run(process.execPath, ['out/consumer.js'], { cwd: app, env: { ...process.env, KAKAO_BASE_URL: url } });
          note(true, `the consumer's calls through the client against \`${label}\`: ${stdout.trim()}`);
        } else note(true, `\`${label}\` serves and answers like Kakao`);
      } catch (error) {
        problems.push(`${label}: ${error.message}`);
        note(false, `${label}: ${error.message}`);
      } finally {
        await mock.stop();
      }
    }

    if (publish) {
      for (const name of PACKAGES) {
        try {
          await run('npm', ['publish', '--dry-run', '--ignore-scripts', tarballs[name].path], { cwd: tmp });
          note(true, `npm publish --dry-run ${name}`);
        } catch (error) {
          problems.push(`npm publish --dry-run ${name} failed: ${error.stderr}`);
          note(false, `npm publish --dry-run ${name}: ${error.stderr}`);
        }
      }
    } else log('skip npm publish --dry-run (--no-publish)');
  } finally {
    if (keep) log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
  return problems;
}

/**
 * A copy of `app` laid out as pnpm does: the packages live in a store folder and the app's
 * node_modules holds symlinks to them, so the command runs through a linked package.
 */
function pnpmLayout(app, dir) {
  const store = path.join(dir, 'store', 'node_modules');
  fs.mkdirSync(path.dirname(store), { recursive: true });
  fs.cpSync(path.join(app, 'node_modules'), store, { recursive: true, verbatimSymlinks: true });
  fs.rmSync(path.join(store, '.bin'), { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true });
  for (const name of PACKAGES) fs.symlinkSync(path.join(store, name), path.join(dir, 'node_modules', name), 'dir');
  fs.symlinkSync(path.join('..', 'kakao-openapi-mock', 'bin', 'kakao-mock.mjs'), path.join(dir, 'node_modules', '.bin', 'kakao-mock'));
  return dir;
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(new URL(import.meta.url).pathname)) {
  let args;
  try {
    ({ values: args } = parseArgs({ options: { 'no-publish': { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } } }));
  } catch (error) {
    console.error(`${error.message}\nusage: node scripts/release-check.mjs [--no-publish] [--keep]`);
    process.exit(2);
  }
  const problems = await releaseCheck({ publish: !args['no-publish'], keep: args.keep });
  console.log(problems.length ? `\nrelease check: ${problems.length} problem(s)` : '\nrelease check: everything a release ships is in order');
  process.exit(problems.length ? 1 : 0);
}
