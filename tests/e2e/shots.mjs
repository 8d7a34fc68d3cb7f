// Manual check, not a test: screenshots of pages at phone width and their overflow.
// node shots.mjs BASE OUTDIR path...
import { launch, login } from './harness.mjs';
const [base, out, ...paths] = process.argv.slice(2);
const browser = await launch();
const page = await browser.newPage({ viewport: { width: Number(process.env.W ?? 390), height: 844 } });
await login(page, base, 'admin.kominfo');
await page.waitForURL(`${base}/`);
for (const p of paths) {
  await page.goto(base + p);
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  const name = p.replace(/[^a-z0-9]+/gi, '_') || 'root';
  await page.screenshot({ path: `${out}/${name}.png` });
  console.log(`${p}\tscrollWidth=${w}`);
}
await browser.close();
