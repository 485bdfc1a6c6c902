// Shared by the browser tests (smoke.mjs, playground.mjs) and the first-frame benchmark
// (first_frame.mjs): the `sts-playground serve` process, Debian's headless Chromium through
// playwright-core, page helpers and pixel checks on screenshots.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// Flags from shared/toolchain.md: WebGL2 through SwiftShader (software), and no background
// traffic (this machine has no network; Chromium's own connections would be refused).
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic', '--disable-default-apps', '--mute-audio',
];
export const TIMEOUT_MS = 90_000;  // SwiftShader is slow on 2 cores; generous but bounded

export function parseArgs(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in defaults) || i + 1 >= argv.length) {
      console.error(`unknown or incomplete option ${argv[i]}`);
      process.exit(2);
    }
    out[key] = key === 'chromium' ? argv[i + 1] : path.resolve(argv[i + 1]);
  }
  return out;
}

export function defaultArgs() {
  return {
    bin: path.join(repoRoot, 'build/native/sts-playground'),
    web: path.join(repoRoot, 'build/web'),
    out: path.join(repoRoot, 'build/screenshots'),
    chromium: process.env.STS_CHROMIUM || '/usr/bin/chromium',
  };
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// Records named checks; prints "ok"/"FAIL" lines and a summary.
export class Checks {
  constructor(suite) {
    this.suite = suite;
    this.results = [];
  }
  async check(name, fn) {
    try {
      await fn();
      this.results.push({ name, ok: true });
      console.log(`ok    ${name}`);
    } catch (err) {
      this.results.push({ name, ok: false });
      console.log(`FAIL  ${name}\n      ${String((err && err.stack) || err).split('\n').join('\n      ')}`);
    }
  }
  fail(name, err) {
    this.results.push({ name, ok: false });
    console.log(`FAIL  ${name}\n      ${(err && err.stack) || err}`);
  }
  finish() {
    const passed = this.results.filter((r) => r.ok).length;
    const failed = this.results.length - passed;
    console.log(`${this.suite}: ${passed} passed, ${failed} failed`);
    return failed === 0 && passed > 0 ? 0 : 1;
  }
}

// Starts the server with --port 0 and resolves with its URL, read from its first line.
export function startServer(args) {
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

export async function launch(args) {
  return chromium.launch({ executablePath: args.chromium, headless: true, args: CHROMIUM_ARGS });
}

// Opens the page in a fresh context and waits until it is ready and has drawn a few frames.
export async function openPage(browser, url, { width, height, deviceScaleFactor, permissions = [] }) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor });
  if (permissions.length) await context.grantPermissions(permissions, { origin: new URL(url).origin });
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

export async function waitFrames(page, count) {
  const start = await page.evaluate(() => window.stsPlayground.frameCount());
  await page.waitForFunction((n) => window.stsPlayground.frameCount() >= n, start + count,
                             { timeout: TIMEOUT_MS });
}

export async function canvasSizes(page) {
  return page.evaluate(() => {
    const c = document.getElementById('canvas');
    const r = c.getBoundingClientRect();
    return { width: c.width, height: c.height, cssWidth: r.width, cssHeight: r.height,
             dpr: window.devicePixelRatio };
  });
}

// Decodes a PNG in the page (no decoder dependency in node) and samples its pixels.
export async function pixelStats(page, png, points = []) {
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
    const at = (x, y) => {
      const xi = Math.max(0, Math.min(c.width - 1, Math.round(x)));
      const yi = Math.max(0, Math.min(c.height - 1, Math.round(y)));
      return Array.from(data.slice((yi * c.width + xi) * 4, (yi * c.width + xi) * 4 + 3));
    };
    return { width: c.width, height: c.height, distinctColors: colors.size,
             corner: at(c.width - 4, c.height - 4), samples: pts.map((p) => at(p.x, p.y)) };
  }, [png.toString('base64'), points]);
}

// Polls the console's scrollback until it contains `text` (after `from` characters).
export async function waitConsole(page, text, from = 0, timeout = TIMEOUT_MS) {
  await page.waitForFunction(([t, f]) => window.stsPlayground.consoleText().indexOf(t, f) >= 0, [text, from],
                             { timeout, polling: 100 });
}
