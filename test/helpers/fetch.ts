// An injected fetch for client tests: records every request and answers from a handler.
export interface Recorded {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

export type Handler = (req: Recorded) => Response | Promise<Response>;

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json;charset=UTF-8', ...headers } });

export function recordingFetch(handler: Handler = () => json({})) {
  const calls: Recorded[] = [];
  const fetch = async (input: Request) => {
    const recorded: Recorded = {
      method: input.method,
      url: new URL(input.url),
      headers: input.headers,
      body: input.body ? await input.text() : '',
    };
    calls.push(recorded);
    return handler(recorded);
  };
  return { fetch, calls };
}
