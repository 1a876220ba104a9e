// Kakao's wire formats: form bodies and query strings in which some parameters are JSON text.
// openapi-fetch sends a form only for an exact `application/x-www-form-urlencoded` content type and
// flattens objects to "[object Object]"; these serialisers write what Kakao expects.

type Values = Record<string, unknown> | undefined | null;

/**
 * `a=1&b=%5B%22x%22%5D`: the `json` parameters as JSON text, the `csv` arrays comma-separated,
 * other arrays repeated (`k=a&k=b`), other objects as JSON text, everything else as a string.
 */
export function encodeParams(values: Values, json: readonly string[] = [], csv: readonly string[] = []): string {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(values ?? {})) {
    if (value === undefined || value === null) continue;
    if (json.includes(key)) out.append(key, typeof value === 'string' ? value : JSON.stringify(value));
    else if (Array.isArray(value)) {
      if (csv.includes(key)) out.append(key, value.join(','));
      else for (const item of value) out.append(key, String(item));
    } else if (typeof value === 'object') out.append(key, JSON.stringify(value));
    else out.append(key, String(value));
  }
  return out.toString();
}
