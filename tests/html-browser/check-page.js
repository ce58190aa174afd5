// Opens each report page given in headless Chromium (Debian's, at
// /usr/bin/chromium, through playwright-core) at 1280 px and at phone width,
// and checks: no console error or page error, no network request attempted
// (the page's own file:// address is the only request allowed), every chart
// present and drawn (an SVG with marks that takes room on the page), the
// page no wider than a phone's screen, and a screenshot whose pixels are
// not blank. Writes the screenshots to OUTDIR.
//
//   node check-page.js OUTDIR NAME=PAGE[:tree] ...
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exitCode = 1;
}

// Share of pixels that differ from the page's background, and how many
// colours there are, worked out by the browser from the PNG itself.
async function pixelStats(context, png) {
  const page = await context.newPage();
  await page.setContent('<canvas id="c"></canvas>');
  const stats = await page.evaluate(async (data) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + data;
    await img.decode();
    const c = document.getElementById('c');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, img.width, img.height).data;
    let ink = 0;
    const colours = new Set();
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] < 245 || d[i + 1] < 245 || d[i + 2] < 245) ink++;
      if (colours.size < 1000) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    }
    return { ink: ink / (d.length / 4), colours: colours.size, width: img.width, height: img.height };
  }, png.toString('base64'));
  await page.close();
  return stats;
}

// Every chart on the page: its kind, and how much it draws.
async function charts(page) {
  return page.evaluate(() => Array.from(document.querySelectorAll('[data-chart]')).map((el) => {
    const svgs = Array.from(el.querySelectorAll('svg'));
    const marks = el.querySelectorAll('rect, path, line, polyline, li').length;
    const drawn = (e) => { const b = e.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
    const ok = (el.dataset.chart === 'tree' ? drawn(el) : svgs.length > 0 && svgs.every(drawn)) && marks > 0;
    const label = svgs.every((s) => (s.getAttribute('aria-label') || '').length > 0);
    return { kind: el.dataset.chart, ok, label, marks };
  }));
}

async function checkPage(context, outdir, name, file, wantTree) {
  const url = 'file://' + path.resolve(file);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (r.url() !== url) problems.push(`request: ${r.url()}`); });
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  const started = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  const loadMs = Date.now() - started;
  const found = await charts(page);
  const kinds = new Set(found.map((c) => c.kind));
  for (const kind of ['breakdown', 'distribution', 'over-time', 'top'].concat(wantTree ? ['tree'] : [])) {
    if (!kinds.has(kind)) fail(`${name}: no ${kind} chart`);
  }
  const models = await page.evaluate(() => document.querySelectorAll('section.model').length);
  const perModel = (kind) => found.filter((c) => c.kind === kind).length;
  if (models === 0 || perModel('breakdown') !== models || perModel('over-time') !== models) {
    fail(`${name}: ${models} models, ${perModel('breakdown')} breakdowns, ${perModel('over-time')} time charts`);
  }
  found.filter((c) => !c.ok).forEach((c) => fail(`${name}: a ${c.kind} chart draws nothing`));
  found.filter((c) => !c.label).forEach((c) => fail(`${name}: a ${c.kind} chart has no text alternative`));
  const wide = await page.screenshot({ path: path.join(outdir, `${name}-1280.png`) });
  const full = await page.screenshot({ path: path.join(outdir, `${name}-1280-full.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 1) fail(`${name}: at 390 px the page is ${overflow} px wider than the screen`);
  const phone = await page.screenshot({ path: path.join(outdir, `${name}-phone.png`) });
  for (const [which, png] of [['1280', wide], ['full', full], ['phone', phone]]) {
    const s = await pixelStats(context, png);
    if (s.ink < 0.02 || s.colours < 8) fail(`${name}: the ${which} screenshot is blank (${JSON.stringify(s)})`);
  }
  problems.forEach((p) => fail(`${name}: ${p}`));
  const bytes = fs.statSync(file).size;
  console.log(`${name}: ${models} models, ${found.length} charts, ${bytes} bytes, loaded in ${loadMs} ms`);
  await page.close();
}

async function main() {
  const [outdir, ...pages] = process.argv.slice(2);
  fs.mkdirSync(outdir, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'trace-summary-chromium-'));
  // A fresh profile (--user-data-dir): nothing from an earlier run.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: ARGS,
    headless: true,
  });
  try {
    for (const spec of pages) {
      const [name, rest] = spec.split(/=(.*)/s);
      const wantTree = rest.endsWith(':tree');
      await checkPage(context, outdir, name, wantTree ? rest.slice(0, -5) : rest, wantTree);
    }
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => { fail(e.stack || String(e)); });
