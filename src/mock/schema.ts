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

/** An Ajv for the document `doc` (added under the id `doc`, so `doc#/components/...` resolves). */
export function createAjv(doc?: Json, options: Options = {}) {
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
          : (validate.errors ?? []).map((e: ErrorObject) => ({ ...e, instancePath: at, message: `(JSON text${e.instancePath ? ` at ${e.instancePath}` : ''}) ${e.message}` }));
        return ok;
      };
      check.errors = null as Json;
      return check;
    },
  });
  let exact: ReturnType<typeof createAjv> | undefined;
  const content = () => (options.coerceTypes ? (exact ??= createAjv(doc, { ...options, coerceTypes: false })) : ajv);
  if (doc) ajv.addSchema(doc, 'doc');
  return ajv;
}

function rebase(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `doc${v}` : rebase(v)]),
  );
}
