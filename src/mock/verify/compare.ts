// One answer against the description: the status is documented, the content type is the
// documented one, and the body validates against the response schema (Ajv, formats on), plus a
// pass of our own that Ajv does not make: fields the schema does not have, required fields that
// are absent and type mismatches, each at its JSON pointer, and the shape of open objects and of
// answers the description leaves undescribed. Findings name places and types, never values.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { resolve, type Json } from '../operations.js';
import { createAjv } from '../schema.js';
import { jsonType, renderShape, safeKey, shapeOf, type Shape } from './shape.js';

export type FindingKind = 'status' | 'content-type' | 'not-json' | 'no-body' | 'type' | 'missing' | 'extra' | 'schema';

export interface Finding {
  kind: FindingKind;
  /** JSON pointer into the body ('' for the whole answer); keys that look like data are `<key>`. */
  pointer: string;
  message: string;
  /** How many places the same finding was seen at (items of one array count once each). */
  count?: number;
}

export interface Observation {
  /** `open`: an object the description leaves open; `undescribed`: an answer whose body the description does not describe. */
  kind: 'open' | 'undescribed';
  pointer: string;
  shape: Shape;
}

export type Outcome = 'match' | 'observed' | 'differs' | 'refused' | 'failed' | 'skipped';

export interface Answer {
  status: number;
  contentType: string | null;
  text: string;
}

export interface Comparison {
  outcome: Exclude<Outcome, 'skipped'>;
  status: number;
  /** Media type without parameters (`application/json`). */
  contentType?: string;
  findings: Finding[];
  observations: Observation[];
  /** The shape of the whole body (absent when there was none). */
  shape?: Shape;
  /** Kakao's error identifier for a documented error (`-402`, `KOE320`, `MissingParameter`): enumerated codes, not data. */
  errorCode?: string;
  /** The parsed body, kept in memory for the steps that need an ID from it; never written anywhere. */
  body?: unknown;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const mediaType = (value: string | null) => (value ?? '').split(';')[0]!.trim().toLowerCase();

/** Compares answers of one document; validators are compiled once per response schema. */
export function createComparer(doc: Json) {
  const ajv = createAjv(doc);
  const validators = new Map<string, ValidateFunction>();
  const validator = (pointer: string) => {
    let v = validators.get(pointer);
    if (!v) validators.set(pointer, (v = ajv.compile({ $ref: `doc#${pointer}` })));
    return v;
  };

  return function compare(method: string, path: string, answer: Answer): Comparison {
    const opPointer = `/paths/${escapePointer(path)}/${method.toLowerCase()}`;
    const operation = resolve(doc, { $ref: `#${opPointer}` }).value;
    const findings: Finding[] = [];
    const observations: Observation[] = [];
    const statuses = Object.keys(operation.responses ?? {});
    const status = String(answer.status);
    const key = statuses.find((s) => s === status) ?? statuses.find((s) => s.toUpperCase() === `${status[0]}XX`) ?? statuses.find((s) => s === 'default');
    const contentType = mediaType(answer.contentType) || undefined;

    let body: unknown;
    let isJson = false;
    if (answer.text.length > 0) {
      try {
        body = JSON.parse(answer.text);
        isJson = true;
      } catch {
        body = undefined;
      }
    }
    const shape = answer.text.length === 0 ? undefined : isJson ? shapeOf(body) : ({ type: 'string', formats: ['text'] } as Shape);
    const base = { status: answer.status, ...(contentType ? { contentType } : {}), findings, observations, ...(shape ? { shape } : {}), ...(isJson ? { body } : {}) };

    if (answer.status >= 500) {
      findings.push({ kind: 'status', pointer: '', message: `HTTP ${status}: a server error on Kakao's side${key ? '' : ' (not documented for this operation)'}, so nothing could be checked; run verify again later` });
      return { outcome: 'failed', ...base };
    }
    if (!key) {
      findings.push({ kind: 'status', pointer: '', message: `HTTP ${status} is not documented for this operation (documented: ${statuses.join(', ')})` });
      return { outcome: 'differs', ...base };
    }

    const response = resolve(doc, operation.responses[key], `${opPointer}/responses/${escapePointer(key)}`);
    const content: Json = response.value.content;
    const success = /^2/.test(status);
    if (!content || Object.keys(content).length === 0) {
      if (shape) observations.push({ kind: 'undescribed', pointer: '', shape });
    } else {
      const types = Object.keys(content);
      const expected = types.find((t) => mediaType(t) === contentType);
      if (answer.text.length === 0) {
        findings.push({ kind: 'no-body', pointer: '', message: `no body, but the description documents ${types.join(' or ')}` });
      } else if (!expected) {
        findings.push({ kind: 'content-type', pointer: '', message: `content type ${contentType ?? 'none'}, documented: ${types.join(', ')}` });
      }
      const jsonType_ = expected ?? types.find((t) => t.includes('json'));
      if (answer.text.length > 0 && jsonType_?.includes('json')) {
        if (!isJson) findings.push({ kind: 'not-json', pointer: '', message: `the body is not JSON (content type ${contentType ?? 'none'})` });
        else {
          const schemaPointer = `${response.pointer}/content/${escapePointer(jsonType_)}/schema`;
          const schema = content[jsonType_].schema;
          if (schema) {
            walk(doc, schema, body, '', findings, observations, 0);
            const validate = validator(schemaPointer);
            if (!validate(body)) for (const e of ajvFindings(validate.errors ?? [], findings, body)) findings.push(e);
          }
        }
      }
    }
    const errorCode = !success && isJson && findings.length === 0 ? errorCodeOf(body) : undefined;
    const outcome = findings.length ? 'differs' : !success ? 'refused' : observations.length ? 'observed' : 'match';
    return { outcome, ...base, ...(errorCode ? { errorCode } : {}) };
  };
}

/** Kakao's enumerated error identifiers only (never `msg`, which can echo a key or a value). */
function errorCodeOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  if (typeof b.code === 'number' && Number.isInteger(b.code) && b.code > -100000 && b.code <= 0) return String(b.code);
  if (typeof b.error_code === 'string' && /^KOE\d{3}$/.test(b.error_code)) return b.error_code;
  if (typeof b.error === 'string' && /^[a-z_]{3,40}$/.test(b.error)) return b.error;
  if (typeof b.errorType === 'string' && /^[A-Za-z]{3,40}$/.test(b.errorType)) return b.errorType;
  return undefined;
}

// The walk reports these itself, at the right place and without a value; Ajv's versions of them
// would repeat it (and `additionalProperties` carries the data's key in its params).
const WALKED = new Set(['type', 'required', 'additionalProperties', 'oneOf', 'anyOf', 'not', 'if', 'then', 'else', '$ref']);

function ajvFindings(errors: ErrorObject[], existing: Finding[], data: unknown): Finding[] {
  const out: Finding[] = [];
  const seen = new Set(existing.map((f) => `${f.kind} ${generalise(f.pointer)}`));
  for (const e of errors) {
    if (WALKED.has(e.keyword)) continue;
    const pointer = safePointerIn(data, e.instancePath);
    const id = `schema ${generalise(pointer)} ${e.keyword}`;
    if (seen.has(id)) continue;
    seen.add(id);
    // Ajv's messages (without `verbose`) name the rule, never the value: "must match format \"date\"".
    out.push({ kind: 'schema', pointer, message: `${e.keyword}: ${e.message ?? 'does not validate'}` });
  }
  return out;
}

const generalise = (pointer: string) => pointer.replace(/\/\d+(?=\/|$)/g, '/*');

function add(findings: Finding[], finding: Finding) {
  const same = findings.find((f) => f.kind === finding.kind && generalise(f.pointer) === generalise(finding.pointer) && f.message === finding.message);
  if (same) same.count = (same.count ?? 1) + 1;
  else findings.push(finding);
}

function observe(observations: Observation[], observation: Observation) {
  const same = observations.find((o) => o.kind === observation.kind && generalise(o.pointer) === generalise(observation.pointer));
  if (!same) observations.push(observation);
}

const typesOf = (s: Json): string[] | undefined => {
  if (s.type !== undefined) return Array.isArray(s.type) ? s.type : [s.type];
  if (s.const !== undefined) return [jsonType(s.const)];
  return undefined;
};

const admits = (types: string[] | undefined, value: unknown) => {
  if (!types) return true;
  const t = jsonType(value);
  return types.includes(t) || (t === 'integer' && types.includes('number'));
};

/** Properties, required names and additionalProperties of a schema and its allOf parts. */
function collect(doc: Json, schema: Json, depth = 0): { props: Record<string, Json>; required: Set<string>; additional: Json; hasProps: boolean } {
  const s = resolve(doc, schema).value ?? {};
  const props: Record<string, Json> = { ...(s.properties ?? {}) };
  const required = new Set<string>(s.required ?? []);
  let additional = s.additionalProperties;
  let hasProps = s.properties !== undefined;
  if (depth < 8) {
    for (const part of s.allOf ?? []) {
      const c = collect(doc, part, depth + 1);
      Object.assign(props, c.props);
      for (const r of c.required) required.add(r);
      additional ??= c.additional;
      hasProps ||= c.hasProps;
    }
  }
  return { props, required, additional, hasProps };
}

/** A segment for an object key: the key when it reads like a field name, else `<key>`. */
const segment = (key: string) => `/${safeKey(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** Ajv's instance path made safe: array indices stay, object keys go through safeKey. */
function safePointerIn(data: unknown, pointer: string): string {
  let node: unknown = data;
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += Array.isArray(node) && /^\d+$/.test(key) ? `/${key}` : segment(key);
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return out;
}

function walk(doc: Json, schema: Json, value: unknown, pointer: string, findings: Finding[], observations: Observation[], depth: number) {
  const s = resolve(doc, schema).value;
  if (!s || typeof s !== 'object' || depth > 32) return;
  // `pointer` is built safe: object keys through safeKey, array indices as they are.
  const place = pointer;

  const branches: Json[] | undefined = s.oneOf ?? s.anyOf;
  if (branches) {
    // The branch the value fits best: one that admits its type, with the fewest findings.
    let best: { findings: Finding[]; observations: Observation[] } | undefined;
    for (const branch of branches) {
      const b = resolve(doc, branch).value ?? {};
      if (!admits(typesOf(b), value) && !(b.oneOf || b.anyOf || b.allOf)) continue;
      const trial = { findings: [] as Finding[], observations: [] as Observation[] };
      walk(doc, b, value, pointer, trial.findings, trial.observations, depth + 1);
      if (!best || trial.findings.length < best.findings.length) best = trial;
    }
    if (!best) {
      const expected = [...new Set(branches.flatMap((b) => typesOf(resolve(doc, b).value ?? {}) ?? ['any']))];
      add(findings, { kind: 'type', pointer: place, message: `${jsonType(value)}, documented: ${expected.join(' or ')}` });
      return;
    }
    for (const f of best.findings) add(findings, f);
    for (const o of best.observations) observe(observations, o);
  }

  const types = typesOf(s);
  if (!admits(types, value)) {
    add(findings, { kind: 'type', pointer: place, message: `${jsonType(value)}, documented: ${types!.join(' or ')}` });
    return;
  }

  const type = jsonType(value);
  if (type === 'object' && (s.properties || s.allOf || s.additionalProperties !== undefined || types?.includes('object'))) {
    const { props, required, additional, hasProps } = collect(doc, s);
    const object = value as Record<string, unknown>;
    for (const name of required) if (!(name in object)) add(findings, { kind: 'missing', pointer: pointer + segment(name), message: 'required by the description, absent from the answer' });
    for (const [key, v] of Object.entries(object)) {
      const at = pointer + segment(key);
      if (key in props) walk(doc, props[key], v, at, findings, observations, depth + 1);
      else if (additional && typeof additional === 'object') walk(doc, additional, v, at, findings, observations, depth + 1);
      else if (additional === false || hasProps) add(findings, { kind: 'extra', pointer: at, message: `not in the description: ${renderShape(shapeOf(v)).replace(/\s+/g, ' ')}` });
    }
    if (!hasProps && additional !== false) observe(observations, { kind: 'open', pointer: place, shape: shapeOf(value) });
  } else if (type === 'array' && s.items) {
    (value as unknown[]).forEach((item, i) => walk(doc, s.items, item, `${pointer}/${i}`, findings, observations, depth + 1));
  }
}
