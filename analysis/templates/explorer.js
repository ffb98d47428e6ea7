// The framing explorer: no library, nothing fetched. Every string from the data goes in as text, never as HTML.
"use strict";
(function () {
  const D = JSON.parse(document.getElementById("data").textContent);
  const app = document.getElementById("app");
  const MAX_ROWS = 400;
  const eventIndex = new Map(D.events.map((e, i) => [e[0], i]));
  const termSet = new Set(D.terms.map(t => t[2]));
  const SHOWN = 50;  // sentences shown per outlet for a searched word or phrase

  // Words as the contrast tables read them (analysis.contrast.fold and TOKEN_PATTERN, analysis.findings.kept_tokens):
  // lower case, a dotted acronym one word ("F.B.I." is "fbi"; "U.S." is "US", apart from the pronoun), stop words
  // dropped; offsets into the text itself.
  const STOP = new Set(D.stop_words);
  const ACRONYM = /(?<![\p{L}\p{N}_.])(?:[A-Z]\.){2,}(?![A-Za-z])|(?<![A-Z]\s)(?<![\p{L}\p{N}_])(?:US|UN|WHO)(?![\p{L}\p{N}_])(?!\s[A-Z]{2})/gu;
  const TOKEN = /(?<![\p{L}\p{N}_])\p{L}(?:[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*|(?:-[\p{L}\p{N}]+)+)(?![\p{L}\p{N}_])/gu;
  function tokens(text) {
    let folded = "", begin = [], finish = [], last = 0;
    const gap = (lo, hi) => {
      for (let i = lo; i < hi; i++) {
        const low = text[i].toLowerCase();
        folded += low;
        for (let k = 0; k < low.length; k++) { begin.push(i); finish.push(i + 1); }
      }
    };
    for (const m of text.matchAll(ACRONYM)) {
      gap(last, m.index);
      const letters = m[0].replace(/\./g, "");
      const word = STOP.has(letters.toLowerCase()) ? letters : letters.toLowerCase();
      folded += word;
      for (let k = 0; k < word.length; k++) { begin.push(m.index); finish.push(m.index + m[0].length); }
      last = m.index + m[0].length;
    }
    gap(last, text.length);
    const out = [];
    for (const m of folded.matchAll(TOKEN)) {
      if (!STOP.has(m[0])) out.push([begin[m.index], finish[m.index + m[0].length - 1], m[0]]);
    }
    return out;
  }
  const searched = new Map();
  function search(phrase) {  // every stored sentence holding the phrase: {outlet index: [[sentence, start, end, ...]]}
    if (searched.has(phrase)) return searched.get(phrase);
    const words = tokens(phrase).map(t => t[2]);
    const per = {};
    if (words.length) {
      D.sentences.forEach(([a, , text], id) => {
        const toks = tokens(text), spans = [];
        for (let i = 0; i + words.length <= toks.length;) {
          if (words.every((w, k) => toks[i + k][2] === w)) { spans.push(toks[i][0], toks[i + words.length - 1][1]); i += words.length; }
          else i += 1;
        }
        if (spans.length) (per[String(D.articles[a][1])] ||= []).push([id, ...spans]);
      });
    }
    const found = {words, per};
    searched.set(phrase, found);
    return found;
  }
  window.explorerSearch = phrase => search(phrase);  // for tests: what the page finds for a phrase

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (k === "cls") node.className = v;
      else node.setAttribute(k, v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }
  const fmt = (x, d) => (x === null || x === undefined) ? "" : Number(x).toFixed(d);
  const fmtQ = q => q === null || q === undefined ? "" : (q < 0.001 ? "<0.001" : Number(q).toFixed(3));
  const eventLabel = i => i === null || i === undefined ? "(no event)" : D.events[i][1];
  function safeUrl(u) {  // only web links become links
    return (typeof u === "string" && /^https?:\/\//i.test(u)) ? u : null;
  }

  function readState() {
    const p = new URLSearchParams(location.hash.slice(1));
    const s = Object.fromEntries(p.entries());
    if (!s.view) s.view = s.term ? "terms" : s.actor ? "actors" : (s.a ? "tone" : (s.event ? "events" : "findings"));
    return s;
  }
  function go(changes, replace) {
    const s = Object.assign(readState(), changes);
    for (const k of Object.keys(s)) if (s[k] === "" || s[k] === null || s[k] === undefined) delete s[k];
    const hash = "#" + new URLSearchParams(s).toString();
    if (replace) { history.replaceState(null, "", hash); render(); } else location.hash = hash;
  }

  function select(id, label, value, options, onchange) {
    return el("label", {}, label + " ", el("select", {id, onchange: e => onchange(e.target.value)},
      options.map(([v, text]) => el("option", {value: v, selected: String(v) === String(value ?? "") ? "selected" : null}, text))));
  }

  function articleMeta(a) {
    const art = D.articles[a];
    const url = safeUrl(art[4]);
    return el("div", {cls: "meta"},
      url ? el("a", {href: url, target: "_blank", rel: "noopener noreferrer"}, art[3] || art[0]) : (art[3] || art[0]),
      " \u00b7 ", el("a", {href: "#" + new URLSearchParams({view: "events", event: art[2] === null ? "" : D.events[art[2]][0]})},
        eventLabel(art[2])),
      art[5] ? " \u00b7 " + art[5] : "");
  }

  function highlighted(text, spans) {
    const parts = []; let at = 0;
    for (let i = 0; i + 1 < spans.length; i += 2) {
      parts.push(text.slice(at, spans[i]), el("mark", {}, text.slice(spans[i], spans[i + 1])));
      at = spans[i + 1];
    }
    parts.push(text.slice(at));
    return parts;
  }

  function viewFindings() {
    if (!D.findings.length) return el("p", {}, "No findings were computed for this report.");
    const stated = D.findings.filter(f => f[1] !== "caution" && f[1] !== "check");
    const cautions = D.findings.filter(f => f[1] === "caution"), checks = D.findings.filter(f => f[1] === "check");
    const link = ev => ev.startsWith("explorer.html") ? ev.slice("explorer.html".length) : ev;
    return el("div", {id: "findings"}, checks.map(f => el("p", {cls: "check"}, f[2])),
      stated.length ? el("ol", {cls: "findings"}, stated.map(f => el("li", {"data-kind": f[1]}, f[2], " ",
        f[3] ? el("a", {href: f[3]}, "figure") : null, " ", f[4] ? el("a", {href: link(f[4])}, "evidence") : null)))
        : el("p", {}, "No difference in this corpus passes the tests for a finding."),
      cautions.length ? [el("h2", {}, "Cautions"), el("ul", {}, cautions.map(f => el("li", {cls: "caution"}, f[2])))] : null);
  }

  function termRows(s) {
    const q = (s.q || "").toLowerCase(), scope = s.scope || (D.terms.some(t => t[0] === "matched") ? "matched" : "all");
    const kind = s.kind || "framing";
    let rows = D.terms.filter(t => t[0] === scope && (s.outlet === undefined || D.outlets[t[1]] === s.outlet) && (!q || t[2].includes(q))
      && (kind === "any" || t[8] === kind));
    const key = {outlet: 1, term: 2, count: 3, count_rest: 4, log_odds: 5, z: 6, q: 7}[s.sort || "z"] ?? 6;
    const desc = s.sort ? s.desc === "1" : true;
    rows = rows.slice().sort((a, b) => {
      const x = key === 1 ? D.outlets[a[1]] : a[key], y = key === 1 ? D.outlets[b[1]] : b[key];
      const c = typeof x === "string" ? x.localeCompare(y) : (x ?? -Infinity) - (y ?? -Infinity);
      return desc ? -c : c;
    });
    return {rows, scope, kind};
  }

  function viewTerms(s) {
    const {rows, scope, kind} = termRows(s);
    const scopes = [...new Set(D.terms.map(t => t[0]))];
    const search = el("input", {id: "search", type: "search", placeholder: D.full ? "search terms, or any word or phrase" : "search terms", value: s.q || ""});
    search.addEventListener("input", e => go({q: e.target.value}, true));
    search.addEventListener("keydown", e => { if (e.key === "Enter" && D.full && e.target.value.trim()) go({term: e.target.value.trim()}); });
    const controls = el("div", {cls: "controls"}, search,
      D.full ? el("button", {id: "find", onclick: () => { const v = search.value.trim(); if (v) go({term: v}); }}, "Sentences") : null,
      select("scope", "Scope", scope, scopes.map(x => [x, x]), v => go({scope: v})),
      select("kind", "Kind", kind, [["framing", "framing"], ["name", "names"], ["style", "house style"],
        ["self", "self-reference"], ["any", "every kind"]], v => go({kind: v})),
      select("outlet", "Outlet", s.outlet ?? "", [["", "every outlet"], ...D.outlets.map(o => [o, o])], v => go({outlet: v})),
      select("event", "Event (contexts)", s.event ?? "", [["", "every event"], ...D.events.map(e => [e[0], e[1]])],
        v => go({event: v})));
    const head = ["outlet", "term", "z", "q", "count", "count_rest", "log_odds"];
    const table = el("table", {id: "terms-table"},
      el("thead", {}, el("tr", {}, head.map(h => el("th", {"data-key": h,
        onclick: () => go({sort: h, desc: s.sort === h && s.desc === "1" ? "0" : "1"}, true)},
        h.replace("_", " ") + (((s.sort || "z") === h) ? (s.sort && s.desc !== "1" ? " \u25b2" : " \u25bc") : ""))))),
      el("tbody", {}, rows.slice(0, MAX_ROWS).map(t => el("tr", {cls: t[2] === s.term ? "sel" : null},
        el("td", {}, D.outlets[t[1]]),
        el("td", {}, el("button", {cls: "term", "data-term": t[2], onclick: () => go({term: t[2]})}, t[2])),
        el("td", {cls: "num"}, fmt(t[6], 2)), el("td", {cls: "num"}, fmtQ(t[7])),
        el("td", {cls: "num"}, t[3]), el("td", {cls: "num"}, t[4]), el("td", {cls: "num"}, fmt(t[5], 3))))));
    const note = el("p", {cls: "note"}, `${rows.length} terms` + (rows.length > MAX_ROWS ? `, the first ${MAX_ROWS} shown: refine the search` : "") +
      `. The page keeps the ${D.caps.terms_per_outlet} most distinctive terms of each outlet, scope and kind; every term is in tables/term-contrasts.parquet.`);
    return el("div", {cls: "split"}, el("div", {}, controls, note, table), viewContexts(s, "term"));
  }

  function viewActors(s) {
    const q = (s.q || "").toLowerCase();
    const rows = D.actors.filter(a => !q || a[0].toLowerCase().includes(q));
    const search = el("input", {id: "actor-search", type: "search", placeholder: "search actors", value: s.q || ""});
    search.addEventListener("input", e => go({q: e.target.value}, true));
    const table = el("table", {id: "actors-table"},
      el("thead", {}, el("tr", {}, ["actor", "articles", "mentions", ...D.outlets].map(h => el("th", {}, h)))),
      el("tbody", {}, rows.map(a => el("tr", {cls: a[0] === s.actor ? "sel" : null},
        el("td", {}, el("button", {cls: "term actor", "data-actor": a[0], onclick: () => go({actor: a[0]})}, a[0])),
        el("td", {cls: "num"}, a[1]), el("td", {cls: "num"}, a[2]),
        D.outlets.map((_, o) => el("td", {cls: "num"}, a[3][String(o)] || 0))))));
    const note = el("p", {cls: "note"}, `${rows.length} of the ${D.actors.length} actors named in the most articles ` +
      "(people and institutions found by analysis.find_actors: names with titles split off, short forms tied to the full name). Mentions per outlet.");
    return el("div", {cls: "split"}, el("div", {}, el("div", {cls: "controls"}, search,
      select("event", "Event (contexts)", s.event ?? "", [["", "every event"], ...D.events.map(e => [e[0], e[1]])], v => go({event: v}))),
      note, table), viewContexts(s, "actor"));
  }

  function viewContexts(s, kind) {
    const box = el("div", {id: "contexts"});
    const key = kind === "actor" ? s.actor : s.term;
    if (!key) { box.appendChild(el("p", {cls: "note"}, `Click ${kind === "actor" ? "an actor" : "a term"} to read its sentences, outlet by outlet.`)); return box; }
    box.appendChild(el("h2", {}, kind === "actor" ? `Sentences naming ${key}` : `Sentences with \u201c${key}\u201d`));
    if (kind === "term" && D.full) return searchedContexts(s, key, box);
    const all = kind === "actor" ? D.actor_contexts : D.contexts, allTotals = kind === "actor" ? D.actor_totals : D.totals;
    const per = all[key];
    if (!per) {
      box.appendChild(el("p", {}, kind === "actor" ? `No mentions of \u201c${key}\u201d are stored on this page.` :
        termSet.has(key) ? "No sentence holds this term." :
        `No contexts are stored for \u201c${key}\u201d: this page keeps ${D.sentences.length} of the corpus's ` +
        `${D.n_sentences} sentences (those of its most distinctive terms), not every sentence, as it does up to 2,000 articles. ` +
        "In a notebook, analysis.term_contexts(sentences, term) finds every sentence with any term."));
      return box;
    }
    const ev = s.event !== undefined ? eventIndex.get(s.event) : undefined;
    // past 20,000 articles a term's sentences are searched in part of the corpus (whole events): said, with its articles in all
    const sampled = kind === "term" && D.searched ? D.term_articles[key] || {} : null;
    box.appendChild(el("p", {cls: "note"}, `At most ${D.caps.contexts_per_outlet} sentences are stored per outlet, spread over events` +
      (sampled ? `, found in ${D.searched[0].toLocaleString("en")} of the ${D.searched[1].toLocaleString("en")} articles (whole events drawn with a fixed seed)` : "") +
      (ev !== undefined ? `; showing those from \u201c${eventLabel(ev)}\u201d.` : ".")));
    const cols = el("div", {cls: "columns"});
    D.outlets.forEach((outlet, o) => {
      const entries = (per[String(o)] || []).filter(c => ev === undefined || D.articles[D.sentences[c[0]][0]][2] === ev);
      const total = (allTotals[key] || {})[String(o)] || 0;
      const inAll = sampled ? sampled[String(o)] || 0 : 0;
      if (!total && !inAll) return;
      cols.appendChild(el("div", {cls: "column", "data-outlet": outlet}, el("h3", {}, outlet),
        el("div", {cls: "meta"}, `${entries.length} of ${total} sentences shown` +
          (sampled ? ` (those articles); in ${inAll.toLocaleString("en")} of the outlet's articles in all` : "")),
        entries.map(c => {
          const [a, , text] = D.sentences[c[0]];
          return el("div", {cls: "context"}, el("div", {}, highlighted(text, c.slice(1))), articleMeta(a));
        })));
    });
    const missing = D.outlets.filter((o, i) => !((allTotals[key] || {})[String(i)]) && !(sampled && sampled[String(i)]));
    box.appendChild(cols);
    if (missing.length) box.appendChild(el("p", {cls: "note"}, `No sentence with this ${kind} in: ` + missing.join(", ") + "."));
    return box;
  }

  function searchedContexts(s, key, box) {  // every sentence is on the page: read them for the phrase
    const {words, per} = search(key);
    if (!words.length) {
      box.appendChild(el("p", {}, `\u201c${key}\u201d holds no word the contrast tables count (only stop words, digits or one-letter words).`));
      return box;
    }
    const ev = s.event !== undefined ? eventIndex.get(s.event) : undefined;
    box.appendChild(el("p", {cls: "note"}, `Every sentence of the corpus is on this page: \u201c${words.join(" ")}\u201d as the contrast tables count it` +
      (ev !== undefined ? `, in \u201c${eventLabel(ev)}\u201d.` : ".") + ` At most ${SHOWN} sentences shown per outlet.`));
    const cols = el("div", {cls: "columns"});
    D.outlets.forEach((outlet, o) => {
      const entries = (per[String(o)] || []).filter(c => ev === undefined || D.articles[D.sentences[c[0]][0]][2] === ev);
      if (!entries.length) return;
      cols.appendChild(el("div", {cls: "column", "data-outlet": outlet}, el("h3", {}, outlet),
        el("div", {cls: "meta"}, `${Math.min(entries.length, SHOWN)} of ${entries.length} sentences shown`),
        entries.slice(0, SHOWN).map(c => {
          const [a, , text] = D.sentences[c[0]];
          return el("div", {cls: "context"}, el("div", {}, highlighted(text, c.slice(1))), articleMeta(a));
        })));
    });
    box.appendChild(cols);
    const missing = D.outlets.filter((o, i) => !(per[String(i)] || []).length);
    if (missing.length) box.appendChild(el("p", {cls: "note"}, "No sentence with this term in: " + missing.join(", ") + "."));
    return box;
  }

  function viewEvents(s) {
    const counts = D.events.map((e, i) => [i, new Set(D.articles.filter(a => a[2] === i).map(a => a[1])).size]);
    counts.sort((x, y) => y[1] - x[1] || D.events[x[0]][1].localeCompare(D.events[y[0]][1]));
    const chosen = s.event !== undefined ? eventIndex.get(s.event) : (counts.length ? counts[0][0] : undefined);
    const controls = el("div", {cls: "controls"}, select("event", "Event", chosen === undefined ? "" : D.events[chosen][0],
      counts.map(([i, n]) => [D.events[i][0], `${D.events[i][1]} (${n} outlets)`]), v => go({event: v})));
    if (chosen === undefined) return el("div", {}, controls, el("p", {}, "No events."));
    const cols = el("div", {cls: "columns", id: "event-columns"});
    D.outlets.forEach((outlet, o) => {
      const arts = D.articles.map((a, i) => [a, i]).filter(([a]) => a[2] === chosen && a[1] === o);
      cols.appendChild(el("div", {cls: "column", "data-outlet": outlet}, el("h3", {}, outlet),
        arts.length ? arts.map(([a]) => el("div", {cls: "article"},
          el("strong", {}, safeUrl(a[4]) ? el("a", {href: safeUrl(a[4]), target: "_blank", rel: "noopener noreferrer"}, a[3] || a[0]) : (a[3] || a[0])),
          el("div", {cls: "meta"}, [a[5] || "no date", a[7] === null ? "" : `tone ${fmt(a[7], 3)}`].filter(Boolean).join(" \u00b7 ")),
          el("p", {}, a[6]))) : el("p", {cls: "note"}, "Not covered.")));
    });
    return el("div", {}, controls, el("h2", {}, D.events[chosen][1]), cols);
  }

  function eventMeans() {  // mean tone of each outlet's articles on each event
    const sums = new Map();
    for (const a of D.articles) {
      if (a[2] === null || a[7] === null) continue;
      const k = a[2] + ":" + a[1], v = sums.get(k) || [0, 0];
      v[0] += a[7]; v[1] += 1; sums.set(k, v);
    }
    const m = new Map();
    for (const [k, [s, n]] of sums) m.set(k, s / n);
    return m;
  }

  function viewTone(s) {
    const out = el("div", {id: "tone"});
    const oi = name => D.outlets.indexOf(name);
    out.appendChild(el("p", {cls: "note"}, "Mean VADER compound of each article's sentences, averaged per outlet and event. " +
      "Differences are compared event by event, over the events both outlets covered; 95% bootstrap intervals over events."));
    if (D.pairs.length) out.appendChild(el("table", {id: "pairs-table"}, el("tr", {}, ["outlet A", "outlet B", "events", "A \u2212 B", "95% interval", ""].map(h => el("th", {}, h))),
      D.pairs.map(p => el("tr", {}, el("td", {}, D.outlets[p[0]]), el("td", {}, D.outlets[p[1]]), el("td", {cls: "num"}, p[2]),
        el("td", {cls: "num"}, fmt(p[3], 3)), el("td", {cls: "num"}, `${fmt(p[4], 3)} to ${fmt(p[5], 3)}`),
        el("td", {}, el("a", {href: "#" + new URLSearchParams({view: "tone", a: D.outlets[p[0]], b: D.outlets[p[1]]})}, "events"))))));
    if (D.offsets.length) out.appendChild(el("table", {id: "offsets-table"},
      el("tr", {}, ["outlet", "events", "offset from the typical outlet", "95% interval", ""].map(h => el("th", {}, h))),
      D.offsets.map(p => el("tr", {}, el("td", {}, D.outlets[p[0]]), el("td", {cls: "num"}, p[1]), el("td", {cls: "num"}, fmt(p[2], 3)),
        el("td", {cls: "num"}, `${fmt(p[3], 3)} to ${fmt(p[4], 3)}`),
        el("td", {}, el("a", {href: "#" + new URLSearchParams({view: "tone", a: D.outlets[p[0]]})}, "events"))))));
    if (!s.a || oi(s.a) < 0) return out;
    const a = oi(s.a), b = s.b !== undefined ? oi(s.b) : -1, means = eventMeans();
    const rows = [];
    D.events.forEach((e, i) => {
      const ma = means.get(i + ":" + a);
      if (ma === undefined) return;
      let mb;
      if (b >= 0) mb = means.get(i + ":" + b);
      else {
        const others = D.outlets.map((_, j) => j).filter(j => j !== a).map(j => means.get(i + ":" + j)).filter(x => x !== undefined);
        mb = others.length ? others.reduce((x, y) => x + y, 0) / others.length : undefined;
      }
      if (mb !== undefined) rows.push([i, ma, mb, ma - mb]);
    });
    rows.sort((x, y) => x[3] - y[3]);
    const other = b >= 0 ? D.outlets[b] : "the others (mean)";
    out.appendChild(el("h2", {}, `${D.outlets[a]} against ${other}: ${rows.length} shared events, most negative difference first`));
    out.appendChild(el("table", {id: "tone-events"}, el("tr", {}, ["event", D.outlets[a], other, "difference"].map(h => el("th", {}, h))),
      rows.map(r => el("tr", {}, el("td", {}, el("a", {href: "#" + new URLSearchParams({view: "events", event: D.events[r[0]][0]})}, D.events[r[0]][1])),
        el("td", {cls: "num"}, fmt(r[1], 3)), el("td", {cls: "num"}, fmt(r[2], 3)), el("td", {cls: "num"}, fmt(r[3], 3))))));
    return out;
  }

  function viewFrames(s) {  // generic news frames per outlet, the pairs, and the sentences behind the labels
    const F = D.frames, out = el("div", {id: "frames"});
    const pct = x => x === null || x === undefined ? "" : (100 * x).toFixed(0) + "%";
    out.appendChild(el("p", {cls: "note"}, "Generic news frames (Semetko & Valkenburg 2000), labelled per article by a linear model " +
      "trained on coded climate coverage. Each cell: the share of the outlet's articles using the frame, averaged over the events " +
      "two or more outlets covered, with a 95% bootstrap interval over events. * not shown to be reliable on political news " +
      "(hover for why): read its sentences before trusting it; the findings leave it out."));
    const prev = new Map(F.prevalence.map(p => [p[0] + ":" + p[1], p]));
    out.appendChild(el("table", {id: "frames-table"}, el("tr", {}, el("th", {}, "frame"), D.outlets.map(o => el("th", {}, o))),
      F.names.map((f, i) => el("tr", {}, el("td", {title: f[3]}, el("a", {href: "#" + new URLSearchParams({view: "frames", frame: f[0]})},
        f[1] + (f[2] ? "" : " *"))),
        D.outlets.map((_, o) => { const p = prev.get(i + ":" + o);
          return el("td", {cls: "num"}, p ? `${pct(p[3])} (${pct(p[4])} to ${pct(p[5])})` : ""); })))));
    if (F.pairs.length) out.appendChild(el("table", {id: "frame-pairs"},
      el("tr", {}, ["frame", "outlet A", "outlet B", "events", "A \u2212 B", "95% interval", "corrected for all comparisons", "holds"].map(h => el("th", {}, h))),
      F.pairs.map(p => el("tr", {"data-holds": p[9] ? "1" : "0"}, el("td", {}, F.names[p[0]][1]), el("td", {}, D.outlets[p[1]]), el("td", {}, D.outlets[p[2]]),
        el("td", {cls: "num"}, p[3]), el("td", {cls: "num"}, pct(p[4])), el("td", {cls: "num"}, `${pct(p[5])} to ${pct(p[6])}`),
        el("td", {cls: "num"}, `${pct(p[7])} to ${pct(p[8])}`), el("td", {}, p[9] ? "yes" : "")))));
    const found = F.names.findIndex(f => f[0] === s.frame), fi = found >= 0 ? found : 0;
    out.appendChild(el("div", {cls: "controls"}, select("frame-select", "Sentences behind", F.names[fi][0],
      F.names.map(f => [f[0], f[1]]), v => go({frame: v}))));
    out.appendChild(el("p", {cls: "note"}, `The sentence that weighs most for \u201c${F.names[fi][1]}\u201d in a few of each outlet's ` +
      "articles labelled with it (drawn at random with a fixed seed): check them before trusting a difference."));
    const ev = F.evidence[String(fi)] || {};
    out.appendChild(el("div", {cls: "columns", id: "frame-evidence"}, D.outlets.map((outlet, o) => (ev[String(o)] || []).length ?
      el("div", {cls: "column", "data-outlet": outlet}, el("h3", {}, outlet),
        ev[String(o)].map(r => el("div", {cls: "context"}, el("div", {}, r[1]), articleMeta(r[0])))) : null)));
    return out;
  }

  function render() {
    const s = readState();
    const views = {findings: ["Findings", viewFindings], terms: ["Terms", viewTerms], actors: ["Actors", viewActors],
      events: ["Events", viewEvents], tone: ["Tone", viewTone], frames: ["Frames", viewFrames]};
    if (!D.actors.length) delete views.actors;
    if (!D.frames) delete views.frames;
    const view = views[s.view] ? s.view : "findings";
    const active = document.activeElement && document.activeElement.id === "search";
    app.replaceChildren(
      el("header", {}, el("h1", {}, D.title),
        el("div", {cls: "note"}, `${D.articles.length} articles, ${D.outlets.length} outlets, ${D.events.length} events. The view is in the address: copy it to share.`),
        el("nav", {}, Object.entries(views).map(([k, [label]]) => el("a", {href: "#view=" + k, cls: k === view ? "on" : null}, label)))),
      el("main", {"data-view": view}, views[view][1](s)));
    if (active) { const box = document.getElementById("search"); box.focus(); box.setSelectionRange(box.value.length, box.value.length); }
    document.body.setAttribute("data-ready", "1");
  }
  window.addEventListener("hashchange", render);
  render();
})();
