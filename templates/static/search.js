// The search page: Pagefind over the published records, with filters, and the query and filters
// kept in the URL (?q=…&committee=…) so a search can be shared. Record text is untrusted: results
// are built with textContent; only Pagefind's <mark> highlighting becomes elements.
const config = JSON.parse(document.getElementById("sok-config").textContent);
const form = document.getElementById("sok");
const status = document.getElementById("sok-status");
const list = document.getElementById("sok-results");
const more = document.getElementById("sok-more");
const clear = document.getElementById("sok-clear");
// The person filter is on the page only where the site has person pages (config `people`).
const FIELDS = ["q", "committee", "year", "type", "kind", "person", "sort"].filter((name) => form.elements[name]);
const FILTERS = ["committee", "type", "kind", "person"].filter((name) => form.elements[name]);  // Pagefind's; the year is filtered with the date files
const PAGE = 10;
const dateFormat = new Intl.DateTimeFormat(config.lang, { dateStyle: "long", timeZone: "UTC" });

let pagefind = null;
let source = null;  // the current search's results: { count, next(n) → the next n records }
let shown = 0;  // how many of them are in the list
let generation = 0;  // a newer search makes older, slower ones drop their results

// The index is in shards (pagefind/shards.json lists them; generator/index/sitesearch.py), each a
// Pagefind bundle: the first is loaded by its own pagefind.js, the others, and those of the sites
// config.merge names, are merged into it (Pagefind's multisite). Each carries a filter "shard" of
// its own, so that its results can be told apart (checked()).
const SITES = [config.base, ...config.merge.map((url) => (url.endsWith("/") ? url : `${url}/`))];
async function engine() {
  if (!pagefind) pagefind = start();
  return pagefind;
}

async function start() {
  const bundles = (await Promise.all(SITES.map((site, n) => shardsOf(site).catch((error) => {
    if (!n) throw error;  // another site out of reach: search this one all the same
    return [];
  })))).flat();
  if (!bundles.length) return null;
  const [primary, ...others] = bundles.map((bundle, n) => ({ ...bundle, shard: String(n) }));
  const pf = await import(`${primary.path}pagefind.js`);
  // No web worker: it would fetch a second copy of the search code (41 kB) for searches this small.
  await pf.options({ baseUrl: primary.base, noWorker: true, mergeFilter: { shard: primary.shard } });
  await Promise.all(others.map((b) => pf.mergeIndex(b.path, { baseUrl: b.base, mergeFilter: { shard: b.shard } })));
  return pf;
}

async function shardsOf(site) {
  const response = await fetch(`${site}pagefind/shards.json`);
  if (!response.ok) throw new Error(`${site}pagefind/shards.json: ${response.status}`);
  return Object.keys((await response.json()).shards).map((name) => ({ path: `${site}pagefind/${name}/`, base: site }));
}

// A diary number in any written form ("SN 2012:195", "sn/2012:195", "Dnr SN/2012:195", "2012:195")
// → its canonical forms (every prefix of the site when none is given) and the rest of the query.
// Pagefind indexes "2012:195" as one rare word, so searching that finds the pages cheaply.
function diaryNumbers(query) {
  const canonical = new Map(config.prefixes.map((p) => [p.toUpperCase(), p]));
  const prefixes = config.prefixes.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|") || "(?!)";
  const pattern = new RegExp(`(?<![\\w/-])(?:dnr\\.?\\s*:?\\s*)?(?:(${prefixes})(?:\\s+dnr)?\\s*\\/{0,2}\\s*)?`
                             + `((?:19|20)\\d{2})\\s*:\\s*(\\d{1,6})(?![\\w:])\\/?`, "giu");
  const numbers = [];
  const words = [];
  const rest = query.replace(pattern, (_, prefix, year, seq) => {
    const chosen = prefix ? [canonical.get(prefix.toUpperCase())] : config.prefixes;
    for (const p of chosen) numbers.push(`${p} ${year}:${Number(seq)}`);
    words.push(`${year}:${Number(seq)}`);
    return " ";
  });
  return { numbers, term: [rest.trim(), ...words].join(" ").trim() };
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  for (const name of FIELDS) form.elements[name].value = params.get(name) || "";
}

function writeUrl(push) {
  const params = new URLSearchParams();
  for (const name of FIELDS) if (form.elements[name].value) params.set(name, form.elements[name].value);
  const query = params.toString();
  history[push ? "pushState" : "replaceState"](null, "", query ? `?${query}` : location.pathname);
}

async function search() {
  const mine = ++generation;
  clear.hidden = FIELDS.every((name) => name === "q" || !form.elements[name].value);
  const { numbers, term } = diaryNumbers(form.elements.q.value);
  if (!term) return show(mine, null, [], 0);  // filters alone would make Pagefind load its whole index
  status.textContent = config.strings.searching;
  try {
    const cases = caseResults(numbers);  // under way while Pagefind searches
    const pf = await engine();
    const filters = {};
    for (const name of FILTERS) if (form.elements[name].value) filters[name] = form.elements[name].value;
    const found = pf ? await pf.search(term, { filters }) : { results: [], filters: {} };  // no record anywhere
    const [{ results, missing }, shownCases] = await Promise.all([checked(pf, term, filters, found), cases]);
    if (missing.some((m) => !m.close)) return show(mine, none, shownCases, shownCases.length, missing);
    const year = form.elements.year.value;
    const newest = form.elements.sort.value === "date";
    const ranked = year || newest ? await dated(results, year, newest) : ranking(results);
    const first = await ranked.next(PAGE);
    show(mine, ranked, [...shownCases, ...carriersFirst(first, numbers)], shownCases.length, missing);
  } catch (error) {
    if (mine === generation) status.textContent = config.strings.failed;
    throw error;
  }
}

// Pagefind falls back, for a word that no indexed word starts with, to the longest indexed word the
// query word starts with (its find_word_extensions): "xyzzy" finds "x", "blorf" finds "bl.a.". Such
// a fallback is the same for every result (it depends on the index only), so the first result tells:
// a query word is found when a word hit on that page shares its stem; otherwise it is missing, and
// "close" when the shared beginning is long enough to be a likely misspelling (shown, and said so).
// Pagefind also searches the page's metadata (a diary number is there, not in the text), whose
// hits have no location: the words of the metadata count as hits too.
const none = { count: 0, next: async () => [] };

// Each shard falls back on its own: a word one shard has, another answers with such a shorter word.
// So each shard's results are judged by their first (one more search, on chunks already loaded, and
// one fragment per shard with results); as in one index, only the shards that have every word stay,
// else those that come close, else none.
async function checked(pf, term, filters, found) {
  const shards = Object.entries(found.filters.shard || {}).filter(([, n]) => n > 0).map(([shard]) => shard);
  const groups = shards.length < 2 ? [found.results]
    : await Promise.all(shards.map(async (shard) => (await pf.search(term, { filters: { ...filters, shard } })).results));
  const judged = await Promise.all(groups.filter((g) => g.length).map(async (g) => ({
    results: g, missing: unmatched(term, await g[0].data()) })));
  const grade = (g) => (!g.missing.length ? 2 : g.missing.every((m) => m.close) ? 1 : 0);
  const best = Math.max(0, ...judged.map(grade));
  const kept = judged.filter((g) => grade(g) === best);
  const results = kept.length === 1 ? kept[0].results : kept.flatMap((g) => g.results).sort((a, b) => b.score - a.score);
  return { results, missing: kept.length ? kept[0].missing : [] };
}
function unmatched(term, data) {
  const words = (data.content || "").split(/\s+/);
  // A hit "KS/2011:7." or "bygg-och" is also indexed by its parts.
  const parts = (word) => [word, ...word.split(/[^\p{L}\p{N}:]+/u)];
  const hits = [...(data.locations || []).flatMap((i) => parts(words[i] || "")),
                ...Object.values(data.meta || {}).flatMap((value) => value.split(/\s+/).flatMap(parts))].map(normal);
  return term.split(/\s+/).map(normal).filter(Boolean).flatMap((word) => {
    const needed = stemLength(word);
    const shared = Math.max(0, ...hits.map((hit) => commonPrefix(hit, word)));
    return shared >= needed ? [] : [{ word, close: shared >= Math.max(4, Math.ceil(needed / 2)) }];
  });
}

function normal(word) {
  return word.toLocaleLowerCase(config.lang).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

function commonPrefix(a, b) {
  let n = 0;
  while (n < a.length && a[n] === b[n]) n++;
  return n;
}

// The length of a word's Swedish Snowball stem (the stemmer Pagefind indexes with): its suffixes
// are removed only from R1, the part after the first consonant that follows a vowel (at least 3 letters in).
const VOWEL = /[aeiouyäåö]/;
const STEP1 = ["heterna", "hetens", "anden", "heten", "heter", "arnas", "ernas", "ornas", "andes", "arens",
  "andet", "arna", "erna", "orna", "ande", "arne", "aste", "aren", "ades", "erns", "ade", "are", "ern", "ens",
  "het", "ast", "ad", "en", "ar", "er", "or", "as", "es", "at", "a", "e"];
function stemLength(word) {
  if (!/\p{L}/u.test(word)) return word.length;
  let r1 = word.length;
  for (let i = 1; i < word.length; i++) {
    if (VOWEL.test(word[i - 1]) && !VOWEL.test(word[i])) { r1 = Math.max(3, i + 1); break; }
  }
  let end = word.length;
  const region = () => word.slice(r1, end);
  const suffix = STEP1.find((s) => region().endsWith(s));
  if (suffix) end -= suffix.length;
  else if (region().endsWith("s") && /[bcdfghjklmnoprtvy]/.test(word[end - 2] || "")) end -= 1;
  if (/(dd|gd|nn|dt|gt|kt|tt)$/.test(region())) end -= 1;
  const step3 = region().match(/(lig|ig|els)$|(löst|fullt)$/);
  if (step3) end -= step3[1] ? step3[1].length : 1;
  return end;
}

// Results in a fixed order, their records loaded a page at a time.
function ranking(results) {
  const left = [...results];
  return { count: results.length, next: (n) => load(left.splice(0, n)) };
}

function load(results) {
  return Promise.all(results.map((r) => r.data()));
}

// A year filter or the newest first, from the dates of the pages (pagefind/dates/YYYY.json, one file
// a year): a year filter loads its year; sorting loads years newest first, only as far as results are
// shown. Within a date, and for the pages without one (last), the order stays by relevance.
async function dated(results, year, newest) {
  if (year) {
    const dates = await datesOf(year);
    const kept = results.filter((r) => dates.has(r.id));
    return ranking(newest ? byDate(kept, dates) : kept);
  }
  const years = [...form.elements.year.options].map((o) => o.value).filter(Boolean);  // newest first
  const ready = [];
  let left = results;
  return { count: results.length, next: async (n) => {
    while (ready.length < n && years.length) {
      const dates = await datesOf(years.shift());
      const inYear = [];
      const rest = [];
      for (const r of left) (dates.has(r.id) ? inYear : rest).push(r);
      ready.push(...byDate(inYear, dates));
      left = rest;
    }
    if (ready.length < n) ready.push(...left.splice(0));
    return load(ready.splice(0, n));
  } };
}

function byDate(results, dates) {
  return [...results].sort((a, b) => dates.get(b.id).localeCompare(dates.get(a.id)));
}

const dateFiles = new Map();  // year → Promise<Map(page id → date)> of every site searched, kept across searches
function datesOf(year) {
  if (!dateFiles.has(year)) {
    dateFiles.set(year, Promise.all(SITES.map((site) => fetch(`${site}pagefind/dates/${year}.json`)
      .then((response) => (response.ok ? response.json() : {}))  // 404: no dated page that year
      .catch(() => ({}))))
      .then((sites) => new Map(sites.flatMap((byDate) => Object.entries(byDate)
        .flatMap(([date, ids]) => ids.map((id) => [id, date]))))));
  }
  return dateFiles.get(year);
}

// For a diary number: its case page (everything filed under it), found by its URL; it is shown
// first, with the case's subject (the page's .case-subject, parsed inertly, read as text) as excerpt.
async function caseResults(numbers) {
  const found = await Promise.all(numbers.map(async (number) => {
    const url = `${config.base}arende/${number.toLowerCase().replace(/[ :]/g, "-")}/`;
    const response = await fetch(url).catch(() => null);
    if (!response || !response.ok) return null;
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const subject = page.querySelector(".case-subject")?.textContent || config.strings.case_excerpt;
    const meta = { title: `${config.strings.case} ${number}`, type: "case", dnr: number };
    return { url, meta, excerpt: subject.replace(/</g, "&lt;").replace(/>/g, "&gt;") };
  }));
  return found.filter(Boolean);
}

// Among the first page of results, those that carry the number come first.
function carriersFirst(data, numbers) {
  const carries = (d) => (d.meta.dnr || "").split(", ").some((n) => numbers.includes(n));
  return [...data.filter(carries), ...data.filter((d) => !carries(d))];
}

// The count (results plus case pages) is announced once the first results are in the list.
// Words the index does not have are named: with no result, or before approximate results.
function show(mine, ranked, first, extra, missing = []) {
  if (mine !== generation) return;
  source = ranked;
  shown = first.length - extra;
  list.replaceChildren(...first.map(resultItem));
  const count = ranked ? ranked.count + extra : 0;
  more.hidden = !ranked || shown >= ranked.count;
  const words = missing.map((m) => `”${m.word}”`).join(", ");
  const counted = count === 0 ? config.strings.none
    : count === 1 ? config.strings.count_one : config.strings.count.replace("{count}", count);
  const note = !missing.length ? ""
    : (missing.every((m) => m.close) ? config.strings.approximate : config.strings.not_found).replace("{words}", words);
  status.textContent = !ranked ? "" : [note, counted].filter(Boolean).join(" ");
}

// "More results": the next page of results, with focus on the first of them.
async function showMore() {
  const mine = generation;
  more.disabled = true;  // one page at a time: the next page depends on the one before
  const batch = await source.next(PAGE).finally(() => { more.disabled = false; });
  if (mine !== generation) return;
  shown += batch.length;
  const items = batch.map(resultItem);
  list.append(...items);
  more.hidden = shown >= source.count;
  if (items.length) items[0].querySelector("a").focus();
}

function resultItem(data) {
  const meta = data.meta;
  const item = element("li", "search-result");
  const link = item.appendChild(element("h2")).appendChild(element("a", "", meta.title || data.url));
  link.href = data.url;
  const parts = [typeLabel(meta.type), meta.date ? dateFormat.format(new Date(meta.date)) : "",
                 meta.committee || "", meta.dnr || ""].filter(Boolean);
  item.appendChild(element("p", "meta", parts.join(" · ")));
  item.appendChild(excerpt(data.excerpt));
  return item;
}

// A page found by the type filter for what it contains (an item with a tjänsteskrivelse) says so:
// "Tjänsteskrivelse i ärende", not only "Ärende".
function typeLabel(type) {
  const label = config.types[type] || "";
  const wanted = form.elements.type.value;
  if (!wanted || wanted === type || !label) return label;
  return config.strings.type_in.replace("{kind}", config.types[wanted]).replace("{record}", label.toLocaleLowerCase(config.lang));
}

// Pagefind's excerpt is the page text with < and > escaped and the hits wrapped in <mark>;
// it is rebuilt here as text nodes and <mark> elements, never parsed as HTML.
function excerpt(html) {
  const paragraph = element("p", "excerpt");
  let marked = false;
  for (const part of (html || "").split(/(<\/?mark>)/)) {
    if (part === "<mark>" || part === "</mark>") { marked = part === "<mark>"; continue; }
    const text = part.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    if (text) paragraph.append(marked ? element("mark", "", text) : text);
  }
  return paragraph;
}

function element(name, className = "", text = "") {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

let typing;
form.addEventListener("submit", (event) => { event.preventDefault(); writeUrl(true); search(); });
form.addEventListener("change", (event) => { if (event.target.tagName === "SELECT") { writeUrl(false); search(); } });
form.elements.q.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => { writeUrl(false); search(); }, 250);
});
more.addEventListener("click", showMore);
clear.addEventListener("click", () => {
  for (const name of FIELDS) if (name !== "q") form.elements[name].value = "";
  writeUrl(true);
  search();
  form.elements.q.focus();  // the button is gone; focus goes back to the query
});
window.addEventListener("popstate", () => { readUrl(); search(); });
readUrl();
search();
