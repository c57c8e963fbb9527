'use strict';
// The console's pages. Everything the server sends is put into the page as text (textContent,
// text nodes), never as markup, so a title carrying <script> shows as those characters.

const POLL_MS = { pipeline: 2000, lag: 5000, articles: 3000, countries: 10000, 'dead-letters': 10000, replay: 1000, feeds: 5000 };
let timer = null;
let lagChart = null;

/** An element with attributes and children; strings become text nodes. */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name === 'class') node.className = value; else node.setAttribute(name, value);
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) {
    const message = (await response.text()).trim();
    throw new Error(message || (path + ': HTTP ' + response.status));
  }
  return response.json();
}

function rate(value) {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

function duration(seconds) {
  if (seconds < 60) return seconds.toFixed(1) + ' s';
  if (seconds < 3600) return Math.floor(seconds / 60) + ' min ' + Math.floor(seconds % 60) + ' s';
  return Math.floor(seconds / 3600) + ' h ' + Math.floor(seconds % 3600 / 60) + ' min';
}

function count(value) {
  return value < 0 ? '?' : String(value);
}

function showError(error) {
  const box = document.getElementById('error');
  if (error) {
    box.textContent = 'Cannot update: ' + error.message;
    box.hidden = false;
  } else {
    box.hidden = true;
  }
}

function stamp() {
  document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
}

// ---- Pipeline ----

function processorBox(p) {
  const running = p.state === 'RUNNING';
  return el('div', { class: 'processor', 'data-processor': p.processor },
    el('h2', {}, p.processor, ' ',
      el('span', { class: running ? 'state-RUNNING' : 'state-other', 'data-field': 'state' }, p.state)),
    el('dl', {},
      el('dt', {}, 'in/s'), el('dd', { 'data-field': 'in' }, rate(p.inPerSecond)),
      el('dt', {}, 'instances'), el('dd', { 'data-field': 'instances' }, count(p.instances)),
      el('dt', {}, 'out/s'), el('dd', { 'data-field': 'out' }, rate(p.outPerSecond)),
      el('dt', {}, 'threads'), el('dd', { 'data-field': 'threads' }, count(p.threads) + ' (' + p.localThreads + ' here)'),
      el('dt', { class: 'dead' }, 'dead letters/s'), el('dd', { class: 'dead', 'data-field': 'dead' }, rate(p.deadLettersPerSecond)),
      el('dt', {}, 'total in / out / dead'),
      el('dd', { 'data-field': 'totals' }, p.recordsIn + ' / ' + p.recordsOut + ' / ' + p.deadLetters)));
}

async function renderPipeline() {
  const data = await getJson('/api/pipeline');
  const diagram = document.getElementById('diagram');
  const parts = [];
  data.processors.forEach((p, i) => {
    if (i === 0) parts.push(el('div', { class: 'topic' }, p.input));
    parts.push(el('div', { class: 'arrow' }, '│'));
    parts.push(el('div', { class: 'processor-row' }, processorBox(p),
      el('span', { class: 'to-dead' }, '──▶ news.articles.dead-letter')));
    parts.push(el('div', { class: 'arrow' }, '▼'));
    parts.push(el('div', { class: 'topic' }, p.output));
  });
  diagram.replaceChildren(...parts);
}

// ---- Lag ----

const COLOURS = ['#175cd3', '#b54708', '#067647', '#7a2e0e'];

function lagCell(partition) {
  return partition.committed === null ? '—' : String(partition.committed);
}

async function renderLag() {
  const data = await getJson('/api/lag');
  document.getElementById('lag-interval').textContent = data.intervalSeconds;
  const summary = document.querySelector('#lag-summary tbody');
  const partitions = document.querySelector('#lag-partitions tbody');
  summary.replaceChildren(...data.applications.map(app => el('tr', { 'data-application': app.application },
    el('td', {}, app.application),
    el('td', {}, app.topic),
    el('td', { class: 'num', 'data-field': 'records' }, (app.exact ? '' : '~') + app.recordsBehind),
    el('td', { class: 'num', 'data-field': 'time' }, duration(app.secondsBehind)),
    el('td', { class: 'trend-' + app.trend, 'data-field': 'trend' },
      app.trend === 'rising' ? '▲ rising' : app.trend === 'falling' ? '▼ falling' : '■ steady'))));
  const rows = [];
  for (const app of data.applications) {
    for (const p of app.partitions) {
      const noCommit = p.committed === null;
      rows.push(el('tr', {},
        el('td', {}, app.application),
        el('td', { class: 'num' }, p.partition),
        el('td', { class: 'num' }, lagCell(p)),
        el('td', { class: 'num' }, p.end),
        el('td', { class: 'num' }, noCommit && p.recordsBehind === 0 ? '—' : (p.exact ? '' : '~') + p.recordsBehind),
        el('td', { class: 'num' }, noCommit && p.recordsBehind === 0 ? '—' : duration(p.secondsBehind))));
    }
  }
  partitions.replaceChildren(...rows);
  const hanging = document.getElementById('lag-hanging');
  hanging.hidden = data.hangingTransactions.length === 0;
  hanging.querySelector('ul').replaceChildren(...data.hangingTransactions.map(h =>
    el('li', { 'data-partition': h.topic + '-' + h.partition }, h.description)));
  drawLagChart(data);
}

function drawLagChart(data) {
  if (typeof Chart === 'undefined') return;
  const now = Date.now();
  const minutesAgo = point => (point.time - now) / 60000;
  const names = data.applications.map(app => app.application);
  const datasets = [];
  names.forEach((name, i) => {
    const points = data.history.filter(point => point[name]);
    const colour = COLOURS[i % COLOURS.length];
    datasets.push({
      label: name + ' records',
      data: points.map(point => ({ x: minutesAgo(point), y: point[name][0] })),
      borderColor: colour, backgroundColor: colour, pointRadius: 0, yAxisID: 'records',
    });
    datasets.push({
      label: name + ' seconds',
      data: points.map(point => ({ x: minutesAgo(point), y: point[name][1] })),
      borderColor: colour, backgroundColor: colour, borderDash: [5, 4], pointRadius: 0, yAxisID: 'seconds',
    });
  });
  // The last hour at most; a younger history fills the width.
  const oldest = data.history.length ? minutesAgo(data.history[0]) : -1;
  const from = Math.max(-60, Math.min(-1, Math.floor(oldest)));
  if (!lagChart) {
    lagChart = new Chart(document.getElementById('lag-chart'), {
      type: 'line',
      data: { datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: { type: 'linear', min: from, max: 0, title: { display: true, text: 'minutes ago' } },
          records: { position: 'left', beginAtZero: true, title: { display: true, text: 'records behind (solid)' } },
          seconds: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false },
            title: { display: true, text: 'seconds behind (dashed)' } },
        },
      },
    });
  } else {
    lagChart.data.datasets = datasets;
    lagChart.options.scales.x.min = from;
    lagChart.update();
  }
}

// ---- Articles ----

let openArticle = null;

function when(iso) {
  return iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—';
}

async function renderArticles() {
  const list = await getJson('/api/articles');
  const rows = list.map(article => {
    const open = el('button', { class: 'link', type: 'button' }, article.title);
    open.addEventListener('click', () => showArticle(article.id));
    return el('tr', { 'data-article': article.id, class: article.id === openArticle ? 'open' : '' },
      el('td', { 'data-field': 'title' }, open),
      el('td', {}, article.source || article.site_name || '—'),
      el('td', {}, when(article.published_at)),
      el('td', {}, article.focus.join(' ') || '—'),
      el('td', { class: 'num' }, article.countries));
  });
  document.querySelector('#article-list tbody').replaceChildren(...rows);
}

/** The text with each mention in a mark element; offsets are checked against the mention's surface. */
function highlighted(text, mentions) {
  const spans = mentions
    .filter(m => m.start >= 0 && m.end <= text.length && text.slice(m.start, m.end) === m.surface)
    .sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  for (const m of spans) {
    if (m.start < at) continue;
    parts.push(text.slice(at, m.start));
    parts.push(el('mark', { title: m.code + ' (' + m.kind + ')', 'data-country': m.code }, text.slice(m.start, m.end)));
    at = m.end;
  }
  parts.push(text.slice(at));
  return parts;
}

async function showArticle(id) {
  const article = await getJson('/api/articles/' + encodeURIComponent(id));
  openArticle = id;
  const mentions = field => article.countries.flatMap(country => country.evidence
    .filter(m => m.field === field)
    .map(m => Object.assign({ code: country.code }, m)));
  document.getElementById('article-title').replaceChildren(...highlighted(article.title, mentions('TITLE')));
  document.getElementById('article-meta').textContent = [article.source || article.site_name, when(article.published_at),
    article.url, 'id ' + article.id].filter(Boolean).join(' · ');
  document.getElementById('article-text').replaceChildren(...highlighted(article.text, mentions('TEXT')));
  document.querySelector('#article-countries tbody').replaceChildren(...article.countries.map(country =>
    el('tr', { 'data-country': country.code },
      el('td', {}, country.code), el('td', {}, country.name), el('td', { class: 'num' }, country.mentions),
      el('td', { class: 'num' }, country.salience.toFixed(2)),
      el('td', {}, article.focus.includes(country.code) ? 'yes' : ''))));
  document.getElementById('article-organizations').replaceChildren(...(article.organizations.length
    ? article.organizations.map(org => el('li', {}, org.name + ' (' + org.code + ', ' + org.mentions + ')'))
    : [el('li', {}, 'none')]));
  document.getElementById('article-detail').hidden = false;
  document.querySelectorAll('#article-list tr').forEach(row => row.classList.toggle('open', row.dataset.article === id));
}

// ---- Countries ----

const SVG = 'http://www.w3.org/2000/svg';
let worldMap = null;
let chosenCountry = null;

/** Draws the countries once (d3-geo projection of world-atlas' TopoJSON); colours change later. */
async function drawWorld() {
  const [topology, codes] = await Promise.all([getJson('/vendor/countries-110m.json'), getJson('/vendor/iso-codes.json')]);
  const alpha2 = new Map(codes.map(([two, , numeric]) => [numeric, two]));
  const world = topojson.feature(topology, topology.objects.countries);
  const projection = d3.geoNaturalEarth1().fitSize([960, 500], { type: 'Sphere' });
  const path = d3.geoPath(projection);
  const svg = document.getElementById('world-map');
  const sphere = document.createElementNS(SVG, 'path');
  sphere.setAttribute('class', 'sphere');
  sphere.setAttribute('d', path({ type: 'Sphere' }));
  const shapes = [sphere];
  const byCode = new Map();
  for (const feature of world.features) {
    const code = alpha2.get(String(feature.id));
    const shape = document.createElementNS(SVG, 'path');
    shape.setAttribute('class', 'country');
    shape.setAttribute('d', path(feature));
    shape.setAttribute('fill', shade(0, 0));
    const title = document.createElementNS(SVG, 'title');
    shape.append(title);
    if (code) {
      shape.setAttribute('data-code', code);
      shape.addEventListener('click', () => showCountry(code, feature.properties.name).catch(showError));
      byCode.set(code, { shape, title, name: feature.properties.name });
    } else {
      title.textContent = feature.properties.name + ' (no ISO code)';
    }
    shapes.push(shape);
  }
  svg.replaceChildren(...shapes);
  return byCode;
}

/** From pale to deep blue with the share of the busiest country (log scale: one article must show). */
function shade(count, max) {
  if (!count) return '#d0d5dd';
  const t = max <= 1 ? 1 : 0.25 + 0.75 * Math.log(count) / Math.log(max);
  const mix = (from, to) => Math.round(from + (to - from) * t);
  return 'rgb(' + mix(178, 8) + ',' + mix(210, 48) + ',' + mix(240, 107) + ')';
}

async function renderCountries() {
  if (!worldMap) worldMap = await drawWorld();
  const span = document.querySelector('#country-window select').value;
  const data = await getJson('/api/countries?window=' + encodeURIComponent(span));
  const max = Math.max(0, ...Object.values(data.counts));
  for (const [code, country] of worldMap) {
    const count = data.counts[code] || 0;
    country.shape.setAttribute('fill', shade(count, max));
    country.shape.setAttribute('data-count', String(count));
    country.title.textContent = country.name + ' (' + code + '): ' + count + ' article' + (count === 1 ? '' : 's');
  }
  const unmapped = Object.keys(data.counts).filter(code => !worldMap.has(code));
  document.getElementById('country-legend').textContent = Object.keys(data.counts).length + ' countries, busiest '
    + max + ' articles' + (unmapped.length ? '; too small for this map: ' + unmapped.join(' ') : '')
    + (data.counted_from === 'publisher' ? '; counted as the publisher here sends them' : '; counted from the by-country topic');
}

async function showCountry(code, name) {
  const articles = await getJson('/api/countries/' + encodeURIComponent(code));
  chosenCountry = code;
  document.querySelectorAll('#world-map path.country')
    .forEach(shape => shape.classList.toggle('chosen', shape.dataset.code === code));
  document.getElementById('country-name').textContent = name + ' (' + code + ')';
  document.getElementById('country-articles').replaceChildren(...(articles.length ? articles.map(article => {
    const open = el('button', { class: 'link', type: 'button' }, article.title);
    open.addEventListener('click', () => {
      location.hash = '#articles';
      showArticle(article.article_id).catch(showError);
    });
    return el('li', { 'data-article': article.article_id }, open, ' ',
      el('span', { class: 'note' }, (article.focus ? 'focus, ' : '') + article.mentions + ' mention(s)'));
  }) : [el('li', {}, 'No articles yet.')]));
  document.getElementById('country-panel').hidden = false;
}

// ---- Dead letters ----

let session = { actions: false, csrf: null, reasons: [] };
const selectedLetters = new Set();

async function postJson(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf || '' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(text.trim() || ('HTTP ' + response.status));
  return JSON.parse(text);
}

function dlqQuery() {
  const form = document.getElementById('dlq-filter');
  const params = new URLSearchParams();
  for (const name of ['reason', 'processor', 'since']) {
    const value = form.elements[name].value.trim();
    if (value) params.set(name, value);
  }
  return params.toString();
}

function updateRetryButton() {
  const button = document.getElementById('dlq-retry');
  button.disabled = !session.actions || selectedLetters.size === 0;
  button.textContent = 'Retry selected (' + selectedLetters.size + ')';
}

async function renderDeadLetters() {
  const letters = await getJson('/api/dead-letters?' + dlqQuery());
  const rows = letters.map(letter => {
    const box = el('input', { type: 'checkbox', 'aria-label': 'select ' + letter.position });
    box.checked = selectedLetters.has(letter.position);
    box.disabled = !letter.reason;
    box.addEventListener('change', () => {
      if (box.checked) selectedLetters.add(letter.position); else selectedLetters.delete(letter.position);
      updateRetryButton();
    });
    const open = el('button', { class: 'link', type: 'button' }, letter.position + (letter.replayed ? '*' : ''));
    open.addEventListener('click', () => showDeadLetter(letter.position).catch(showError));
    return el('tr', { 'data-position': letter.position },
      el('td', {}, box),
      el('td', {}, when(letter.sourceTime || letter.time)),
      el('td', {}, open),
      el('td', { 'data-field': 'reason' }, letter.reason || '—'),
      el('td', {}, letter.processor || '—'),
      el('td', {}, letter.source || '—'),
      el('td', { class: 'num' }, letter.originalBytes === undefined ? letter.size : letter.originalBytes),
      el('td', { 'data-field': 'retry-of' }, letter.retryOf || ''),
      el('td', { class: 'message', title: letter.message || letter.error }, letter.message || letter.error));
  });
  document.querySelector('#dlq-list tbody').replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { colspan: '9' }, 'No dead letters match.'))]));
  updateRetryButton();
}

async function showDeadLetter(position) {
  const letter = await getJson('/api/dead-letters/' + encodeURIComponent(position));
  document.getElementById('dlq-detail-title').textContent = 'Dead letter ' + letter.position;
  const one = document.getElementById('dlq-retry-one');
  one.disabled = !session.actions || !letter.reason;
  one.dataset.position = letter.position;
  const fields = [['reason', letter.reason], ['processor', letter.processor + ' ' + (letter.processorVersion || '')],
    ['source', letter.source], ['source time', letter.sourceTime], ['written', letter.time],
    ['retry of', letter.retryOf || '—'], ['message', letter.message || letter.error],
    ['key', letter.key ? letter.key.text : '(none)'], ['headers', (letter.headers || []).join(', ') || '(none)']];
  document.getElementById('dlq-detail-fields').replaceChildren(
    ...fields.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value === undefined ? '—' : value)]));
  const value = letter.value;
  document.getElementById('dlq-preview-note').textContent = !value ? 'no value'
    : value.encoding + ', ' + value.shown + ' of ' + value.bytes + ' bytes shown';
  document.getElementById('dlq-preview').textContent = value ? value.text : '';
  document.getElementById('dlq-detail').hidden = false;
}

function setUpDeadLetters() {
  const reasons = document.querySelector('#dlq-filter select[name=reason]');
  for (const reason of session.reasons) reasons.append(el('option', {}, reason));
  document.getElementById('dlq-filter').addEventListener('submit', event => {
    event.preventDefault();
    refresh('dead-letters');
  });
  document.getElementById('dlq-actions-note').textContent = session.actions ? ''
    : 'Retry is off: start run or demo with --console-actions to retry from here.';
  document.getElementById('dlq-retry').addEventListener('click', () => retryLetters([...selectedLetters]));
  document.getElementById('dlq-retry-one').addEventListener('click', event => retryLetters([event.target.dataset.position]));
}

async function retryLetters(positions) {
  const result = document.getElementById('dlq-result');
  try {
    const answer = await postJson('/api/dead-letters/retry', { positions });
    result.textContent = 'retried ' + answer.retried.length + ': ' + answer.retried.join(', ');
    selectedLetters.clear();
    refresh('dead-letters');
  } catch (error) {
    result.textContent = 'retry failed: ' + error.message;
  }
}

// ---- Replay ----

let replayPlan = null;

function showPlan(plan) {
  replayPlan = plan;
  document.getElementById('replay-window').textContent =
    'replay of news.articles.raw from ' + plan.from + ' to ' + plan.to;
  const rows = plan.partitions.map(([partition, from, to, records]) => el('tr', {},
    el('td', { class: 'num' }, partition), el('td', { class: 'num' }, from), el('td', { class: 'num' }, to),
    el('td', { class: 'num' }, records)));
  rows.push(el('tr', { class: 'total' }, el('td', {}, 'TOTAL'), el('td', {}, ''), el('td', {}, ''),
    el('td', { class: 'num', 'data-field': 'records' }, plan.records)));
  document.querySelector('#replay-plan-table tbody').replaceChildren(...rows);
  document.getElementById('replay-plan').hidden = false;
  document.getElementById('replay-execute').disabled = !session.actions || plan.records === 0;
}

async function renderReplay() {
  const status = await getJson('/api/replay');
  const line = document.getElementById('replay-status');
  if (status.state === 'idle') {
    line.textContent = '';
  } else if (status.state === 'running') {
    const total = status.plan ? status.plan.records : '?';
    line.textContent = 'replay running: ' + status.read + ' of ' + total + ' raw records read';
  } else if (status.state === 'done') {
    const r = status.result;
    line.textContent = 'replay ' + r.replayId + ' done in ' + r.seconds.toFixed(1) + ' s: read ' + r.read
      + ' raw records (' + r.outsideWindow + ' outside the window by timestamp), wrote ' + r.clean + ' clean, '
      + r.enriched + ' enriched, ' + r.byCountry + ' by-country, ' + r.deadLetters + ' dead letters';
  } else {
    line.textContent = 'replay failed: ' + status.error;
  }
  line.dataset.state = status.state;
}

function setUpReplay() {
  document.getElementById('replay-actions-note').textContent = session.actions ? ''
    : 'Execute is off: start run or demo with --console-actions to replay from here.';
  const form = document.getElementById('replay-form');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const params = new URLSearchParams({ from: form.elements.from.value.trim(), to: form.elements.to.value.trim() });
    try {
      showPlan(await getJson('/api/replay/plan?' + params));
      showError(null);
    } catch (error) {
      showError(error);
    }
  });
  document.getElementById('replay-execute').addEventListener('click', async () => {
    try {
      // The plan's own instants, so that what runs is the plan shown.
      await postJson('/api/replay', { from: replayPlan.from, to: replayPlan.to });
      document.getElementById('replay-execute').disabled = true;
      refresh('replay');
    } catch (error) {
      showError(error);
    }
  });
}

// ---- Feeds ----

/** How long ago (negative) or from now (positive) a time is, relative to the server's clock. */
function relative(millis, now) {
  if (!millis) return '—';
  const seconds = Math.abs(millis - now) / 1000;
  if (seconds < 1) return 'now';
  return millis < now ? duration(seconds) + ' ago' : 'in ' + duration(seconds);
}

function validatorOrError(feed) {
  if (feed.lastError) return feed.lastError;
  if (feed.etag) return 'ETag ' + feed.etag;
  return feed.lastModified ? 'Last-Modified ' + feed.lastModified : '';
}

async function renderFeeds() {
  const data = await getJson('/api/feeds');
  const now = data.time;
  const failing = data.feeds.filter(feed => feed.failing).length;
  document.getElementById('feeds-summary').textContent = data.problem ? data.problem
    : data.feeds.length + ' feed(s), ' + failing + ' failing';
  const rows = data.feeds.map(feed => el('tr', { 'data-feed': feed.url, class: feed.failing ? 'failing' : '' },
    el('td', { 'data-field': 'url' }, feed.url),
    el('td', { 'data-field': 'state', class: feed.failing ? 'state-failing' : 'state-ok' },
      feed.failing ? 'failing (' + feed.consecutiveErrors + ' in a row)' : (feed.lastPoll ? 'ok' : 'never polled')),
    el('td', { 'data-field': 'last-poll', title: feed.lastPoll ? new Date(feed.lastPoll).toISOString() : '' },
      relative(feed.lastPoll, now)),
    el('td', { class: 'num', 'data-field': 'status' }, feed.lastStatus || '—'),
    el('td', { 'data-field': 'outcome' }, feed.lastOutcome),
    el('td', { 'data-field': 'next-poll', title: feed.nextPoll ? new Date(feed.nextPoll).toISOString() : '' },
      feed.nextPoll && feed.nextPoll <= now ? 'due' : relative(feed.nextPoll, now)),
    el('td', { class: 'num', 'data-field': 'articles' }, feed.articles),
    el('td', { class: 'message', 'data-field': 'detail' }, validatorOrError(feed))));
  document.querySelector('#feeds-list tbody').replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { colspan: '8' }, 'No feeds yet: start ./news-pipeline crawl --feeds ...'))]));
}

// ---- Navigation ----

const PAGES = { pipeline: renderPipeline, lag: renderLag, articles: renderArticles, countries: renderCountries, 'dead-letters': renderDeadLetters, replay: renderReplay, feeds: renderFeeds };

function currentPage() {
  const name = location.hash.replace('#', '');
  return PAGES[name] ? name : 'pipeline';
}

async function refresh(name) {
  try {
    await PAGES[name]();
    showError(null);
    stamp();
  } catch (error) {
    showError(error);
  }
}

function show() {
  const name = currentPage();
  document.querySelectorAll('.page').forEach(page => { page.hidden = page.id !== 'page-' + name; });
  document.querySelectorAll('header nav a').forEach(link => {
    link.classList.toggle('current', link.dataset.page === name);
  });
  if (timer) clearInterval(timer);
  refresh(name);
  timer = setInterval(() => refresh(name), POLL_MS[name] || 5000);
}

async function start() {
  try {
    session = await getJson('/api/session');
    setUpDeadLetters();
    setUpReplay();
    document.querySelector('#country-window select').addEventListener('change', () => refresh('countries'));
    document.getElementById('actions-note').textContent = session.actions
      ? 'actions on (--console-actions)'
      : 'read only: start with --console-actions to retry and replay from here';
  } catch (error) {
    showError(error);
  }
  window.addEventListener('hashchange', show);
  show();
}

start();
