// The try-it console: one operation's request, prefilled from the spec's examples (try.json, made
// by scripts/lib/docs.mjs), sent with fetch to the local mock or to Kakao's host, answer shown.
// Hand-written and small on purpose: the maintained consoles (Scalar's) bring their own renderer
// and reach scalar.com hosts by default, and none knows Kakao's form bodies with JSON text.
// The credential is sent only to the chosen host and kept in localStorage only if asked.
(async () => {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const lang = params.get('lang') === 'ko' ? 'ko' : 'en';
  document.documentElement.lang = lang;
  const data = await (await fetch(`${lang}/try.json`)).json();
  const t = data.strings;
  const id = decodeURIComponent(location.hash.slice(1));
  const op = data.ops[id];
  $('back').href = `${lang}/reference.html`;
  $('back').textContent = `← ${t.back}`;
  if (!op) {
    $('title').textContent = t.unknown;
    return;
  }
  document.title = `${t.title}: ${op.summary}`;
  $('title').textContent = `${t.title}: ${op.summary}`;
  // The mock: ?mock=…, else what npm start serves at try-config.json, else the default port.
  let mock = params.get('mock');
  if (!mock) mock = await fetch('try-config.json').then((r) => (r.ok ? r.json() : {})).then((c) => c.mock).catch(() => undefined);
  mock ??= `http://${location.hostname || '127.0.0.1'}:4010`;
  for (const [value, label] of [[mock, `${t.mock} (${mock})`], [op.origin, `${t.kakao} (${op.origin})`]]) {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    $('target').append(o);
  }
  $('l-target').textContent = t.target;
  $('cors').textContent = t.cors;
  $('l-credential').textContent = `${t.credential}: ${op.auth.map((a) => `${a.prefix} …`).join(' / ')}`;
  $('credential-help').textContent = t.credentialHelp;
  $('l-remember').textContent = t.remember;
  const storeKey = `kakao-try:${op.auth[0]?.scheme}`;
  $('auth-box').hidden = !op.auth.length;
  const stored = op.auth.length ? localStorage.getItem(storeKey) : null;
  $('credential').value = stored ?? (op.auth[0] ? `${op.auth[0].prefix} ` : '');
  $('remember').checked = stored !== null;
  for (const [name, value] of Object.entries(op.pathParams)) {
    const label = document.createElement('label');
    label.textContent = `${t.pathParams}: ${name}`;
    const input = document.createElement('input');
    input.type = 'text';
    input.name = name;
    input.value = value;
    label.htmlFor = input.id = `path-${name}`;
    $('path-box').append(label, input);
  }
  const url = () => {
    let p = op.path;
    for (const input of $('path-box').querySelectorAll('input')) p = p.replace(`{${input.name}}`, encodeURIComponent(input.value));
    const q = $('query').value.split('\n').map((l) => l.trim()).filter(Boolean).join('&');
    return `${$('target').value}${p}${q ? `?${q}` : ''}`;
  };
  const showUrl = () => ($('url').textContent = `${op.method} ${url()}`);
  $('l-query').textContent = t.query;
  $('query').value = op.query;
  $('optional').textContent = op.optional.length ? `${t.optional}: ${op.optional.join(', ')}` : '';
  $('body-box').hidden = !op.bodyType;
  $('l-body').textContent = `${t.body} (${op.bodyType ?? ''})`;
  $('body').value = op.body;
  $('send').textContent = `${t.send} ▶`;
  $('l-response').textContent = t.response;
  $('form').hidden = false;
  $('form').addEventListener('input', showUrl);
  showUrl();

  $('form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const headers = {};
    const credential = $('credential').value.trim();
    if (op.auth.length && credential.includes(' ') && credential.split(' ')[1]) headers.authorization = credential;
    if (op.auth.length) {
      if ($('remember').checked) localStorage.setItem(storeKey, credential);
      else localStorage.removeItem(storeKey);
    }
    let body;
    if (op.bodyType === 'application/x-www-form-urlencoded') {
      headers['content-type'] = 'application/x-www-form-urlencoded;charset=utf-8';
      body = $('body').value.split('\n').map((l) => l.trim()).filter(Boolean).join('&');
    } else if (op.bodyType) {
      headers['content-type'] = op.bodyType;
      body = $('body').value;
    }
    $('l-response').hidden = $('response').hidden = false;
    $('response').textContent = t.sending;
    try {
      const res = await fetch(url(), { method: op.method, headers, body, redirect: 'manual', credentials: 'omit', referrerPolicy: 'no-referrer' });
      const text = await res.text();
      let shown = text;
      try {
        shown = JSON.stringify(JSON.parse(text), null, 2);
      } catch {}
      const head = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
      $('response').textContent = `HTTP ${res.status || '(redirect)'} ${res.statusText}\n${head}\n\n${shown}`;
    } catch (error) {
      $('response').textContent = `${t.failed}: ${error.message}\n\n${t.cors}`;
    }
  });
})();
