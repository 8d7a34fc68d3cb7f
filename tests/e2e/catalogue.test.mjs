// Issue 3 acceptance: a PD operator registers an application with a document, links it to a
// service, a dataset and a server, and sees the impact view — in a real browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, login } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

async function create(page, base, kind, values) {
  await page.goto(`${base}/katalog/${kind}/baru`);
  for (const [name, value] of Object.entries(values)) {
    const el = page.locator(`#f-${name}`);
    const tag = await el.evaluate((e) => e.tagName.toLowerCase());
    if (tag === 'select') await el.selectOption(value);
    else if (tag === 'fieldset') await page.locator(`#f-${name}-${value}`).check();
    else await el.fill(value);
  }
  await page.getByRole('button', { name: 'Simpan' }).click();
  await page.getByRole('status').waitFor();
  return page.url();
}

async function link(page, url, query, name) {
  await page.goto(url);
  await page.getByLabel(/Cari entri untuk ditautkan/).fill(query);
  await page.getByRole('button', { name: 'Cari' }).click();
  await page.locator('li', { hasText: name }).getByRole('button', { name: 'Tautkan' }).click();
  await page.getByRole('status').waitFor();
}

test('an operator registers an application with a document, links it and sees the impact view', async () => {
  const page = await browser.newPage();
  await login(page, server.base, 'operator.dinkes');
  await page.waitForURL(`${server.base}/`);

  const serverUrl = await create(page, server.base, 'aset', { name: 'Server Uji E2E', status: 'operasi', asset_kind: 'server', location: 'pusat_data' });
  // The classification is the Walidata's (issue 9.15): the operator's form shows it read-only.
  const dataUrl = await create(page, server.base, 'data', { name: 'Data Uji E2E', status: 'aktif', walidata: 'Walidata Dinkes', format: 'csv', update_frequency: 'bulanan', nature: 'transaksional' });
  const serviceUrl = await create(page, server.base, 'layanan', { name: 'Layanan Uji E2E', status: 'operasi', service_type: 'publik', sector: 'kesehatan' });
  const appUrl = await create(page, server.base, 'aplikasi', {
    name: 'Aplikasi Uji E2E', code: 'E2E-APP', status: 'produksi', app_type: 'khusus', audience: 'g2c',
    developer: 'dinas', source_model: 'terbuka', platform: 'web', url: 'https://e2e.metrokota.go.id',
  });
  assert.equal(await page.locator('h1').textContent(), 'Aplikasi Uji E2E (E2E-APP)');

  // A document: the SOP as a PDF.
  await page.locator('#f-doc_type').selectOption('sop');
  await page.locator('#f-title').fill('SOP Aplikasi Uji');
  await page.locator('#f-file').setInputFiles({ name: 'sop.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\nSOP uji\n') });
  await page.getByRole('button', { name: 'Unggah dokumen' }).click();
  await page.getByRole('status').waitFor();
  assert.ok(await page.getByRole('link', { name: 'SOP Aplikasi Uji' }).count() === 1);

  await link(page, appUrl, 'Server Uji E2E', 'Server Uji E2E');
  await link(page, appUrl, 'Data Uji E2E', 'Data Uji E2E');
  await link(page, serviceUrl, 'Aplikasi Uji E2E', 'Aplikasi Uji E2E');

  await page.goto(appUrl);
  const deps = page.locator('section', { has: page.locator('#h-links') });
  assert.match(await deps.textContent(), /berjalan di: Server Uji E2E/);
  assert.match(await deps.textContent(), /menggunakan data: Data Uji E2E/);
  assert.match(await deps.textContent(), /Layanan Uji E2E/);

  await page.goto(serverUrl);
  await page.getByRole('link', { name: 'Analisis dampak' }).click();
  await page.getByRole('heading', { name: /Analisis dampak/ }).waitFor();
  const rows = await page.locator('tbody tr').allTextContents();
  assert.ok(rows.some((r) => r.includes('Aplikasi Uji E2E')), rows.join('\n'));
  assert.ok(rows.some((r) => r.includes('Layanan Uji E2E')), rows.join('\n'));
  await page.screenshot({ path: 'test-results/impact.png', fullPage: true });
  assert.ok(dataUrl.includes('/katalog/data/'));
  await page.close();
});
