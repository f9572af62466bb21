// Resolution Ledger dashboard: a few pages over the public query API (hash routes, so every page has a shareable
// address and the app serves one static page), updated live from /api/stream.
// Rules this file keeps: stored text reaches the page only through textContent and attribute values, never as
// HTML (a title such as <script> is shown, not run); no inline styles or scripts and no request to another origin,
// so that a Content-Security-Policy of default-src 'self' holds; charts are SVG with title, desc and a table beside.
'use strict';

// ---- texts -----------------------------------------------------------------------------------------------------
const TEXT = {
  de: {
    skip: 'Zum Inhalt springen', title: 'Beschlüsse der Konferenz', mainNav: 'Hauptnavigation',
    navOverview: 'Übersicht', navList: 'Beschlüsse', latest: 'Neueste Beschlüsse',
    allResolutions: 'Alle Beschlüsse, Suche und Filter', byStatus: 'Beschlüsse nach Stand',
    byStatusCaption: 'Anzahl der Beschlüsse je Stand', status: 'Stand', count: 'Anzahl', sessions: 'Sitzungen',
    chair: 'Vorsitz im Zeitverlauf', chairCaption: 'Wer den Vorsitz wann innehatte (Zeitleiste; darunter als Liste)',
    figures: 'Kennzahlen', byTopic: 'Nach Thema', topic: 'Thema', byDelegation: 'Nach Delegation',
    delegation: 'Delegation', sponsored: 'eingebracht', coSponsored: 'mitgetragen',
    overTime: 'Beschlüsse je Sitzung nach Stand', feed: 'Laufende Änderungen',
    statesOverTime: 'Beschlüsse nach Stand im Zeitverlauf', day: 'Tag',
    statesDesc: (s) => `Stand am Ende jedes Tages mit einer Änderung: ${s}.`,
    footer: 'Öffentliche Sicht: veröffentlichte Beschlüsse, Sitzungen, Vorsitz und Kennzahlen.',
    atom: 'Atom-Feed der veröffentlichten Beschlüsse',
    live: 'Live verbunden', connecting: 'Verbinde …', offline: 'Verbindung unterbrochen, neuer Versuch …',
    searchLabel: 'Beschlüsse durchsuchen', searchField: 'Suche in Titel und Text', session: 'Sitzung',
    search: 'Suchen', resetFilters: 'Filter zurücksetzen', any: 'alle', pages: 'Seiten',
    previous: 'Vorherige Seite', next: 'Nächste Seite', pageOf: (p, n) => `Seite ${p} von ${n}`,
    found: (n) => n === 1 ? '1 Beschluss gefunden' : `${n} Beschlüsse gefunden`,
    noneFound: 'Keine Beschlüsse gefunden.', backToList: 'Zurück zur Liste', backToOverview: 'Zurück zur Übersicht',
    text: 'Text', vote: 'Abstimmung', tallyCaption: 'Ergebnis: Ja, Nein, Enthaltung',
    linesNote: (n, v) => `Fassung ${v}, ${n} Zeilen, nummeriert wie im PDF und im zeilengenauen Vergleich.`,
    translationNote: (l, o) => `Übersetzung (${l}); maßgeblich ist die Originalfassung (${o}).`,
    showLanguage: (l) => `Text auf ${l} zeigen`, textLanguages: 'Sprache des Textes',
    languageNames: { de: 'Deutsch', en: 'Englisch', fr: 'Französisch' },
    mapCaption: 'Stimmen der Länder (Karte; die Tabelle darunter enthält dieselben Angaben)',
    votesCaption: 'Stimme je Delegation', choice: 'Stimme', castAt: 'abgegeben', versions: 'Fassungen',
    versionsCaption: 'Alle Fassungen des Textes', versionNo: 'Fassung', date: 'Datum', author: 'von',
    origin: 'Art', reason: 'Begründung', compare: 'Fassungen vergleichen', diffFrom: 'ältere Fassung',
    diffTo: 'neuere Fassung', showDiff: 'Unterschiede zeigen', inserted: 'eingefügt', deleted: 'gestrichen',
    insertedSr: 'eingefügt: ', deletedSr: 'gestrichen: ', endSr: ' (Ende)', noChange: 'Die Fassungen sind gleich.',
    diffTitle: (a, b) => `Änderungen von Fassung ${a} zu Fassung ${b}`,
    amendments: 'Änderungsanträge', noAmendments: 'Keine Änderungsanträge.',
    amendmentsCaption: 'Änderungsanträge anderer Delegationen und was aus ihnen wurde', tabledBy: 'gestellt von',
    proposedText: 'beantragter Text', fate: 'Ergebnis', moreInfo: 'Weitere Angaben',
    documents: 'Dokumente und Nachweis', proof: 'Nachweis (Einschlussbeweis im Ledger, JSON)',
    akn: 'Akoma Ntoso (XML)', pdf: 'Beschlüsse der Sitzung (PDF)', agenda: 'Tagesordnung',
    emptyAgenda: 'Noch keine Punkte auf der Tagesordnung.', agendaCaption: 'Tagesordnung der Sitzung mit Ergebnis',
    itemNo: 'TOP', resolution: 'Beschluss', sponsor: 'Einbringer', result: 'Ergebnis', outcomes: 'Ergebnisse',
    decisionsPdf: 'Beschlüsse der Sitzung als PDF', attendance: 'Anwesenheit', notFound: 'Nicht gefunden',
    notFoundText: 'Diese Seite gibt es nicht, oder sie ist nicht öffentlich.', signin: 'Anmeldung für Mitglieder',
    tokenLabel: 'Zugangstoken (JWT) Ihrer Delegation', signinButton: 'Anmelden', signoutButton: 'Abmelden',
    signedIn: 'Angemeldet: Sie sehen auch Entwürfe Ihrer Konferenz.', signedOut: 'Nicht angemeldet (öffentliche Sicht).',
    badToken: 'Das Token wurde nicht angenommen (ungültig oder abgelaufen); öffentliche Sicht.',
    loadError: 'Die Daten konnten nicht geladen werden; neuer Versuch bei der nächsten Änderung.',
    noSession: 'Keine Sitzung vorhanden.', none: '–', coSponsors: 'Miteinbringer', topics: 'Themen',
    number: 'Nummer', numberOf: (n, s) => `Nr. ${n} der ${s}. Sitzung`, sessionName: (s) => `${s.number}. Sitzung`,
    sessionLine: (s, d) => `${s.number}. Sitzung (${word('kinds', s.kind)}), ${d}, ${s.place} – ${word('states', s.status)}`,
    chairTerm: (h, d) => `${h.year}: ${names(h.to).join(' und ')} (ab ${d})`, place: 'Ort',
    chairOnDay: 'Vorsitz', version: 'Fassung', reference: 'Veröffentlichung', rule: 'Abstimmungsregel',
    procedure: 'Verfahren', deadline: 'Frist', addressees: 'Adressaten', partners: 'gemeinsam mit',
    mandates: 'Aufträge', task: 'Auftrag', owner: 'zuständig', due: 'fällig bis',
    tally: (t) => `${t.yes} Ja, ${t.no} Nein, ${t.abstain} Enthaltung${t.abstain === 1 ? '' : 'en'}`,
    noVote: 'Noch keine Abstimmung.', notVoted: 'keine Stimme', votedOn: (v) => `Abgestimmt über Fassung ${v}.`,
    voteOf: (d, c) => `${d}: ${c}`, members: 'Mitglieder', guests: 'Gäste', present: 'anwesend', absent: 'abwesend',
    tallyDesc: (t) => `${t.yes} Ja-Stimmen, ${t.no} Nein-Stimmen, ${t.abstain} Enthaltungen.`,
    mapTitle: 'Stimmen der Länder', mapDesc: (s) => `Stimme je Land: ${s}.`, chartDesc: (s) => `Werte: ${s}.`,
    chairTitle: 'Vorsitz im Zeitverlauf', chairDesc: (s) => `Vorsitz: ${s}.`, from: 'ab', until: 'bis',
    accepted: (v) => `angenommen (wurde Fassung ${v})`, declined: (r) => `abgelehnt${r ? ': ' + r : ''}`,
    pending: 'offen', originNames: { PROPOSED: 'Antrag', AMENDED: 'Änderung durch Einbringer',
      TABLED_AMENDMENT: 'angenommener Änderungsantrag' },
    ruleText: (r) => ruleText('de', r),
    states: { PROPOSED: 'eingebracht', WITHDRAWN: 'zurückgezogen', VOTING: 'in Abstimmung', ADOPTED: 'beschlossen',
      REJECTED: 'abgelehnt', PUBLISHED: 'veröffentlicht', SCHEDULED: 'geplant', OPEN: 'eröffnet',
      CLOSED: 'geschlossen', POSTPONED: 'verschoben', CANCELLED: 'abgesagt', DONE: 'erledigt',
      IN_PROGRESS: 'in Arbeit' },
    kinds: { REGULAR: 'regulär', SPECIAL: 'Sondersitzung', INFORMAL: 'informell', SESSION: 'in der Sitzung',
      WRITTEN: 'Umlaufverfahren' },
    mandateStates: { OPEN: 'offen', IN_PROGRESS: 'in Arbeit', DONE: 'erledigt' },
    deciders: { CHAIR: 'der Vorsitz', DEADLINE: 'Fristablauf (durch das Register)',
      EARLY_CONCLUSION: 'vorzeitig, da das Ergebnis feststand (durch das Register)' },
    decidedBy: 'entschieden durch', overdue: 'überfällig', note: 'Stand',
    choices: { YES: 'Ja', NO: 'Nein', ABSTAIN: 'Enthaltung', NONE: 'keine Stimme' },
  },
  en: {
    skip: 'Skip to content', title: 'Resolutions of the conference', mainNav: 'Main navigation',
    navOverview: 'Overview', navList: 'Resolutions', latest: 'Latest resolutions',
    allResolutions: 'All resolutions, search and filters', byStatus: 'Resolutions by state',
    byStatusCaption: 'Number of resolutions per state', status: 'State', count: 'Count', sessions: 'Sessions',
    chair: 'Chair over time', chairCaption: 'Who held the chair when (timeline; the same as a list below)',
    figures: 'Figures', byTopic: 'By topic', topic: 'Topic', byDelegation: 'By delegation',
    delegation: 'Delegation', sponsored: 'sponsored', coSponsored: 'co-sponsored',
    overTime: 'Resolutions per session by state', feed: 'Live changes',
    statesOverTime: 'Resolutions by state over time', day: 'Day',
    statesDesc: (s) => `State at the end of each day with a change: ${s}.`,
    footer: 'Public view: published resolutions, sessions, the chair and figures.',
    atom: 'Atom feed of the published resolutions',
    live: 'Live', connecting: 'Connecting …', offline: 'Connection lost, retrying …',
    searchLabel: 'Search the resolutions', searchField: 'Search title and text', session: 'Session',
    search: 'Search', resetFilters: 'Reset filters', any: 'all', pages: 'Pages',
    previous: 'Previous page', next: 'Next page', pageOf: (p, n) => `Page ${p} of ${n}`,
    found: (n) => n === 1 ? '1 resolution found' : `${n} resolutions found`,
    noneFound: 'No resolutions found.', backToList: 'Back to the list', backToOverview: 'Back to the overview',
    text: 'Text', vote: 'Vote', tallyCaption: 'Result: yes, no, abstain',
    linesNote: (n, v) => `Version ${v}, ${n} lines, numbered as in the PDF and the line-by-line comparison.`,
    translationNote: (l, o) => `Translation (${l}); the original (${o}) is authoritative.`,
    showLanguage: (l) => `Show the text in ${l}`, textLanguages: 'Language of the text',
    languageNames: { de: 'German', en: 'English', fr: 'French' },
    mapCaption: 'Votes of the Länder (map; the table below holds the same facts)',
    votesCaption: 'Vote per delegation', choice: 'Vote', castAt: 'cast', versions: 'Versions',
    versionsCaption: 'Every version of the text', versionNo: 'Version', date: 'Date', author: 'by',
    origin: 'Kind', reason: 'Reason', compare: 'Compare versions', diffFrom: 'older version',
    diffTo: 'newer version', showDiff: 'Show differences', inserted: 'inserted', deleted: 'deleted',
    insertedSr: 'inserted: ', deletedSr: 'deleted: ', endSr: ' (end)', noChange: 'The versions are the same.',
    diffTitle: (a, b) => `Changes from version ${a} to version ${b}`,
    amendments: 'Tabled amendments', noAmendments: 'No tabled amendments.',
    amendmentsCaption: 'Amendments tabled by other delegations and their fate', tabledBy: 'tabled by',
    proposedText: 'proposed text', fate: 'Fate', moreInfo: 'More',
    documents: 'Documents and proof', proof: 'Proof (inclusion in the ledger, JSON)',
    akn: 'Akoma Ntoso (XML)', pdf: 'Decisions of the session (PDF)', agenda: 'Agenda',
    emptyAgenda: 'Nothing on the agenda yet.', agendaCaption: 'Agenda of the session with outcomes',
    itemNo: 'Item', resolution: 'Resolution', sponsor: 'Sponsor', result: 'Result', outcomes: 'Outcomes',
    decisionsPdf: 'Decisions of the session as PDF', attendance: 'Attendance', notFound: 'Not found',
    notFoundText: 'This page does not exist, or it is not public.', signin: 'Sign in (members)',
    tokenLabel: 'Access token (JWT) of your delegation', signinButton: 'Sign in', signoutButton: 'Sign out',
    signedIn: 'Signed in: you also see your conference\'s drafts.', signedOut: 'Not signed in (public view).',
    badToken: 'The token was not accepted (invalid or expired); public view.',
    loadError: 'The data could not be loaded; retrying on the next change.',
    noSession: 'No session yet.', none: '–', coSponsors: 'Co-sponsors', topics: 'Topics',
    number: 'Number', numberOf: (n, s) => `No. ${n} of session ${s}`, sessionName: (s) => `Session ${s.number}`,
    sessionLine: (s, d) => `Session ${s.number} (${word('kinds', s.kind)}), ${d}, ${s.place} – ${word('states', s.status)}`,
    chairTerm: (h, d) => `${h.year}: ${names(h.to).join(' and ')} (from ${d})`, place: 'Place',
    chairOnDay: 'Chair', version: 'Version', reference: 'Publication', rule: 'Voting rule',
    procedure: 'Procedure', deadline: 'Deadline', addressees: 'Addressed to', partners: 'Jointly with',
    mandates: 'Mandates', task: 'Task', owner: 'Owner', due: 'Due',
    tally: (t) => `${t.yes} yes, ${t.no} no, ${t.abstain} abstention${t.abstain === 1 ? '' : 's'}`,
    noVote: 'Not voted yet.', notVoted: 'no vote', votedOn: (v) => `Voted on version ${v}.`,
    voteOf: (d, c) => `${d}: ${c}`, members: 'Members', guests: 'Guests', present: 'present', absent: 'absent',
    tallyDesc: (t) => `${t.yes} yes votes, ${t.no} no votes, ${t.abstain} abstentions.`,
    mapTitle: 'Votes of the Länder', mapDesc: (s) => `Vote per Land: ${s}.`, chartDesc: (s) => `Values: ${s}.`,
    chairTitle: 'Chair over time', chairDesc: (s) => `Chair: ${s}.`, from: 'from', until: 'until',
    accepted: (v) => `accepted (became version ${v})`, declined: (r) => `declined${r ? ': ' + r : ''}`,
    pending: 'pending', originNames: { PROPOSED: 'proposal', AMENDED: 'amended by a sponsor',
      TABLED_AMENDMENT: 'tabled amendment accepted' },
    ruleText: (r) => ruleText('en', r),
    states: { PROPOSED: 'proposed', WITHDRAWN: 'withdrawn', VOTING: 'voting', ADOPTED: 'adopted',
      REJECTED: 'rejected', PUBLISHED: 'published', SCHEDULED: 'scheduled', OPEN: 'open', CLOSED: 'closed',
      POSTPONED: 'postponed', CANCELLED: 'cancelled', DONE: 'done', IN_PROGRESS: 'in progress' },
    kinds: { REGULAR: 'regular', SPECIAL: 'special', INFORMAL: 'informal', SESSION: 'in session',
      WRITTEN: 'written procedure' },
    mandateStates: { OPEN: 'open', IN_PROGRESS: 'in progress', DONE: 'done' },
    deciders: { CHAIR: 'the chair', DEADLINE: 'its deadline (by the ledger)',
      EARLY_CONCLUSION: 'early, once the outcome was certain (by the ledger)' },
    decidedBy: 'Decided by', overdue: 'overdue', note: 'Latest report',
    choices: { YES: 'Yes', NO: 'No', ABSTAIN: 'Abstain', NONE: 'no vote' },
  },
};

// ISO 3166-2 names of the German Länder; any other member code is shown as it is.
const LAND_NAMES = {
  de: { 'DE-BW': 'Baden-Württemberg', 'DE-BY': 'Bayern', 'DE-BE': 'Berlin', 'DE-BB': 'Brandenburg',
    'DE-HB': 'Bremen', 'DE-HH': 'Hamburg', 'DE-HE': 'Hessen', 'DE-MV': 'Mecklenburg-Vorpommern',
    'DE-NI': 'Niedersachsen', 'DE-NW': 'Nordrhein-Westfalen', 'DE-RP': 'Rheinland-Pfalz', 'DE-SL': 'Saarland',
    'DE-SN': 'Sachsen', 'DE-ST': 'Sachsen-Anhalt', 'DE-SH': 'Schleswig-Holstein', 'DE-TH': 'Thüringen' },
  en: { 'DE-BW': 'Baden-Württemberg', 'DE-BY': 'Bavaria', 'DE-BE': 'Berlin', 'DE-BB': 'Brandenburg',
    'DE-HB': 'Bremen', 'DE-HH': 'Hamburg', 'DE-HE': 'Hesse', 'DE-MV': 'Mecklenburg-Western Pomerania',
    'DE-NI': 'Lower Saxony', 'DE-NW': 'North Rhine-Westphalia', 'DE-RP': 'Rhineland-Palatinate',
    'DE-SL': 'Saarland', 'DE-SN': 'Saxony', 'DE-ST': 'Saxony-Anhalt', 'DE-SH': 'Schleswig-Holstein',
    'DE-TH': 'Thuringia' },
};
// A tile map: each Land one square, roughly where it lies (row, column).
const TILES = { 'DE-SH': [0, 2], 'DE-MV': [0, 3], 'DE-HB': [1, 1], 'DE-HH': [1, 2], 'DE-BB': [1, 3], 'DE-BE': [1, 4],
  'DE-NI': [2, 1], 'DE-ST': [2, 2], 'DE-SN': [2, 3], 'DE-NW': [3, 0], 'DE-HE': [3, 1], 'DE-TH': [3, 2],
  'DE-RP': [4, 0], 'DE-BW': [4, 1], 'DE-BY': [4, 2], 'DE-SL': [5, 0] };
const STATUSES = ['PROPOSED', 'VOTING', 'ADOPTED', 'PUBLISHED', 'REJECTED', 'WITHDRAWN'];
const CHOICES = ['YES', 'NO', 'ABSTAIN'];
// Colours (CSS classes in dashboard.css carry them); every colour also comes with a word or a number.
const SVG_NS = 'http://www.w3.org/2000/svg';

let lang = pickLanguage();
let token = sessionStorage.getItem('ledger.token') || '';
let connection = 'connecting';
let cache = { sessions: [], stats: null, handovers: [] };
let current = { view: null, params: {}, id: null, data: null, diff: null };
let renderSerial = 0;
let idSerial = 0;

function pickLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'de' || asked === 'en') return asked;
  return (navigator.language || 'de').toLowerCase().startsWith('de') ? 'de' : 'en';
}
function t(key, ...args) {
  const value = TEXT[lang][key];
  return typeof value === 'function' ? value(...args) : value;
}
function word(group, key) { return (TEXT[lang][group] || {})[key] || key; }
function name(code) { return LAND_NAMES[lang][code] || code; }
function names(codes) { return (codes || []).map(name); }
function locale() { return lang === 'de' ? 'de-DE' : 'en-GB'; }
function formatDate(iso) {
  if (!iso) return t('none');
  const [y, m, d] = String(iso).split('-').map(Number);
  if (!y || !m || !d) return String(iso);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}
function formatInstant(iso) {
  if (!iso) return t('none');
  const date = new Date(iso);
  return isNaN(date) ? String(iso) : new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
function ruleText(l, r) {
  if (!r) return TEXT[l].none;
  const abst = r.abstentions === 'COUNT_AS_NO'
    ? (l === 'de' ? 'Enthaltungen zählen als Nein' : 'abstentions count as no')
    : (l === 'de' ? 'Enthaltungen neutral' : 'abstentions neutral');
  const quorum = l === 'de' ? `beschlussfähig ab ${r.quorum} Stimmen` : `quorum ${r.quorum}`;
  const kind = {
    UNANIMITY: l === 'de' ? 'Einstimmigkeit' : 'Unanimity',
    QUALIFIED_MAJORITY: l === 'de' ? `Qualifizierte Mehrheit: mindestens ${r.minimumYes} Ja-Stimmen`
      : `Qualified majority: at least ${r.minimumYes} yes votes`,
    SIMPLE_MAJORITY: l === 'de' ? 'Einfache Mehrheit: mehr Ja- als Nein-Stimmen' : 'Simple majority: more yes than no',
  }[r.kind] || r.description || r.kind;
  return `${r.name ? r.name + ' – ' : ''}${kind}; ${quorum}; ${abst}`;
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
    else if (k === 'class') node.setAttribute('class', v);
    else node.setAttribute(k, v === true ? '' : String(v));
  });
}
function append(node, children) {
  children.flat().forEach((c) => {
    if (c === undefined || c === null || c === false) return;
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  });
}
function $(id) { return document.getElementById(id); }
function fill(node, children) { node.replaceChildren(...children.filter(Boolean)); }
function uid(prefix) { idSerial += 1; return `${prefix}-${idSerial}`; }
function row(cells, header) {
  return el('tr', null, cells.map((c, i) => (i === 0 && header) ? el('th', { scope: 'row' }, c) : el('td', null, c)));
}
function link(href, text, attrs) { return el('a', Object.assign({ href }, attrs || {}), text); }
function resolutionHref(id) { return '#/resolution/' + encodeURIComponent(id); }
function sessionHref(id) { return '#/session/' + encodeURIComponent(id); }
function stateBadge(status) { return el('span', { class: 'badge state-' + String(status).toLowerCase() }, word('states', status)); }
function items(body) { return Array.isArray(body) ? body : (body && body.items) || []; }

// ---- the API ---------------------------------------------------------------------------------------------------
class NotFound extends Error {}
async function get(path) {
  // the page's language is the reader's choice of language for translated texts too (the server falls back to
  // the original where no translation exists, and says which language it answered in)
  const headers = { Accept: 'application/json', 'Accept-Language': lang };
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch(path, { headers, cache: 'no-store' });
  if (response.status === 401 && token) {
    // a token that is bad or expired: fall back to the public view rather than show nothing
    setToken('', 'badToken');
    return get(path);
  }
  if (response.status === 404) throw new NotFound(path);
  if (!response.ok) throw new Error(path + ': ' + response.status);
  return response.json();
}
// What several pages need (sessions with their agendas, figures, hand-overs), fetched once per drawing, in parallel
// with the page's own requests: every page costs one or two round trips, not three or four.
async function loadShared() {
  const [sessions, stats, handovers] = await Promise.all([
    get('/api/sessions?size=200'), get('/api/stats'), get('/api/chair/handovers')]);
  cache.sessions = items(sessions);
  cache.stats = stats;
  cache.handovers = items(handovers);
}
let shared = Promise.resolve();
function sessionById(id) { return cache.sessions.find((s) => s.sessionId === id); }
function agendaNumber(resolution) {
  const session = sessionById(resolution.sessionId);
  if (!session) return null;
  const agenda = session.agenda || [];
  const index = agenda.findIndex((item) => item.resolutionId === resolution.resolutionId);
  if (index < 0) return null;
  return agenda[index].number || index + 1;
}

// ---- routing ---------------------------------------------------------------------------------------------------
function parseRoute() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?');
  const params = Object.fromEntries(new URLSearchParams(query || ''));
  const parts = path.split('/').filter(Boolean).map((p) => { try { return decodeURIComponent(p); } catch (e) { return p; } });
  if (parts.length === 0) return { view: 'overview', params };
  if (parts[0] === 'resolutions' && parts.length === 1) return { view: 'list', params };
  if (parts[0] === 'resolution' && parts.length === 2) return { view: 'resolution', id: parts[1], params };
  if (parts[0] === 'session' && parts.length === 2) return { view: 'session', id: parts[1], params };
  return { view: 'missing', params };
}

async function show(options) {
  const moveFocus = !options || options.focus !== false;
  const route = parseRoute();
  const serial = ++renderSerial;
  const sameRoute = current.view === route.view && current.id === route.id;
  current.view = route.view; current.id = route.id; current.params = route.params;
  if (!sameRoute) current.diff = null;
  // a live refresh of the same page keeps what the reader is typing or has chosen in its forms
  current.refresh = sameRoute && !moveFocus;
  // another page: nothing of the last one may show under the new address while its data loads
  if (!sameRoute) document.querySelectorAll('.view').forEach((v) => { v.hidden = true; });
  $('main').setAttribute('aria-busy', 'true');
  document.querySelectorAll('#main-nav a').forEach((a) => {
    const active = a.dataset.route === route.view || (a.dataset.route === 'list' && route.view === 'resolution');
    if (active) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  const focused = moveFocus ? null : focusKey();
  try {
    shared = loadShared();
    shared.catch(() => {});
    const heading = await RENDER[route.view](route, () => serial === renderSerial);
    if (serial !== renderSerial) return;
    document.querySelectorAll('.view').forEach((v) => { v.hidden = v.id !== 'view-' + route.view; });
    $('main').removeAttribute('aria-busy');
    $('load-error').hidden = true;
    document.title = (heading ? heading + ' – ' : '') + t('title');
    // for operators and tests: how long the first page took from navigation to drawn data (User Timing)
    if (!performance.getEntriesByName('ledger:rendered').length) performance.mark('ledger:rendered');
    if (moveFocus) {
      const h = document.querySelector('#view-' + current.view + ' h2');
      if (h) h.focus();
    } else {
      restoreFocus(focused);
    }
  } catch (e) {
    if (serial !== renderSerial) return;
    $('main').removeAttribute('aria-busy');
    if (e instanceof NotFound) {
      document.querySelectorAll('.view').forEach((v) => { v.hidden = v.id !== 'view-missing'; });
      document.title = t('notFound') + ' – ' + t('title');
      if (moveFocus) $('h-missing').focus();
    } else {
      $('load-error').textContent = t('loadError');
      $('load-error').hidden = false;
    }
  }
}

// A live refresh redraws parts of the page; whoever was on a link or a control there stays on its new twin.
function focusKey() {
  const active = document.activeElement;
  if (!active || active === document.body || !$('main').contains(active)) return null;
  if (active.id) return '#' + CSS.escape(active.id);
  if (active.tagName === 'A' && active.getAttribute('href')) return 'a[href="' + CSS.escape(active.getAttribute('href')) + '"]';
  return null;
}
function restoreFocus(key) {
  if (!key || (document.activeElement && document.activeElement !== document.body)) return;
  const target = document.querySelector('#view-' + current.view + ' ' + key) || document.querySelector(key);
  if (target) target.focus();
}

const RENDER = {
  overview: renderOverview,
  list: renderList,
  resolution: renderResolution,
  session: renderSession,
  missing: async () => { await shared; return t('notFound'); },
};

// ---- the overview ----------------------------------------------------------------------------------------------
async function renderOverview(route, fresh) {
  const [latest, timeline] = await Promise.all([get('/api/resolutions?size=5'),
    get('/api/stats/timeline').catch(() => ({ days: [] })), shared]);
  if (!fresh()) return null;
  fill($('latest-list'), items(latest).map((r) => resolutionCard(r, 'h4')));
  if (items(latest).length === 0) fill($('latest-list'), [el('li', null, t('noneFound'))]);

  fill($('sessions-list'), cache.sessions.length === 0 ? [el('li', null, t('noSession'))]
    : cache.sessions.map((s) => el('li', null, link(sessionHref(s.sessionId), t('sessionLine', s, formatDate(s.date))))));

  const terms = chairTerms();
  fill($('chair-timeline'), cache.handovers.map((h) => el('li', null, t('chairTerm', h, formatDate(h.effectiveFrom)))));
  fill($('chair-chart'), [chairChart(terms)]);

  const stats = cache.stats || {};
  const byStatus = stats.byStatus || {};
  const statusRows = STATUSES.map((s) => ({ label: word('states', s), value: byStatus[s] || 0, cls: 'state-' + s.toLowerCase() }));
  fill(document.querySelector('#status-table tbody'), statusRows.map((r) => row([r.label, r.value], true)));
  fill($('status-chart'), [barChart(t('byStatus'), statusRows)]);

  const byTopic = stats.byTopic || {};
  const topicRows = Object.keys(byTopic).sort().map((k) => ({ label: k, value: byTopic[k],
    href: '#/resolutions?topic=' + encodeURIComponent(k) }));
  fill(document.querySelector('#topic-table tbody'), topicRows.map((r) =>
    row([link(r.href, r.label), r.value], true)));
  fill($('topic-chart'), [barChart(t('byTopic'), topicRows)]);

  const byDelegation = stats.byDelegation || {};
  const delegationRows = Object.keys(byDelegation).sort().map((k) => ({ code: k, label: name(k),
    sponsored: byDelegation[k].sponsored || 0, coSponsored: byDelegation[k].coSponsored || 0 }));
  fill(document.querySelector('#delegation-table tbody'), delegationRows.map((r) =>
    row([link('#/resolutions?delegation=' + encodeURIComponent(r.code), r.label), r.sponsored, r.coSponsored], true)));
  fill($('delegation-chart'), [barChart(t('byDelegation'), delegationRows.map((r) => ({ label: r.label,
    value: r.sponsored + r.coSponsored, parts: [{ value: r.sponsored, cls: 'part-a', label: t('sponsored') },
      { value: r.coSponsored, cls: 'part-b', label: t('coSponsored') }] })), true)]);

  // how many stood in each state at the end of each day on which something changed
  const days = (timeline && timeline.days) || [];
  fill($('states-head'), [el('th', { scope: 'col' }, t('day')), ...STATUSES.map((s) => el('th', { scope: 'col' }, word('states', s)))]);
  fill(document.querySelector('#states-table tbody'), days.slice().reverse().map((d) =>
    row([formatDate(d.date), ...STATUSES.map((s) => (d.byStatus || {})[s] || 0)], true)));
  fill($('states-chart'), [statesChart(days)]);

  // per session (oldest first), counted from each visible agenda
  const sessions = cache.sessions.slice().reverse();
  const perSession = sessions.map((s) => {
    const counts = {};
    (s.agenda || []).forEach((item) => { const st = item.status || item.outcome; if (st) counts[st] = (counts[st] || 0) + 1; });
    return { label: t('sessionName', s) + ', ' + formatDate(s.date), counts };
  });
  fill($('time-head'), [el('th', { scope: 'col' }, t('session')), ...STATUSES.map((s) => el('th', { scope: 'col' }, word('states', s)))]);
  fill(document.querySelector('#time-table tbody'), perSession.map((p) =>
    row([p.label, ...STATUSES.map((s) => p.counts[s] || 0)], true)));
  fill($('time-chart'), [barChart(t('overTime'), perSession.map((p) => ({ label: p.label,
    value: STATUSES.reduce((n, s) => n + (p.counts[s] || 0), 0),
    parts: STATUSES.map((s) => ({ value: p.counts[s] || 0, cls: 'state-' + s.toLowerCase(), label: word('states', s) })) })), true)]);
  return t('navOverview');
}

/**
 * Who presided on a day: the hand-over in force then, i.e. the latest whose effective date is not after it (the
 * rule of GET /api/chair?on=, applied to the hand-overs the page has anyway: one request less per page).
 */
function chairOn(date, conferenceId) {
  const inForce = cache.handovers.filter((h) => String(h.effectiveFrom) <= String(date)
      && (!conferenceId || !h.conferenceId || h.conferenceId === conferenceId))
    .sort((a, b) => String(a.effectiveFrom).localeCompare(String(b.effectiveFrom)));
  return inForce.length ? { holders: inForce[inForce.length - 1].to || [] } : null;
}

function chairTerms() {
  const sorted = cache.handovers.slice().sort((a, b) => String(a.effectiveFrom).localeCompare(String(b.effectiveFrom)));
  return sorted.map((h, i) => {
    const start = h.effectiveFrom;
    const next = sorted[i + 1];
    const end = next ? next.effectiveFrom : `${Number(String(start).slice(0, 4)) + 1}${String(start).slice(4)}`;
    return { holders: h.to || [], year: h.year, start, end, open: !next };
  });
}

// ---- the list ----------------------------------------------------------------------------------------------------
const FILTERS = ['q', 'status', 'sessionId', 'topic', 'delegation'];
const PAGE_SIZE = 20;

async function renderList(route, fresh) {
  const params = route.params;
  const query = new URLSearchParams();
  FILTERS.forEach((f) => { if (params[f]) query.set(f, params[f]); });
  const page = Math.max(0, parseInt(params.page || '0', 10) || 0);
  query.set('page', String(page));
  query.set('size', String(PAGE_SIZE));
  const [body] = await Promise.all([get('/api/resolutions?' + query.toString()), shared]);
  if (!fresh()) return null;
  if (!current.refresh) fillFilterForm(params);
  const list = items(body);
  fill($('resolution-list'), list.map((r) => resolutionCard(r, 'h3')));
  $('list-count').textContent = list.length === 0 ? t('noneFound') : t('found', body.total);
  const pages = Math.max(1, Math.ceil((body.total || 0) / PAGE_SIZE));
  const pageLink = (target, node) => {
    if (target < 0 || target >= pages) { node.removeAttribute('href'); node.hidden = true; return; }
    const q = new URLSearchParams(query); q.delete('size'); q.set('page', String(target));
    node.href = '#/resolutions?' + q.toString();
    node.hidden = false;
  };
  pageLink(page - 1, $('page-prev'));
  pageLink(page + 1, $('page-next'));
  $('page-info').textContent = t('pageOf', Math.min(page + 1, pages), pages);
  $('pager').hidden = pages <= 1;
  return t('navList');
}

function fillFilterForm(params) {
  $('f-q').value = params.q || '';
  const option = (value, text, selected) => el('option', { value, selected: selected ? 'selected' : null }, text);
  fill($('f-status'), [option('', t('any')), ...STATUSES.map((s) => option(s, word('states', s), params.status === s))]);
  fill($('f-session'), [option('', t('any')), ...cache.sessions.map((s) =>
    option(s.sessionId, t('sessionName', s) + ', ' + formatDate(s.date), params.sessionId === s.sessionId))]);
  const topics = Object.keys((cache.stats && cache.stats.byTopic) || {}).sort();
  if (params.topic && !topics.includes(params.topic)) topics.push(params.topic);
  fill($('f-topic'), [option('', t('any')), ...topics.map((k) => option(k, k, params.topic === k))]);
  const delegations = Object.keys(TILES).concat(Object.keys((cache.stats && cache.stats.byDelegation) || {}))
    .filter((v, i, a) => a.indexOf(v) === i).sort((a, b) => name(a).localeCompare(name(b), locale()));
  fill($('f-delegation'), [option('', t('any')), ...delegations.map((d) => option(d, name(d), params.delegation === d))]);
}

function resolutionCard(r, headingTag) {
  const number = agendaNumber(r);
  const session = sessionById(r.sessionId);
  const meta = [];
  if (number && session) meta.push(t('numberOf', number, session.number));
  if (session) meta.push(formatDate(session.date));
  const facts = el('dl', { class: 'facts compact' },
    el('dt', null, t('status')), el('dd', null, stateBadge(r.status)),
    el('dt', null, t('sponsor')), el('dd', null, name(r.sponsor)),
    el('dt', null, t('coSponsors')), el('dd', null, r.coSponsors && r.coSponsors.length ? names(r.coSponsors).join(', ') : t('none')),
    el('dt', null, t('vote')), el('dd', null, r.tally ? [tallyBar(r.tally, true), ' ', t('tally', r.tally)] : t('noVote')));
  return el('li', null, el('article', { class: 'card' },
    el(headingTag, null, link(resolutionHref(r.resolutionId), r.title)),
    el('p', { class: 'meta' }, meta.join(' · ')),
    facts));
}

// ---- one resolution ------------------------------------------------------------------------------------------------
async function renderResolution(route, fresh) {
  const id = route.id;
  // a reader who chose the text's language keeps it while on this resolution (live refreshes included)
  const textLang = current.textLang && current.textLang.id === id ? current.textLang.code : null;
  const resolution = get('/api/resolutions/' + encodeURIComponent(id) + (textLang ? '?lang=' + encodeURIComponent(textLang) : ''));
  // the diff a reader sees first (the first version against the current one, or what they chose) does not wait
  // for the other answers
  const diffing = resolution.then((found) => {
    if (!current.diff || current.diff.resolutionId !== found.resolutionId) {
      current.diff = found.version > 1 ? { resolutionId: found.resolutionId, from: 1, to: found.version } : null;
    }
    return current.diff ? fetchDiff(current.diff) : null;
  });
  // the text as it is printed, with the line numbers that the PDF and the line-numbered diff name
  const printed = resolution.then((found) => get('/api/resolutions/' + encodeURIComponent(found.resolutionId)
    + '/versions/' + found.version + '/lines').catch(() => null));
  const [r, versions, amendments, votes, diff, numbered] = await Promise.all([resolution,
    get('/api/resolutions/' + encodeURIComponent(id) + '/versions?size=200'),
    get('/api/resolutions/' + encodeURIComponent(id) + '/tabled-amendments'),
    get('/api/resolutions/' + encodeURIComponent(id) + '/votes'), diffing, printed, shared]);
  if (!fresh()) return null;
  const session = sessionById(r.sessionId);
  const chair = session ? chairOn(session.date, session.conferenceId) : null;
  current.data = { r, versions: items(versions), amendments: items(amendments), votes: items(votes), session, chair };

  $('r-title').textContent = r.title;
  const number = agendaNumber(r);
  const dl = $('r-facts');
  const facts = [
    [t('status'), stateBadge(r.status)],
    session ? [t('session'), link(sessionHref(session.sessionId), t('sessionName', session) + ', ' + formatDate(session.date))]
      : [t('session'), r.sessionId],
    number ? [t('number'), String(number)] : null,
    [t('sponsor'), name(r.sponsor)],
    [t('coSponsors'), r.coSponsors && r.coSponsors.length ? names(r.coSponsors).join(', ') : t('none')],
    [t('topics'), (r.topics || []).length ? (r.topics || []).flatMap((k, i) =>
      [i ? ', ' : null, link('#/resolutions?topic=' + encodeURIComponent(k), k)]).filter(Boolean) : t('none')],
    [t('version'), String(r.version)],
    r.procedure ? [t('procedure'), word('kinds', r.procedure)] : null,
    r.deadline ? [t('deadline'), formatInstant(r.deadline)] : null,
    r.decidedBy && r.decidedBy !== 'CHAIR' ? [t('decidedBy'), word('deciders', r.decidedBy)] : null,
    r.rule ? [t('rule'), t('ruleText', r.rule)] : null,
    chair && chair.holders && chair.holders.length ? [t('chairOnDay'), names(chair.holders).join(lang === 'de' ? ' und ' : ' and ')] : null,
    r.reference ? [t('reference'), r.reference] : null,
  ].filter(Boolean);
  fill(dl, facts.flatMap(([k, v]) => [el('dt', null, k), el('dd', null, v)]));

  const translated = r.language && r.originalLanguage && r.language !== r.originalLanguage;
  renderTextLanguages(r, translated);
  fill($('r-text'), translated
    ? [el('p', { class: 'lines-note', lang: r.language }, t('translationNote', languageName(r.language), languageName(r.originalLanguage)))]
      .concat(String(r.text || '').split(/\n{2,}/).map((p) => el('p', { lang: r.language }, p)))
    : numbered && numbered.version === r.version ? numberedText(numbered)
    // without the printed lines (an older server), the paragraphs as stored
    : String(r.text || '').split(/\n{2,}/).map((p) => el('p', null, p)));

  renderVotes(current.data);
  renderVersions(current.data);
  renderAmendments(current.data);
  renderMore(r);

  const published = r.status === 'PUBLISHED';
  $('r-documents-section').hidden = !published;
  if (published) {
    const base = '/api/resolutions/' + encodeURIComponent(r.resolutionId);
    fill($('r-documents'), [
      el('li', null, link(base + '/akn', t('akn'), { type: 'application/akn+xml' })),
      el('li', null, link('/api/sessions/' + encodeURIComponent(r.sessionId) + '/decisions.pdf', t('pdf'), { type: 'application/pdf' })),
      el('li', null, link(base + '/proof', t('proof'), { type: 'application/json' })),
    ]);
  }
  fillDiffSelects();
  if (diff) drawDiff(diff); else { fill($('r-diff'), []); $('diff-legend').hidden = true; }
  return r.title;
}

function languageName(code) { return (TEXT[lang].languageNames || {})[code] || code; }

/** Buttons for the other languages the text is offered in (the original and each translation of this version). */
function renderTextLanguages(r, translated) {
  const offered = [r.originalLanguage].concat(r.translations || []).filter((code) => code && code !== r.language);
  const box = $('r-text-languages');
  box.hidden = !(r.translations || []).length;
  fill(box, offered.map((code) => el('button', { type: 'button', id: 'r-text-lang-' + code, 'data-lang': code },
    t('showLanguage', languageName(code)))));
  box.querySelectorAll('button').forEach((button) => button.addEventListener('click', () => {
    current.textLang = { id: r.resolutionId, code: button.dataset.lang };
    show({ focus: false });
  }));
  if (translated) $('r-title').setAttribute('lang', r.language); else $('r-title').removeAttribute('lang');
}

/** One ordered list per paragraph, each starting at its first line's number, so that "line 7" reads the same here. */
function numberedText(printed) {
  const paragraphs = [];
  for (const line of printed.lines || []) {
    if (!paragraphs.length || line.paragraphStart) paragraphs.push([]);
    paragraphs[paragraphs.length - 1].push(line);
  }
  return [el('p', { class: 'lines-note' }, t('linesNote', (printed.lines || []).length, printed.version))]
    .concat(paragraphs.map((lines) => el('ol', { class: 'lines', start: String(lines[0].number) },
      lines.map((line) => el('li', null, line.text)))));
}

function renderVotes(d) {
  const { r, votes } = d;
  const votedVersion = votes.reduce((m, v) => Math.max(m, v.version), 0);
  const latest = votes.filter((v) => v.version === votedVersion);
  const tally = r.tally || (latest.length ? CHOICES.reduce((acc, c) => {
    acc[c === 'YES' ? 'yes' : c === 'NO' ? 'no' : 'abstain'] = latest.filter((v) => v.choice === c).length; return acc;
  }, {}) : null);
  const summary = [];
  if (tally) summary.push(t('tally', tally) + '.');
  else summary.push(t('noVote'));
  if (votedVersion) summary.push(t('votedOn', votedVersion));
  $('r-vote-summary').textContent = summary.join(' ');
  fill($('r-tally-chart'), tally ? [tallyBar(tally, false)] : []);
  const byDelegation = {};
  latest.forEach((v) => { byDelegation[v.delegation] = v; });
  const voting = ['VOTING', 'ADOPTED', 'REJECTED', 'PUBLISHED'].includes(r.status) || latest.length > 0;
  const codes = Object.keys(TILES).concat(Object.keys(byDelegation)).filter((v, i, a) => a.indexOf(v) === i);
  fill($('r-map'), voting ? [voteMap(codes, byDelegation)] : []);
  $('r-map').closest('figure').hidden = !voting;
  $('r-tally-chart').closest('figure').hidden = !tally;
  const sorted = codes.slice().sort((a, b) => name(a).localeCompare(name(b), locale()));
  fill(document.querySelector('#r-votes tbody'), voting ? sorted.map((code) => {
    const v = byDelegation[code];
    return row([name(code), el('span', { class: 'choice choice-' + (v ? v.choice.toLowerCase() : 'none') },
      word('choices', v ? v.choice : 'NONE')), v ? formatInstant(v.castAt) : t('none')], true);
  }) : []);
  $('r-votes').closest('.table-wrap').hidden = !voting;
}

function renderVersions(d) {
  fill(document.querySelector('#r-versions tbody'), d.versions.map((v) => row([String(v.version), formatInstant(v.createdAt),
    v.author ? name(v.author) : t('none'), (TEXT[lang].originNames[v.origin] || v.origin || t('none')),
    v.reason || t('none')], true)));
  $('diff-form').hidden = d.versions.length < 2;
}

function fillDiffSelects() {
  const d = current.data;
  const options = (selected) => d.versions.map((v) => el('option', { value: v.version, selected: v.version === selected ? 'selected' : null },
    `${t('version')} ${v.version} (${formatInstant(v.createdAt)})`));
  fill($('diff-from'), options(current.diff && current.diff.from));
  fill($('diff-to'), options(current.diff && current.diff.to));
}

function fetchDiff({ resolutionId, from, to }) {
  return get('/api/resolutions/' + encodeURIComponent(resolutionId) + '/versions/' + to + '/diff?against=' + from);
}
async function showDiff() {
  const asked = current.diff;
  const diff = await fetchDiff(asked);
  if (current.diff === asked) drawDiff(diff);
}
function drawDiff(diff) {
  const from = diff.from;
  const to = diff.to;
  const edits = diff.edits || [];
  const changed = edits.some((e) => e.op !== 'EQUAL');
  const body = el('p', { class: 'diff-text' }, edits.map((e) => {
    if (e.op === 'INSERT') return el('ins', null, el('span', { class: 'visually-hidden' }, t('insertedSr')), e.text, el('span', { class: 'visually-hidden' }, t('endSr')));
    if (e.op === 'DELETE') return el('del', null, el('span', { class: 'visually-hidden' }, t('deletedSr')), e.text, el('span', { class: 'visually-hidden' }, t('endSr')));
    return document.createTextNode(e.text);
  }));
  fill($('r-diff'), [el('h4', null, t('diffTitle', from, to)), changed ? body : el('p', null, t('noChange'))]);
  $('diff-legend').hidden = !changed;
}

function renderAmendments(d) {
  const list = d.amendments;
  $('r-no-amendments').hidden = list.length > 0;
  $('r-amendments').closest('.table-wrap').hidden = list.length === 0;
  fill(document.querySelector('#r-amendments tbody'), list.map((a) => {
    const fate = a.state === 'ACCEPTED' ? t('accepted', a.acceptedVersion)
      : a.state === 'DECLINED' ? t('declined', a.declineReason) : t('pending');
    return row([name(a.tabledBy), formatInstant(a.tabledAt), a.text, a.reason || t('none'),
      el('span', { class: 'fate fate-' + String(a.state).toLowerCase() }, fate)], true);
  }));
}

function renderMore(r) {
  const parts = [];
  const list = (values) => el('ul', null, values.map((v) => el('li', null, typeof v === 'string' ? v : JSON.stringify(v))));
  if (Array.isArray(r.addressees) && r.addressees.length) parts.push(el('h4', null, t('addressees')), list(r.addressees));
  if (Array.isArray(r.partners) && r.partners.length) parts.push(el('h4', null, t('partners')), list(r.partners));
  if (Array.isArray(r.mandates) && r.mandates.length) {
    parts.push(el('h4', null, t('mandates')), el('div', { class: 'table-wrap', tabindex: 0 }, el('table', null,
      el('caption', { class: 'visually-hidden' }, t('mandates')),
      el('thead', null, el('tr', null, [t('task'), t('owner'), t('due'), t('status'), t('note')].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', null, r.mandates.map((m) => row([m.task, name(m.owner), formatDate(m.due),
        word('mandateStates', m.status) + (m.overdue ? ' (' + t('overdue') + ')' : ''), m.note || t('none')], true))))));
  }
  fill($('r-more'), parts);
  $('r-more-section').hidden = parts.length === 0;
}

// ---- one session ---------------------------------------------------------------------------------------------------
async function renderSession(route, fresh) {
  const [s] = await Promise.all([get('/api/sessions/' + encodeURIComponent(route.id)), shared]);
  const chair = chairOn(s.date, s.conferenceId);
  if (!fresh()) return null;
  const heading = `${t('sessionName', s)} (${word('kinds', s.kind)})`;
  $('s-title').textContent = heading;
  fill($('s-facts'), [
    [t('date'), el('time', { datetime: s.date }, formatDate(s.date))],
    [t('place'), s.place],
    [t('status'), stateBadge(s.status)],
    chair && chair.holders && chair.holders.length ? [t('chairOnDay'), names(chair.holders).join(lang === 'de' ? ' und ' : ' and ')] : null,
  ].filter(Boolean).flatMap(([k, v]) => [el('dt', null, k), el('dd', null, v)]));
  const agenda = s.agenda || [];
  $('s-empty').hidden = agenda.length > 0;
  $('s-agenda').closest('.table-wrap').hidden = agenda.length === 0;
  fill(document.querySelector('#s-agenda tbody'), agenda.map((item, i) => {
    const status = item.status || item.outcome;
    const title = item.resolutionId ? link(resolutionHref(item.resolutionId), item.title) : item.title;
    return row([String(item.number || i + 1), title, item.sponsor ? name(item.sponsor) : (item.presenter || t('none')),
      status ? stateBadge(status) : t('none'), item.tally ? [tallyBar(item.tally, true), ' ', t('tally', item.tally)] : t('none')], true);
  }));
  const outcomes = s.outcomes || {};
  const outcomeItems = STATUSES.filter((k) => outcomes[k]).map((k) => el('li', null, `${word('states', k)}: ${outcomes[k]}`));
  fill($('s-outcomes'), outcomeItems.length ? outcomeItems : [el('li', null, t('none'))]);
  const anyPublished = agenda.some((item) => (item.status || item.outcome) === 'PUBLISHED');
  $('s-pdf').hidden = !anyPublished;
  $('s-pdf-link').href = '/api/sessions/' + encodeURIComponent(s.sessionId) + '/decisions.pdf';
  const attendance = s.attendance;
  const people = attendance ? [...(attendance.members || []), ...(attendance.guests || [])] : [];
  $('s-attendance-section').hidden = people.length === 0;
  fill($('s-attendance'), people.map((p) => el('li', null, typeof p === 'string' ? name(p)
    : [p.name || name(p.delegation || p.guest || ''), p.present === false ? ` (${t('absent')})` : ''].join(''))));
  return heading;
}

// ---- pictures: hand-drawn SVG, each with title and desc (and a table beside it in the page) -----------------------
function chartFrame(width, height, title, desc) {
  const titleId = uid('svg-title');
  const descId = uid('svg-desc');
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`,
    class: 'svg-chart', preserveAspectRatio: 'xMinYMin meet' },
  svg('title', { id: titleId }, title), svg('desc', { id: descId }, desc));
}

function barChart(title, rows, stacked) {
  const barHeight = 22;
  const gap = 8;
  // room for the longest label (up to 30 characters of 14 px text), so that none runs off the left edge
  const labelWidth = Math.max(100, ...rows.map((r) => Math.min(r.label.length, 30) * 7.8 + 12));
  const width = labelWidth + 250;
  const max = Math.max(1, ...rows.map((r) => r.value));
  // a stacked chart names its colours above the bars (each colour also in the table beside it)
  const legend = stacked && rows.length ? rows[0].parts.filter((p, i) => rows.some((r) => r.parts[i].value)) : [];
  const top = legend.length ? Math.ceil(legend.length / 2) * 22 + 6 : 0;
  const height = top + Math.max(1, rows.length) * (barHeight + gap) + gap;
  const desc = t('chartDesc', rows.map((r) => `${r.label} ${r.value}` + (r.parts ? ' (' + r.parts.filter((p) => p.value)
    .map((p) => `${p.label} ${p.value}`).join(', ') + ')' : '')).join('; ') || t('none'));
  const chart = chartFrame(width, height, title, desc);
  const scale = (width - labelWidth - 40) / max;
  legend.forEach((p, i) => {
    const x = (i % 2) * (width / 2);
    const y = Math.floor(i / 2) * 22 + 2;
    chart.appendChild(svg('rect', { x, y, width: 16, height: 16, class: p.cls }));
    chart.appendChild(svg('text', { x: x + 22, y: y + 13, class: 'label' }, p.label));
  });
  rows.forEach((r, i) => {
    const y = top + gap + i * (barHeight + gap);
    chart.appendChild(svg('text', { x: labelWidth - 6, y: y + barHeight * 0.7, 'text-anchor': 'end', class: 'label' },
      r.label.length > 30 ? r.label.slice(0, 29) + '…' : r.label));
    let x = labelWidth;
    const parts = stacked && r.parts ? r.parts : [{ value: r.value, cls: r.cls || 'bar' }];
    parts.forEach((p) => {
      if (!p.value) return;
      chart.appendChild(svg('rect', { x, y, width: Math.max(1, p.value * scale), height: barHeight, class: p.cls || 'bar' }));
      x += p.value * scale;
    });
    chart.appendChild(svg('text', { x: x + 6, y: y + barHeight * 0.7, class: 'value' }, String(r.value)));
  });
  return chart;
}

/**
 * Resolutions by state over time, as stacked steps: from each day with a change until the next, the band of a state
 * is as high as the number of resolutions in it at that day's end. The time axis is proportional; the table beside
 * the chart carries every number.
 */
function statesChart(days) {
  const width = 640;
  const height = 240;
  const left = 36;
  const right = 10;
  const top = 58;
  const bottom = 24;
  const totals = days.map((d) => STATUSES.reduce((n, s) => n + ((d.byStatus || {})[s] || 0), 0));
  const max = Math.max(1, ...totals);
  const desc = t('statesDesc', days.map((d) => formatDate(d.date) + ': ' + STATUSES.filter((s) => (d.byStatus || {})[s])
    .map((s) => `${word('states', s)} ${d.byStatus[s]}`).join(', ')).join('; ') || t('none'));
  const chart = chartFrame(width, height, t('statesOverTime'), desc);
  const present = STATUSES.filter((s) => days.some((d) => (d.byStatus || {})[s]));
  present.forEach((s, i) => {
    const x = (i % 3) * (width / 3);
    const y = Math.floor(i / 3) * 22 + 2;
    chart.appendChild(svg('rect', { x, y, width: 16, height: 16, class: 'state-' + s.toLowerCase() }));
    chart.appendChild(svg('text', { x: x + 22, y: y + 13, class: 'label' }, word('states', s)));
  });
  if (days.length === 0) return chart;
  const toTime = (iso) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  const first = toTime(days[0].date);
  // the last state holds until today, or at least for a tenth of the span, so that it stays visible
  const span = Math.max(86400000, toTime(days[days.length - 1].date) - first);
  const end = Math.max(Date.now(), toTime(days[days.length - 1].date) + span / 10);
  const xOf = (time) => left + (time - first) * (width - left - right) / (end - first);
  const yOf = (n) => height - bottom - n * (height - top - bottom) / max;
  const below = days.map(() => 0);
  present.forEach((s) => {
    const upper = [];
    const lower = [];
    days.forEach((d, i) => {
      const x0 = xOf(toTime(d.date));
      const x1 = i + 1 < days.length ? xOf(toTime(days[i + 1].date)) : xOf(end);
      const n = (d.byStatus || {})[s] || 0;
      upper.push(`${x0},${yOf(below[i] + n)}`, `${x1},${yOf(below[i] + n)}`);
      lower.unshift(`${x1},${yOf(below[i])}`, `${x0},${yOf(below[i])}`);
      below[i] += n;
    });
    chart.appendChild(svg('polygon', { points: upper.concat(lower).join(' '), class: 'state-' + s.toLowerCase() }));
  });
  chart.appendChild(svg('line', { x1: left, y1: height - bottom, x2: width - right, y2: height - bottom, class: 'axis' }));
  chart.appendChild(svg('text', { x: left - 6, y: yOf(max) + 4, 'text-anchor': 'end', class: 'value' }, String(max)));
  chart.appendChild(svg('text', { x: left - 6, y: yOf(0), 'text-anchor': 'end', class: 'value' }, '0'));
  chart.appendChild(svg('text', { x: left, y: height - 6, class: 'value' }, formatDate(days[0].date)));
  if (days.length > 1) {
    chart.appendChild(svg('text', { x: width - right, y: height - 6, 'text-anchor': 'end', class: 'value' },
      formatDate(days[days.length - 1].date)));
  }
  return chart;
}

function tallyBar(tally, small) {
  const total = tally.yes + tally.no + tally.abstain;
  const width = small ? 120 : 520;
  const height = small ? 14 : 34;
  const chart = chartFrame(width, height, t('tallyCaption'), t('tallyDesc', tally));
  if (small) { chart.setAttribute('aria-hidden', 'true'); chart.removeAttribute('role'); chart.setAttribute('class', 'svg-chart mini'); }
  let x = 0;
  [['yes', 'choice-yes'], ['no', 'choice-no'], ['abstain', 'choice-abstain']].forEach(([key, cls]) => {
    const value = tally[key];
    if (!value || !total) return;
    const w = value / total * width;
    chart.appendChild(svg('rect', { x, y: 0, width: w, height, class: cls }));
    if (!small && w > 70) {
      chart.appendChild(svg('text', { x: x + 8, y: height * 0.65, class: 'on-dark' },
        `${word('choices', key === 'yes' ? 'YES' : key === 'no' ? 'NO' : 'ABSTAIN')} ${value}`));
    }
    x += w;
  });
  if (!total) chart.appendChild(svg('rect', { x: 0, y: 0, width, height, class: 'choice-none' }));
  return chart;
}

function voteMap(codes, byDelegation) {
  const size = 76;
  const gap = 6;
  const known = codes.every((c) => TILES[c]);
  const position = (code, i) => known ? TILES[code] : [Math.floor(i / 4), i % 4];
  const cells = codes.map((code, i) => ({ code, at: position(code, i) }));
  const rows = Math.max(...cells.map((c) => c.at[0])) + 1;
  const cols = Math.max(...cells.map((c) => c.at[1])) + 1;
  const desc = t('mapDesc', codes.slice().sort().map((c) => t('voteOf', name(c),
    word('choices', byDelegation[c] ? byDelegation[c].choice : 'NONE'))).join('; '));
  const chart = chartFrame(cols * (size + gap), rows * (size + gap), t('mapTitle'), desc);
  cells.forEach(({ code, at }) => {
    const v = byDelegation[code];
    const cls = 'choice-' + (v ? v.choice.toLowerCase() : 'none');
    const x = at[1] * (size + gap);
    const y = at[0] * (size + gap);
    const group = svg('g', { class: 'tile' },
      svg('rect', { x, y, width: size, height: size, rx: 6, class: cls }),
      svg('text', { x: x + size / 2, y: y + 30, 'text-anchor': 'middle', class: v ? 'on-dark code' : 'code' }, code.replace(/^DE-/, '')),
      svg('text', { x: x + size / 2, y: y + 54, 'text-anchor': 'middle', class: v ? 'on-dark small' : 'small' },
        word('choices', v ? v.choice : 'NONE')));
    chart.appendChild(group);
  });
  return chart;
}

function chairChart(terms) {
  const width = 640;
  const rowHeight = 34;
  if (terms.length === 0) return chartFrame(width, 20, t('chairTitle'), t('chairDesc', t('none')));
  const toTime = (iso) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  const start = toTime(terms[0].start);
  const end = toTime(terms[terms.length - 1].end);
  const left = 10;
  const scale = (width - 2 * left) / Math.max(1, end - start);
  const height = terms.length * rowHeight + 40;
  const desc = t('chairDesc', terms.map((term) => `${term.year}: ${names(term.holders).join(' + ')}, ${t('from')} ${formatDate(term.start)}`).join('; '));
  const chart = chartFrame(width, height, t('chairTitle'), desc);
  terms.forEach((term, i) => {
    const x = left + (toTime(term.start) - start) * scale;
    const w = Math.max(4, (toTime(term.end) - toTime(term.start)) * scale);
    const y = i * rowHeight + 4;
    chart.appendChild(svg('rect', { x, y, width: w, height: rowHeight - 8, rx: 4, class: i % 2 ? 'part-b' : 'part-a' }));
    const label = `${term.year}: ${term.holders.map((h) => h.replace(/^DE-/, '')).join(' + ')}`;
    const inside = w > 110;
    chart.appendChild(svg('text', { x: inside ? x + 8 : Math.min(x + w + 6, width - 120), y: y + rowHeight * 0.55,
      class: inside ? 'on-dark' : 'label' }, label));
  });
  // the years along the bottom
  const firstYear = Number(terms[0].start.slice(0, 4));
  const lastYear = Number(terms[terms.length - 1].end.slice(0, 4));
  for (let year = firstYear; year <= lastYear; year++) {
    const x = left + (Date.UTC(year, 0, 1) - start) * scale;
    if (x < left - 1 || x > width) continue;
    chart.appendChild(svg('line', { x1: x, y1: 0, x2: x, y2: height - 22, class: 'axis' }));
    chart.appendChild(svg('text', { x: Math.min(x + 3, width - 40), y: height - 6, class: 'value' }, String(year)));
  }
  return chart;
}

// ---- static texts, language, sign-in -----------------------------------------------------------------------------
function applyTexts() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
  document.querySelectorAll('[data-i18n-label]').forEach((node) => { node.setAttribute('aria-label', t(node.dataset.i18nLabel)); });
  $('lang-de').setAttribute('aria-pressed', String(lang === 'de'));
  $('lang-en').setAttribute('aria-pressed', String(lang === 'en'));
  renderConnection();
  $('signin-state').textContent = token ? t('signedIn') : ($('signin-state').dataset.reason ? t($('signin-state').dataset.reason) : t('signedOut'));
}
function renderConnection() {
  const status = $('connection');
  status.dataset.state = connection;
  status.textContent = t(connection);
}
function setLanguage(next) {
  lang = next;
  const search = new URLSearchParams(location.search);
  search.set('lang', lang);
  history.replaceState(null, '', '?' + search.toString() + location.hash);
  applyTexts();
  show({ focus: false });
}
function setToken(value, reason) {
  token = value;
  if (token) sessionStorage.setItem('ledger.token', token); else sessionStorage.removeItem('ledger.token');
  $('signin-state').dataset.reason = reason || '';
  applyTexts();
  stream.restart();
}

// ---- live: server-sent events read over fetch (so that a member's token can go along), reconnecting ------------
const stream = (() => {
  let controller = null;
  let lastEventId = null;
  let attempt = 0;
  let watchdog = null;
  let reloadTimer = null;
  // the server sends a heartbeat every 15 s by default: three missed ones mean the connection is gone
  const SILENCE_MS = 45000;

  function setConnection(state) {
    if (connection === state) return;
    connection = state;
    renderConnection();
  }
  function restart() {
    if (controller) controller.abort();
    attempt = 0;
    connect();
  }
  async function connect() {
    const mine = new AbortController();
    controller = mine;
    const headers = { Accept: 'text/event-stream' };
    if (token) headers.Authorization = 'Bearer ' + token;
    if (lastEventId) headers['Last-Event-ID'] = lastEventId;
    try {
      const response = await fetch('/api/stream', { headers, signal: mine.signal, cache: 'no-store' });
      if (response.status === 401 && token) { setToken('', 'badToken'); return; }
      if (!response.ok || !response.body) throw new Error('stream ' + response.status);
      const wasOffline = connection === 'offline';
      setConnection('live');
      attempt = 0;
      if (wasOffline) scheduleRefresh();
      await read(response.body.getReader(), mine);
    } catch (e) {
      // aborted on purpose (new token) or the connection failed: both end below
    }
    clearTimeout(watchdog);
    if (controller !== mine) return;
    setConnection('offline');
    attempt += 1;
    setTimeout(() => { if (controller === mine) connect(); }, Math.min(10000, 500 * 2 ** Math.min(attempt, 5)));
  }
  async function read(reader, mine) {
    const decoder = new TextDecoder();
    let buffer = '';
    let event = { type: 'message', data: [], id: null };
    const arm = () => { clearTimeout(watchdog); watchdog = setTimeout(() => mine.abort(), SILENCE_MS); };
    arm();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      arm();
      buffer += decoder.decode(value, { stream: true });
      let newline;
      while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          if (event.data.length) dispatch(event);
          event = { type: 'message', data: [], id: null };
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const fieldValue = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event.type = fieldValue;
          else if (field === 'data') event.data.push(fieldValue);
          else if (field === 'id') lastEventId = fieldValue;
        }
      }
    }
  }
  function dispatch(event) {
    let change = {};
    try { change = JSON.parse(event.data.join('\n')); } catch (e) { /* not JSON: a marker */ }
    const feed = $('feed');
    const line = [new Date().toLocaleTimeString(locale()), event.type, change.event || '', change.id || '',
      change.status ? word('states', change.status) : ''].filter(Boolean).join(' · ');
    feed.prepend(el('li', null, line));
    while (feed.children.length > 50) feed.lastChild.remove();
    if (concernsCurrentView(event.type, change)) scheduleRefresh();
  }
  function scheduleRefresh() {
    // a burst of changes (16 votes) becomes one refresh of the page
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => show({ focus: false }), 150);
  }
  // the browser knows first when the network is gone (and back): no need to wait for the silence
  window.addEventListener('offline', () => { if (controller) controller.abort(); });
  window.addEventListener('online', () => restart());
  return { restart, connect };
})();

function concernsCurrentView(kind, change) {
  if (kind === 'reset') return true;
  switch (current.view) {
    case 'resolution': return (kind === 'resolution' && change.id === current.id) || kind === 'chair'
      || (kind === 'session' && current.data && current.data.r && change.id === current.data.r.sessionId);
    case 'session': return kind === 'session' || kind === 'resolution' || kind === 'chair';
    case 'list': return kind === 'resolution' || kind === 'session';
    case 'overview': return true;
    default: return false;
  }
}

// ---- start -------------------------------------------------------------------------------------------------------
document.addEventListener('DOMContentLoaded', () => {
  $('lang-de').addEventListener('click', () => setLanguage('de'));
  $('lang-en').addEventListener('click', () => setLanguage('en'));
  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    FILTERS.forEach((f) => {
      const field = $('filters').elements[f];
      const value = field && field.value.trim();
      if (value) query.set(f, value);
    });
    const text = query.toString();
    location.hash = '#/resolutions' + (text ? '?' + text : '');
  });
  $('diff-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!current.data) return;
    current.diff = { resolutionId: current.data.r.resolutionId, from: Number($('diff-from').value), to: Number($('diff-to').value) };
    showDiff().catch(() => { $('load-error').textContent = t('loadError'); $('load-error').hidden = false; });
  });
  $('signin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = $('token').value.trim();
    $('token').value = '';
    setToken(value, '');
    show({ focus: false });
  });
  $('signout').addEventListener('click', () => { setToken('', ''); show({ focus: false }); });
  $('skip').addEventListener('click', (event) => { event.preventDefault(); $('main').focus(); });
  window.addEventListener('hashchange', () => show());
  applyTexts();
  show({ focus: false });
  stream.connect();
});
