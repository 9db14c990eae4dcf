// The search page: Pagefind over the published records, with filters, and the query and filters
// kept in the URL (?q=…&committee=…) so a search can be shared. Record text is untrusted: results
// are built with textContent; only Pagefind's <mark> highlighting becomes elements.
const config = JSON.parse(document.getElementById("sok-config").textContent);
const form = document.getElementById("sok");
const status = document.getElementById("sok-status");
const list = document.getElementById("sok-results");
const more = document.getElementById("sok-more");
const FIELDS = ["q", "committee", "year", "type", "sort"];
const FILTERS = ["committee", "year", "type"];
const PAGE = 10;
const dateFormat = new Intl.DateTimeFormat(config.lang, { dateStyle: "long", timeZone: "UTC" });

let pagefind = null;
let pending = [];  // result loaders not shown yet
let generation = 0;  // a newer search makes older, slower ones drop their results

async function engine() {
  if (!pagefind) {
    pagefind = await import(`${config.base}pagefind/pagefind.js`);
    // No web worker: it would fetch a second copy of the search code (41 kB) for searches this small.
    await pagefind.options({ baseUrl: config.base, noWorker: true });
  }
  return pagefind;
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
  const { numbers, term } = diaryNumbers(form.elements.q.value);
  const filters = {};
  for (const name of FILTERS) if (form.elements[name].value) filters[name] = form.elements[name].value;
  if (!term) return show(mine, [], false);  // filters alone would make Pagefind load its whole index
  status.textContent = config.strings.searching;
  try {
    const pf = await engine();
    const sort = form.elements.sort.value === "date" ? { date: "desc" } : undefined;
    const found = await pf.search(term, { filters, sort });
    const loaders = found.results.map((r) => r.data);
    await show(mine, numbers.length ? await numbersFirst(numbers, loaders) : loaders, true);
  } catch (error) {
    if (mine === generation) status.textContent = config.strings.failed;
    throw error;
  }
}

// For a diary number: its case page (everything filed under it) first, found by its URL (a HEAD
// request, no body), then among the first page of results those that carry the number.
async function numbersFirst(numbers, loaders) {
  const [cases, data] = await Promise.all([caseResults(numbers),
                                           Promise.all(loaders.slice(0, PAGE).map((load) => load()))]);
  const carries = (d) => (d.meta.dnr || "").split(", ").some((n) => numbers.includes(n));
  const sorted = [...data.filter(carries), ...data.filter((d) => !carries(d))];
  return [...cases, ...sorted].map((d) => () => Promise.resolve(d)).concat(loaders.slice(PAGE));
}

async function caseResults(numbers) {
  const found = await Promise.all(numbers.map(async (number) => {
    const url = `${config.base}arende/${number.toLowerCase().replace(/[ :]/g, "-")}/`;
    const response = await fetch(url, { method: "HEAD" }).catch(() => null);
    const meta = { title: `${config.strings.case} ${number}`, type: "case", dnr: number };
    return response && response.ok ? { url, meta, excerpt: config.strings.case_excerpt } : null;
  }));
  return found.filter(Boolean);
}

// The count is announced once the first results are in the list.
async function show(mine, loaders, announce) {
  const first = await Promise.all(loaders.slice(0, PAGE).map((load) => load()));
  if (mine !== generation) return;
  pending = loaders.slice(PAGE);
  list.replaceChildren(...first.map(resultItem));
  more.hidden = pending.length === 0;
  const count = loaders.length;
  status.textContent = !announce ? "" : count === 0 ? config.strings.none
    : count === 1 ? config.strings.count_one : config.strings.count.replace("{count}", count);
}

// "More results": the next page of results, with focus on the first of them.
async function showMore() {
  const mine = generation;
  const batch = await Promise.all(pending.splice(0, PAGE).map((load) => load()));
  if (mine !== generation) return;
  const items = batch.map(resultItem);
  list.append(...items);
  more.hidden = pending.length === 0;
  if (items.length) items[0].querySelector("a").focus();
}

function resultItem(data) {
  const meta = data.meta;
  const item = element("li", "search-result");
  const link = item.appendChild(element("h2")).appendChild(element("a", "", meta.title || data.url));
  link.href = data.url;
  const parts = [config.types[meta.type] || "", meta.date ? dateFormat.format(new Date(meta.date)) : "",
                 meta.committee || "", meta.dnr || ""].filter(Boolean);
  item.appendChild(element("p", "meta", parts.join(" · ")));
  item.appendChild(excerpt(data.excerpt));
  return item;
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
window.addEventListener("popstate", () => { readUrl(); search(); });
readUrl();
search();
