// `kakao-openapi verify` as a function and as a command: checks the description against what Kakao
// answers for the user's own app, and writes a report that holds shapes, never values.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Json } from '../operations.js';
import { loadCheckedBundle } from '../server.js';
import { buildPlan, CREDENTIAL_ENV, PlanError, type CredentialName, type Plan, type PlanStep } from './plan.js';
import { buildReport, exitCode, summaryLine, toMarkdown, type VerifyReport } from './report.js';
import { runPlan, type StepResult } from './run.js';

export { buildPlan, isReadOnly, PlanError, WRITE_SEQUENCES, CREDENTIAL_ENV } from './plan.js';
export type { CredentialName, Plan, PlanStep } from './plan.js';
export { createComparer } from './compare.js';
export type { Comparison, Finding, Observation, Outcome } from './compare.js';
export { exitCode, toMarkdown } from './report.js';
export type { VerifyReport } from './report.js';
export type { StepResult } from './run.js';

export interface VerifyOptions {
  /** The credentials (default: KAKAO_ACCESS_TOKEN, KAKAO_REST_API_KEY, KAKAO_ADMIN_KEY from the environment). */
  credentials?: Partial<Record<CredentialName, string>>;
  /** One URL for every Kakao host, e.g. a mock's. */
  baseUrl?: string;
  /** operationIds to narrow the plan to. */
  only?: string[];
  /** Add the create → read → delete sequences (sub-calendar and event, task). */
  write?: boolean;
  /** Add one memo to the user's own Kakao Talk chat. */
  sendMemo?: boolean;
  /** Build the plan and stop. */
  dryRun?: boolean;
  /** Calls per second, 1 to 5 (default 4). */
  rate?: number;
  /** Abort to stop before the next call (cleanup steps still run); the report is then partial. */
  signal?: AbortSignal;
  /** Called once per call with a progress line. */
  onProgress?: (line: string, result: StepResult) => void;
  /** The combined document (default: the one installed with `kakao-openapi`). */
  document?: Json;
  /** The fetch the client uses. */
  fetch?: typeof fetch;
  /** Per-call time limit in ms (default 15000). */
  timeoutMs?: number;
}

export interface VerifyOutcome {
  plan: Plan;
  /** Absent for a dry run. */
  report?: VerifyReport;
  exitCode: number;
}

/** Calls per second at most: a few for Kakao; more only for a server on this machine (a mock). */
export const MAX_RATE = 5;
const LOOPBACK_MAX_RATE = 100;

export function maxRate(baseUrl: string | undefined): number {
  if (!baseUrl) return MAX_RATE;
  try {
    const host = new URL(baseUrl).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' ? LOOPBACK_MAX_RATE : MAX_RATE;
  } catch {
    return MAX_RATE;
  }
}

export function credentialsFromEnv(env: Record<string, string | undefined>): Partial<Record<CredentialName, string>> {
  const out: Partial<Record<CredentialName, string>> = {};
  for (const [name, variable] of Object.entries(CREDENTIAL_ENV) as [CredentialName, string][]) {
    const value = env[variable]?.trim();
    if (value) out[name] = value;
  }
  return out;
}

export async function verify(options: VerifyOptions = {}): Promise<VerifyOutcome> {
  const doc = options.document ?? loadCheckedBundle();
  const credentials = options.credentials ?? credentialsFromEnv(process.env);
  const given = new Set(Object.keys(credentials).filter((k) => credentials[k as CredentialName]) as CredentialName[]);
  const rate = options.rate ?? 4;
  const limit = maxRate(options.baseUrl);
  if (!(rate > 0 && rate <= limit)) throw new PlanError(`rate must be between 1 and ${limit} calls per second${options.baseUrl ? '' : ' (Kakao)'}`);
  const plan = buildPlan(doc, { credentials: given, write: options.write, sendMemo: options.sendMemo, only: options.only });
  if (options.dryRun) return { plan, exitCode: 0 };
  const run = await runPlan({
    doc,
    plan,
    credentials,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    rate,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    progress: (line, result) => options.onProgress?.(line, result),
  });
  const report = buildReport({
    documentVersion: String(doc.info?.version ?? 'unknown'),
    date: new Date(),
    target: options.baseUrl ? 'custom' : 'kakao',
    credentials: [...given].sort(),
    options: { write: !!options.write, sendMemo: !!options.sendMemo, ...(options.only?.length ? { only: options.only } : {}) },
    plan,
    run,
  });
  return { plan, report, exitCode: exitCode(report) };
}

export const usage = `usage: kakao-openapi verify [--base-url URL] [--only ID[,ID…]] [--write] [--send-memo]
                            [--dry-run] [--out DIR] [--rate N]

Checks the Kakao REST API description against what Kakao answers for your app, and writes a
report (JSON and Markdown) that holds statuses and the shapes of the answers, never their values.
Credentials come from the environment only:
  KAKAO_ACCESS_TOKEN   a user's access token (yours): user, Talk and Talk Calendar calls
  KAKAO_REST_API_KEY   the app's REST API key: Local, Search, the IP list
  KAKAO_ADMIN_KEY      the app's Admin key: admin-only reads
Options:
  --base-url URL   send every call to URL instead of Kakao's hosts (e.g. the mock)
  --only IDS       only these operationIds (comma-separated, or --only several times)
  --write          also create, read back and delete a sub-calendar, an event and a task
  --send-memo      also send one memo to your own Kakao Talk chat ("Me")
  --dry-run        print the plan and stop
  --out DIR        where to write kakao-openapi-verify.json and .md (default: the current directory)
  --rate N         calls per second, 1 to ${MAX_RATE} (default 4; up to ${LOOPBACK_MAX_RATE} for a --base-url on this machine)
  --help           this text
Exit codes: 0 every answer agrees, 1 something differs or failed, 2 usage error, 130 interrupted.`;

export interface VerifyCliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
  /** Directory --out is relative to (default process.cwd()). */
  cwd?: string;
  /** Test hooks: the document and fetch to use. */
  document?: Json;
  fetch?: typeof fetch;
}

class UsageError extends Error {}

function parse(argv: string[]) {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') return { help: true as const };
  if (command !== 'verify') throw new UsageError(command ? `unknown command "${command}"` : 'a command is needed');
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        'base-url': { type: 'string' },
        only: { type: 'string', multiple: true },
        write: { type: 'boolean', default: false },
        'send-memo': { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        out: { type: 'string', default: '.' },
        rate: { type: 'string', default: '4' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { help: true as const };
  const baseUrl = values['base-url'];
  if (baseUrl !== undefined && !/^https?:\/\/[^/]+/.test(baseUrl)) throw new UsageError(`--base-url takes an http(s) URL, got "${baseUrl}"`);
  const rate = Number(values.rate);
  const limit = maxRate(baseUrl);
  if (!/^\d+(\.\d+)?$/.test(values.rate!) || rate <= 0 || rate > limit) {
    throw new UsageError(`--rate takes a number of calls per second from 1 to ${limit}${limit === MAX_RATE ? ` (up to ${LOOPBACK_MAX_RATE} against a --base-url on 127.0.0.1 or localhost)` : ''}, got "${values.rate}"`);
  }
  const only = (values.only ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return {
    help: false as const,
    baseUrl: baseUrl?.replace(/\/+$/, ''),
    only,
    write: values.write!,
    sendMemo: values['send-memo']!,
    dryRun: values['dry-run']!,
    out: values.out!,
    rate,
  };
}

function describeStep(step: PlanStep, i: number, total: number): string {
  const n = String(i + 1).padStart(String(total).length);
  const tags = [step.kind === 'write' ? `WRITE (${step.group})` : step.group ? `read-back (${step.group})` : '', step.unconfirmed.length ? `unconfirmed ${step.unconfirmed.join(', ')}` : '', step.cleanup ? 'cleanup' : '']
    .filter(Boolean)
    .join('; ');
  return `  ${n}. ${step.operationId} ${step.method} ${step.path} [${step.credential ?? 'no credential'}]${tags ? `  ${tags}` : ''}`;
}

/** Runs the command; resolves with the exit code. */
export async function runVerifyCli(argv: string[], io: VerifyCliIo = { out: console.log, err: console.error, env: process.env }): Promise<number> {
  let args;
  try {
    args = parse(argv);
  } catch (error) {
    io.err(`kakao-openapi: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (args.help) {
    io.out(usage);
    return 0;
  }
  const credentials = credentialsFromEnv(io.env);
  let doc: Json;
  try {
    doc = io.document ?? loadCheckedBundle();
  } catch (error) {
    io.err(`kakao-openapi: ${(error as Error).message}`);
    return 1;
  }
  let plan: Plan;
  try {
    plan = buildPlan(doc, { credentials: new Set(Object.keys(credentials) as CredentialName[]), write: args.write, sendMemo: args.sendMemo, only: args.only });
  } catch (error) {
    if (error instanceof PlanError) {
      io.err(`kakao-openapi: ${error.message}\n\n${usage}`);
      return 2;
    }
    throw error;
  }

  const names = Object.keys(credentials) as CredentialName[];
  io.out(`kakao-openapi verify: ${plan.steps.length} calls to ${args.baseUrl ? 'a custom base URL' : "Kakao's hosts"}, at most ${args.rate} per second`);
  io.out(`credentials from the environment: ${names.length ? names.map((n) => CREDENTIAL_ENV[n]).join(', ') : 'none (only the calls that need no credential)'}`);
  io.out('plan (what no source confirms first):');
  plan.steps.forEach((step, i) => io.out(describeStep(step, i, plan.steps.length)));
  if (plan.left.length) io.out(`not in the plan: ${plan.left.length} read-only operation(s) whose credential was not given (listed in the report)`);
  if (args.dryRun) {
    if (plan.left.length) for (const l of plan.left) io.out(`  - ${l.operationId}: ${l.reason}`);
    io.out('--dry-run: nothing was sent');
    return 0;
  }
  if (plan.steps.length === 0) {
    io.err('kakao-openapi: the plan is empty: set KAKAO_ACCESS_TOKEN, KAKAO_REST_API_KEY or KAKAO_ADMIN_KEY, or check --only');
    return 2;
  }

  const outcome = await verify({
    document: doc,
    credentials,
    ...(args.baseUrl ? { baseUrl: args.baseUrl } : {}),
    only: args.only,
    write: args.write,
    sendMemo: args.sendMemo,
    rate: args.rate,
    ...(io.signal ? { signal: io.signal } : {}),
    ...(io.fetch ? { fetch: io.fetch } : {}),
    onProgress: (line) => io.err(line),
  });
  const report = outcome.report!;
  const dir = path.resolve(io.cwd ?? process.cwd(), args.out);
  const jsonPath = path.join(dir, 'kakao-openapi-verify.json');
  const mdPath = path.join(dir, 'kakao-openapi-verify.md');
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    fs.writeFileSync(mdPath, toMarkdown(report));
  } catch (error) {
    io.err(`kakao-openapi: could not write the report to ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 1;
  }
  io.out(summaryLine(report));
  for (const l of report.leftovers) io.out(`left behind: ${l}`);
  io.out(`report: ${jsonPath}`);
  io.out(`        ${mdPath}`);
  if (report.summary.differs || report.summary.observed) io.out('These answers tell us something new: please send the report back (see "Check the description against your Kakao app" in the README).');
  return outcome.exitCode;
}
