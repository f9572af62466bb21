// Resolution Ledger dashboard: reads the public query API and follows /api/stream. Every stored text is put into the
// page with textContent, never as HTML, so that a title such as <script> is shown, not run.
'use strict';

const TEXT = {
  de: {
    skip: 'Zum Inhalt springen', title: 'Beschlüsse der Konferenz', byStatus: 'Beschlüsse nach Stand',
    byStatusCaption: 'Anzahl der Beschlüsse je Stand', status: 'Stand', count: 'Anzahl',
    agenda: 'Tagesordnung der aktuellen Sitzung', agendaCaption: 'Beschlüsse der Sitzung mit Abstimmungsergebnis',
    resolution: 'Beschluss', sponsor: 'Einbringer', tally: 'Ja / Nein / Enthaltung', sessions: 'Sitzungen',
    chair: 'Vorsitz im Zeitverlauf', figures: 'Kennzahlen', byTopic: 'Nach Thema', topic: 'Thema',
    byDelegation: 'Nach Delegation', delegation: 'Delegation', sponsored: 'eingebracht', coSponsored: 'mitgetragen',
    feed: 'Laufende Änderungen', footer: 'Öffentliche Sicht: veröffentlichte Beschlüsse, Sitzungen, Vorsitz und Kennzahlen.',
    live: 'Live verbunden', connecting: 'Verbinde …', offline: 'Verbindung unterbrochen, neuer Versuch …',
    noSession: 'Keine Sitzung vorhanden.', session: (s) => `${s.number}. Sitzung (${kind('de', s.kind)}), ${s.date}, ${s.place} – ${state('de', s.status)}`,
    chairTerm: (h) => `${h.year}: ${h.to.join(' und ')} (ab ${h.effectiveFrom})`, none: '–',
    states: { PROPOSED: 'eingebracht', WITHDRAWN: 'zurückgezogen', VOTING: 'in Abstimmung', ADOPTED: 'beschlossen',
      REJECTED: 'abgelehnt', PUBLISHED: 'veröffentlicht', SCHEDULED: 'geplant', OPEN: 'eröffnet', CLOSED: 'geschlossen' },
    kinds: { REGULAR: 'regulär', SPECIAL: 'Sondersitzung' },
  },
  en: {
    skip: 'Skip to content', title: 'Resolutions of the conference', byStatus: 'Resolutions by state',
    byStatusCaption: 'Number of resolutions per state', status: 'State', count: 'Count',
    agenda: 'Agenda of the current session', agendaCaption: 'Resolutions of the session with their tally',
    resolution: 'Resolution', sponsor: 'Sponsor', tally: 'Yes / No / Abstain', sessions: 'Sessions',
    chair: 'Chair over time', figures: 'Figures', byTopic: 'By topic', topic: 'Topic',
    byDelegation: 'By delegation', delegation: 'Delegation', sponsored: 'sponsored', coSponsored: 'co-sponsored',
    feed: 'Live changes', footer: 'Public view: published resolutions, sessions, the chair and figures.',
    live: 'Live', connecting: 'Connecting …', offline: 'Connection lost, retrying …',
    noSession: 'No session yet.', session: (s) => `Session ${s.number} (${kind('en', s.kind)}), ${s.date}, ${s.place} – ${state('en', s.status)}`,
    chairTerm: (h) => `${h.year}: ${h.to.join(' and ')} (from ${h.effectiveFrom})`, none: '–',
    states: { PROPOSED: 'proposed', WITHDRAWN: 'withdrawn', VOTING: 'voting', ADOPTED: 'adopted',
      REJECTED: 'rejected', PUBLISHED: 'published', SCHEDULED: 'scheduled', OPEN: 'open', CLOSED: 'closed' },
    kinds: { REGULAR: 'regular', SPECIAL: 'special' },
  },
};
const STATUSES = ['PROPOSED', 'VOTING', 'ADOPTED', 'PUBLISHED', 'REJECTED', 'WITHDRAWN'];
let lang = pickLanguage();
let data = { stats: null, sessions: [], current: null, handovers: [] };
let connection = 'connecting';

function pickLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'de' || asked === 'en') return asked;
  return (navigator.language || 'de').toLowerCase().startsWith('de') ? 'de' : 'en';
}
function state(l, s) { return TEXT[l].states[s] || s; }
function kind(l, k) { return TEXT[l].kinds[k] || k; }
function t(key) { return TEXT[lang][key]; }

function el(tag, text) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}
function row(cells, header) {
  const tr = el('tr');
  cells.forEach((c, i) => {
    const cell = el(i === 0 && header ? 'th' : 'td', c);
    if (i === 0 && header) cell.scope = 'row';
    tr.appendChild(cell);
  });
  return tr;
}
function fill(tbody, rows) { tbody.replaceChildren(...rows); }
function items(body) { return Array.isArray(body) ? body : (body && body.items) || []; }

async function get(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(path + ': ' + response.status);
  return response.json();
}

async function load() {
  const [stats, sessions, handovers] = await Promise.all([
    get('/api/stats'), get('/api/sessions?size=50'), get('/api/chair/handovers')]);
  data.stats = stats;
  data.sessions = items(sessions);
  data.handovers = items(handovers);
  const current = data.sessions.find((s) => s.status === 'OPEN') || data.sessions[0];
  data.current = current ? await get('/api/sessions/' + encodeURIComponent(current.sessionId)) : null;
  render();
}

function render() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
  document.getElementById('lang-de').setAttribute('aria-pressed', String(lang === 'de'));
  document.getElementById('lang-en').setAttribute('aria-pressed', String(lang === 'en'));
  const status = document.getElementById('connection');
  status.dataset.state = connection;
  status.textContent = t(connection);

  const byStatus = (data.stats && data.stats.byStatus) || {};
  fill(document.querySelector('#status-table tbody'),
    STATUSES.map((s) => row([state(lang, s), byStatus[s] || 0], true)));

  const info = document.getElementById('session-info');
  const agenda = document.querySelector('#agenda-table tbody');
  if (data.current) {
    info.textContent = TEXT[lang].session(data.current);
    fill(agenda, (data.current.agenda || []).map((item) => row([item.title, item.sponsor, state(lang, item.status),
      item.tally ? `${item.tally.yes} / ${item.tally.no} / ${item.tally.abstain}` : t('none')], true)));
  } else {
    info.textContent = t('noSession');
    fill(agenda, []);
  }

  document.getElementById('sessions-list').replaceChildren(
    ...data.sessions.map((s) => el('li', TEXT[lang].session(s))));
  document.getElementById('chair-timeline').replaceChildren(
    ...data.handovers.map((h) => el('li', TEXT[lang].chairTerm(h))));

  const byTopic = (data.stats && data.stats.byTopic) || {};
  fill(document.querySelector('#topic-table tbody'),
    Object.keys(byTopic).sort().map((topic) => row([topic, byTopic[topic]], true)));
  const byDelegation = (data.stats && data.stats.byDelegation) || {};
  fill(document.querySelector('#delegation-table tbody'), Object.keys(byDelegation).sort().map((d) =>
    row([d, byDelegation[d].sponsored || 0, byDelegation[d].coSponsored || 0], true)));
}

let reloadTimer = null;
function scheduleReload() {
  // a burst of changes (16 votes) becomes one reload of the figures
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => load().catch(() => {}), 150);
}

function follow() {
  const source = new EventSource('/api/stream');
  source.onopen = () => { connection = 'live'; render(); };
  source.onerror = () => { connection = 'offline'; render(); };
  const onChange = (event) => {
    let change = {};
    try { change = JSON.parse(event.data); } catch (e) { /* a heartbeat or a marker */ }
    const feed = document.getElementById('feed');
    const line = [new Date().toLocaleTimeString(lang), event.type, change.event || '', change.id || '',
      change.status ? state(lang, change.status) : ''].filter(Boolean).join(' · ');
    feed.prepend(el('li', line));
    while (feed.children.length > 50) feed.lastChild.remove();
    scheduleReload();
  };
  ['resolution', 'session', 'chair', 'stats', 'reset'].forEach((kindName) => source.addEventListener(kindName, onChange));
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('lang-de').addEventListener('click', () => { lang = 'de'; render(); });
  document.getElementById('lang-en').addEventListener('click', () => { lang = 'en'; render(); });
  render();
  load().catch(() => { connection = 'offline'; render(); });
  follow();
});
