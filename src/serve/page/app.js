// renja serve: drop workbooks, see the findings, download the cleaned workbook and reports.
// Every file is sent to this computer's renja (POST /api/check, /api/report.csv, /api/clean)
// and kept only in this page's memory; every download is what renja itself renders (the CSV
// is `renja check --format csv`). Words come from renja's message catalogue (#strings).
"use strict";

const STRINGS = JSON.parse(document.getElementById("strings").textContent);
const MAX_UPLOAD = Number(document.body.dataset.maxUpload);
const PARALLEL = 3;
const SEVERITIES = ["error", "warning", "info"];
let lang = localStorage.getItem("renja.lang") ||
  (navigator.language && navigator.language.startsWith("en") ? "en" : "id");
const cards = [];
const queue = [];
let running = 0;

function t(key, args) {
  let text = (STRINGS[lang] && STRINGS[lang][key]) || key;
  for (const [name, value] of Object.entries(args || {})) text = text.split("{" + name + "}").join(value);
  return text;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

// An exact decimal string ("-9490000.00") in the reader's format: 9.490.000,00 or 9,490,000.00.
function figure(text) {
  if (text == null || text === "") return "";
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return text;
  const [group, point] = lang === "en" ? [",", "."] : [".", ","];
  const whole = m[2].replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return m[1] + whole + (m[3] ? point + m[3] : "");
}

// 40 KB, 62,5 MB, 1,5 GB: the largest decimal unit that keeps the figure at 1 or more, one
// decimal at most, as renja writes sizes in its messages.
function sizeText(bytes) {
  for (const [scale, unit] of [[1e9, "GB"], [1e6, "MB"], [1e3, "KB"]]) {
    const value = Math.round(bytes / scale * 10) / 10;
    if (value >= 1) return figure(String(value)) + " " + unit;
  }
  return figure(String(bytes)) + " B";
}

function cellOrder(a1) {
  const m = /^([A-Z]+)(\d+)$/.exec(a1 || "");
  if (!m) return [Infinity, Infinity];
  let col = 0;
  for (const c of m[1]) col = col * 26 + c.charCodeAt(0) - 64;
  return [Number(m[2]), col];
}

function compare(a, b) {
  if (typeof a === "number" || typeof b === "number") return (a ?? -Infinity) - (b ?? -Infinity);
  if (Array.isArray(a)) return a[0] - b[0] || a[1] - b[1];
  return String(a ?? "").localeCompare(String(b ?? ""), lang, { numeric: true });
}

const COLUMNS = [
  { key: "severity", label: "col.severity", sort: f => SEVERITIES.indexOf(f.severity),
    show: f => el("span", { class: "sev " + f.severity }, t("severity." + f.severity)) },
  { key: "sheet", label: "col.sheet", sort: f => f.sheet, show: f => f.sheet },
  { key: "cell", label: "col.cell", sort: f => cellOrder(f.cell), show: f => f.cell || "", cls: "cell" },
  { key: "row_code", label: "col.row-code", sort: f => f.row_code, show: f => f.row_code || "", cls: "code" },
  { key: "message", label: "col.message", sort: f => f.rule + " " + f.message,
    show: f => [el("span", { class: "rule" }, f.rule), " ", f.message] },
  { key: "expected", label: "col.expected", sort: f => num(f.expected), show: f => figure(f.expected), cls: "num" },
  { key: "actual", label: "col.actual", sort: f => num(f.actual), show: f => figure(f.actual), cls: "num" },
  { key: "difference", label: "col.difference", sort: f => num(f.difference), show: f => figure(f.difference), cls: "num" },
  { key: "root_cause", label: "col.root-cause", sort: f => (f.root_cause ? 0 : 1),
    show: f => (f.root_cause ? t("page.root") : t("page.propagated")) },
];

function num(text) {
  const n = Number(text);
  return text == null || text === "" || Number.isNaN(n) ? null : n;
}

function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function stem(name) {
  return name.replace(/\.[^.]*$/, "");
}

class Card {
  constructor(file) {
    this.file = file;
    this.report = null;
    this.reportText = null;
    this.problem = null;
    // Errors first; within a severity, the report's order (root causes first, then position).
    this.sort = { key: "severity", dir: 1 };
    this.visible = new Set(SEVERITIES);
    this.node = el("article", { class: "file" });
    this.render();
  }

  async check() {
    this.report = this.problem = null;
    this.busy = true;
    this.render();
    if (this.file.size > MAX_UPLOAD) {
      this.problem = t("serve.too-large", { file: this.file.name, size: sizeText(this.file.size), limit: sizeText(MAX_UPLOAD) });
    } else {
      try {
        const response = await post("/api/check", this.file);
        const text = await response.text();
        if (response.ok) {
          this.reportText = text;
          this.report = JSON.parse(text);
        } else {
          this.problem = JSON.parse(text).error;
        }
      } catch (e) {
        this.problem = t("page.network", { cause: e.message });
      }
    }
    this.busy = false;
    this.render();
  }

  // Asks renja for one rendering of this file (the cleaned workbook, the CSV report) and
  // saves it under the name renja gives it.
  async downloadFrom(path, name, button) {
    button.disabled = true;
    const label = button.textContent;
    button.textContent = t("page.preparing");
    try {
      const response = await post(path, this.file);
      if (!response.ok) throw new Error((await response.json()).error);
      download(name, await response.blob());
    } catch (e) {
      this.problem = e.message;
      this.render();
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  }

  render() {
    const { file, report } = this;
    const status = this.busy ? el("span", { class: "status busy" }, t("page.checking")) : null;
    const body = [];
    if (this.problem) body.push(el("p", { class: "problem", role: "alert" }, this.problem));
    if (report) body.push(...this.renderReport(report));
    this.node.replaceChildren(
      el("h2", {}, file.name, el("span", { class: "size" }, sizeText(file.size)), status),
      ...body);
  }

  renderReport(report) {
    const s = report.summary;
    const stat = (key, value) => el("span", {}, t(key) + ": ", el("b", {}, figure(String(value))));
    const summary = el("div", { class: "summary" },
      stat("label.sheets", s.sheets), stat("label.tables", s.tables), stat("label.cells", s.cells),
      stat("label.formulas", s.formulas), stat("summary.recomputed", s.formulas_recomputed),
      stat("label.numbers", s.numbers_normalised), stat("label.codes", s.codes_normalised));
    const notices = report.notices.map(n => el("p", { class: "status" }, "• " + n));
    const chips = SEVERITIES.map(sev => {
      const box = el("input", { type: "checkbox", "data-severity": sev });
      box.checked = this.visible.has(sev);
      box.addEventListener("change", () => {
        box.checked ? this.visible.add(sev) : this.visible.delete(sev);
        this.render();
      });
      return el("label", { class: "chip " + sev }, box, s.findings[sev] + " " + t("severity." + sev));
    });
    const counts = el("div", { class: "counts" }, el("b", {}, t("label.findings") + ":"), ...chips);
    const cleanButton = el("button", { type: "button", "data-action": "clean" }, t("page.download-clean"));
    cleanButton.addEventListener("click", () =>
      this.downloadFrom("/api/clean", stem(this.file.name) + ".bersih.xlsx", cleanButton));
    const csvButton = el("button", { type: "button", class: "secondary", "data-action": "csv" }, t("page.download-csv"));
    csvButton.addEventListener("click", () =>
      this.downloadFrom("/api/report.csv", stem(this.file.name) + ".csv", csvButton));
    const downloads = el("div", { class: "downloads" }, cleanButton,
      el("button", { type: "button", class: "secondary", "data-action": "json",
        onclick: () => download(stem(this.file.name) + ".json", new Blob([this.reportText], { type: "application/json" })) },
        t("page.download-json")),
      csvButton);
    if (report.findings.length === 0) return [summary, ...notices, counts, downloads, el("p", {}, t("label.no-findings"))];
    return [summary, ...notices, counts, downloads, ...this.renderTable(report.findings)];
  }

  renderTable(findings) {
    let rows = findings.filter(f => this.visible.has(f.severity));
    const column = COLUMNS.find(c => c.key === this.sort.key);
    if (column) rows = rows.slice().sort((a, b) => compare(column.sort(a), column.sort(b)) * this.sort.dir);
    const head = el("tr", {}, ...COLUMNS.map(c => {
      const sorted = this.sort.key === c.key ? (this.sort.dir > 0 ? "ascending" : "descending") : "none";
      return el("th", { scope: "col", "aria-sort": sorted, "data-key": c.key,
        onclick: () => {
          this.sort = { key: c.key, dir: this.sort.key === c.key ? -this.sort.dir : 1 };
          this.render();
        } }, t(c.label));
    }));
    const body = rows.map(f => el("tr", { class: f.root_cause ? "" : "propagated", "data-id": f.id },
      ...COLUMNS.map(c => el("td", c.cls ? { class: c.cls } : {}, ...[].concat(c.show(f))))));
    return [
      el("p", { class: "shown" }, t("page.shown", { shown: rows.length, total: findings.length })),
      el("div", { class: "table-wrap" }, el("table", { class: "findings" }, el("thead", {}, head), el("tbody", {}, ...body))),
    ];
  }
}

function post(path, file) {
  return fetch(path + "?lang=" + lang, {
    method: "POST",
    headers: { "X-Filename": encodeURIComponent(file.name), "Content-Type": "application/octet-stream" },
    body: file,
  });
}

function addFiles(files) {
  for (const file of files) {
    const card = new Card(file);
    cards.push(card);
    document.getElementById("files").prepend(card.node);
    queue.push(card);
  }
  document.getElementById("toolbar").hidden = cards.length === 0;
  document.getElementById("dropzone").classList.toggle("compact", cards.length > 0);
  pump();
}

// At most PARALLEL files are checked at once; the rest wait their turn.
function pump() {
  while (running < PARALLEL && queue.length > 0) {
    const card = queue.shift();
    running += 1;
    card.check().finally(() => {
      running -= 1;
      pump();
    });
  }
}

function translatePage() {
  document.documentElement.lang = lang;
  document.title = t("page.title");
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  document.getElementById("hint").textContent = t("page.hint", { limit: sizeText(MAX_UPLOAD) });
  document.getElementById("lang").textContent = t("page.lang-switch");
}

function setup() {
  translatePage();
  const zone = document.getElementById("dropzone");
  const picker = document.getElementById("picker");
  picker.addEventListener("change", () => {
    addFiles(Array.from(picker.files));
    picker.value = "";
  });
  // A file dropped anywhere is taken, never opened by the browser in place of this page.
  for (const name of ["dragover", "drop"]) document.addEventListener(name, e => e.preventDefault());
  zone.addEventListener("dragover", () => zone.classList.add("over"));
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  document.addEventListener("drop", e => {
    zone.classList.remove("over");
    if (e.dataTransfer && e.dataTransfer.files.length > 0) addFiles(Array.from(e.dataTransfer.files));
  });
  document.getElementById("lang").addEventListener("click", () => {
    lang = lang === "id" ? "en" : "id";
    localStorage.setItem("renja.lang", lang);
    translatePage();
    // Findings' messages come from renja in the language asked for: ask again.
    for (const card of cards) if (card.report || card.problem) queue.push(card);
    pump();
  });
  document.getElementById("clear").addEventListener("click", () => {
    cards.length = 0;
    queue.length = 0;
    document.getElementById("files").replaceChildren();
    document.getElementById("toolbar").hidden = true;
    document.getElementById("dropzone").classList.remove("compact");
  });
}

setup();
