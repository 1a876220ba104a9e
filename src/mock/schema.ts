// JSON Schema validation as our documents mean it: OpenAPI 3.1 = JSON Schema 2020-12, formats on,
// and JSON text (`type: string` + `contentMediaType: application/json` + `contentSchema`) parsed
// and validated against its contentSchema, which Ajv would otherwise treat as an annotation only.
// Shared by the mock (request validation) and the tests (example validation).
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ErrorObject, Options } from 'ajv';

// CJS modules seen from ESM: the class and the function sit on `default`.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * An Ajv for the document `doc` (added under the id `doc`, so `doc#/components/...` resolves).
 * With `discriminator: true`, a `oneOf` with a `discriminator` validates only the branch its tag
 * names, so errors name that branch's fields; Ajv refuses `mapping`, which in our documents only
 * repeats each branch's `enum` of the tag, so it is left out of the copy Ajv sees.
 */
export function createAjv(doc?: Json, options: Options = {}) {
  if (doc && options.discriminator) doc = withoutMappings(doc);
  // OpenAPI-only keywords (example, discriminator, xml, externalDocs) are not JSON Schema: ignore them.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, ...options });
  addFormats(ajv);
  ajv.removeKeyword('contentSchema');
  ajv.addKeyword({
    keyword: 'contentSchema',
    schemaType: 'object',
    compile(contentSchema: Json, parentSchema: Json) {
      if (parentSchema.contentMediaType !== 'application/json') return () => true;
      // Compiled on its own, so its local $refs must name the document added as 'doc'; and without
      // type coercion, which suits query strings and forms but not JSON, whose types are exact.
      const validate = content().compile(doc ? rebase(contentSchema) : contentSchema);
      // Errors carry the path of the JSON-text value, so that callers can name the parameter.
      const check = (data: unknown, cxt?: { instancePath?: string }) => {
        if (typeof data !== 'string') return true;
        const at = cxt?.instancePath ?? '';
        let parsed: unknown;
        try {
          parsed = JSON.parse(data);
        } catch {
          check.errors = [{ keyword: 'contentSchema', message: 'is not valid JSON text', params: {}, instancePath: at, schemaPath: '' }];
          return false;
        }
        const ok = validate(parsed) as boolean;
        check.errors = ok
          ? null
          : (validate.errors ?? []).map((e: ErrorObject) => ({ ...e, instancePath: at, message: `(JSON text${e.instancePath ? ` at ${e.instancePath}` : ''}) ${describe(doc, e)}` }));
        return ok;
      };
      check.errors = null as Json;
      return check;
    },
  });
  let exact: ReturnType<typeof createAjv> | undefined;
  const content = () => (options.coerceTypes ? (exact ??= createAjv(doc, { ...options, coerceTypes: false })) : ajv);
  if (doc) ajv.addSchema(doc, 'doc', undefined, options.validateSchema !== false);
  return ajv;
}

/** An error's text; a discriminator's names the tag and the values the document allows for it. */
export function describe(doc: Json, e: ErrorObject): string {
  if (e.keyword !== 'discriminator') return e.message ?? 'is invalid';
  const tag = String(e.params.tag);
  const values = ((e.parentSchema?.oneOf ?? []) as Json[]).flatMap((branch) => {
    const property = follow(doc, branch)?.properties?.[tag];
    return property?.enum ?? (property?.const !== undefined ? [property.const] : []);
  });
  const got = e.params.tagValue === undefined ? 'missing' : JSON.stringify(e.params.tagValue);
  return `${tag} must be one of: ${values.join(', ')} (got ${got})`;
}

/** Follows `#/…` and `doc#/…` references within `doc`. */
function follow(doc: Json, node: Json): Json {
  for (let i = 0; node && typeof node.$ref === 'string' && i < 16; i++) {
    const pointer = node.$ref.slice(node.$ref.indexOf('#') + 2);
    node = pointer.split('/').reduce((n: Json, k: string) => n?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return node;
}

function withoutMappings(node: Json): Json {
  if (Array.isArray(node)) return node.map(withoutMappings);
  if (!node || typeof node !== 'object') return node;
  const copy: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'discriminator' && v && typeof v === 'object' && !Array.isArray(v)) {
      const { mapping: _mapping, ...rest } = v as Json;
      copy[k] = rest;
    } else copy[k] = withoutMappings(v);
  }
  return copy;
}

function rebase(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `doc${v}` : rebase(v)]),
  );
}
