// JSON Schema validation as our documents mean it: OpenAPI 3.1 = JSON Schema 2020-12, formats on,
// and JSON text (`type: string` + `contentMediaType: application/json` + `contentSchema`) parsed
// and validated against its contentSchema, which Ajv would otherwise treat as an annotation only.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Json } from './spec.js';

export function createAjv(doc?: Json) {
  // OpenAPI-only keywords (example, discriminator, xml, externalDocs) are not JSON Schema: ignore them.
  const ajv = new Ajv2020.default({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  ajv.removeKeyword('contentSchema');
  ajv.addKeyword({
    keyword: 'contentSchema',
    schemaType: 'object',
    compile(contentSchema: Json, parentSchema: Json) {
      if (parentSchema.contentMediaType !== 'application/json') return () => true;
      // Compiled on its own, so its local $refs must name the document added as 'doc'.
      const validate = ajv.compile(doc ? rebase(contentSchema) : contentSchema);
      const check = (data: unknown) => {
        if (typeof data !== 'string') return true;
        let parsed: unknown;
        try {
          parsed = JSON.parse(data);
        } catch {
          check.errors = [{ keyword: 'contentSchema', message: 'is not valid JSON text', params: {} }];
          return false;
        }
        const ok = validate(parsed) as boolean;
        check.errors = ok ? null : (validate.errors ?? []).map((e) => ({ ...e, message: `(JSON text) ${e.message}` }));
        return ok;
      };
      check.errors = null as Json;
      return check;
    },
  });
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
