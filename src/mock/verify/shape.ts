// The shape of an answer: field names, JSON types, string formats and array lengths, never a value.
// This is what a verify report may carry out of a user's machine, so everything that could hold
// personal data (strings, numbers, and object keys that look like data rather than field names)
// is reduced to its type here, in one place.
import formatsModule from 'ajv-formats/dist/formats.js';

// CJS seen from ESM: the exports sit on `default`.
const { fullFormats } = (formatsModule as unknown as { default?: typeof formatsModule }).default ?? formatsModule;

export type Shape =
  | { type: 'null' | 'boolean' | 'integer' | 'number' }
  | { type: 'string'; formats: string[] }
  | { type: 'array'; length: number; items?: Shape }
  | { type: 'object'; fields: Record<string, Shape>; optional?: string[] }
  | { type: 'union'; of: Shape[] };

/** What a report writes instead of an object key that looks like data (an ID, an email, a name). */
export const REDACTED_KEY = '<key>';

/**
 * Keys that read like field names (`kakao_account`, `region_1depth_name`, `updatedDate`,
 * `content-available`) are kept; anything else (`1234567890`, `abcdefg0001`, an email, Hangul
 * custom field names) becomes `<key>`: a map keyed by user IDs must not leak them.
 */
export function safeKey(key: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_.-]{0,47}$/.test(key)) return REDACTED_KEY;
  return (key.match(/\d/g) ?? []).length <= 2 ? key : REDACTED_KEY;
}

// Checked in this order; a string gets every format it matches (a date is also `digits`-free text).
const FORMATS = ['date-time', 'date', 'time', 'email', 'uri', 'uuid', 'ipv4', 'ipv6'] as const;

function formatsOf(value: string): string[] {
  if (value === '') return ['empty'];
  if (/^-?\d+$/.test(value)) return ['digits'];
  if (/^-?\d+\.\d+$/.test(value)) return ['decimal'];
  if (/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(value)) return ['ipv4-cidr'];
  const found: string[] = [];
  for (const name of FORMATS) {
    const format = fullFormats[name] as unknown;
    const test = typeof format === 'function' ? (format as (s: string) => boolean) : format instanceof RegExp ? (s: string) => format.test(s) : (format as { validate: (s: string) => boolean }).validate;
    if (test(value)) found.push(name);
  }
  if (found.length) return found.includes('date-time') ? ['date-time'] : found.slice(0, 1);
  return ['text'];
}

export function jsonType(value: unknown): 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as 'boolean' | 'string' | 'object';
}

const MAX_DEPTH = 16;

export function shapeOf(value: unknown, depth = 0): Shape {
  const type = jsonType(value);
  if (type === 'string') return { type, formats: formatsOf(value as string) };
  if (type === 'array') {
    const items = (value as unknown[]).map((v) => shapeOf(v, depth + 1));
    const merged = depth < MAX_DEPTH ? items.reduce<Shape | undefined>((a, b) => (a ? mergeShapes(a, b) : b), undefined) : undefined;
    return merged ? { type, length: items.length, items: merged } : { type, length: items.length };
  }
  if (type === 'object') {
    const fields: Record<string, Shape> = {};
    if (depth >= MAX_DEPTH) return { type, fields };
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const name = safeKey(key);
      const shape = shapeOf(v, depth + 1);
      fields[name] = fields[name] ? mergeShapes(fields[name]!, shape) : shape;
    }
    return { type, fields };
  }
  return { type } as Shape;
}

/** One shape for two values seen at the same place (items of one array, entries of one map). */
export function mergeShapes(a: Shape, b: Shape): Shape {
  if (a.type === 'union' || b.type === 'union' || a.type !== b.type) {
    const of = [...(a.type === 'union' ? a.of : [a]), ...(b.type === 'union' ? b.of : [b])];
    const byType: Shape[] = [];
    for (const s of of) {
      const same = byType.findIndex((x) => x.type === s.type);
      if (same < 0) byType.push(s);
      else byType[same] = mergeShapes(byType[same]!, s);
    }
    return byType.length === 1 ? byType[0]! : { type: 'union', of: byType };
  }
  if (a.type === 'string' && b.type === 'string') return { type: 'string', formats: [...new Set([...a.formats, ...b.formats])].sort() };
  if (a.type === 'array' && b.type === 'array') {
    const items = a.items && b.items ? mergeShapes(a.items, b.items) : (a.items ?? b.items);
    return { type: 'array', length: Math.max(a.length, b.length), ...(items ? { items } : {}) };
  }
  if (a.type === 'object' && b.type === 'object') {
    const fields: Record<string, Shape> = {};
    const optional = new Set([...(a.optional ?? []), ...(b.optional ?? [])]);
    for (const key of new Set([...Object.keys(a.fields), ...Object.keys(b.fields)])) {
      const x = a.fields[key];
      const y = b.fields[key];
      fields[key] = x && y ? mergeShapes(x, y) : (x ?? y)!;
      if (!x || !y) optional.add(key);
    }
    return optional.size ? { type: 'object', fields, optional: [...optional].sort() } : { type: 'object', fields };
  }
  return a;
}

/** `{ id: integer, kakao_account: { email: string(email) }, elements: array(3) of {…} }` */
export function renderShape(shape: Shape | undefined, indent = ''): string {
  if (!shape) return '(no body)';
  switch (shape.type) {
    case 'string':
      return `string(${shape.formats.join('|')})`;
    case 'array':
      return `array(${shape.length})${shape.items ? ` of ${renderShape(shape.items, indent)}` : ''}`;
    case 'union':
      return shape.of.map((s) => renderShape(s, indent)).join(' | ');
    case 'object': {
      const keys = Object.keys(shape.fields);
      if (keys.length === 0) return '{}';
      const inner = `${indent}  `;
      const optional = new Set(shape.optional ?? []);
      return `{\n${keys.map((k) => `${inner}${k}${optional.has(k) ? '?' : ''}: ${renderShape(shape.fields[k], inner)}`).join(',\n')}\n${indent}}`;
    }
    default:
      return shape.type;
  }
}
