// `make bench`, browser part: the bundle's sizes (raw and gzip), the time from navigation to the
// first rendered frame with the default scenario on localhost (median of several loads), and
// the page's frame interval in headless Chromium with 2 (default), 1,000 and 10,000 pods. WebGL
// runs in SwiftShader (software) here, so the frame interval is a relative figure; the CPU cost
// per frame is measured natively by sts_ui_bench. Writes JSON for `sts-playground bench`.
//
// usage: node tests/browser/first_frame.mjs [--bin ...] [--web build/web] [--out build/bench/ui-browser.json]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { defaultArgs, launch, parseArgs, repoRoot, startServer, TIMEOUT_MS } from './lib.mjs';

const defaults = { ...defaultArgs(), out: path.join(repoRoot, 'build/bench/ui-browser.json') };
const args = parseArgs(process.argv.slice(2), defaults);
const LOADS = 5;

function sizes() {
  const out = {};
  let total = 0, totalGz = 0;
  for (const f of ['app.wasm', 'app.js', 'index.html', 'style.css']) {
    const data = readFileSync(path.join(args.web, f));
    const gz = gzipSync(data, { level: 9 }).length;
    out[f] = { bytes: data.length, gzip_bytes: gz };
    total += data.length;
    totalGz += gz;
  }
  out.total = { bytes: total, gzip_bytes: totalGz };
  return out;
}

function bigManifest(n) {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: big
spec:
  replicas: ${n}
  podManagementPolicy: Parallel
  serviceName: nginx
  selector:
    matchLabels:
      app: big
  template:
    metadata:
      labels:
        app: big
    spec:
      containers:
      - name: c
        image: registry.k8s.io/nginx-slim:0.24
`;
}

// Mean requestAnimationFrame interval over `ms` of wall time.
async function frameInterval(page, ms) {
  return page.evaluate((dur) => new Promise((resolve) => {
    const times = [];
    const start = performance.now();
    const tick = (t) => {
      times.push(t);
      if (t - start < dur) requestAnimationFrame(tick);
      else resolve(times.length > 1 ? (times[times.length - 1] - times[0]) / (times.length - 1) : null);
    };
    requestAnimationFrame(tick);
  }), ms);
}

async function main() {
  const { server, url } = startServer(args);
  let browser;
  const result = { platform: 'browser', browser: '', sizes: sizes(), first_frame_ms: [], frame_interval_ms: {} };
  try {
    const base = await url;
    browser = await launch(args);
    result.browser = `Chromium ${browser.version()} headless, SwiftShader WebGL2`;
    for (let i = 0; i < LOADS; ++i) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      await page.goto(base, { waitUntil: 'load', timeout: TIMEOUT_MS });
      await page.waitForFunction(() => window.stsPlayground && window.stsPlayground.firstFrameAt !== undefined,
                                 null, { timeout: TIMEOUT_MS, polling: 10 });
      const t = await page.evaluate(() => window.stsPlayground.firstFrameAt);
      result.first_frame_ms.push(Math.round(t));
      if (i === LOADS - 1) {
        result.frame_interval_ms['2'] = await frameInterval(page, 3000);
        for (const n of [1000, 10000]) {
          await page.evaluate(() => window.stsPlayground.exec('kubectl delete statefulset big --ignore-not-found'));
          await page.evaluate((y) => window.stsPlayground.loadManifest(y), bigManifest(n));
          await page.evaluate(() => window.stsPlayground.advance(90));
          result.frame_interval_ms[String(n + 2)] = await frameInterval(page, 3000);
        }
      }
      await context.close();
    }
  } finally {
    if (browser) await browser.close().catch(() => {});
    server.kill('SIGTERM');
  }
  const sorted = [...result.first_frame_ms].sort((a, b) => a - b);
  result.first_frame_median_ms = sorted[Math.floor(sorted.length / 2)];
  result.first_frame_cold_ms = result.first_frame_ms[0];
  mkdirSync(path.dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify(result, null, 2) + '\n');
  const kb = (b) => (b / 1024).toFixed(1);
  console.log(`bundle: wasm ${kb(result.sizes['app.wasm'].gzip_bytes)} KiB gzip, js ${kb(result.sizes['app.js'].gzip_bytes)} KiB gzip,` +
              ` total ${kb(result.sizes.total.gzip_bytes)} KiB gzip (${kb(result.sizes.total.bytes)} KiB raw)`);
  console.log(`first frame: median ${result.first_frame_median_ms} ms (cold ${result.first_frame_cold_ms} ms) of ${LOADS} loads`);
  console.log(`frame interval (SwiftShader): ${JSON.stringify(result.frame_interval_ms)}`);
  console.log(`wrote ${path.relative(process.cwd(), args.out)}`);
}

await main();
