// What a person and a test see of the sandbox under `/__mock/` (a path Kakao never uses): a page
// listing every message and push sent, each template rendered the way Kakao Talk lays it out
// (title, image, description, buttons), and the control API:
//   GET  /__mock/state     the whole state as JSON
//   POST /__mock/reset     back to the seed (a JSON body, if any, is a new seed)
//   GET  /__mock/clock     the mock's time; POST {"advance": seconds} or {"now": "2026-01-01T00:00:00Z"}
//   POST /__mock/login     {"user_id": N}: the user /oauth/authorize logs in
//   GET  /__mock/messages  the messages sent, as JSON
import type { MockResponse } from '../kakao-errors.js';
import type { Json } from '../operations.js';

const JSON_TYPE = { 'content-type': 'application/json;charset=UTF-8' };
const esc = (value: unknown) => String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Only http(s) links become links: a template may carry anything. */
const href = (link: Json) => {
  const url = link?.web_url ?? link?.mobile_web_url;
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : undefined;
};
const image = (url: unknown) => (typeof url === 'string' && /^https?:\/\//i.test(url) ? `<img src="${esc(url)}" alt="" loading="lazy">` : '');
const buttons = (t: Json) => {
  const list: Json[] = Array.isArray(t.buttons) ? t.buttons : t.button_title ? [{ title: t.button_title, link: t.link ?? t.content?.link }] : [{ title: 'View', link: t.link ?? t.content?.link }];
  return `<div class="buttons">${list.map((b) => (href(b.link) ? `<a class="button" href="${esc(href(b.link))}" rel="noreferrer noopener" target="_blank">${esc(b.title)}</a>` : `<span class="button">${esc(b.title)}</span>`)).join('')}</div>`;
};
const content = (c: Json = {}) => `${image(c.image_url)}<div class="text"><b>${esc(c.title)}</b>${c.description ? `<p>${esc(c.description)}</p>` : ''}</div>`;

/** A default template (`template_object`) as a Kakao Talk bubble. */
export function renderTemplate(t: Json): string {
  if (!t || typeof t !== 'object') return `<pre>${esc(JSON.stringify(t))}</pre>`;
  switch (t.object_type) {
    case 'feed':
      return `<div class="bubble feed">${content(t.content)}${t.item_content ? `<div class="items">${(t.item_content.items ?? []).map((i: Json) => `<div><span>${esc(i.item)}</span><span>${esc(i.item_op)}</span></div>`).join('')}</div>` : ''}${buttons(t)}</div>`;
    case 'list':
      return `<div class="bubble list"><div class="header">${esc(t.header_title)}</div>${(t.contents ?? []).map((c: Json) => `<div class="row">${content(c)}</div>`).join('')}${buttons(t)}</div>`;
    case 'commerce': {
      const c = t.commerce ?? {};
      const price = c.discount_price !== undefined ? `<s>${esc(c.regular_price)}</s> <b>${esc(c.discount_price)}</b>${c.discount_rate ? ` ${esc(c.discount_rate)}%` : ''}` : `<b>${esc(c.regular_price)}</b>`;
      return `<div class="bubble commerce">${content(t.content)}<div class="text">${c.product_name ? `${esc(c.product_name)}<br>` : ''}${price}${c.currency_unit ? ` ${esc(c.currency_unit)}` : ''}</div>${buttons(t)}</div>`;
    }
    case 'text':
      return `<div class="bubble text"><div class="text"><p>${esc(t.text)}</p></div>${buttons(t)}</div>`;
    case 'location':
      return `<div class="bubble location">${content(t.content)}<div class="text">📍 ${esc(t.address_title ?? '')} ${esc(t.address)}</div>${buttons({ ...t, buttons: t.buttons ?? [{ title: 'View', link: t.content?.link }, { title: 'Location', link: {} }] })}</div>`;
    case 'calendar':
      return `<div class="bubble calendar">${content(t.content)}<div class="text">📅 ${esc(t.id_type)} ${esc(t.id)}</div>${buttons({ ...t, buttons: t.buttons ?? [{ title: 'Add to calendar', link: {} }] })}</div>`;
    default:
      return `<pre>${esc(JSON.stringify(t, null, 2))}</pre>`;
  }
}

function renderMessage(m: Json, users: Json[]): string {
  const name = (id: number) => esc(users.find((u) => u.id === id)?.account?.profile?.nickname ?? id);
  const to = m.to_self ? 'themselves (“Send to me”)' : m.receivers.map(name).join(', ');
  let body: string;
  if (m.kind === 'default') body = renderTemplate(m.template_object);
  else if (m.kind === 'scrap') body = `<div class="bubble"><div class="text">Scrap of <a href="${esc(/^https?:/i.test(m.request_url) ? m.request_url : '#')}">${esc(m.request_url)}</a>${m.template_id ? ` with template ${esc(m.template_id)}` : ''}</div></div>`;
  else body = `<div class="bubble"><div class="text">Custom template <b>${esc(m.template_id)}</b> (made in Kakao's message template tool; the mock does not have it)${m.template_args ? `<pre>${esc(JSON.stringify(m.template_args, null, 2))}</pre>` : ''}</div></div>`;
  return `<li><div class="meta">${esc(m.sent_at)} · ${esc(m.operation)} · from ${name(m.sender)} to ${to}</div>${body}</li>`;
}

export function messagesPage(state: Json, now: Date): MockResponse {
  const messages = [...state.messages].reverse();
  const pushes = [...state.pushes].reverse();
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Kakao mock: sent messages</title>
<style>body{font:15px/1.4 system-ui,sans-serif;background:#b2c7d9;margin:0;padding:1em}h1,h2{font-size:1.1em}ul{list-style:none;padding:0}li{margin:1em 0}
.meta{font-size:.8em;color:#333}.bubble{background:#fff;border-radius:8px;max-width:320px;overflow:hidden;margin-top:.3em}.bubble img{width:100%;display:block}
.text{padding:.6em}.text p{margin:.3em 0;color:#555}.buttons{display:flex;border-top:1px solid #eee}.button{flex:1;text-align:center;padding:.6em;color:#111;text-decoration:none;border-left:1px solid #eee}
.header{padding:.6em;font-weight:bold;border-bottom:1px solid #eee}.row{display:flex;gap:.5em;border-bottom:1px solid #eee}.row img{width:64px}.items div{display:flex;justify-content:space-between;padding:0 .6em}
pre{white-space:pre-wrap;font-size:.8em}</style>
<h1>Kakao mock — sent messages</h1><p>Mock time ${esc(now.toISOString())}. ${messages.length} message(s), ${pushes.length} push(es). JSON: <a href="/__mock/messages">/__mock/messages</a>, <a href="/__mock/state">/__mock/state</a>.</p>
<h2>Kakao Talk messages</h2><ul>${messages.map((m) => renderMessage(m, state.users)).join('') || '<li>None yet.</li>'}</ul>
<h2>Push notifications</h2><ul>${pushes.map((p) => `<li><div class="meta">${esc(p.sent_at)} · to ${esc(p.uuids.join(', '))} (${esc(p.devices)} device(s))</div><pre>${esc(JSON.stringify(p.push_message, null, 2))}</pre></li>`).join('') || '<li>None yet.</li>'}</ul></html>`;
  return { status: 200, headers: { 'content-type': 'text/html;charset=UTF-8' }, body: html };
}

export interface Controls {
  state(): Json;
  reset(seed?: Json): void;
  now(): Date;
  setClock(change: { advance?: number; now?: string }): void;
  login(userId: number): boolean;
}

const answer = (status: number, body: unknown): MockResponse => ({ status, headers: JSON_TYPE, body });
/** Errors of the control API keep Kakao's `{code, msg}` shape, so that no client is surprised. */
const refuse = (msg: string, status = 400) => answer(status, { code: -2, msg: `mock: ${msg}` });

export function control(method: string, pathname: string, body: string, controls: Controls): MockResponse {
  let input: Json = {};
  if (body.trim()) {
    try {
      input = JSON.parse(body);
    } catch {
      return refuse('the control API takes a JSON body');
    }
  }
  const route = `${method} ${pathname.replace(/\/+$/, '') || '/__mock'}`;
  try {
    switch (route) {
      case 'GET /__mock':
        return messagesPage(controls.state(), controls.now());
      case 'GET /__mock/state':
        return answer(200, controls.state());
      case 'GET /__mock/messages':
        return answer(200, { messages: controls.state().messages, pushes: controls.state().pushes });
      case 'POST /__mock/reset':
        controls.reset(body.trim() ? input : undefined);
        return answer(200, { reset: true, now: controls.now().toISOString() });
      case 'GET /__mock/clock':
        return answer(200, { now: controls.now().toISOString() });
      case 'POST /__mock/clock':
        if (input.advance === undefined && input.now === undefined) return refuse('POST /__mock/clock takes {"advance": seconds} or {"now": "<ISO date>"}');
        if (input.advance !== undefined && typeof input.advance !== 'number') return refuse('advance must be a number of seconds');
        if (input.now !== undefined && Number.isNaN(Date.parse(input.now))) return refuse('now must be an ISO date-time');
        controls.setClock(input);
        return answer(200, { now: controls.now().toISOString() });
      case 'POST /__mock/login':
        if (!controls.login(Number(input.user_id))) return refuse(`no user with id ${input.user_id}`);
        return answer(200, { signed_in_user: Number(input.user_id) });
      default:
        return refuse(`no control at ${method} ${pathname} (see GET /__mock/ and the README)`, 404);
    }
  } catch (error) {
    return refuse((error as Error).message);
  }
}
