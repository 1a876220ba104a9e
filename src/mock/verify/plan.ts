// The plan of `kakao-openapi verify`, read from the documents: every read-only operation the given
// credentials allow, with fixed inputs from the documented examples; with `--write`, the fixed
// create → read → delete sequences below; with `--send-memo`, one memo to the user's own chat.
// Read-only is the method (GET) unless the operation says otherwise in `x-kakao-read-only`.
import { resolve, type Json } from '../operations.js';

export type CredentialName = 'accessToken' | 'restApiKey' | 'adminKey';
export const CREDENTIAL_ENV: Record<CredentialName, string> = {
  accessToken: 'KAKAO_ACCESS_TOKEN',
  restApiKey: 'KAKAO_REST_API_KEY',
  adminKey: 'KAKAO_ADMIN_KEY',
};

export type StepKind = 'read' | 'write';

export interface PlanStep {
  operationId: string;
  method: string;
  path: string;
  kind: StepKind;
  /** The write sequence the step belongs to (`sub-calendar and event`, `task`, `memo`). */
  group?: string;
  /** The credential sent (the first of the operation's alternatives that was given); none when the operation takes none. */
  credential?: CredentialName;
  /** The documents say part of the answer is unconfirmed (`x-kakao-evidence.unconfirmed`). */
  unconfirmed: string[];
  level: string;
  params: { query?: Record<string, unknown>; path?: Record<string, unknown> };
  body?: Record<string, unknown>;
  /** Values this step keeps from its answer (JSON pointers), for the steps after it. */
  keep?: Record<string, string>;
  /** Inputs filled from kept values: `query.event_id` ← `event_id`. */
  use?: { in: 'query' | 'body'; name: string; from: string }[];
  /** Deletes what the sequence created: still runs after Ctrl-C. */
  cleanup?: boolean;
}

export interface Plan {
  steps: PlanStep[];
  /** Read-only operations left out, and why (a credential not given). */
  left: { operationId: string; reason: string }[];
}

export interface PlanOptions {
  credentials: ReadonlySet<CredentialName>;
  write?: boolean;
  sendMemo?: boolean;
  /** operationIds to narrow the plan to; a write sequence is kept whole when one of its operations is named. */
  only?: readonly string[];
}

export class PlanError extends Error {}

interface WriteStep {
  id: string;
  keep?: Record<string, string>;
  use?: PlanStep['use'];
  cleanup?: boolean;
}

/**
 * The only calls that change anything. Hand-written because the order and the IDs passed along
 * are what makes them clean up after themselves; everything else in the plan comes from the
 * documents. Never friend messages, push, unlink, consent or account changes.
 */
export const WRITE_SEQUENCES: { group: string; flag: 'write' | 'sendMemo'; steps: WriteStep[] }[] = [
  {
    group: 'sub-calendar and event',
    flag: 'write',
    steps: [
      { id: 'createSubCalendar', keep: { calendar_id: '/calendar_id' } },
      { id: 'createCalendarEvent', use: [{ in: 'body', name: 'calendar_id', from: 'calendar_id' }], keep: { event_id: '/event_id' } },
      { id: 'getCalendarEvent', use: [{ in: 'query', name: 'event_id', from: 'event_id' }] },
      { id: 'deleteCalendarEvent', use: [{ in: 'query', name: 'event_id', from: 'event_id' }], cleanup: true },
      { id: 'deleteSubCalendar', use: [{ in: 'query', name: 'calendar_id', from: 'calendar_id' }], cleanup: true },
    ],
  },
  {
    group: 'task',
    flag: 'write',
    steps: [
      // Kakao's answer to creating a task is not described; public code reads `task_id` from it.
      { id: 'createCalendarTask', keep: { task_id: '/task_id' } },
      { id: 'listCalendarTasks', use: [{ in: 'query', name: 'task_id', from: 'task_id' }] },
      { id: 'deleteCalendarTask', use: [{ in: 'query', name: 'task_id', from: 'task_id' }], cleanup: true },
    ],
  },
  { group: 'memo', flag: 'sendMemo', steps: [{ id: 'sendDefaultMemo' }] },
];

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const deref = (doc: Json, v: Json) => resolve(doc, v).value;

/** GET is read-only, every other method is not, unless the operation says otherwise. */
export function isReadOnly(method: string, operation: Json): boolean {
  const marker = operation['x-kakao-read-only'];
  return typeof marker === 'boolean' ? marker : method.toLowerCase() === 'get';
}

export interface DocOperation {
  operationId: string;
  method: string;
  path: string;
  operation: Json;
  pathItem: Json;
}

export function documentOperations(doc: Json): DocOperation[] {
  const out: DocOperation[] = [];
  for (const [path, raw] of Object.entries<Json>(doc.paths ?? {})) {
    const pathItem = deref(doc, raw);
    for (const method of METHODS) if (pathItem[method]) out.push({ operationId: pathItem[method].operationId, method: method.toUpperCase(), path, operation: pathItem[method], pathItem });
  }
  return out;
}

function exampleOf(doc: Json, holder: Json): unknown {
  if (holder.example !== undefined) return holder.example;
  const named = Object.values<Json>(holder.examples ?? {})[0];
  if (named !== undefined) return deref(doc, named).value;
  const schema = deref(doc, holder.schema ?? {}) ?? {};
  if (schema.examples?.[0] !== undefined) return schema.examples[0];
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.[0] !== undefined) return schema.enum[0];
  return schema.const;
}

/** Required parameters and `x-kakao-verify-params` with their documented examples; the body's first example. */
function inputsOf(doc: Json, o: DocOperation): Pick<PlanStep, 'params' | 'body'> {
  const extra: string[] = o.operation['x-kakao-verify-params'] ?? [];
  const params = [...(o.pathItem.parameters ?? []), ...(o.operation.parameters ?? [])].map((p: Json) => deref(doc, p));
  const query: Record<string, unknown> = {};
  const pathParams: Record<string, unknown> = {};
  for (const p of params.filter((x: Json) => x.required || extra.includes(x.name))) {
    const value = exampleOf(doc, p);
    if (value === undefined) throw new PlanError(`${o.operationId}: parameter ${p.name} has no documented example`);
    (p.in === 'path' ? pathParams : query)[p.name] = value;
  }
  const result: Pick<PlanStep, 'params' | 'body'> = { params: {} };
  if (Object.keys(query).length) result.params.query = query;
  if (Object.keys(pathParams).length) result.params.path = pathParams;
  const body = deref(doc, o.operation.requestBody);
  const media = body?.content ? (Object.values<Json>(body.content)[0] as Json) : undefined;
  const example = media ? exampleOf(doc, media) : undefined;
  if (example && typeof example === 'object') {
    // JSON text stays the documented string: the client sends strings as they are.
    result.body = { ...(example as Record<string, unknown>) };
  }
  return result;
}

/** The first security alternative whose credentials were all given; `null` when none was. */
function credentialFor(operation: Json, given: ReadonlySet<CredentialName>): { credential?: CredentialName } | null {
  const alternatives: Json[] = operation.security ?? [];
  if (alternatives.length === 0) return {};
  for (const alternative of alternatives) {
    const names = Object.keys(alternative) as CredentialName[];
    if (names.length === 0) return {};
    if (names.every((n) => given.has(n))) return { credential: names[0]! };
  }
  return null;
}

const needs = (operation: Json) =>
  (operation.security as Json[])
    .map((alt) => Object.keys(alt).map((n) => CREDENTIAL_ENV[n as CredentialName] ?? n).join(' + '))
    .join(' or ');

function stepOf(doc: Json, o: DocOperation, kind: StepKind, credential: CredentialName | undefined): PlanStep {
  const evidence = o.operation['x-kakao-evidence'] ?? {};
  return {
    operationId: o.operationId,
    method: o.method,
    path: o.path,
    kind,
    ...(credential ? { credential } : {}),
    unconfirmed: evidence.unconfirmed ?? [],
    level: evidence.level ?? 'unknown',
    ...inputsOf(doc, o),
  };
}

export function buildPlan(doc: Json, options: PlanOptions): Plan {
  const ops = documentOperations(doc);
  const byId = new Map(ops.map((o) => [o.operationId, o]));
  const only = options.only?.length ? new Set(options.only) : undefined;
  const enabled = WRITE_SEQUENCES.filter((s) => (s.flag === 'write' ? options.write : options.sendMemo));
  if (only) {
    for (const id of only) {
      const o = byId.get(id);
      if (!o) throw new PlanError(`--only: ${id} is not an operationId of the Kakao API description`);
      if (isReadOnly(o.method, o.operation)) continue;
      const sequence = WRITE_SEQUENCES.find((s) => s.steps.some((st) => st.id === id));
      if (!sequence) throw new PlanError(`--only: ${id} changes state on Kakao's side and is never sent by verify`);
      if (!enabled.includes(sequence)) throw new PlanError(`--only: ${id} is sent only with ${sequence.flag === 'write' ? '--write' : '--send-memo'}`);
    }
  }

  const left: Plan['left'] = [];
  const reads: PlanStep[] = [];
  for (const o of ops) {
    if (!isReadOnly(o.method, o.operation) || (only && !only.has(o.operationId))) continue;
    const chosen = credentialFor(o.operation, options.credentials);
    if (!chosen) {
      left.push({ operationId: o.operationId, reason: `needs ${needs(o.operation)}` });
      continue;
    }
    reads.push(stepOf(doc, o, 'read', chosen.credential));
  }
  // What no source confirms first: those answers are what a report is most wanted for.
  const order = (s: PlanStep) => (s.unconfirmed.length ? 0 : s.level === 'corroborated' ? 1 : 2);
  const steps = reads.map((s, i) => ({ s, i })).sort((a, b) => order(a.s) - order(b.s) || a.i - b.i).map(({ s }) => s);

  for (const sequence of enabled) {
    if (only && !sequence.steps.some((st) => only.has(st.id))) continue;
    const planned: PlanStep[] = [];
    for (const st of sequence.steps) {
      const o = byId.get(st.id);
      if (!o) throw new PlanError(`the write sequence "${sequence.group}" names ${st.id}, which the documents do not have`);
      const chosen = credentialFor(o.operation, options.credentials);
      if (!chosen) {
        left.push({ operationId: o.operationId, reason: `needs ${needs(o.operation)} (the "${sequence.group}" sequence is left out)` });
        planned.length = 0;
        break;
      }
      planned.push({
        ...stepOf(doc, o, isReadOnly(o.method, o.operation) ? 'read' : 'write', chosen.credential),
        group: sequence.group,
        ...(st.keep ? { keep: st.keep } : {}),
        ...(st.use ? { use: st.use } : {}),
        ...(st.cleanup ? { cleanup: true } : {}),
      });
    }
    steps.push(...planned);
  }
  return { steps, left };
}
