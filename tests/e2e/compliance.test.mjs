// Issue 4 acceptance in a real browser: the Kota Metro demo's deliberate gaps are findings
// citing Metro's Perda; fixing the record in the UI closes its finding without a restart; the
// same data under Manggarai's pack cites Manggarai's Perbup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, login } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('a finding cites the Perda, closes when the record is fixed, and the Manggarai pack cites its Perbup', async () => {
  const page = await browser.newPage();
  await login(page, server.base, 'admin.kominfo');
  await page.waitForURL(`${server.base}/`);

  await page.goto(`${server.base}/kepatuhan`);
  assert.match(await page.locator('main').textContent(), /Perda 8\/2019/);

  // The APP-2 finding of e-BPHTB with Metro's article quoted.
  await page.goto(`${server.base}/temuan?rule=APP-2`);
  await page.getByRole('link', { name: 'APP-2' }).first().waitFor();
  const row = page.locator('tr', { hasText: 'e-BPHTB' });
  await row.getByRole('link', { name: 'APP-2' }).click();
  const main = page.locator('main');
  assert.match(await main.textContent(), /Perda Kota Metro Nomor 8 Tahun 2019, Pasal 17 ayat \(1\)/);
  assert.match(await main.textContent(), /Terbuka/);
  const findingUrl = page.url();

  // Fix the application: built through Dinas.
  await page.getByRole('link', { name: 'e-BPHTB Kota Metro' }).click();
  const appUrl = page.url();
  await page.goto(`${appUrl}/ubah`);
  await page.locator('#f-via_dinas').check();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await page.getByRole('status').waitFor();

  await page.goto(findingUrl);
  assert.match(await main.textContent(), /Diselesaikan/);
  assert.match(await main.textContent(), /data sudah memenuhi kewajiban/);

  // The same data under Manggarai's Perbup: LAN diagrams (INF-5) appear, DOM-1 cites Pasal 17.
  await page.goto(`${server.base}/kepatuhan`);
  await page.locator('#pack').selectOption('manggarai');
  await page.getByRole('button', { name: 'Terapkan paket' }).click();
  await page.getByRole('status').waitFor();
  const text = await main.textContent();
  assert.match(text, /Perbup 52\/2021/);
  assert.match(text, /Diagram LAN tahunan/);
  const dom1 = page.locator('tr', { hasText: 'DOM-1' });
  assert.match(await dom1.textContent(), /Pasal 17 ayat \(2\)/);
  await page.goto(`${server.base}/temuan?rule=INF-5`);
  assert.match(await main.textContent(), /Belum menyampaikan diagram LAN|Diagram LAN terakhir/);
});
