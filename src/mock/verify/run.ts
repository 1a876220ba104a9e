// Runs a plan through the client, one call at a time and at most a few per second, and collects
// what each answer showed. Credentials go to the client and nowhere else; the answers' values stay
// in memory (an ID a later step needs) and never reach a result.
import { createKakaoClient, type KakaoClient } from 'kakao-openapi';
import type { Json } from '../operations.js';
import { createComparer, type Answer, type Finding, type Observation, type Outcome } from './compare.js';
import type { CredentialName, Plan, PlanStep } from './plan.js';
import type { Shape } from './shape.js';

export interface StepResult {
  operationId: string;
  method: string;
  path: string;
  kind: PlanStep['kind'];
  group?: string;
  credential?: CredentialName;
  level: string;
  unconfirmed: string[];
  outcome: Outcome;
  status?: number;
  contentType?: string;
  errorCode?: string;
  findings: Finding[];
  observations: Observation[];
  shape?: Shape;
  /** Why a step was not sent, or why the call did not complete (never an error text from the server). */
  reason?: string;
}

export interface RunOptions {
  doc: Json;
  plan: Plan;
  credentials: Partial<Record<CredentialName, string>>;
  /** Replaces every Kakao host (a mock). */
  baseUrl?: string;
  /** Calls per second, at most. */
  rate: number;
  /** Stops before the next call; cleanup steps of a write sequence still run. */
  signal?: AbortSignal;
  /** One line per call. */
  progress?: (line: string, result: StepResult, index: number) => void;
  /** The fetch the client uses (tests). */
  fetch?: typeof fetch;
  /** Per-call time limit in ms (default 15 s). */
  timeoutMs?: number;
}

export interface RunResult {
  results: StepResult[];
  interrupted: boolean;
  /** What a write sequence could not undo, in words a user can act on. */
  leftovers: string[];
}

const pointerGet = (value: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runPlan(options: RunOptions): Promise<RunResult> {
  const compare = createComparer(options.doc);
  const baseFetch = options.fetch ?? globalThis.fetch;
  let last: Answer | undefined;
  // The client reads the body for its own typed result; a clone gives us the bytes as they came.
  const capture = async (request: Request) => {
    const response = await baseFetch(request, { signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
    last = { status: response.status, contentType: response.headers.get('content-type'), text: await response.clone().text() };
    return response;
  };
  const client: KakaoClient = createKakaoClient({ ...options.credentials, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), fetch: capture });

  const interval = 1000 / options.rate;
  let nextAt = 0;
  const kept = new Map<string, unknown>();
  const created = new Map<string, string>(); // group → operationId whose create succeeded
  const notMade = new Set<string>(); // kept names whose producing step was not sent
  const results: StepResult[] = [];
  const leftovers: string[] = [];
  const steps = options.plan.steps;

  for (const [index, step] of steps.entries()) {
    const base = {
      operationId: step.operationId,
      method: step.method,
      path: step.path,
      kind: step.kind,
      ...(step.group ? { group: step.group } : {}),
      ...(step.credential ? { credential: step.credential } : {}),
      level: step.level,
      unconfirmed: step.unconfirmed,
      findings: [] as Finding[],
      observations: [] as Observation[],
    };
    const finish = (result: StepResult) => {
      results.push(result);
      options.progress?.(progressLine(result, index, steps.length), result, index);
    };
    if (options.signal?.aborted && !(step.cleanup && step.group && created.has(step.group))) {
      for (const name of Object.keys(step.keep ?? {})) notMade.add(name);
      finish({ ...base, outcome: 'skipped', reason: 'interrupted (Ctrl-C)' });
      continue;
    }
    // A step of a write sequence runs only when what it needs from earlier answers is there.
    const missing = (step.use ?? []).filter((u) => kept.get(u.from) === undefined);
    if (missing.length) {
      for (const name of Object.keys(step.keep ?? {})) notMade.add(name);
      const reason = missing.every((u) => notMade.has(u.from))
        ? `nothing to ${step.cleanup ? 'delete' : 'read'}: the step that makes ${missing.map((u) => u.from).join(', ')} did not run`
        : `needs ${missing.map((u) => u.from).join(', ')} from an earlier answer in the sequence, which did not have it`;
      finish({ ...base, outcome: 'skipped', reason });
      continue;
    }
    const params = { ...(step.params.query ? { query: { ...step.params.query } } : {}), ...(step.params.path ? { path: { ...step.params.path } } : {}) } as { query?: Record<string, unknown>; path?: Record<string, unknown> };
    let body = step.body ? { ...step.body } : undefined;
    for (const u of step.use ?? []) {
      if (u.in === 'query') params.query = { ...(params.query ?? {}), [u.name]: kept.get(u.from) };
      else body = { ...(body ?? {}), [u.name]: kept.get(u.from) };
    }

    const wait = nextAt - Date.now();
    if (wait > 0) await sleep(wait);
    nextAt = Date.now() + interval;
    last = undefined;
    let failure: string | undefined;
    try {
      await (client as unknown as { request(method: string, path: string, init: object): Promise<unknown> }).request(step.method, step.path, {
        ...(Object.keys(params).length ? { params } : {}),
        ...(body ? { body } : {}),
        ...(step.credential ? { auth: step.credential } : {}),
        parseAs: 'text',
      });
    } catch (error) {
      // Only the kind: the client's messages are credential-free, but a URL may carry inputs.
      const kind = (error as { kind?: string }).kind ?? 'error';
      failure = kind === 'timeout' ? 'no answer within the time limit' : kind === 'network' ? 'could not reach the server' : `the call failed (${kind})`;
    }
    if (!last || failure) {
      finish({ ...base, outcome: 'failed', reason: failure ?? 'no answer' });
      continue;
    }
    const comparison = compare(step.method, step.path, last);
    const { body: answerBody, outcome, ...seen } = comparison;
    if (step.group && step.kind === 'write' && !step.cleanup && /^2/.test(String(comparison.status)) && !created.has(step.group)) created.set(step.group, step.operationId);
    for (const [name, pointer] of Object.entries(step.keep ?? {})) {
      const value = pointerGet(answerBody, pointer);
      if (typeof value === 'string' || typeof value === 'number') kept.set(name, value);
    }
    finish({ ...base, ...seen, findings: seen.findings, observations: seen.observations, outcome });
  }

  // A sequence that created something and did not reach a successful delete of it leaves it behind.
  for (const [group, createdBy] of created) {
    const cleanups = steps.filter((s) => s.group === group && s.cleanup);
    // Undone: a delete that did not succeed, unless what it deletes was never made.
    const undone = cleanups.filter(
      (s) => !results.some((r) => r.operationId === s.operationId && r.group === group && /^2/.test(String(r.status))) && !(s.use ?? []).every((u) => notMade.has(u.from)),
    );
    if (undone.length === 0) continue;
    const what = undone.map((s) => s.operationId).join(', ');
    leftovers.push(
      `"${group}": ${createdBy} succeeded but ${what} did not${group === 'task' && !kept.has('task_id') ? " (Kakao's answer to creating the task had no task_id)" : ''}; remove what it made by hand in Talk Calendar`,
    );
  }
  return { results, interrupted: options.signal?.aborted ?? false, leftovers };
}

export function progressLine(r: StepResult, index: number, total: number): string {
  const width = String(total).length;
  const count = `[${String(index + 1).padStart(width)}/${total}]`;
  const what = r.status !== undefined ? `HTTP ${r.status}` : '';
  const detail =
    r.outcome === 'differs' || r.outcome === 'failed'
      ? r.findings.length
        ? `${r.findings.length} finding${r.findings.length > 1 ? 's' : ''}`
        : (r.reason ?? '')
      : r.outcome === 'refused'
        ? (r.errorCode ? `Kakao error ${r.errorCode}` : '')
        : r.outcome === 'observed'
          ? `${r.observations.length} shape${r.observations.length > 1 ? 's' : ''} recorded`
          : r.outcome === 'skipped'
            ? (r.reason ?? '')
            : '';
  return `${count} ${r.operationId} ${r.method} ${r.path} ${what} ${r.outcome}${detail ? ` (${detail})` : ''}`.replace(/\s+/g, ' ').trim();
}
