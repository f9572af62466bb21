// The delegations' web app: a few pages over the BFF (same origin; the BFF holds the sign-in and the tokens, the page
// holds none). Real paths with the History API (the BFF forwards every deep link to this page).
// Rules this file keeps: stored text reaches the page only through textContent and attribute values, never as HTML;
// no inline styles or scripts and no request to another origin (a Content-Security-Policy of default-src 'self'
// holds); every write carries the CSRF token, an Idempotency-Key per intended change, and If-Match where the text's
// version matters; every refusal is shown, in words, next to the action that was tried.
'use strict';

// the conference's members, as its establishment says (GET /api/conference through the BFF): never a list of the
// page's own, so that another conference runs on the same pages
let MEMBERS = [];
const CHOICES = ['YES', 'NO', 'ABSTAIN'];
const SVG_NS = 'http://www.w3.org/2000/svg';

let lang = pickLanguage();
let me = null;
let dashboardUrl = null;
let connection = 'connecting';
let renderSerial = 0;
let current = { route: null };
// what a live refresh must not lose: the drafts being written, the last answer to each action, what is in flight
const drafts = new Map();
const notes = new Map();
const inflight = new Set();
// versions this page wrote and must see before it offers the next change (the read model may lag a moment)
const expected = new Map();

function pickLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'de' || asked === 'en') return asked;
  const kept = localStorage.getItem('ledger.lang');
  return kept === 'en' ? 'en' : 'de';
}
function t(key, ...args) {
  const value = TEXT[lang][key];
  return typeof value === 'function' ? value(...args) : value;
}
function word(group, key) { return (TEXT[lang][group] || {})[key] || key; }
function name(code) { return LAND_NAMES[lang][code] || code; }
function names(codes) { return (codes || []).map(name); }
function and(list) { return list.join(lang === 'de' ? ' und ' : ' and '); }
function locale() { return lang === 'de' ? 'de-DE' : 'en-GB'; }
function formatDate(iso) {
  if (!iso) return t('none');
  const [y, m, d] = String(iso).slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return String(iso);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}
function formatInstant(iso) {
  if (!iso) return t('none');
  const date = new Date(iso);
  return isNaN(date) ? String(iso) : new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
function today() { return new Date().toISOString().slice(0, 10); }
function ruleText(r) {
  if (!r) return t('none');
  const de = lang === 'de';
  const abst = r.abstentions === 'COUNT_AS_NO' ? (de ? 'Enthaltungen zählen als Nein' : 'abstentions count as no')
    : (de ? 'Enthaltungen neutral' : 'abstentions neutral');
  const quorum = de ? `beschlussfähig ab ${r.quorum} Anwesenden` : `quorum ${r.quorum} present`;
  const kind = {
    UNANIMITY: de ? 'Einstimmigkeit' : 'Unanimity',
    QUALIFIED_MAJORITY: de ? `Qualifizierte Mehrheit: mindestens ${r.minimumYes} Ja-Stimmen`
      : `Qualified majority: at least ${r.minimumYes} yes votes`,
    SIMPLE_MAJORITY: de ? 'Einfache Mehrheit: mehr Ja- als Nein-Stimmen' : 'Simple majority: more yes than no',
  }[r.kind] || r.description || r.kind;
  return `${kind}; ${quorum}; ${abst}`;
}

// ---- DOM helpers: text always through textContent ----------------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  append(node, children);
  return node;
}
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attrs);
  append(node, children);
  return node;
}
function setAttributes(node, attrs) {
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === undefined || v === null || v === false) return;
    if (k === 'text') node.textContent = String(v);
    else if (k === 'value' && 'value' in node) node.value = String(v);
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  });
}
function append(node, children) {
  children.flat(Infinity).forEach((c) => {
    if (c === undefined || c === null || c === false) return;
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  });
}
function $(id) { return document.getElementById(id); }
function link(href, text, attrs) { return el('a', Object.assign({ href }, attrs || {}), text); }
function resolutionHref(id) { return '/resolutions/' + encodeURIComponent(id); }
function sessionHref(id) { return '/sessions/' + encodeURIComponent(id); }
function badge(status) { return el('span', { class: 'badge state-' + String(status).toLowerCase() }, word('states', status)); }
function items(body) { return Array.isArray(body) ? body : (body && body.items) || []; }
function facts(pairs) {
  return el('dl', { class: 'facts' }, pairs.filter(Boolean).map(([k, v]) => [el('dt', null, k), el('dd', null, v)]));
}
function section(id, heading, ...children) {
  return el('section', { 'aria-labelledby': id }, el('h2', { id }, heading), children);
}
function field(id, label, control, hint) {
  control.id = id;
  if (hint) control.setAttribute('aria-describedby', id + '-hint');
  return el('div', { class: 'field' }, el('label', { for: id }, label), hint ? el('p', { class: 'hint', id: id + '-hint' }, hint) : null, control);
}
function paragraphs(text) {
  return String(text || '').split(/\n{2,}/).map((p) => el('p', { class: 'plain-text' }, p));
}

// ---- talking to the BFF -------------------------------------------------------------------------------------------
class NotFound extends Error {}
class Refused extends Error {
  constructor(status, problem, retryAfter) {
    super((problem && problem.code) || String(status));
    this.status = status;
    this.problem = problem || {};
    this.retryAfter = retryAfter;
  }
}

async function readProblem(response) {
  try { return await response.json(); } catch (e) { return {}; }
}

/** A read through the BFF's relay to the query side: {body, etag}. */
async function query(path) {
  const response = await fetch('/bff/query' + path, {
    headers: { Accept: 'application/json', 'Accept-Language': lang }, cache: 'no-store', credentials: 'same-origin' });
  if (response.status === 404) throw new NotFound(path);
  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401) signedOut();
    throw new Refused(response.status, problem, response.headers.get('Retry-After'));
  }
  return { body: await response.json(), etag: response.headers.get('ETag') };
}
async function read(path) { return (await query(path)).body; }

function csrfToken() {
  const found = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('XSRF-TOKEN='));
  return found ? decodeURIComponent(found.slice('XSRF-TOKEN='.length)) : '';
}

// Idempotency keys: one per intended change (the same action with the same body on the same version), kept while its
// outcome is uncertain (no answer, a timeout, 503), so that a retry, a double click or a reload never writes twice;
// retired once the service has answered for sure, so that the next click is a change of its own.
const KEYS = 'ledger.idempotency';
function keyStore() { try { return JSON.parse(sessionStorage.getItem(KEYS) || '{}'); } catch (e) { return {}; } }
function keyFor(intent) {
  const store = keyStore();
  if (!store[intent]) {
    store[intent] = (crypto.randomUUID ? crypto.randomUUID() : Array.from(crypto.getRandomValues(new Uint8Array(16)),
      (b) => b.toString(16).padStart(2, '0')).join(''));
    sessionStorage.setItem(KEYS, JSON.stringify(store));
  }
  return store[intent];
}
function retireKey(intent) {
  const store = keyStore();
  delete store[intent];
  sessionStorage.setItem(KEYS, JSON.stringify(store));
}
const pending = new Map();

/** A command through the BFF's relay to the command side: the answer's body, or a Refused with the problem. */
function command(method, path, body, options) {
  const ifMatch = options && options.ifMatch;
  const text = body === undefined ? undefined : JSON.stringify(body);
  const intent = [method, path, ifMatch || '', text || ''].join(' ');
  // a second click while the first is on its way waits for the same answer
  if (pending.has(intent)) return pending.get(intent);
  const sending = send(method, path, text, ifMatch, intent, true).finally(() => pending.delete(intent));
  pending.set(intent, sending);
  return sending;
}
async function send(method, path, text, ifMatch, intent, mayRenewCsrf) {
  const headers = { Accept: 'application/json', 'Accept-Language': lang, 'X-XSRF-TOKEN': csrfToken(),
    'Idempotency-Key': keyFor(intent) };
  if (text !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch) headers['If-Match'] = ifMatch;
  let response;
  try {
    response = await fetch('/bff/command' + path, { method, headers, body: text, credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    // no answer at all: the key stays, so that sending again cannot write twice
    throw new Refused(0, { code: 'UPSTREAM_UNAVAILABLE' });
  }
  if (response.ok) {
    retireKey(intent);
    const body = response.status === 204 ? {} : await response.json().catch(() => ({}));
    return { body, location: response.headers.get('Location'), etag: response.headers.get('ETag') };
  }
  const problem = await readProblem(response);
  if (response.status === 403 && problem.code === 'CSRF_TOKEN_INVALID' && mayRenewCsrf) {
    // the token cookie may have been renewed with the session: read it again once
    await loadMe();
    return send(method, path, text, ifMatch, intent, false);
  }
  if (response.status === 401) signedOut();
  const uncertain = response.status >= 500 || problem.code === 'COMMAND_TIMEOUT';
  if (!uncertain) retireKey(intent);
  throw new Refused(response.status, problem, response.headers.get('Retry-After'));
}

/** The sentence for a refusal, in the page's language; the problem's own detail where the code is unknown. */
function problemText(error) {
  const table = PROBLEMS[lang];
  const problem = (error && error.problem) || {};
  let sentence = table[problem.code] || problem.detail || problem.title || table.fallback(error.status);
  if (problem.code === 'VALIDATION_FAILED' && Array.isArray(problem.errors)) {
    sentence += ' ' + problem.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  }
  if (error.retryAfter && /^\d+$/.test(error.retryAfter)) sentence += table.retryAfter(error.retryAfter);
  return sentence;
}

// ---- the signed-in person ---------------------------------------------------------------------------------------
async function loadMe() {
  try {
    const response = await fetch('/bff/me', { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' });
    me = response.ok ? await response.json() : { authenticated: false };
    if (!me.authenticated && me.devLogin === undefined) {
      // the development sign-in exists only in the local profile: offer it where its page answers
      const dev = await fetch('/dev-login', { method: 'HEAD', credentials: 'same-origin', redirect: 'manual' }).catch(() => null);
      me.devLogin = !!(dev && dev.status === 200);
    }
  } catch (e) {
    me = me || { authenticated: false };
  }
  renderAccount();
  return me;
}
function signedIn() { return !!(me && me.authenticated); }
function signedOut() {
  if (!signedIn()) return;
  me = { authenticated: false, devLogin: me.devLogin, expired: true };
  renderAccount();
  scheduleRefresh(0);
}
function renderAccount() {
  const on = signedIn();
  $('who').textContent = on ? t('signedInAs', me.name || me.sub || '', me.delegation ? name(me.delegation) : '')
    + (me.devLogin ? ' – ' + t('devBadge') : '') : t('notSignedIn');
  $('sign-in').hidden = on;
  $('sign-in-dev').hidden = on || !(me && me.devLogin);
  $('sign-out').hidden = !on;
}
async function signOut() {
  let next = '/';
  try {
    const response = await fetch('/bff/logout', { method: 'POST', credentials: 'same-origin',
      headers: { 'X-XSRF-TOKEN': csrfToken(), Accept: 'application/json' } });
    const answer = response.ok ? await response.json().catch(() => ({})) : {};
    // after an OIDC sign-in: the provider's end-session address, which comes back to "/"
    if (typeof answer.logoutUrl === 'string' && /^(https?:\/\/|\/)/.test(answer.logoutUrl)) next = answer.logoutUrl;
  } finally {
    sessionStorage.removeItem(KEYS);
    location.assign(next);
  }
}
function mine() { return me && me.delegation; }

// ---- routing: real paths, the History API ------------------------------------------------------------------------
function parseRoute() {
  const parts = location.pathname.split('/').filter(Boolean).map((p) => { try { return decodeURIComponent(p); } catch (e) { return p; } });
  if (parts.length === 0) return { view: 'mine' };
  if (parts[0] === 'resolutions' && parts.length === 2 && parts[1] === 'new') return { view: 'propose' };
  if (parts[0] === 'resolutions' && parts.length === 2) return { view: 'resolution', id: parts[1] };
  if (parts[0] === 'sessions' && parts.length === 2) return { view: 'session', id: parts[1] };
  if (parts[0] === 'chair' && parts.length === 1) return { view: 'chair' };
  return { view: 'missing' };
}
const OUTSIDE = /^\/(bff|oauth2|login|logout|dev-login|actuator)(\/|$)/;
function navigate(path) {
  history.pushState(null, '', path);
  // what was said about the last page's actions belongs to it
  notes.clear();
  render({ focus: true });
}
function interceptLinks(event) {
  const a = event.target.closest && event.target.closest('a[href]');
  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || OUTSIDE.test(url.pathname) || /\.[a-z0-9]+$/i.test(url.pathname)) return;
  if (url.pathname === location.pathname && url.hash) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}

const VIEWS = { mine: viewMine, propose: viewPropose, resolution: viewResolution, session: viewSession, chair: viewChair,
  missing: async () => notFoundView() };

/**
 * Draws the page of the current address. A live refresh (focus false) redraws the same page and keeps what the
 * reader typed, chose and where the focus was; a new page moves the focus to its heading.
 */
async function render(options) {
  const moveFocus = !!(options && options.focus);
  const route = parseRoute();
  const serial = ++renderSerial;
  const same = current.route && current.route.view === route.view && current.route.id === route.id;
  current.route = route;
  document.querySelectorAll('#main-nav a[data-route]').forEach((a) => {
    if (a.dataset.route === route.view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  $('main').setAttribute('aria-busy', 'true');
  if (!me) await loadMe();
  let node;
  try {
    node = signedIn() ? await VIEWS[route.view](route) : signInView();
  } catch (e) {
    node = e instanceof NotFound ? notFoundView() : errorView(e);
  }
  if (serial !== renderSerial) return;
  const kept = same && !moveFocus ? keepForm() : null;
  // a refresh that reads what is already shown changes nothing on the page (no flicker, focus and caret stay)
  if (kept && $('view').firstElementChild && $('view').firstElementChild.outerHTML === node.outerHTML) {
    $('main').removeAttribute('aria-busy');
    return;
  }
  $('view').replaceChildren(node);
  if (kept) restoreForm(kept);
  if (moveFocus) $('flash').textContent = '';
  notes.forEach((note, id) => {
    if (note.kind === 'status' && !$(id)) { $('flash').textContent = note.text; notes.delete(id); }
  });
  $('main').removeAttribute('aria-busy');
  const h1 = $('view').querySelector('h1');
  document.title = (h1 ? h1.textContent + ' – ' : '') + 'Resolution Ledger';
  if (!performance.getEntriesByName('ledger:rendered').length) performance.mark('ledger:rendered');
  if (moveFocus && h1) h1.focus();
}

/** The values of the page's fields and the focused element, by id, before a live refresh redraws them. */
function keepForm() {
  const values = {};
  $('view').querySelectorAll('input[id], textarea[id], select[id]').forEach((f) => {
    if (f.dataset.keep === 'no') return;
    values[f.id] = f.type === 'checkbox' || f.type === 'radio' ? f.checked : f.value;
  });
  const active = document.activeElement;
  const focus = active && active.id && $('view').contains(active) ? active.id : null;
  const caret = focus && typeof active.selectionStart === 'number' ? [active.selectionStart, active.selectionEnd] : null;
  return { values, focus, caret };
}
function restoreForm(kept) {
  Object.entries(kept.values).forEach(([id, value]) => {
    const f = $(id);
    if (!f || f.dataset.keep === 'no') return;
    if (f.type === 'checkbox' || f.type === 'radio') f.checked = value; else if (f.tagName !== 'SELECT' || [...f.options].some((o) => o.value === value)) f.value = value;
  });
  const again = kept.focus && $(kept.focus);
  if (again) {
    again.focus();
    // whoever is typing keeps their place in the text
    if (kept.caret && typeof again.setSelectionRange === 'function') {
      try { again.setSelectionRange(kept.caret[0], kept.caret[1]); } catch (e) { /* not a text field */ }
    }
  }
}
let refreshTimer = null;
function scheduleRefresh(delay) {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => render({ focus: false }), delay === undefined ? 250 : delay);
}
// The stream tells of a change as soon as it is in the event store, possibly before the read model has it (under
// load, seconds before): read again a few times, later and later, so that a change the first read missed still
// appears; a read that finds the page as it is changes nothing on it.
let followUps = [];
function refreshAfterChange() {
  scheduleRefresh(250);
  followUps.forEach(clearTimeout);
  followUps = [1000, 2500, 5000, 9000, 15000].map((ms) => setTimeout(() => render({ focus: false }), ms));
}

// ---- actions: a button or form, its refusal (role=alert) and its outcome (role=status) beside it ----------------
/**
 * An action region: `build(run)` returns the controls; `run(fn)` runs one attempt (the button stays disabled while
 * it is on its way) and shows its outcome in the region's own status or alert line, which survive live refreshes.
 */
function action(id, build) {
  const region = el('div', { class: 'action', id });
  const alert = el('p', { class: 'problem', role: 'alert', id: id + '-alert' });
  const status = el('p', { class: 'done', role: 'status', id: id + '-status' });
  const note = notes.get(id);
  if (note) (note.kind === 'alert' ? alert : status).textContent = note.text;
  const run = async (fn, button) => {
    if (inflight.has(id)) return;
    inflight.add(id);
    const buttons = region.querySelectorAll('button');
    buttons.forEach((b) => { b.disabled = true; });
    if (button) button.setAttribute('aria-busy', 'true');
    alert.textContent = '';
    status.textContent = t('sending');
    notes.delete(id);
    try {
      const message = await fn();
      notes.set(id, { kind: 'status', text: message || t('done') });
      status.textContent = message || t('done');
    } catch (e) {
      const text = e instanceof Refused ? problemText(e) : (e && e.userMessage) || t('loadError');
      notes.set(id, { kind: 'alert', text });
      status.textContent = '';
      alert.textContent = text;
      if (e && e.onRefused) e.onRefused();
    } finally {
      inflight.delete(id);
      // the region may have been redrawn meanwhile; its twin is enabled by its own drawing
      buttons.forEach((b) => { b.disabled = false; });
      if (button) button.removeAttribute('aria-busy');
      scheduleRefresh(150);
    }
  };
  append(region, [build(run), alert, status]);
  if (inflight.has(id)) region.querySelectorAll('button').forEach((b) => { b.disabled = true; });
  return region;
}
function button(text, onclick, attrs) {
  return el('button', Object.assign({ type: 'button', onclick }, attrs || {}), text);
}
function submitForm(fields, label, onsubmit, attrs) {
  const id = attrs && attrs.id;
  const form = el('form', Object.assign({ novalidate: true }, attrs || {}), fields,
    el('button', { type: 'submit', id: id ? id + '-submit' : null }, label));
  form.addEventListener('submit', (event) => { event.preventDefault(); onsubmit(form); });
  return form;
}
function input(attrs) { return el('input', Object.assign({ type: 'text' }, attrs || {})); }
function textarea(attrs) { return el('textarea', Object.assign({ rows: 6 }, attrs || {})); }
function select(options, selected, attrs) {
  return el('select', attrs || {}, options.map(([value, text]) => el('option', { value, selected: value === selected ? 'selected' : null }, text)));
}

// ---- pages without data ----------------------------------------------------------------------------------------------
function signInView() {
  return el('div', { class: 'view' },
    el('h1', { tabindex: '-1' }, t('signInTitle')),
    me && me.expired ? el('p', { class: 'problem', role: 'alert' }, t('sessionExpired')) : null,
    new URLSearchParams(location.search).get('signin') === 'failed'
      ? el('p', { class: 'problem', role: 'alert', id: 'sign-in-failed' }, t('signInFailed')) : null,
    el('p', null, t('signInText')),
    el('p', { class: 'actions' },
      link('/oauth2/authorization/ledger', t('signIn'), { class: 'button', id: 'sign-in-main' }),
      me && me.devLogin ? link('/dev-login', t('signInDev'), { class: 'button secondary', id: 'sign-in-dev-main' }) : null),
    el('p', null, t('publicHint'), ' ', link(dashboardUrl || '/', t('navDashboard'))));
}
function notFoundView() {
  return el('div', { class: 'view' }, el('h1', { tabindex: '-1' }, t('notFound')), el('p', null, t('notFoundText')),
    el('p', null, link('/', t('backHome'))));
}
function errorView(e) {
  return el('div', { class: 'view' }, el('h1', { tabindex: '-1' }, t('loadError')),
    el('p', { class: 'problem', role: 'alert' }, e instanceof Refused ? problemText(e) : t('loadError')),
    el('p', null, button(t('retry'), () => render({ focus: true }))));
}

// ---- who holds the chair ------------------------------------------------------------------------------------------
const chairCache = new Map();
async function chairOn(date) {
  const day = String(date || today()).slice(0, 10);
  if (!chairCache.has(day)) chairCache.set(day, read('/chair?on=' + encodeURIComponent(day)).catch(() => ({ holders: [] })));
  return chairCache.get(day);
}
function presides(chair) { return !!(chair && (chair.holders || []).includes(mine())); }
function chairLine(chair, day) {
  if (!chair || !(chair.holders || []).length) return t('noChairYet');
  return presides(chair) ? t('youPreside', formatDate(day)) : t('notPresiding', formatDate(day), and(names(chair.holders)));
}

// ---- my delegation ---------------------------------------------------------------------------------------------------
async function viewMine() {
  const d = mine();
  if (!d) return el('div', { class: 'view' }, el('h1', { tabindex: '-1' }, t('navMine')), el('p', null, t('noDelegation')));
  const code = encodeURIComponent(d);
  const [draftList, votingList, mandateList] = await Promise.all([
    read(`/resolutions?status=PROPOSED&delegation=${code}&size=200`),
    read('/resolutions?status=VOTING&size=200'),
    read(`/mandates?owner=${code}&size=200`)]);
  const draftsOfMine = items(draftList);
  const voting = items(votingList);
  // the amendments tabled to what my delegation sponsors, and my delegation's votes on what is being voted on
  const [amendmentLists, voteLists] = await Promise.all([
    Promise.all(draftsOfMine.filter((r) => r.sponsor === d).map((r) => read('/resolutions/' + encodeURIComponent(r.resolutionId)
      + '/tabled-amendments').then((list) => ({ r, list: items(list) })))),
    Promise.all(voting.map((r) => read('/resolutions/' + encodeURIComponent(r.resolutionId) + '/votes')
      .then((list) => ({ r, mine: items(list).find((v) => v.delegation === d && v.version === r.version) }))))]);
  const waiting = amendmentLists.flatMap(({ r, list }) => list.filter((a) => a.state === 'PENDING').map((a) => ({ r, a })));
  const openForMe = voteLists.filter((v) => !v.mine);
  const written = voting.filter((r) => r.procedure === 'WRITTEN')
    .sort((a, b) => String(a.deadline).localeCompare(String(b.deadline)));
  const mandates = items(mandateList);

  const list = (id, entries, empty) => entries.length ? el('ul', { class: 'cards', id }, entries) : el('p', { id }, empty);
  const card = (r, ...extra) => el('li', { class: 'card' }, el('h3', null, link(resolutionHref(r.resolutionId), r.title)),
    el('p', { class: 'meta' }, badge(r.status), ' ', r.sponsor === d ? t('sponsorRole') : t('coSponsorRole'),
      ' · ', t('version'), ' ', String(r.version)), extra);
  return el('div', { class: 'view' },
    el('h1', { tabindex: '-1' }, t('mineTitle', name(d))),
    el('p', null, link('/resolutions/new', t('newProposal'), { class: 'button' })),
    section('h-drafts', t('drafts'), list('drafts', draftsOfMine.map((r) => card(r)), t('noDrafts'))),
    section('h-waiting', t('waiting'), list('waiting', waiting.map(({ r, a }) => el('li', { class: 'card' },
      el('h3', null, link(resolutionHref(r.resolutionId) + '#amendments', r.title)),
      el('p', { class: 'meta' }, t('tabledByOn', name(a.tabledBy), formatInstant(a.tabledAt)), ' · ', t('againstVersion', a.baseVersion)),
      a.reason ? el('p', null, a.reason) : null)), t('noWaiting'))),
    section('h-votes', t('votesOpen'), list('votes-open', openForMe.map(({ r }) => el('li', { class: 'card' },
      el('h3', null, link(resolutionHref(r.resolutionId) + '#vote', r.title)),
      el('p', { class: 'meta' }, badge(r.status), ' ', t('notYetVoted'),
        r.deadline ? [' · ', t('deadlineIn', formatInstant(r.deadline))] : null))), t('noVotesOpen'))),
    section('h-procedures', t('procedures'), list('procedures', written.map((r) => el('li', { class: 'card' },
      el('h3', null, link(resolutionHref(r.resolutionId), r.title)),
      el('p', { class: 'meta' }, el('time', { datetime: r.deadline }, t('deadlineIn', formatInstant(r.deadline))),
        ' · ', voteLists.find((v) => v.r.resolutionId === r.resolutionId && v.mine)
          ? t('votedAlready', word('choices', voteLists.find((v) => v.r.resolutionId === r.resolutionId).mine.choice))
          : t('notYetVoted')))), t('noProcedures'))),
    section('h-mandates', t('mandatesMine'), mandates.length ? el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'h-mandates' },
      el('table', { id: 'mandates' }, el('caption', { class: 'visually-hidden' }, t('mandatesMine')),
        el('thead', null, el('tr', null, [t('task'), t('due'), t('status'), t('forResolution')].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', null, mandates.map((m) => el('tr', { class: m.overdue ? 'overdue' : null },
          el('th', { scope: 'row' }, m.task),
          el('td', null, formatDate(m.due), m.overdue ? [' ', el('strong', { class: 'flag' }, t('overdue'))] : null),
          el('td', null, word('states', m.status)),
          el('td', null, link(resolutionHref(m.resolutionId), m.resolutionId)))))))
      : el('p', { id: 'mandates' }, t('noMandates'))));
}

// ---- a new proposal -------------------------------------------------------------------------------------------------------
async function viewPropose() {
  const sessions = items(await read('/sessions?size=200')).filter((s) => s.status === 'SCHEDULED' || s.status === 'OPEN');
  const d = mine();
  const form = action('propose', (run) => submitForm([
    sessions.length ? field('p-session', t('proposeSession'), select(sessions.map((s) => [s.sessionId, t('sessionLine', s, formatDate(s.date))]), null, { required: true }))
      : el('p', null, t('noOpenSession')),
    field('p-title', t('proposeTitle'), input({ maxlength: 300, required: true, autocomplete: 'off' })),
    field('p-text', t('proposeText'), textarea({ rows: 10, required: true })),
    field('p-topics', t('proposeTopics'), input({ autocomplete: 'off' })),
    el('fieldset', { class: 'choices' }, el('legend', null, t('proposeCoSponsors')),
      MEMBERS.filter((m) => m !== d).map((m) => el('label', { class: 'check' },
        el('input', { type: 'checkbox', id: 'p-co-' + m, value: m }), ' ', name(m)))),
    field('p-addressees', t('proposeAddressees'), input({ autocomplete: 'off' })),
  ], t('submitPropose'), (f) => run(async () => {
    const csv = (v) => v.split(',').map((s) => s.trim()).filter(Boolean);
    const body = { sessionId: $('p-session') ? $('p-session').value : '', title: $('p-title').value.trim(),
      text: $('p-text').value, topics: csv($('p-topics').value),
      coSponsors: MEMBERS.filter((m) => $('p-co-' + m) && $('p-co-' + m).checked),
      addressees: csv($('p-addressees').value.toUpperCase()) };
    const answer = await command('POST', '/resolutions', body);
    const id = answer.body.resolutionId;
    expected.set(id, 1);
    notes.delete('propose');
    setTimeout(() => navigate(resolutionHref(id)), 0);
    return t('proposedDone');
  }, f.querySelector('button[type=submit]')), { id: 'propose-form' }));
  return el('div', { class: 'view' }, el('h1', { tabindex: '-1' }, t('proposeHeading')), form);
}

// ---- one resolution ------------------------------------------------------------------------------------------------------
async function loadResolution(id) {
  const path = '/resolutions/' + encodeURIComponent(id);
  let answer = await query(path).catch(async (e) => {
    // just proposed: the read model may not have it yet; the stream will redraw the page once it has
    if (e instanceof NotFound && expected.has(id)) { scheduleRefresh(400); return null; }
    throw e;
  });
  if (!answer) return null;
  // the editor works on the authoritative text: the original, not a translation into the page's language
  if (answer.body.language && answer.body.originalLanguage && answer.body.language !== answer.body.originalLanguage) {
    answer = await query(path + '?lang=' + encodeURIComponent(answer.body.originalLanguage));
  }
  return { r: answer.body, etag: answer.etag || `"${answer.body.version}"` };
}

async function viewResolution(route) {
  const id = route.id;
  const base = '/resolutions/' + encodeURIComponent(id);
  const [loaded, versions, amendments, votes, sessions] = await Promise.all([loadResolution(id),
    read(base + '/versions?size=200').catch(() => ({ items: [] })),
    read(base + '/tabled-amendments').catch(() => []), read(base + '/votes').catch(() => []),
    read('/sessions?size=200')]);
  if (!loaded) return el('div', { class: 'view' }, el('h1', { tabindex: '-1' }, t('loading')));
  const { r, etag } = loaded;
  if ((expected.get(id) || 0) > r.version) scheduleRefresh(400); else expected.delete(id);
  const session = items(sessions).find((s) => s.sessionId === r.sessionId);
  const [lines, chairOfSession, chairToday] = await Promise.all([
    read(base + '/versions/' + r.version + '/lines').catch(() => null),
    chairOn(session ? session.date : today()), chairOn(today())]);
  const d = mine();
  const isSponsor = r.sponsor === d;
  const isCoSponsor = (r.coSponsors || []).includes(d);
  const data = { r, etag, versions: items(versions), amendments: items(amendments), votes: items(votes),
    sessions: items(sessions), session, chairOfSession, chairToday, isSponsor, isCoSponsor };

  return el('div', { class: 'view' },
    el('h1', { tabindex: '-1', id: 'r-title' }, r.title),
    facts([
      [t('status'), badge(r.status)],
      [t('session'), session ? link(sessionHref(session.sessionId), t('sessionLine', session, formatDate(session.date))) : r.sessionId],
      [t('sponsor'), name(r.sponsor)],
      [t('coSponsors'), (r.coSponsors || []).length ? names(r.coSponsors).join(', ') : t('none')],
      [t('topics'), (r.topics || []).length ? r.topics.join(', ') : t('none')],
      [t('version'), String(r.version)],
      r.procedure ? [t('procedure'), word('kinds', r.procedure)] : null,
      r.deadline ? [t('deadline'), el('time', { datetime: r.deadline }, formatInstant(r.deadline))] : null,
      r.rule ? [t('rule'), ruleText(r.rule)] : null,
      (r.addressees || []).length ? [t('addressees'), r.addressees.join(', ')] : null,
      r.reference ? [t('reference'), r.reference] : null,
    ]),
    section('h-text', t('textHeading'), el('div', { class: 'resolution-text', id: 'r-text' },
      lines && lines.version === r.version ? numberedText(lines) : paragraphs(r.text))),
    actionsSection(data),
    ['VOTING', 'ADOPTED', 'REJECTED', 'PUBLISHED'].includes(r.status) ? voteSection(data) : null,
    amendmentsSection(data),
    versionsSection(data));
}

function numberedText(printed) {
  const groups = [];
  for (const line of printed.lines || []) {
    if (!groups.length || line.paragraphStart) groups.push([]);
    groups[groups.length - 1].push(line);
  }
  return [el('p', { class: 'hint' }, t('linesNote', (printed.lines || []).length, printed.version))]
    .concat(groups.map((g) => el('ol', { class: 'lines', start: String(g[0].number) }, g.map((line) => el('li', null, line.text)))));
}

function actionsSection(data) {
  const { r, isSponsor, isCoSponsor, chairOfSession, chairToday } = data;
  const parts = [];
  const proposed = r.status === 'PROPOSED';
  if (proposed && (isSponsor || isCoSponsor)) parts.push(editor(data, 'amend'));
  if (proposed && !isSponsor && !isCoSponsor) {
    parts.push(editor(data, 'table'));
    parts.push(el('h3', null, t('cosponsor')), action('act-cosponsor', (run) => button(t('cosponsor'), (e) => run(async () => {
      await command('POST', `/resolutions/${encodeURIComponent(r.resolutionId)}/cosponsors`);
      return t('cosponsored');
    }, e.currentTarget), { id: 'cosponsor' })));
  }
  if (proposed && isSponsor) {
    parts.push(el('h3', null, t('withdraw')), action('act-withdraw', (run) => submitForm([
      field('withdraw-reason', t('withdrawReason'), input({ maxlength: 2000 }))], t('withdraw'), (f) => run(async () => {
      await command('POST', `/resolutions/${encodeURIComponent(r.resolutionId)}/withdrawal`, { reason: $('withdraw-reason').value.trim() || null });
      return t('withdrawn');
    }, f.querySelector('button[type=submit]')))));
  }
  const chair = chairPanel(data);
  if (chair) parts.push(chair);
  if (r.status === 'VOTING') parts.push(votePanel(data));
  return section('h-actions', t('actions'), parts.length ? parts : el('p', null, t('noActions')),
    el('p', { class: 'hint' }, chairLine(chairOfSession, data.session ? data.session.date : today()),
      presides(chairOfSession) || !presides(chairToday) ? '' : ' ' + chairLine(chairToday, today())));
}

// The editor: a draft kept across live refreshes, diffed live against the version it is based on; saving sends that
// version as If-Match, so that a change someone else made first is refused (412) and shown, never overwritten.
function draftFor(data, mode) {
  const key = data.r.resolutionId + ':' + mode;
  let draft = drafts.get(key);
  if (!draft && (expected.get(data.r.resolutionId) || 0) <= data.r.version) {
    draft = { key, mode, base: data.r.version, etag: data.etag, baseText: data.r.text, baseTitle: data.r.title,
      title: data.r.title, text: data.r.text, reason: '', conflict: null };
    drafts.set(key, draft);
  }
  return draft;
}
function editor(data, mode) {
  const { r } = data;
  const draft = draftFor(data, mode);
  const heading = el('h3', { id: 'h-editor' }, mode === 'amend' ? t('amendHeading') : t('tableHeading'));
  if (!draft) return [heading, el('p', { role: 'status' }, t('loading'))];
  const prefix = 'ed-' + mode;
  const diffBox = el('div', { class: 'diff', id: prefix + '-diff', 'aria-live': 'off' });
  const stats = el('p', { class: 'hint', id: prefix + '-stats' });
  const drawDiff = () => {
    const edits = WordDiff.diff(draft.baseText, draft.text);
    const c = WordDiff.counts(edits);
    stats.textContent = t('diffStats', c.inserted, c.deleted);
    diffBox.replaceChildren(el('p', { class: 'diff-text' }, diffNodes(edits)));
  };
  const title = input({ maxlength: 300, value: draft.title, 'data-keep': 'no', autocomplete: 'off' });
  const text = textarea({ rows: 12, value: draft.text, 'data-keep': 'no', spellcheck: 'true' });
  const reason = input({ maxlength: 2000, value: draft.reason, 'data-keep': 'no' });
  let timer = null;
  title.addEventListener('input', () => { draft.title = title.value; });
  reason.addEventListener('input', () => { draft.reason = reason.value; });
  text.addEventListener('input', () => { draft.text = text.value; clearTimeout(timer); timer = setTimeout(drawDiff, 120); });
  drawDiff();
  const newer = r.version > draft.base && !draft.conflict
    ? el('p', { class: 'warning', role: 'status', id: prefix + '-newer' }, t('newerExists', r.version)) : null;
  const region = action('act-' + mode, (run) => [
    el('p', { class: 'hint', id: prefix + '-base' }, t('basedOn', draft.base)),
    newer,
    submitForm([
      field(prefix + '-title', t('draftTitle'), title),
      field(prefix + '-text', t('draftText'), text),
      field(prefix + '-reason', t('draftReason'), reason),
      el('h4', null, t('liveDiff', draft.base)), el('p', { class: 'legend' }, el('ins', null, t('inserted')), ' ', el('del', null, t('deleted'))),
      stats, diffBox,
    ], mode === 'amend' ? t('submitAmend') : t('submitTable'), (f) => run(() => saveDraft(data, draft),
      f.querySelector('button[type=submit]')), { id: prefix + '-form' }),
    draft.conflict ? conflictPanel(draft, prefix) : null,
  ]);
  return [heading, region];
}

async function saveDraft(data, draft) {
  const id = encodeURIComponent(data.r.resolutionId);
  if (draft.text === draft.baseText && draft.title === draft.baseTitle) {
    throw Object.assign(new Error('unchanged'), { userMessage: t('unchanged') });
  }
  const body = { text: draft.text, reason: draft.reason.trim() || null };
  if (draft.title.trim() && draft.title !== draft.baseTitle) body.title = draft.title.trim();
  if (draft.mode === 'table') {
    await command('POST', `/resolutions/${id}/tabled-amendments`, body);
    drafts.delete(draft.key);
    return t('tabledDone');
  }
  try {
    const answer = await command('POST', `/resolutions/${id}/amendments`, body, { ifMatch: draft.etag });
    drafts.delete(draft.key);
    expected.set(data.r.resolutionId, answer.body.version);
    return t('amendedDone', answer.body.version);
  } catch (e) {
    if (e instanceof Refused && e.status === 412) {
      // someone else's change landed first: show theirs beside the draft, and say what to do
      const latest = await loadResolution(data.r.resolutionId).catch(() => null);
      const versions = await read('/resolutions/' + id + '/versions?size=200').catch(() => ({ items: [] }));
      if (latest) {
        const v = items(versions).find((x) => x.version === latest.r.version);
        draft.conflict = { version: latest.r.version, etag: latest.etag, text: latest.r.text, title: latest.r.title,
          author: v && v.author };
      }
      e.problem = Object.assign({}, e.problem, { code: 'VERSION_CONFLICT' });
      e.userMessage = null;
    }
    throw e;
  }
}

function conflictPanel(draft, prefix) {
  const c = draft.conflict;
  const edits = WordDiff.diff(c.text, draft.text);
  return el('section', { class: 'conflict', 'aria-labelledby': prefix + '-conflict-h', id: prefix + '-conflict' },
    el('h4', { id: prefix + '-conflict-h' }, t('conflictTitle')),
    el('p', null, t('conflictText', draft.base, c.version)),
    el('div', { class: 'side-by-side' },
      el('div', null, el('h5', null, t('yourDraft')), el('div', { class: 'plain-block', id: prefix + '-mine' }, paragraphs(draft.text))),
      el('div', null, el('h5', null, t('theirVersion', c.version, c.author ? name(c.author) : null)),
        el('div', { class: 'plain-block', id: prefix + '-theirs' }, paragraphs(c.text)))),
    el('h5', null, t('liveDiff', c.version)),
    el('p', { class: 'diff-text' }, diffNodes(edits)),
    el('p', { class: 'actions' }, button(t('rebase'), () => {
      draft.base = c.version; draft.etag = c.etag; draft.baseText = c.text; draft.baseTitle = c.title;
      if (!draft.title || draft.title === draft.baseTitle) draft.title = c.title;
      draft.conflict = null;
      notes.set('act-' + draft.mode, { kind: 'status', text: t('rebased', c.version) });
      render({ focus: false }).then(() => { const f = $(prefix + '-text'); if (f) f.focus(); });
    }, { id: prefix + '-rebase' }), button(t('discardDraft'), () => {
      drafts.delete(draft.key);
      notes.delete('act-' + draft.mode);
      render({ focus: false });
    }, { id: prefix + '-discard', class: 'secondary' })));
}

function diffNodes(edits) {
  const changed = edits.some((e) => e.op !== 'EQUAL');
  if (!changed) return t('noChange');
  return edits.map((e) => {
    if (e.op === 'INSERT') return el('ins', null, el('span', { class: 'visually-hidden' }, t('insertedSr')), e.text, el('span', { class: 'visually-hidden' }, t('endSr')));
    if (e.op === 'DELETE') return el('del', null, el('span', { class: 'visually-hidden' }, t('deletedSr')), e.text, el('span', { class: 'visually-hidden' }, t('endSr')));
    return document.createTextNode(e.text);
  });
}

// ---- the vote --------------------------------------------------------------------------------------------------------------
function currentVotes(data) {
  const version = data.votes.reduce((m, v) => Math.max(m, v.version), 0);
  return data.votes.filter((v) => v.version === version);
}
function tallyOf(data) {
  if (data.r.tally) return data.r.tally;
  const votes = currentVotes(data);
  return { yes: votes.filter((v) => v.choice === 'YES').length, no: votes.filter((v) => v.choice === 'NO').length,
    abstain: votes.filter((v) => v.choice === 'ABSTAIN').length };
}
function votePanel(data) {
  const { r } = data;
  const myVote = data.votes.find((v) => v.delegation === mine() && v.version === r.version);
  return el('div', { class: 'panel', id: 'vote-panel' },
    el('h3', null, t('castVote')),
    facts([[t('ruleFixed'), ruleText(r.rule)], [t('tallySoFar'), t('tally', tallyOf(data))],
      [t('myVote'), myVote ? word('choices', myVote.choice) : t('notYetVoted')],
      r.deadline ? [t('deadline'), formatInstant(r.deadline)] : null]),
    myVote ? el('p', { id: 'my-vote', class: 'done' }, t('votedAlready', word('choices', myVote.choice))) : action('act-vote', (run) => el('div', { class: 'actions', role: 'group', 'aria-label': t('castVote') },
      CHOICES.map((c) => button(word('choices', c), (e) => run(async () => {
        await command('POST', `/resolutions/${encodeURIComponent(r.resolutionId)}/votes`, { choice: c });
        return t('votedDone', word('choices', c));
      }, e.currentTarget), { id: 'vote-' + c.toLowerCase(), class: 'choice-' + c.toLowerCase() })))));
}
function voteSection(data) {
  const { r } = data;
  const votes = currentVotes(data);
  const tally = tallyOf(data);
  const byDelegation = Object.fromEntries(votes.map((v) => [v.delegation, v]));
  const codes = MEMBERS.concat(Object.keys(byDelegation).filter((c) => !MEMBERS.includes(c)))
    .sort((a, b) => name(a).localeCompare(name(b), locale()));
  return section('vote', t('voteHeading'),
    facts([[t('rule'), ruleText(r.rule)], [t('tallySoFar'), t('tally', tally)], [t('version'), votes.length ? t('votedOn', votes[0].version) : t('none')]]),
    el('p', null, t('votesCast', votes.length)),
    tallyBar(tally),
    el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'votes-caption' },
      el('table', { id: 'votes' }, el('caption', { id: 'votes-caption' }, t('votesCaption')),
        el('thead', null, el('tr', null, [t('delegation'), t('choice'), t('castAt')].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', null, codes.map((code) => {
          const v = byDelegation[code];
          return el('tr', null, el('th', { scope: 'row' }, name(code)),
            el('td', null, el('span', { class: 'choice choice-' + (v ? v.choice.toLowerCase() : 'none') }, word('choices', v ? v.choice : 'NONE'))),
            el('td', null, v ? formatInstant(v.castAt) : t('none')));
        })))));
}
function tallyBar(tally) {
  const total = tally.yes + tally.no + tally.abstain;
  const width = 520;
  const height = 30;
  const titleId = 'tally-title';
  const descId = 'tally-desc';
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`,
    class: 'tally', preserveAspectRatio: 'xMinYMin meet' },
  svg('title', { id: titleId }, t('tallyChart')), svg('desc', { id: descId }, t('tallyDesc', tally)));
  let x = 0;
  [['yes', 'YES'], ['no', 'NO'], ['abstain', 'ABSTAIN']].forEach(([key, choice]) => {
    const value = tally[key];
    if (!value || !total) return;
    const w = value / total * width;
    chart.appendChild(svg('rect', { x, y: 0, width: w, height, class: 'choice-' + key }));
    if (w > 70) chart.appendChild(svg('text', { x: x + 8, y: height * 0.68, class: 'on-dark' }, `${word('choices', choice)} ${value}`));
    x += w;
  });
  if (!total) chart.appendChild(svg('rect', { x: 0, y: 0, width, height, class: 'choice-none' }));
  return el('figure', null, chart, el('figcaption', null, t('tally', tally)));
}

// ---- the chair's actions on one resolution ---------------------------------------------------------------------------------
// the rule by its name in the conference's rules of procedure (their catalogue is the conference's, not the page's);
// empty: the default rule; a name the catalogue lacks is refused by the ledger (UNKNOWN_RULE), in words
function ruleSelect(id) {
  return field(id, t('ruleChoice'), input({ pattern: '[a-z]+(-[a-z]+)*', maxlength: '64', autocomplete: 'off',
    spellcheck: 'false' }), t('ruleHint'));
}
function chairPanel(data) {
  const { r, chairOfSession, chairToday, sessions } = data;
  const id = encodeURIComponent(r.resolutionId);
  const inSession = presides(chairOfSession);
  const parts = [];
  if (inSession && r.status === 'PROPOSED') {
    parts.push(action('act-open-vote', (run) => submitForm([ruleSelect('open-vote-rule')], t('openVote'), (f) => run(async () => {
      const rule = $('open-vote-rule').value;
      const answer = await command('POST', `/resolutions/${id}/voting`, rule ? { rule } : undefined);
      return t('voteOpened', (answer.body && answer.body.rule && (answer.body.rule.name || answer.body.rule)) || word('ruleNames', rule) || t('defaultRule'));
    }, f.querySelector('button[type=submit]')), { id: 'open-vote-form' })));
    const later = sessions.filter((s) => s.sessionId !== r.sessionId && (s.status === 'SCHEDULED' || s.status === 'OPEN'));
    if (later.length) {
      parts.push(action('act-transfer', (run) => submitForm([field('transfer-to', t('transferTo'),
        select(later.map((s) => [s.sessionId, t('sessionLine', s, formatDate(s.date))]), null))], t('transfer'), (f) => run(async () => {
        await command('POST', `/resolutions/${id}/transfer`, { sessionId: $('transfer-to').value });
        return t('transferred');
      }, f.querySelector('button[type=submit]')))));
    }
  }
  if (presides(chairToday) && r.status === 'PROPOSED') {
    parts.push(action('act-written', (run) => submitForm([
      field('written-deadline', t('writtenDeadline'), input({ type: 'datetime-local', required: true })), ruleSelect('written-rule')],
    t('writtenProcedure'), (f) => run(async () => {
      const local = $('written-deadline').value;
      const when = new Date(local);
      if (!local || isNaN(when)) throw new Refused(400, { code: 'VALIDATION_FAILED', errors: [{ field: t('deadline'), message: '—' }] });
      const rule = $('written-rule').value;
      await command('POST', `/resolutions/${id}/written-procedure`, Object.assign({ deadline: when.toISOString() }, rule ? { rule } : {}));
      return t('writtenStarted', formatInstant(when.toISOString()));
    }, f.querySelector('button[type=submit]')), { id: 'written-form' })));
  }
  if (inSession && r.status === 'VOTING' && r.procedure !== 'WRITTEN') {
    parts.push(action('act-adopt', (run) => button(t('adopt'), (e) => run(async () => {
      const answer = await command('POST', `/resolutions/${id}/adoption`);
      return t('adopted', answer.body && answer.body.tally ? t('tally', answer.body.tally) : '');
    }, e.currentTarget), { id: 'adopt' })));
    parts.push(action('act-reject', (run) => submitForm([field('reject-reason', t('rejectReason'), input({ maxlength: 2000 }))],
      t('reject'), (f) => run(async () => {
        await command('POST', `/resolutions/${id}/rejection`, { reason: $('reject-reason').value.trim() || null });
        return t('rejected');
      }, f.querySelector('button[type=submit]')), { id: 'reject-form' })));
  }
  if (inSession && r.status === 'ADOPTED') {
    parts.push(action('act-publish', (run) => submitForm([field('publish-reference', t('publishReference'), input({ maxlength: 200, required: true }))],
      t('publish'), (f) => run(async () => {
        await command('POST', `/resolutions/${id}/publication`, { reference: $('publish-reference').value.trim() });
        return t('published');
      }, f.querySelector('button[type=submit]')), { id: 'publish-form' })));
  }
  return parts.length ? el('div', { class: 'panel chair', id: 'chair-panel' }, el('h3', null, t('chairActions')), parts) : null;
}

// ---- tabled amendments and versions -----------------------------------------------------------------------------------------
function amendmentsSection(data) {
  const { r, amendments, isSponsor } = data;
  const id = encodeURIComponent(r.resolutionId);
  if (!amendments.length) return section('amendments', t('amendments'), el('p', null, t('noAmendments')));
  return section('amendments', t('amendments'), el('ol', { class: 'cards', id: 'amendment-list' }, amendments.map((a) => {
    const fate = a.state === 'ACCEPTED' ? t('accepted', a.acceptedVersion) : a.state === 'DECLINED' ? t('declined', a.declineReason) : t('pending');
    const aid = encodeURIComponent(a.amendmentId);
    const answer = isSponsor && a.state === 'PENDING' && r.status === 'PROPOSED' ? action('act-am-' + a.amendmentId, (run) => [
      el('div', { class: 'actions' }, button(t('accept'), (e) => run(async () => {
        const done = await command('POST', `/resolutions/${id}/tabled-amendments/${aid}/acceptance`, undefined, { ifMatch: data.etag });
        expected.set(r.resolutionId, done.body.version);
        return t('acceptedDone', done.body.version);
      }, e.currentTarget), { id: 'accept-' + a.amendmentId })),
      submitForm([field('decline-reason-' + a.amendmentId, t('declineReason'), input({ maxlength: 2000 }))], t('decline'), (f) => run(async () => {
        await command('POST', `/resolutions/${id}/tabled-amendments/${aid}/declination`,
          { reason: $('decline-reason-' + a.amendmentId).value.trim() || null });
        return t('declinedDone');
      }, f.querySelector('button[type=submit]')), { class: 'inline' }),
    ]) : null;
    const base = data.versions.find((v) => v.version === a.baseVersion);
    return el('li', { class: 'card', id: 'amendment-' + a.amendmentId },
      el('h3', null, t('amendmentOf', name(a.tabledBy))),
      el('p', { class: 'meta' }, formatInstant(a.tabledAt), ' · ', t('againstVersion', a.baseVersion), ' · ', badge(a.state), ' ', fate),
      a.reason ? el('p', null, el('strong', null, t('reason') + ': '), a.reason) : null,
      base ? el('p', { class: 'diff-text' }, diffNodes(WordDiff.diff(base.text, a.text))) : el('div', { class: 'plain-block' }, paragraphs(a.text)),
      answer);
  })));
}

function versionsSection(data) {
  const { r, versions } = data;
  const id = encodeURIComponent(r.resolutionId);
  const out = el('div', { class: 'diff', id: 'versions-diff', 'aria-live': 'polite' });
  const options = (selected) => versions.map((v) => [String(v.version), `${t('version')} ${v.version}`]);
  return section('h-versions', t('versions'),
    el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'h-versions' },
      el('table', { id: 'versions' }, el('caption', { class: 'visually-hidden' }, t('versionsCaption')),
        el('thead', null, el('tr', null, [t('versionNo'), t('date'), t('author'), t('origin'), t('reason')].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', null, versions.map((v) => el('tr', null, el('th', { scope: 'row' }, String(v.version)),
          el('td', null, formatInstant(v.createdAt)), el('td', null, v.author ? name(v.author) : t('none')),
          el('td', null, word('originNames', v.origin)), el('td', null, v.reason || t('none'))))))),
    versions.length > 1 ? submitForm([
      el('fieldset', { class: 'row' }, el('legend', null, t('compare')),
        field('diff-from', t('diffFrom'), select(options(), '1')),
        field('diff-to', t('diffTo'), select(options(), String(r.version))))], t('showDiff'), async () => {
      const from = $('diff-from').value;
      const to = $('diff-to').value;
      try {
        const diff = await read(`/resolutions/${id}/versions/${encodeURIComponent(to)}/diff?against=${encodeURIComponent(from)}`);
        out.replaceChildren(el('h3', null, t('diffTitle', from, to)), el('p', { class: 'diff-text' }, diffNodes(diff.edits || [])));
      } catch (e) {
        out.replaceChildren(el('p', { class: 'problem', role: 'alert' }, e instanceof Refused ? problemText(e) : t('loadError')));
      }
    }, { id: 'diff-form' }) : null,
    out);
}

// ---- the chair: sessions ------------------------------------------------------------------------------------------------------
async function viewChair() {
  const [sessionList, chair] = await Promise.all([read('/sessions?size=200'), chairOn(today())]);
  const sessions = items(sessionList);
  const next = sessions.reduce((m, s) => Math.max(m, s.number || 0), 0) + 1;
  return el('div', { class: 'view' },
    el('h1', { tabindex: '-1' }, t('chairTitle')),
    el('p', null, chairLine(chair, today())),
    section('h-sessions', t('sessions'), sessions.length ? el('ul', { class: 'cards', id: 'sessions' }, sessions.map((s) => el('li', { class: 'card' },
      el('h3', null, link(sessionHref(s.sessionId), t('sessionLine', s, formatDate(s.date)))),
      el('p', { class: 'meta' }, badge(s.status), ' ', word('kinds', s.kind))))) : el('p', null, t('noSessions'))),
    presides(chair) ? section('h-schedule', t('scheduleHeading'), action('act-schedule', (run) => submitForm([
      field('s-id', t('sessionId'), input({ required: true, maxlength: 64, autocomplete: 'off' })),
      field('s-number', t('sessionNumber'), input({ type: 'number', min: 1, value: String(next), required: true })),
      field('s-kind', t('sessionKind'), select(['REGULAR', 'SPECIAL'].map((k) => [k, word('kinds', k)]), 'REGULAR')),
      field('s-date', t('sessionDate'), input({ type: 'date', required: true })),
      field('s-place', t('sessionPlace'), input({ required: true, maxlength: 200 })),
    ], t('submitSchedule'), (f) => run(async () => {
      const body = { sessionId: $('s-id').value.trim(), number: Number($('s-number').value), kind: $('s-kind').value,
        date: $('s-date').value, place: $('s-place').value.trim() };
      await command('POST', '/sessions', body);
      return t('scheduled');
    }, f.querySelector('button[type=submit]')), { id: 'schedule-form' }))) : null,
    el('p', { class: 'hint' }, t('consoleHint')));
}

// ---- one session: the chair's console -------------------------------------------------------------------------------------------
async function viewSession(route) {
  const s = await read('/sessions/' + encodeURIComponent(route.id));
  const chair = await chairOn(s.date);
  const chairing = presides(chair);
  const sid = encodeURIComponent(s.sessionId);
  const agenda = s.agenda || [];
  const resolutionsOfSession = agenda.filter((i) => i.resolutionId);
  const present = new Set(((s.attendance && s.attendance.members) || []));
  const controls = [];
  if (chairing) {
    if (s.status === 'SCHEDULED' || s.status === 'POSTPONED') {
      controls.push(action('act-open-session', (run) => button(t('openSession'), (e) => run(async () => {
        await command('POST', `/sessions/${sid}/opening`); return t('sessionOpened');
      }, e.currentTarget), { id: 'open-session' })));
    }
    if (s.status === 'OPEN') {
      controls.push(action('act-close-session', (run) => button(t('closeSession'), (e) => run(async () => {
        await command('POST', `/sessions/${sid}/closing`); return t('sessionClosed');
      }, e.currentTarget), { id: 'close-session' })));
    }
    if (s.status === 'SCHEDULED' || s.status === 'POSTPONED') {
      controls.push(action('act-postpone', (run) => submitForm([field('postpone-date', t('postponeDate'), input({ type: 'date', required: true })),
        field('postpone-reason', t('reason'), input({ maxlength: 2000, required: true }))], t('postpone'), (f) => run(async () => {
        await command('POST', `/sessions/${sid}/postponement`, { date: $('postpone-date').value, reason: $('postpone-reason').value.trim() });
        return t('postponed');
      }, f.querySelector('button[type=submit]')), { class: 'inline' })));
      controls.push(action('act-cancel', (run) => submitForm([field('cancel-reason', t('reason'), input({ maxlength: 2000, required: true }))],
        t('cancel'), (f) => run(async () => {
          await command('POST', `/sessions/${sid}/cancellation`, { reason: $('cancel-reason').value.trim() });
          return t('cancelled');
        }, f.querySelector('button[type=submit]')), { class: 'inline' })));
    }
  }
  return el('div', { class: 'view' },
    el('h1', { tabindex: '-1' }, t('consoleTitle', s)),
    facts([[t('date'), el('time', { datetime: s.date }, formatDate(s.date))], [t('place'), s.place],
      [t('kind'), word('kinds', s.kind)], [t('status'), badge(s.status)]]),
    el('p', { class: 'hint' }, chairLine(chair, s.date), ' ', t('consoleHint')),
    controls.length ? el('div', { class: 'panel chair', id: 'session-controls' }, controls) : null,
    section('h-agenda', t('agenda'), agenda.length ? el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'h-agenda' },
      el('table', { id: 'agenda' }, el('caption', { class: 'visually-hidden' }, t('agenda')),
        el('thead', null, el('tr', null, [t('itemNo'), t('item'), t('sponsor'), t('status'), t('result'), chairing ? t('itemActions') : null]
          .filter(Boolean).map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', null, agenda.map((item, i) => {
          const status = item.status || item.outcome;
          return el('tr', null, el('th', { scope: 'row' }, String(item.number || i + 1)),
            el('td', null, item.resolutionId ? link(resolutionHref(item.resolutionId), item.title) : item.title),
            el('td', null, item.sponsor ? name(item.sponsor) : (item.presenter || t('none'))),
            el('td', null, status ? badge(status) : t('none')),
            el('td', null, item.tally ? t('tally', item.tally) : t('none')),
            chairing ? el('td', null, item.resolutionId ? agendaActions(item, s) : null) : null);
        })))) : el('p', null, t('emptyAgenda'))),
    chairing ? section('h-add-item', t('addItem'), action('act-add-item', (run) => submitForm([
      field('item-kind', t('itemKind'), select(['RESOLUTION', 'REPORT', 'OTHER'].map((k) => [k, word('itemKinds', k)]), 'REPORT')),
      field('item-title', t('itemTitle'), input({ maxlength: 300, required: true, autocomplete: 'off' })),
      field('item-resolution', t('itemResolution'), select([['', t('none')]].concat(resolutionsOfSession.map((i) => [i.resolutionId, i.title])), '')),
      field('item-presenter', t('itemPresenter'), input({ maxlength: 200 })),
    ], t('addItem'), (f) => run(async () => {
      const body = { kind: $('item-kind').value, title: $('item-title').value.trim() };
      if ($('item-resolution').value) body.resolutionId = $('item-resolution').value;
      if ($('item-presenter').value.trim()) body.presenter = $('item-presenter').value.trim();
      const answer = await command('POST', `/sessions/${sid}/agenda-items`, body);
      return t('itemAdded', answer.body.number);
    }, f.querySelector('button[type=submit]')), { id: 'add-item-form' }))) : null,
    section('h-attendance', t('attendance'), el('p', null, t('membersPresent', present.size)),
      el('ul', { class: 'attendance', id: 'attendance' }, MEMBERS.slice().sort((a, b) => name(a).localeCompare(name(b), locale())).map((m) => {
        const here = present.has(m);
        return el('li', null, el('span', { class: 'who' }, name(m), ': ', el('strong', null, here ? t('present') : t('absent'))),
          chairing ? action('act-att-' + m, (run) => el('div', { class: 'actions', role: 'group', 'aria-label': t('attendanceOf', name(m)) },
            [true, false].map((p) => button(p ? t('markPresent') : t('markAbsent'), (e) => run(async () => {
              await command('POST', `/sessions/${sid}/attendance`, { delegation: m, present: p });
              return t('attendanceSaved', name(m), p);
            }, e.currentTarget), { 'aria-pressed': String(here === p), id: `att-${m}-${p ? 'present' : 'absent'}`, class: 'small' })))) : null);
      })),
      ((s.attendance && s.attendance.guests) || []).length ? [el('h3', null, t('guests')),
        el('ul', null, s.attendance.guests.map((g) => el('li', null, g.name ? `${g.name} (${g.guest})` : g.guest)))] : null,
      chairing ? action('act-guest', (run) => submitForm([field('guest-code', t('guestCode'), input({ required: true, maxlength: 40, autocomplete: 'off' })),
        field('guest-name', t('guestName'), input({ maxlength: 200 }))], t('recordGuest'), (f) => run(async () => {
        await command('POST', `/sessions/${sid}/attendance`, { guest: $('guest-code').value.trim().toUpperCase(),
          name: $('guest-name').value.trim() || null, present: true });
        return t('done');
      }, f.querySelector('button[type=submit]')), { class: 'inline' })) : null),
    s.outcomes && Object.keys(s.outcomes).length ? section('h-outcomes', t('outcomes'),
      el('ul', null, Object.entries(s.outcomes).map(([k, n]) => el('li', null, `${word('states', k)}: ${n}`)))) : null);
}

function agendaActions(item, s) {
  const id = encodeURIComponent(item.resolutionId);
  const key = item.resolutionId;
  if (item.status === 'PROPOSED' && s.status === 'OPEN') {
    return action('act-ag-vote-' + key, (run) => button(t('openVote'), (e) => run(async () => {
      await command('POST', `/resolutions/${id}/voting`); return t('voteOpened', t('defaultRule'));
    }, e.currentTarget), { id: 'ag-open-vote-' + key, class: 'small' }));
  }
  if (item.status === 'VOTING') {
    return action('act-ag-adopt-' + key, (run) => el('div', { class: 'actions' },
      button(t('adopt'), (e) => run(async () => {
        const answer = await command('POST', `/resolutions/${id}/adoption`);
        return t('adopted', answer.body && answer.body.tally ? t('tally', answer.body.tally) : '');
      }, e.currentTarget), { id: 'ag-adopt-' + key, class: 'small' }),
      button(t('reject'), (e) => run(async () => {
        await command('POST', `/resolutions/${id}/rejection`, { reason: null }); return t('rejected');
      }, e.currentTarget), { id: 'ag-reject-' + key, class: 'small secondary' })));
  }
  if (item.status === 'ADOPTED') return link(resolutionHref(item.resolutionId) + '#h-actions', t('publish'));
  return link(resolutionHref(item.resolutionId), t('openResolution'));
}

// ---- live: the query side's stream through the BFF ----------------------------------------------------------------------------
function renderConnection() {
  $('connection').dataset.state = connection;
  $('connection').textContent = signedIn() ? t(connection) : '';
}
let source = null;
function connectStream() {
  if (source || !signedIn() || typeof EventSource === 'undefined') return;
  // EventSource reconnects by itself and sends Last-Event-ID; the session cookie goes along (same origin)
  source = new EventSource('/bff/query/stream');
  source.onopen = () => { const was = connection; connection = 'live'; renderConnection(); if (was === 'offline') scheduleRefresh(); };
  source.onerror = () => {
    connection = 'offline';
    renderConnection();
    // EventSource gives up on an HTTP error (a 503 with Retry-After, a restart of the BFF): start anew, later
    if (source.readyState === EventSource.CLOSED) {
      source = null;
      setTimeout(connectStream, 3000);
    }
  };
  ['resolution', 'session', 'chair', 'reset', 'overflow'].forEach((kind) => source.addEventListener(kind, (event) => {
    if (kind === 'chair') chairCache.clear();
    let change = {};
    try { change = JSON.parse(event.data); } catch (e) { /* a marker */ }
    if (concerns(kind, change)) refreshAfterChange();
  }));
}
function concerns(kind, change) {
  const route = current.route || {};
  if (kind === 'reset' || kind === 'overflow' || kind === 'chair') return true;
  if (route.view === 'resolution') return kind === 'resolution' ? change.id === route.id : kind === 'session';
  if (route.view === 'session') return kind === 'session' || kind === 'resolution';
  return route.view === 'mine' || route.view === 'chair' || route.view === 'propose';
}

// ---- static texts, language, start -------------------------------------------------------------------------------------------------
function applyTexts() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
  document.querySelectorAll('[data-i18n-label]').forEach((node) => { node.setAttribute('aria-label', t(node.dataset.i18nLabel)); });
  $('lang-de').setAttribute('aria-pressed', String(lang === 'de'));
  $('lang-en').setAttribute('aria-pressed', String(lang === 'en'));
  renderAccount();
  renderConnection();
}
function setLanguage(next) {
  lang = next;
  localStorage.setItem('ledger.lang', lang);
  const search = new URLSearchParams(location.search);
  if (search.has('lang')) { search.set('lang', lang); history.replaceState(null, '', location.pathname + '?' + search.toString() + location.hash); }
  applyTexts();
  render({ focus: false });
}
async function loadConference() {
  try {
    const response = await fetch('/bff/query/conference', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (response.ok) {
      const conference = await response.json();
      if (conference && Array.isArray(conference.members)) MEMBERS = conference.members.filter((m) => typeof m === 'string');
    }
  } catch (e) { /* no conference yet, or the query side is away: no members to offer; the ledger still judges */ }
}
async function loadConfig() {
  const meta = document.querySelector('meta[name="ledger-dashboard"]');
  dashboardUrl = (meta && meta.content) || `${location.protocol}//${location.hostname}:8082/`;
  try {
    const response = await fetch('/bff/config', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (response.ok) {
      const config = await response.json();
      if (config && typeof config.dashboardUrl === 'string' && /^(https?:\/\/|\/)/.test(config.dashboardUrl)) dashboardUrl = config.dashboardUrl;
    }
  } catch (e) { /* no config endpoint: the default stands */ }
  $('dashboard-link').href = dashboardUrl;
}

document.addEventListener('DOMContentLoaded', async () => {
  $('lang-de').addEventListener('click', () => setLanguage('de'));
  $('lang-en').addEventListener('click', () => setLanguage('en'));
  $('sign-out').addEventListener('click', signOut);
  $('skip').addEventListener('click', (event) => { event.preventDefault(); $('main').focus(); });
  document.addEventListener('click', interceptLinks);
  window.addEventListener('popstate', () => render({ focus: true }));
  applyTexts();
  await Promise.all([loadConfig(), loadMe(), loadConference()]);
  applyTexts();
  await render({ focus: false });
  connectStream();
});
