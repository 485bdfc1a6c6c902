// Browser test of the playground itself, in Debian's headless Chromium (SwiftShader WebGL):
//   - first load: the tutorial's manifest applied, web-0 before web-1, the live region speaks;
//   - the tutorial's commands typed into the console with the keyboard give the tutorial's
//     outputs (get, exec, the busybox shell's nslookup, scale, patch, rollout status);
//   - the pods the bridge reports are drawn where layout() says (pixels of the screenshot);
//   - the timeline rewinds to an earlier state and replays to the same state hash;
//   - the browser clipboard (paste into the console, copy out of it);
//   - the manifest editor's API error, the DNS inspector, storage with volumeClaimTemplates.
// Screenshots for a person to look at: build/screenshots/playground-*.png.
//
// usage: node tests/browser/playground.mjs [--bin build/native/sts-playground] [--web build/web]
//                                          [--out build/screenshots]
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  assert, Checks, defaultArgs, launch, openPage, parseArgs, pixelStats, repoRoot, startServer, waitConsole,
  waitFrames, TIMEOUT_MS,
} from './lib.mjs';

const args = parseArgs(process.argv.slice(2), defaultArgs());
const checks = new Checks('browser playground');

// The tutorial's pods (state() also lists the cluster's own, in kube-system).
const inDefault = (list) => (list || []).filter((o) => o.metadata.namespace === 'default');
const isReady = (pod) => (pod.status.conditions || []).some((c) => c.type === 'Ready' && c.status === 'True');

async function shot(page, name) {
  const file = path.join(args.out, `playground-${name}.png`);
  const png = await page.screenshot({ path: file });
  console.log(`screenshot: ${path.relative(process.cwd(), file)}`);
  return png;
}

// Types a command into the console with the keyboard and waits for `expect` in its output.
async function typeCommand(page, command, expect) {
  const from = (await page.evaluate(() => window.stsPlayground.consoleText())).length;
  await page.keyboard.type(command, { delay: 0 });
  await waitFrames(page, 2);
  await page.keyboard.press('Enter');
  for (const e of [].concat(expect)) await waitConsole(page, e, from);
  return (await page.evaluate(() => window.stsPlayground.consoleText())).slice(from);
}

async function focusConsole(page) {
  const c = (await page.evaluate(() => window.stsPlayground.layout())).console;
  await page.mouse.click(c.x + c.w * 0.5, c.y + c.h * 0.5);
  await waitFrames(page, 3);
}

async function main() {
  mkdirSync(args.out, { recursive: true });
  const { server, url } = startServer(args);
  let browser;
  try {
    const base = await url;
    browser = await launch(args);
    const one = await openPage(browser, base, {
      width: 1280, height: 720, deviceScaleFactor: 1, permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = one.page;
    const sp = (fn, arg) => page.evaluate(fn, arg);

    // ---- First load ---------------------------------------------------------------------------
    await waitFrames(page, 20);
    await shot(page, 'first-load');
    await checks.check('first load applies the tutorial manifest; web-0 comes first', async () => {
      const text = await sp(() => window.stsPlayground.consoleText());
      assert(text.includes('$ kubectl apply -f nginx-statefulset.yaml'), text);
      assert(text.includes('statefulset.apps/web created'), text);
      const pods = inDefault((await sp(() => window.stsPlayground.state())).Pod).map((p) => p.metadata.name);
      assert(pods.includes('web-0'), `pods: ${pods}`);
      if (pods.includes('web-1')) {
        const web0 = (await sp(() => window.stsPlayground.state())).Pod.find((p) => p.metadata.name === 'web-0');
        assert(isReady(web0), 'web-1 exists before web-0 is Ready');
      }
    });
    await checks.check('the live region announces what happens', async () => {
      await page.waitForFunction(() => /web-0/.test(document.getElementById('announcer').textContent),
                                 null, { timeout: TIMEOUT_MS });
      const live = await page.$eval('#announcer', (el) => el.getAttribute('aria-live'));
      assert(live === 'polite', `aria-live=${live}`);
    });
    // Watch web-0 come up at the default speed, then web-1, and catch the gate on the way.
    await page.waitForFunction(() => {
      const pods = window.stsPlayground.state().Pod;
      return pods.some((p) => p.metadata.name === 'web-0' && p.status.phase === 'Pending' && p.spec.nodeName);
    }, null, { timeout: TIMEOUT_MS, polling: 50 }).catch(() => {});
    await shot(page, 'starting');
    await sp(() => window.stsPlayground.settle());
    await waitFrames(page, 25);
    await checks.check('settle(): web-0 and web-1 are Running and Ready', async () => {
      const pods = inDefault((await sp(() => window.stsPlayground.state())).Pod);
      assert(pods.length === 2 && pods.every(isReady), JSON.stringify(pods.map((p) => p.status.phase)));
    });
    const ready = await shot(page, 'ready');

    // ---- Pixels where layout() says -----------------------------------------------------------
    await checks.check('pods are drawn where layout() says (pixel check)', async () => {
      const layout = await sp(() => window.stsPlayground.layout());
      assert(layout.pods.length === 2, `layout pods: ${JSON.stringify(layout.pods)}`);
      const [a, b] = layout.pods;
      const points = [
        { x: a.x + a.w * 0.85, y: a.y + a.h * 0.5 },  // inside web-0's card, right of its text
        { x: b.x + b.w * 0.85, y: b.y + b.h * 0.5 },  // inside web-1's card
      ];
      const sameLane = Math.abs(a.y - b.y) < 1;
      if (!sameLane) points.push({ x: a.x + a.w * 0.85, y: b.y + b.h * 0.5 });  // web-0's column, web-1's lane
      const p = await pixelStats(page, ready, points);
      for (const [i, c] of p.samples.slice(0, 2).entries()) {
        assert(c[1] > c[0] + 25 && c[1] > c[2], `card ${i} is not green (Ready) at its layout rect: rgb ${c}`);
      }
      if (!sameLane) {
        const c = p.samples[2];
        assert(!(c[1] > c[0] + 25 && c[1] > c[2]), `green where no pod is: rgb ${c}`);
      }
    });

    // ---- The tutorial, typed ------------------------------------------------------------------
    await focusConsole(page);
    await checks.check('kubectl get pod -l app=nginx (typed)', async () => {
      const out = await typeCommand(page, 'kubectl get pod -l app=nginx', ['web-1 ']);
      assert(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/.test(out), out);
      assert(/web-0\s+1\/1\s+Running\s+0/.test(out) && /web-1\s+1\/1\s+Running\s+0/.test(out), out);
    });
    await checks.check('kubectl get statefulset web (typed)', async () => {
      const out = await typeCommand(page, 'kubectl get statefulset web', ['web ']);
      assert(/NAME\s+READY\s+AGE/.test(out) && /web\s+2\/2/.test(out), out);
    });
    await checks.check('kubectl get service nginx (typed)', async () => {
      const out = await typeCommand(page, 'kubectl get service nginx', ['80/TCP']);
      assert(/nginx\s+ClusterIP\s+None\s+<none>\s+80\/TCP/.test(out), out);
    });
    await checks.check('hostname of each pod via kubectl exec (typed)', async () => {
      const out = await typeCommand(page, `for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done`,
                                    ['web-1\n']);
      assert(/web-0\nweb-1\n/.test(out), out);
    });
    await checks.check('nslookup web-0.nginx in the busybox shell (typed)', async () => {
      await typeCommand(page, 'kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm',
                        ["If you don't see a command prompt, try pressing enter."]);
      await page.waitForFunction(() => !window.stsPlayground.timeline().busy, null, { timeout: TIMEOUT_MS });
      await waitFrames(page, 3);
      const out = await typeCommand(page, 'nslookup web-0.nginx', ['web-0.nginx.default.svc.cluster.local']);
      assert(out.includes('Server:    10.96.0.10'), out);
      assert(out.includes('Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local'), out);
      assert(out.includes('Name:      web-0.nginx'), out);
      assert(/Address 1: 10\.244\.\d+\.\d+ web-0\.nginx\.default\.svc\.cluster\.local/.test(out), out);
      await shot(page, 'busybox');
      await sp(() => window.stsPlayground.setSpeed(64));
      await typeCommand(page, 'exit', ['pod "dns-test" deleted']);
      await sp(() => window.stsPlayground.setSpeed(4));
    });
    await checks.check('scale up: web-2, web-3, web-4 (typed)', async () => {
      await typeCommand(page, 'kubectl scale statefulset web --replicas=5', ['statefulset.apps/web scaled']);
      await waitFrames(page, 30);
      await shot(page, 'scaling-up');
      await sp(() => window.stsPlayground.settle());
      const out = await typeCommand(page, 'kubectl get pod -l app=nginx', ['web-4 ']);
      for (const n of [2, 3, 4]) assert(new RegExp(`web-${n}\\s+1/1\\s+Running`).test(out), out);
    });
    await checks.check('scale down with a patch: the highest ordinals go (typed)', async () => {
      await typeCommand(page, `kubectl patch sts web -p '{"spec":{"replicas":3}}'`, ['statefulset.apps/web patched']);
      await page.waitForFunction(() => window.stsPlayground.state().Pod.some((p) => p.metadata.deletionTimestamp),
                                 null, { timeout: TIMEOUT_MS, polling: 50 });
      await waitFrames(page, 8);
      await shot(page, 'scaling-down');
      await sp(() => window.stsPlayground.settle());
      const names = inDefault((await sp(() => window.stsPlayground.state())).Pod).map((p) => p.metadata.name).sort();
      assert(JSON.stringify(names) === JSON.stringify(['web-0', 'web-1', 'web-2']), `pods: ${names}`);
    });
    await checks.check('rolling update, then rollout status until it completes (typed)', async () => {
      await typeCommand(page, `kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": ` +
                              `"/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx:1.20"}]'`,
                        ['statefulset.apps/web patched']);
      const from = (await sp(() => window.stsPlayground.consoleText())).length;
      await page.keyboard.type('kubectl rollout status statefulset web');
      await waitFrames(page, 2);
      await page.keyboard.press('Enter');
      // Mid-sweep: web-2 replaced first (the highest ordinal), others still on the old revision.
      await page.waitForFunction(() => {
        const pods = window.stsPlayground.state().Pod;
        const img = (p) => p.spec.containers[0].image;
        return pods.some((p) => img(p) === 'registry.k8s.io/nginx:1.20' && p.metadata.name === 'web-2') &&
               pods.some((p) => img(p) === 'nginx:latest');
      }, null, { timeout: TIMEOUT_MS, polling: 50 });
      await waitFrames(page, 6);
      await shot(page, 'rolling-update');
      await sp(() => window.stsPlayground.setSpeed(64));
      await waitConsole(page, 'partitioned roll out complete: 3 new pods have been updated...', from);
      await sp(() => window.stsPlayground.setSpeed(4));
      const out = await typeCommand(page,
        `for p in 0 1 2; do kubectl get pod "web-$p" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo; done`,
        ['registry.k8s.io/nginx:1.20\nregistry.k8s.io/nginx:1.20\nregistry.k8s.io/nginx:1.20\n']);
      assert(out.split('registry.k8s.io/nginx:1.20').length === 4, out);
    });
    await shot(page, 'updated');

    // ---- Rewind -------------------------------------------------------------------------------
    await checks.check('the timeline rewinds and replays to the same state hash', async () => {
      await sp(() => window.stsPlayground.pause());
      const t1 = (await sp(() => window.stsPlayground.timeline())).now;
      const h1 = await sp(() => window.stsPlayground.stateHash());
      const earlier = Math.round(t1 * 0.35);
      await sp((s) => window.stsPlayground.seek(s), earlier);
      const t0 = (await sp(() => window.stsPlayground.timeline())).now;
      const h0 = await sp(() => window.stsPlayground.stateHash());
      assert(Math.abs(t0 - earlier) < 0.05, `now after the rewind: ${t0}, wanted ${earlier}`);
      assert(h0 !== h1, 'the earlier state has the same hash as the later one');
      await waitFrames(page, 10);
      await shot(page, 'rewound');
      await sp((s) => window.stsPlayground.seek(s), t1);
      const h2 = await sp(() => window.stsPlayground.stateHash());
      assert(h2 === h1, `replayed hash ${h2} differs from ${h1}`);
      await sp(() => window.stsPlayground.play());
    });

    // ---- Clipboard ----------------------------------------------------------------------------
    await focusConsole(page);
    await checks.check('paste into the console (browser clipboard)', async () => {
      // Ctrl-V makes the browser fire a paste event with the system clipboard's text, which
      // the page hands to ImGui before its next frame reads the key.
      await page.evaluate(() => navigator.clipboard.writeText('kubectl get service nginx'));
      const from = (await sp(() => window.stsPlayground.consoleText())).length;
      await page.keyboard.press('Control+V');
      await waitFrames(page, 3);
      await page.keyboard.press('Enter');
      await waitConsole(page, '80/TCP', from);
    });
    await checks.check('copy out of the console (browser clipboard)', async () => {
      await page.keyboard.type('echo copied-from-the-playground');
      await waitFrames(page, 2);
      await page.keyboard.press('Control+A');
      await waitFrames(page, 2);
      await page.keyboard.press('Control+C');
      await waitFrames(page, 4);
      const text = await page.evaluate(() => navigator.clipboard.readText());
      assert(text === 'echo copied-from-the-playground', `clipboard: ${JSON.stringify(text)}`);
      await page.keyboard.press('Enter');
    });

    // ---- Panels -------------------------------------------------------------------------------
    await checks.check('the manifest editor shows the API server error', async () => {
      await sp(() => window.stsPlayground.showPanel('Manifest'));
      const bad = readFileSync(path.join(repoRoot, 'assets/manifests/nginx-statefulset.yaml'), 'utf8')
        .replace('replicas: 2', 'replicas: -2');
      const out = await sp((y) => window.stsPlayground.loadManifest(y), bad);
      assert(out.includes('The StatefulSet "web" is invalid') && out.includes('spec.replicas'), out);
      await waitFrames(page, 6);
      await shot(page, 'editor-error');
    });
    await checks.check('the DNS inspector resolves web-0.nginx', async () => {
      await sp(() => window.stsPlayground.showPanel('DNS'));
      await waitFrames(page, 45);
      await shot(page, 'dns');
    });
    await checks.check('volumeClaimTemplates: one PVC per pod, bound, kept after scale-down', async () => {
      await sp(() => window.stsPlayground.exec('kubectl delete statefulset web'));
      const vct = readFileSync(path.join(repoRoot, 'assets/manifests/web-volumeclaimtemplates.yaml'), 'utf8');
      const out = await sp((y) => window.stsPlayground.loadManifest(y), vct);
      assert(out.includes('statefulset.apps/web created'), out);
      await sp(() => window.stsPlayground.settle());
      await sp(() => window.stsPlayground.showPanel('Storage'));
      await waitFrames(page, 20);
      let state = await sp(() => window.stsPlayground.state());
      const pvcs = state.PersistentVolumeClaim.map((c) => `${c.metadata.name}:${c.status.phase}`).sort();
      assert(JSON.stringify(pvcs) === JSON.stringify(['www-web-0:Bound', 'www-web-1:Bound']), `PVCs: ${pvcs}`);
      const layout = await sp(() => window.stsPlayground.layout());
      assert(layout.pvcs.length === 2, `layout pvcs: ${JSON.stringify(layout.pvcs)}`);
      await shot(page, 'storage');
      await sp(() => window.stsPlayground.exec('kubectl scale statefulset web --replicas=1'));
      await sp(() => window.stsPlayground.settle());
      await waitFrames(page, 30);
      state = await sp(() => window.stsPlayground.state());
      assert(inDefault(state.Pod).length === 1 && state.PersistentVolumeClaim.length === 2, 'the claim of web-1 was not kept');
      await shot(page, 'retained-claim');
      await sp(() => window.stsPlayground.showPanel('Events'));
      await waitFrames(page, 10);
      await shot(page, 'events');
    });
    await checks.check('no console errors', async () => {
      assert(one.problems.length === 0, one.problems.join('\n'));
    });
    await one.context.close();

    // HiDPI: the same page at 2x, after the first pods came up.
    const two = await openPage(browser, base, { width: 1280, height: 720, deviceScaleFactor: 2 });
    await two.page.evaluate(() => window.stsPlayground.settle());
    await waitFrames(two.page, 25);
    const hidpi = await two.page.screenshot({ path: path.join(args.out, 'playground-hidpi.png') });
    await checks.check('pods are drawn where layout() says at 2x', async () => {
      const layout = await two.page.evaluate(() => window.stsPlayground.layout());
      const pts = layout.pods.map((p) => ({ x: (p.x + p.w * 0.85) * 2, y: (p.y + p.h * 0.5) * 2 }));
      const p = await pixelStats(two.page, hidpi, pts);
      assert(p.width === 2560, `screenshot width ${p.width}`);
      for (const c of p.samples) assert(c[1] > c[0] + 25 && c[1] > c[2], `card not green at 2x: rgb ${c}`);
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
