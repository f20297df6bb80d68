// Headless Chromium against a running `renja serve` (URL in RENJA_URL): drop a sample onto the
// drop zone, wait for the findings table, check the known stale total, download the cleaned
// workbook and the CSV report, and save the screenshot README shows (RENJA_SCREENSHOT, else
// RENJA_OUT/hasil.png). run.sh starts the server, re-checks the cleaned workbook and compares
// the CSV with what `renja check --format csv` prints.
import { chromium } from "playwright-core";
import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, basename } from "node:path";

const url = process.env.RENJA_URL;
const sample = process.env.RENJA_SAMPLE;
const outDir = process.env.RENJA_OUT;
const screenshot = process.env.RENJA_SCREENSHOT || `${outDir}/hasil.png`;
let page = null;
const fail = async message => {
  console.error("GAGAL: " + message);
  if (page) await page.screenshot({ path: `${outDir}/gagal.png` });
  process.exit(1);
};

const userDataDir = `${outDir}/chromium-profile-${process.pid}`;
mkdirSync(userDataDir, { recursive: true });
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  acceptDownloads: true,
  viewport: { width: 1280, height: 900 },
  locale: "id-ID",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on("pageerror", e => problems.push(String(e)));
  await page.goto(url);
  if (!(await page.textContent("#dropzone")).includes("Seret berkas Excel ke sini")) await fail("drop zone text");

  // Drop the file the way a person does: a drop event carrying a DataTransfer.
  const bytes = readFileSync(sample).toString("base64");
  const name = basename(sample);
  const dataTransfer = await page.evaluateHandle(({ bytes, name }) => {
    const raw = Uint8Array.from(atob(bytes), c => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([raw], name, {
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
    return transfer;
  }, { bytes, name });
  await page.dispatchEvent("#dropzone", "dragover", { dataTransfer });
  await page.dispatchEvent("#dropzone", "drop", { dataTransfer });

  await page.waitForSelector("table.findings tbody tr", { timeout: 30000 });
  // The row whose cell column is G28 and rule column formula-mismatch (other rows mention
  // G28 in their formulas).
  const g28Rows = () => page.$$eval("table.findings tbody tr", rows => rows
    .map(r => Array.from(r.cells, c => c.textContent))
    .filter(cells => cells[2] === "G28" && cells[4].startsWith("formula-mismatch ")));
  const found = await g28Rows();
  if (found.length !== 1) await fail("formula-mismatch at G28 not listed");
  // The row code column is filled (README's picture must show what the page shows now).
  if (!found[0].includes("5.03.01.2.09")) await fail("G28's row code: " + found[0]);
  await page.screenshot({ path: screenshot });
  if (!found[0].includes("94.375.565")) await fail("G28's expected figure in Indonesian format: " + found[0]);

  // Filter: hide errors, the G28 row goes; show them again.
  await page.click("label.chip.error input");
  if ((await g28Rows()).length !== 0) await fail("severity filter");
  await page.click("label.chip.error input");
  // Sort by cell.
  await page.click("th[data-key=cell]");

  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 30000 }),
    page.click("button[data-action=clean]"),
  ]);
  const cleaned = `${outDir}/${download.suggestedFilename()}`;
  await download.saveAs(cleaned);
  const head = readFileSync(cleaned).subarray(0, 4);
  if (head.toString("latin1") !== "PK\u0003\u0004") await fail("cleaned workbook is not a zip");
  writeFileSync(`${outDir}/bersih-path.txt`, cleaned);

  // "Laporan CSV": the server's rendering, saved as the person's browser saves it.
  const [csvDownload] = await Promise.all([
    page.waitForEvent("download", { timeout: 30000 }),
    page.click("button[data-action=csv]"),
  ]);
  if (csvDownload.suggestedFilename() !== name.replace(/\.[^.]*$/, "") + ".csv")
    await fail("CSV file name: " + csvDownload.suggestedFilename());
  await csvDownload.saveAs(`${outDir}/laporan.csv`);

  // The English switch: words from the catalogue, messages asked for again in English.
  await page.click("#lang");
  await page.waitForFunction(() => document.querySelector("#dropzone .big").textContent === "Drag Excel files here");
  await page.waitForFunction(() => Array.from(document.querySelectorAll("table.findings td"))
    .some(td => td.textContent.includes("The formula =SUM(G29:G32) gives 94,375,565")), null, { timeout: 30000 });

  if (problems.length > 0) await fail("errors on the page: " + problems.join("; "));
  console.log(`ok: G28 listed, cleaned workbook ${cleaned} and ${outDir}/laporan.csv downloaded, screenshot ${screenshot}`);
} finally {
  await context.close();
}
