// A valid request for every operation, from the spec alone: its required parameters and body filled
// from the documented examples, JSON text turned back into values (the client stringifies them).
// Used by the docs' code samples, and by the tests (mock, fuzz, paging).

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

export function deref(doc, value) {
  let current = value;
  for (let i = 0; current && typeof current === 'object' && typeof current.$ref === 'string' && i < 32; i++) {
    current = current.$ref
      .slice(2)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((n, k) => n?.[k], doc);
  }
  return current;
}

/** Every operation of doc, with its path item, servers and (resolved) parameters. */
export function* eachOperation(doc, methods = METHODS) {
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const pathItem = deref(doc, rawItem);
    for (const method of methods) {
      const operation = pathItem[method];
      if (!operation) continue;
      const servers = operation.servers ?? pathItem.servers ?? doc.servers;
      const params = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(doc, p));
      yield { path, method, pathItem, operation, servers, params };
    }
  }
}

const isJsonText = (s) => s && s.type === 'string' && s.contentMediaType === 'application/json';

export function exampleOf(doc, holder) {
  if (holder.example !== undefined) return holder.example;
  const named = Object.values(holder.examples ?? {})[0];
  if (named !== undefined) return deref(doc, named).value;
  const schema = deref(doc, holder.schema ?? holder) ?? {};
  if (schema.examples?.[0] !== undefined) return schema.examples[0];
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.[0] !== undefined) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  return undefined;
}

const asValue = (schema, value) => (isJsonText(schema) && typeof value === 'string' ? JSON.parse(value) : value);

/**
 * @returns {{ path: string, method: string, host: string, pathItem: object, operation: object,
 *   init: { params?: { query?: object, path?: object }, body?: object }, credential?: string, success: string,
 *   bodyType?: string }[]}
 */
export function validRequests(doc) {
  const out = [];
  for (const { path, method, pathItem, operation, servers, params } of eachOperation(doc)) {
    const query = {};
    const pathParams = {};
    for (const p of params.filter((x) => x.required)) {
      const value = asValue(deref(doc, p.schema), exampleOf(doc, p));
      if (value === undefined) throw new Error(`${operation.operationId}: required parameter ${p.name} has no example`);
      if (p.in === 'query') query[p.name] = value;
      if (p.in === 'path') pathParams[p.name] = value;
    }
    const init = {};
    if (Object.keys(query).length || Object.keys(pathParams).length) {
      init.params = { ...(Object.keys(query).length ? { query } : {}), ...(Object.keys(pathParams).length ? { path: pathParams } : {}) };
    }
    const body = deref(doc, operation.requestBody);
    let bodyType;
    if (body?.content) {
      const [type, media] = Object.entries(body.content)[0];
      bodyType = type;
      const example = exampleOf(doc, media);
      if (example === undefined && body.required) throw new Error(`${operation.operationId}: required body has no example`);
      if (example && typeof example === 'object') {
        const props = {};
        const collect = (schema, depth = 0) => {
          const s = deref(doc, schema);
          if (!s || depth > 8) return;
          Object.assign(props, s.properties ?? {});
          for (const key of ['allOf', 'oneOf', 'anyOf']) for (const sub of s[key] ?? []) collect(sub, depth + 1);
        };
        collect(media.schema);
        init.body = Object.fromEntries(Object.entries(example).map(([k, v]) => [k, asValue(deref(doc, props[k] ?? {}), v)]));
      }
    }
    const first = operation.security?.[0];
    const success = Object.keys(operation.responses).find((s) => /^[23]/.test(s));
    out.push({ path, method, host: new URL(servers[0].url).host, pathItem, operation, init, credential: first ? Object.keys(first)[0] : undefined, success, bodyType });
  }
  return out;
}
