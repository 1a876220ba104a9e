// What every sandbox part answers with and reads: a 200 JSON answer, and a form field that Kakao
// takes as JSON text, kept as it came when it is not JSON (the operation's schema has already
// checked what must be).
import type { MockResponse } from '../kakao-errors.js';
import type { Json } from '../operations.js';

export const ok = (body: Json): MockResponse => ({ status: 200, headers: { 'content-type': 'application/json;charset=UTF-8' }, body });

export const jsonText = (value: unknown): Json => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};
