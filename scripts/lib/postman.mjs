// The Postman collection and its two environments, from the combined document: converted by
// openapi-to-postmanv2 (names, descriptions, headers, saved response examples), then reshaped where
// the converter cannot know Kakao: one folder per product in Kakao's order, every request on its
// host variable, the operation's own credential, and every value filled from the documented
// examples (JSON text as the text Kakao takes). Same input, same bytes: the converter's random ids
// are dropped.
import Converter from 'openapi-to-postmanv2';
import { eachOperation } from './requests.mjs';
import { hostVariable, HOSTS, KAUTH_FIELDS, requestExample, SCHEME_AUTH } from './request-examples.mjs';

const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/** openapi-to-postmanv2, promisified; throws with the converter's reason. */
function convert(doc) {
  return new Promise((resolve, reject) => {
    Converter.convert(
      { type: 'json', data: structuredClone(doc) },
      { folderStrategy: 'Tags', parametersResolution: 'Example', requestNameSource: 'Fallback', enableOptionalParameters: false, schemaFaker: false },
      (error, result) => {
        if (error) return reject(error);
        if (!result.result) return reject(new Error(`openapi-to-postmanv2 could not convert the document: ${result.reason}`));
        resolve(result.output[0].data);
      },
    );
  });
}

/** The converter's items, keyed `METHOD /path` (its URL paths written back in OpenAPI form). */
function convertedItems(collection) {
  const byKey = new Map();
  const walk = (items) => {
    for (const item of items) {
      if (item.item) walk(item.item);
      else byKey.set(`${item.request.method} /${item.request.url.path.join('/').replace(/\{\{([^}]+)\}\}/g, '{$1}').replace(/(^|\/):([^/]+)/g, '$1{$2}')}`, item);
    }
  };
  walk(collection.item);
  return byKey;
}

const text = (description) => (typeof description === 'string' ? description : description?.content);

/** Drops the converter's generated ids (random on every run) from a tree. */
function withoutIds(value) {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'id' && k !== '_postman_id').map(([k, v]) => [k, withoutIds(v)]));
}

function auth(operation) {
  const first = operation.security?.[0];
  const scheme = first && Object.keys(first)[0];
  if (!scheme) return { type: 'noauth' };
  const { kind, variable } = SCHEME_AUTH[scheme] ?? {};
  if (kind === 'bearer') return { type: 'bearer', bearer: [{ key: 'token', value: `{{${variable}}}`, type: 'string' }] };
  if (kind === 'kakaoak') {
    return {
      type: 'apikey',
      apikey: [
        { key: 'key', value: 'Authorization', type: 'string' },
        { key: 'value', value: `KakaoAK {{${variable}}}`, type: 'string' },
        { key: 'in', value: 'header', type: 'string' },
      ],
    };
  }
  throw new Error(`${operation.operationId}: security scheme ${scheme} has no Postman auth`);
}

const asText = (value) => (value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

function request(doc, op, converted) {
  const { path, method, operation, params, servers } = op;
  const example = requestExample(doc, op);
  const host = hostVariable(servers);
  const pathText = path.replace(/\{([^}]+)\}/g, (_m, name) => encodeURIComponent(asText(example.path[name])));
  const convertedQuery = new Map((converted?.request.url.query ?? []).map((q) => [q.key, q]));
  const query = params
    .filter((p) => p.in === 'query')
    .flatMap((p) => {
      const value = p.name in example.query ? example.query[p.name] : example.optionalQuery[p.name];
      const description = text(convertedQuery.get(p.name)?.description) ?? p.description;
      // An exploded array is the parameter repeated.
      return (Array.isArray(value) ? value : [value]).map((v) => ({
        key: p.name,
        value: asText(v),
        ...(p.name in example.query ? {} : { disabled: true }),
        ...(description ? { description: description.trim() } : {}),
      }));
    });
  const headers = [];
  let body;
  if (example.bodyType === 'application/x-www-form-urlencoded') {
    headers.push({ key: 'Content-Type', value: 'application/x-www-form-urlencoded;charset=utf-8' });
    const fields = [
      ...Object.entries(example.body ?? {}).map(([key, value]) => ({ key, value: asText(value), type: 'text' })),
      ...Object.entries(example.optionalBody ?? {}).map(([key, value]) => ({ key, value: asText(value), type: 'text', disabled: true })),
    ];
    body = { mode: 'urlencoded', urlencoded: fields };
  } else if (example.bodyType === 'application/json') {
    headers.push({ key: 'Content-Type', value: 'application/json' });
    body = { mode: 'raw', raw: JSON.stringify(example.body ?? {}, null, 2), options: { raw: { language: 'json' } } };
  } else if (example.bodyType) {
    throw new Error(`${operation.operationId}: request body ${example.bodyType} has no Postman form`);
  }
  const accept = converted?.request.header?.find((h) => h.key.toLowerCase() === 'accept');
  if (accept) headers.push({ key: 'Accept', value: accept.value });
  const raw = `{{${host}}}${pathText}${query.some((q) => !q.disabled) ? `?${query.filter((q) => !q.disabled).map((q) => `${q.key}=${q.value}`).join('&')}` : ''}`;
  return {
    method: method.toUpperCase(),
    header: headers,
    ...(body ? { body } : {}),
    url: { raw, host: [`{{${host}}}`], path: pathText.slice(1).split('/'), ...(query.length ? { query } : {}) },
    auth: auth(operation),
    ...(operation.description ? { description: operation.description.trim() } : {}),
  };
}

/** The test script every request carries: Kakao's documented success. The authorization request also keeps the code. */
function events(op, success) {
  const exec = [`pm.test("documented success: ${success}", function () {`, `  pm.response.to.have.status(${Number(success)});`, '});'];
  if (op.path === '/oauth/authorize') {
    exec.push(
      '// The code Kakao sends back to redirect_uri, for "Get token" (against Kakao: log in in a browser and paste it).',
      'var location = pm.response.headers.get("Location") || "";',
      'var code = /[?&]code=([^&]+)/.exec(location);',
      'if (code) pm.collectionVariables.set("authorization_code", decodeURIComponent(code[1]));',
    );
  }
  return [{ listen: 'test', script: { type: 'text/javascript', exec } }];
}

/**
 * @param {object} doc the combined document
 * @returns {Promise<{ collection: object, environments: Record<string, object> }>}
 */
export async function postmanCollection(doc) {
  const converted = convertedItems(await convert(doc));
  const tagToProduct = new Map();
  for (const group of doc['x-tagGroups'] ?? []) for (const tag of group.tags) tagToProduct.set(tag, group);
  const folders = new Map((doc['x-tagGroups'] ?? []).map((g) => [g['x-product'], { group: g, byTag: new Map(g.tags.map((t) => [t, []])) }]));
  let count = 0;
  for (const op of eachOperation(doc)) {
    const { operation, path, method } = op;
    const key = `${method.toUpperCase()} ${path}`;
    const item = converted.get(key);
    if (!item) throw new Error(`openapi-to-postmanv2 produced no request for ${key} (${operation.operationId})`);
    const group = tagToProduct.get(operation.tags?.[0]);
    if (!group) throw new Error(`${operation.operationId}: its tag ${operation.tags?.[0]} is in no x-tagGroups entry`);
    const success = Object.keys(operation.responses).find((s) => /^[23]/.test(s));
    const responses = withoutIds(item.response ?? []).map(({ originalRequest: _drop, ...r }) => r);
    folders.get(group['x-product']).byTag.get(operation.tags[0]).push({
      name: operation.summary ?? item.name,
      request: request(doc, op, item),
      response: responses,
      event: events(op, success),
      ...(/^3/.test(success) ? { protocolProfileBehavior: { followRedirects: false } } : {}),
    });
    count++;
  }
  if (count !== converted.size) throw new Error(`openapi-to-postmanv2 produced ${converted.size} requests for ${count} operations`);
  const item = [...folders.values()].map(({ group, byTag }) => {
    const tags = [...byTag].filter(([, items]) => items.length);
    return {
      name: group.name,
      // One folder per product; a product with several tags gets a sub-folder per tag.
      item: tags.length === 1 ? tags[0][1] : tags.map(([tag, items]) => ({ name: tag, description: doc.tags.find((t) => t.name === tag)?.description, item: items })),
    };
  });
  const collection = {
    info: { name: doc.info.title, description: postmanDescription(doc), schema: SCHEMA },
    item,
    variable: [
      ...Object.entries(HOSTS).map(([key, url]) => ({ key, value: url, type: 'string' })),
      { key: 'authorization_code', value: '', type: 'string' },
    ],
  };
  return { collection, environments: environments() };
}

function postmanDescription(doc) {
  return `${doc.info.description.trim()}

Generated from the OpenAPI documents by openapi-to-postmanv2 and kakao-openapi's build. Choose an
environment: "Kakao" (the real hosts: fill in your keys and token) or "Kakao mock" (\`npm run mock -- --static\`
on http://127.0.0.1:4010, with the mock's keys; the static mock takes any token). Every request checks Kakao's documented success status.
"Get token" needs \`authorization_code\`: the authorization request keeps it when it runs against the
mock; against Kakao, open the authorization URL in a browser, log in, and paste the \`code\` from the redirect.`;
}

/** Kakao's real hosts and the mock's; credentials to fill in (Kakao) or the mock's fake ones. */
export function environmentValues() {
  return {
    kakao: {
      name: 'Kakao',
      values: {
        ...HOSTS,
        access_token: '',
        rest_api_key: '',
        admin_key: '',
        client_secret: '',
        redirect_uri: KAUTH_FIELDS.redirect_uri,
      },
    },
    mock: {
      name: 'Kakao mock',
      values: {
        ...Object.fromEntries(Object.keys(HOSTS).map((k) => [k, 'http://127.0.0.1:4010'])),
        access_token: 'any-token',
        rest_api_key: 'mock-rest-api-key',
        admin_key: 'mock-admin-key',
        client_secret: '',
        redirect_uri: KAUTH_FIELDS.redirect_uri,
      },
    },
  };
}

const SECRET = new Set(['access_token', 'rest_api_key', 'admin_key', 'client_secret']);

function environments() {
  return Object.fromEntries(
    Object.entries(environmentValues()).map(([id, env]) => [
      id,
      {
        name: env.name,
        values: Object.entries(env.values).map(([key, value]) => ({ key, value, type: SECRET.has(key) && id === 'kakao' ? 'secret' : 'default', enabled: true })),
        _postman_variable_scope: 'environment',
      },
    ]),
  );
}
