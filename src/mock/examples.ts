// The documented response for a request: the success response (or the status `Prefer: code=` asks
// for), its first example (or the one `Prefer: example=` names), with its documented headers.
// Done here rather than through Prism because it is the mock's hot path and Prism's module alone
// takes a second to load; Prism still generates data for `--dynamic` and `Prefer: dynamic=true`.
import type { MockResponse } from './kakao-errors.js';
import { resolve, type Json } from './operations.js';

const deref = (doc: Json, value: Json): Json => resolve(doc, value).value;

const firstExample = (doc: Json, holder: Json, key?: string): { found: boolean; value?: unknown } => {
  if (key !== undefined) {
    const named = holder.examples?.[key];
    return named === undefined ? { found: false } : { found: true, value: deref(doc, named).value };
  }
  if (holder.example !== undefined) return { found: true, value: holder.example };
  const named = Object.values<Json>(holder.examples ?? {})[0];
  if (named !== undefined) return { found: true, value: deref(doc, named).value };
  const schema = deref(doc, holder.schema ?? {});
  if (schema?.examples?.[0] !== undefined) return { found: true, value: schema.examples[0] };
  if (schema?.example !== undefined) return { found: true, value: schema.example };
  return { found: false };
};

export interface Preference {
  code?: number;
  exampleKey?: string;
}

/**
 * `undefined` when the operation documents no such response or example (the caller says so);
 * `{ generate: true }` when the response has a body but no example (Prism generates one).
 */
export function documentedResponse(doc: Json, operation: Json, prefer: Preference, wants?: string): MockResponse | { generate: true } | undefined {
  const statuses = Object.keys(operation.responses ?? {});
  const status = prefer.code !== undefined ? statuses.find((s) => s === String(prefer.code)) : statuses.filter((s) => /^[23]\d\d$/.test(s)).sort()[0];
  if (!status) return undefined;
  const response = deref(doc, operation.responses[status]);
  const headers: Record<string, string> = {};
  for (const [name, raw] of Object.entries<Json>(response.headers ?? {})) {
    const header = deref(doc, raw);
    const { found, value } = firstExample(doc, header);
    if (found) headers[name.toLowerCase()] = String(value);
  }
  const types = Object.keys(response.content ?? {});
  if (types.length === 0) return prefer.exampleKey ? undefined : { status: Number(status), headers };
  const type = (wants && types.find((t) => t.includes(wants))) ?? types.find((t) => t.includes('json')) ?? types[0]!;
  const { found, value } = firstExample(doc, response.content[type], prefer.exampleKey);
  if (!found) return prefer.exampleKey ? undefined : { generate: true };
  const json = type.includes('json');
  if (!json && typeof value !== 'string') return undefined;
  headers['content-type'] = json ? `${type};charset=UTF-8` : type.includes('charset') ? type : `${type};charset=UTF-8`;
  return { status: Number(status), headers, body: json ? value : String(value) };
}
