// Valid requests built from the spec alone (scripts/lib/requests.mjs), with the test helpers' view
// of the operation attached.
// @ts-expect-error plain ESM script without types
import { validRequests as fromSpec } from '../../scripts/lib/requests.mjs';
import type { Json, OperationRef } from './spec.js';

export interface ValidRequest {
  op: OperationRef;
  path: string;
  /** openapi-fetch init for the client: params and body. */
  init: { params?: { query?: Record<string, unknown>; path?: Record<string, unknown> }; body?: Record<string, unknown> };
  /** The credential of the operation's first security alternative, or undefined. */
  credential?: string;
  /** The documented success status. */
  success: string;
}

export function validRequests(doc: Json): ValidRequest[] {
  return fromSpec(doc).map((r: Json) => ({
    op: { path: r.path, method: r.method, host: r.host, operation: r.operation, pathItem: r.pathItem },
    path: r.path,
    init: r.init,
    credential: r.credential,
    success: r.success,
  }));
}
