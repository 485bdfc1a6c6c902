// Browser smoke test: starts `sts-playground serve` on a free port, opens the page in Debian's
// headless Chromium (driven by playwright-core; no browser download), waits for
// window.stsPlayground.ready and a few rendered frames, and checks:
//   - no console errors, page errors or failed requests,
//   - app.wasm is served as application/wasm,
//   - the canvas backing store follows CSS size x devicePixelRatio (HiDPI) and window resizes,
//   - mouse input lands where the pointer is, at 1x and 2x (clicking a pod's card selects it),
//   - the screenshot is not blank (dark background, many colours: the page is drawn).
// Saves build/screenshots/smoke.png (1x) and smoke-hidpi.png (2x).
//
// usage: node tests/browser/smoke.mjs [--bin build/native/sts-playground] [--web build/web]
//                                     [--out build/screenshots]
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  assert, canvasSizes, Checks, defaultArgs, launch, openPage, parseArgs, pixelStats, startServer, waitFrames,
} from './lib.mjs';

const args = parseArgs(process.argv.slice(2), defaultArgs());
const checks = new Checks('browser smoke');

// Clicks the middle of web-0's card and checks that the page selected it: proves that mouse
// coordinates map from CSS pixels to ImGui at any pixel ratio.
async function checkClickSelectsPod(page) {
  await page.evaluate(() => window.stsPlayground.settle());
  await waitFrames(page, 20);  // the grow-in animation ends
  const pod = (await page.evaluate(() => window.stsPlayground.layout())).pods.find((p) => p.name === 'web-0');
  assert(pod, 'web-0 is not drawn');
  await page.mouse.move(pod.x + pod.w * 0.7, pod.y + pod.h * 0.5);
  await waitFrames(page, 2);
  await page.mouse.down();
  await waitFrames(page, 2);
  await page.mouse.up();
  await waitFrames(page, 2);
  const sel = await page.evaluate(() => window.stsPlayground.selection());
  assert(sel.kind === 'pod' && sel.name === 'web-0', `selection after the click: ${JSON.stringify(sel)}`);
}

async function main() {
  mkdirSync(args.out, { recursive: true });
  const { server, url } = startServer(args);
  let browser;
  try {
    const base = await url;
    console.log(`server: ${base}`);
    browser = await launch(args);
    console.log(`browser: Chromium ${browser.version()}`);

    // 1x: the reference screenshot.
    const one = await openPage(browser, base, { width: 1280, height: 720, deviceScaleFactor: 1 });
    await checks.check('page loads and stsPlayground.ready resolves', async () => {
      assert(await one.page.title() === 'StatefulSet Playground', 'unexpected page title');
    });
    await checks.check('app.wasm is served as application/wasm', async () => {
      const wasm = one.responses.find((r) => r.url().endsWith('/app.wasm'));
      assert(wasm, 'app.wasm was not requested');
      assert(wasm.headers()['content-type'] === 'application/wasm',
             `content-type is ${wasm.headers()['content-type']}`);
    });
    await checks.check('canvas backing store matches CSS size at 1x', async () => {
      const s = await canvasSizes(one.page);
      assert(s.width === 1280 && s.height === 720, `canvas ${JSON.stringify(s)}`);
    });
    const shot = path.join(args.out, 'smoke.png');
    const png = await one.page.screenshot({ path: shot });
    console.log(`screenshot: ${path.relative(process.cwd(), shot)}`);
    await checks.check('screenshot shows the dark page with its panels drawn', async () => {
      const p = await pixelStats(one.page, png);
      assert(p.width === 1280 && p.height === 720, `screenshot is ${p.width}x${p.height}`);
      assert(p.corner.every((v) => v < 40), `background corner is not dark: ${p.corner}`);
      assert(p.distinctColors >= 40, `only ${p.distinctColors} distinct colours: nothing drawn?`);
    });
    await checks.check('clicking a pod selects it at 1x', () => checkClickSelectsPod(one.page));
    await checks.check('canvas follows a window resize', async () => {
      await one.page.setViewportSize({ width: 900, height: 600 });
      await waitFrames(one.page, 3);
      const s = await canvasSizes(one.page);
      assert(s.width === 900 && s.height === 600, `canvas ${JSON.stringify(s)}`);
      const l = await one.page.evaluate(() => window.stsPlayground.layout());
      assert(l.clusterView.w > 0 && l.clusterView.w <= 900, `cluster view ${JSON.stringify(l.clusterView)}`);
    });
    await one.page.screenshot({ path: path.join(args.out, 'smoke-narrow.png') });
    await checks.check('no console errors at 1x', async () => {
      assert(one.problems.length === 0, one.problems.join('\n'));
    });
    await one.context.close();

    // 2x (HiDPI): the backing store must be twice the CSS size, so text stays crisp.
    const two = await openPage(browser, base, { width: 1000, height: 640, deviceScaleFactor: 2 });
    await checks.check('canvas backing store is CSS size x devicePixelRatio at 2x', async () => {
      const s = await canvasSizes(two.page);
      assert(s.dpr === 2 && s.width === 2000 && s.height === 1280, `canvas ${JSON.stringify(s)}`);
    });
    await checks.check('clicking a pod selects it at 2x', () => checkClickSelectsPod(two.page));
    await two.page.screenshot({ path: path.join(args.out, 'smoke-hidpi.png') });
    await checks.check('no console errors at 2x', async () => {
      assert(two.problems.length === 0, two.problems.join('\n'));
    });
    await two.context.close();
  } catch (err) {
    checks.fail('setup', err);
  } finally {
    if (browser) await browser.close().catch(() => {});
    server.kill('SIGTERM');
  }
  process.exitCode = checks.finish();
}

await main();
