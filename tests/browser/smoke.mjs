// Browser smoke test: starts `sts-playground serve` on a free port, opens the page in Debian's
// headless Chromium (driven by playwright-core; no browser download), waits for
// window.stsPlayground.ready and a few rendered frames, and checks:
//   - no console errors, page errors or failed requests,
//   - app.wasm is served as application/wasm,
//   - the canvas backing store follows CSS size x devicePixelRatio (HiDPI) and window resizes,
//   - mouse input lands where the pointer is, at 1x and 2x (a title-bar drag moves the window),
//   - the screenshot is not blank (dark background plus an ImGui window).
// Saves build/screenshots/smoke.png (1x) and smoke-hidpi.png (2x).
//
// usage: node tests/browser/smoke.mjs [--bin build/native/sts-playground] [--web build/web]
//                                     [--out build/screenshots]
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = parseArgs(process.argv.slice(2), {
  bin: path.join(repoRoot, 'build/native/sts-playground'),
  web: path.join(repoRoot, 'build/web'),
  out: path.join(repoRoot, 'build/screenshots'),
  chromium: process.env.STS_CHROMIUM || '/usr/bin/chromium',
});

// Flags from shared/toolchain.md: WebGL2 through SwiftShader (software), and no background
// traffic (this machine has no network; Chromium's own connections would be refused).
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic', '--disable-default-apps', '--mute-audio',
];
const TIMEOUT_MS = 60_000;  // SwiftShader is slow on 2 cores; generous but bounded

const results = [];
async function check(name, fn) {
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok    ${name}`);
  } catch (err) {
    results.push({ name, ok: false });
    console.log(`FAIL  ${name}\n      ${String(err && err.stack || err).split('\n').join('\n      ')}`);
  }
}

function parseArgs(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in defaults) || i + 1 >= argv.length) {
      console.error(`unknown or incomplete option ${argv[i]}`);
      process.exit(2);
    }
    out[key] = path.resolve(argv[i + 1]);
  }
  return out;
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// Starts the server with --port 0 and resolves with its URL, read from its first line.
function startServer() {
  const server = spawn(args.bin, ['serve', '--host', '127.0.0.1', '--port', '0', '--web', args.web],
                       { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stderr.on('data', (d) => process.stderr.write(`[serve] ${d}`));
  const url = new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error('server did not start within 10 s')), 10_000);
    server.stdout.on('data', (d) => {
      buffered += d;
      const m = buffered.match(/Serving StatefulSet Playground at (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code}`));
    });
    server.on('error', reject);
  });
  return { server, url };
}

// Opens the page in a fresh context and waits until it is ready and has drawn a few frames.
async function openPage(browser, url, { width, height, deviceScaleFactor }) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor });
  const page = await context.newPage();
  const problems = [];
  const responses = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('response', (res) => {
    responses.push(res);
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_MS });
  await page.evaluate(() => window.stsPlayground.ready.then(() => true), null, { timeout: TIMEOUT_MS });
  await waitFrames(page, 5);
  return { context, page, problems, responses };
}

async function waitFrames(page, count) {
  const start = await page.evaluate(() => window.stsPlayground.frameCount());
  await page.waitForFunction((n) => window.stsPlayground.frameCount() >= n, start + count,
                             { timeout: TIMEOUT_MS });
}

async function canvasSizes(page) {
  return page.evaluate(() => {
    const c = document.getElementById('canvas');
    const r = c.getBoundingClientRect();
    return { width: c.width, height: c.height, cssWidth: r.width, cssHeight: r.height,
             dpr: window.devicePixelRatio };
  });
}

// Decodes a PNG in the page (no decoder dependency in node) and summarises its pixels.
async function pixelStats(page, png, points = []) {
  return page.evaluate(async ([b64, pts]) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const data = g.getImageData(0, 0, c.width, c.height).data;
    const colors = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) colors.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    const at = (x, y) => Array.from(data.slice((y * c.width + x) * 4, (y * c.width + x) * 4 + 3));
    return { width: c.width, height: c.height, distinctColors: colors.size,
             corner: at(c.width - 4, c.height - 4), samples: pts.map((p) => at(p.x, p.y)) };
  }, [png.toString('base64'), points]);
}

// Drags the ImGui window by its title bar and checks that the title bar follows the mouse:
// proves that mouse coordinates map correctly from CSS pixels to ImGui at any pixel ratio.
async function checkWindowDrag(page, dpr) {
  const from = { x: 150, y: 33 };  // on the title bar (window at 24,24 CSS px)
  const to = { x: 450, y: 333 };
  await page.mouse.move(from.x, from.y);
  await waitFrames(page, 2);
  await page.mouse.down();
  await waitFrames(page, 2);
  for (let i = 1; i <= 5; ++i) {
    await page.mouse.move(from.x + (to.x - from.x) * i / 5, from.y + (to.y - from.y) * i / 5);
    await waitFrames(page, 2);
  }
  await page.mouse.up();
  await page.mouse.move(to.x + 400, to.y + 300);  // move off, so no hover tint on the title
  await waitFrames(page, 3);
  const png = await page.screenshot();
  const [p] = (await pixelStats(page, png, [{ x: to.x * dpr, y: to.y * dpr }])).samples;
  // ImGui dark style: the focused title bar is blue (41, 74, 122).
  assert(p[2] > 100 && p[2] > p[0] + 40, `no title bar under the mouse after the drag: rgb ${p}`);
}

async function main() {
  mkdirSync(args.out, { recursive: true });
  const { server, url } = startServer();
  let browser;
  try {
    const base = await url;
    console.log(`server: ${base}`);
    browser = await chromium.launch({ executablePath: args.chromium, headless: true, args: CHROMIUM_ARGS });
    console.log(`browser: Chromium ${browser.version()}`);

    // 1x: the reference screenshot.
    const one = await openPage(browser, base, { width: 1280, height: 720, deviceScaleFactor: 1 });
    await check('page loads and stsPlayground.ready resolves', async () => {
      assert(await one.page.title() === 'StatefulSet Playground', 'unexpected page title');
    });
    await check('app.wasm is served as application/wasm', async () => {
      const wasm = one.responses.find((r) => r.url().endsWith('/app.wasm'));
      assert(wasm, 'app.wasm was not requested');
      assert(wasm.headers()['content-type'] === 'application/wasm',
             `content-type is ${wasm.headers()['content-type']}`);
    });
    await check('canvas backing store matches CSS size at 1x', async () => {
      const s = await canvasSizes(one.page);
      assert(s.width === 1280 && s.height === 720, `canvas ${JSON.stringify(s)}`);
    });
    const shot = path.join(args.out, 'smoke.png');
    const png = await one.page.screenshot({ path: shot });
    console.log(`screenshot: ${path.relative(process.cwd(), shot)}`);
    await check('screenshot shows the dark background and an ImGui window', async () => {
      const p = await pixelStats(one.page, png);
      assert(p.width === 1280 && p.height === 720, `screenshot is ${p.width}x${p.height}`);
      assert(p.corner.every((v) => v < 40), `background corner is not dark: ${p.corner}`);
      assert(p.distinctColors >= 8, `only ${p.distinctColors} distinct colours: nothing drawn?`);
    });
    await check('canvas follows a window resize', async () => {
      await one.page.setViewportSize({ width: 900, height: 600 });
      await waitFrames(one.page, 3);
      const s = await canvasSizes(one.page);
      assert(s.width === 900 && s.height === 600, `canvas ${JSON.stringify(s)}`);
    });
    await check('dragging the window by its title bar moves it at 1x', () => checkWindowDrag(one.page, 1));
    await check('no console errors at 1x', async () => {
      assert(one.problems.length === 0, one.problems.join('\n'));
    });
    await one.context.close();

    // 2x (HiDPI): the backing store must be twice the CSS size, so text stays crisp.
    const two = await openPage(browser, base, { width: 800, height: 500, deviceScaleFactor: 2 });
    await check('canvas backing store is CSS size x devicePixelRatio at 2x', async () => {
      const s = await canvasSizes(two.page);
      assert(s.dpr === 2 && s.width === 1600 && s.height === 1000, `canvas ${JSON.stringify(s)}`);
    });
    await two.page.screenshot({ path: path.join(args.out, 'smoke-hidpi.png') });
    await check('dragging the window by its title bar moves it at 2x', () => checkWindowDrag(two.page, 2));
    await check('no console errors at 2x', async () => {
      assert(two.problems.length === 0, two.problems.join('\n'));
    });
    await two.context.close();
  } catch (err) {
    results.push({ name: 'setup', ok: false });
    console.log(`FAIL  setup\n      ${err && err.stack || err}`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    server.kill('SIGTERM');
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}

await main();
