// A reader for the `.http` files that scripts/build.mjs writes, enough to send them in a test.
// Hand-written on purpose: the maintained runner (httpyac) installs about 68 MB, so it runs in
// `npm run interop` instead (scripts/interop.mjs), while `npm test` checks the same files with this
// reader of the subset we generate: `###` blocks, `# @name`, `# @no-redirect`, a request line,
// headers, a blank line, a body, and `{{variables}}` from http-client.env.json.

export interface HttpRequest {
  file: string;
  line: number;
  name?: string;
  noRedirect: boolean;
  method: string;
  url: string;
  headers: [string, string][];
  body?: string;
}

export function parseHttpFile(text: string, file: string): HttpRequest[] {
  const lines = text.split('\n');
  const requests: HttpRequest[] = [];
  let block: string[] = [];
  let start = 0;
  const flush = () => {
    const request = parseBlock(block, file, start);
    if (request) requests.push(request);
  };
  lines.forEach((line, i) => {
    if (line.startsWith('###')) {
      flush();
      block = [];
      start = i + 1;
    } else block.push(line);
  });
  flush();
  return requests;
}

function parseBlock(block: string[], file: string, start: number): HttpRequest | undefined {
  let i = 0;
  let name: string | undefined;
  let noRedirect = false;
  for (; i < block.length; i++) {
    const line = block[i]!.trim();
    if (line === '') continue;
    if (line.startsWith('#') || line.startsWith('//')) {
      const meta = /^(?:#|\/\/)\s*@(\S+)\s*(.*)$/.exec(line);
      if (meta?.[1] === 'name') name = meta[2];
      if (meta?.[1] === 'no-redirect') noRedirect = true;
      continue;
    }
    break;
  }
  if (i >= block.length) return undefined; // a block of comments only (the file's header)
  const requestLine = /^([A-Z]+) (\S+)(?: HTTP\/[\d.]+)?$/.exec(block[i]!.trim());
  if (!requestLine) throw new Error(`${file}:${start + i + 1}: not a request line: ${block[i]}`);
  const line = start + i + 1;
  const headers: [string, string][] = [];
  for (i++; i < block.length && block[i]!.trim() !== ''; i++) {
    const header = /^([^:\s]+):\s*(.*)$/.exec(block[i]!);
    if (!header) throw new Error(`${file}:${start + i + 1}: not a header: ${block[i]}`);
    headers.push([header[1]!, header[2]!]);
  }
  const body = block.slice(i + 1).join('\n').trim();
  return { file, line, name, noRedirect, method: requestLine[1]!, url: requestLine[2]!, headers, ...(body ? { body } : {}) };
}

/** Fills `{{variables}}`; an unknown one is an error naming the request. */
export function substitute(text: string, variables: Record<string, string>, where: string): string {
  return text.replace(/\{\{([^}]+)\}\}/g, (_m, name: string) => {
    const key = name.trim();
    if (!(key in variables)) throw new Error(`${where}: unknown variable {{${key}}}`);
    return variables[key]!;
  });
}
