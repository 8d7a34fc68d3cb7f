// The smoke test of the foundation issue: the demo's printed admin credentials log in and
// reach the dashboard in a real browser; bad input keeps the form; logout ends the session.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, login, DEMO_PASSWORD } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('the printed demo admin account logs in and reaches the dashboard', async () => {
  assert.match(server.output, /admin\.kominfo/);
  assert.ok(server.output.includes(DEMO_PASSWORD), 'the demo password is printed');
  const page = await browser.newPage();
  await login(page, server.base, 'admin.kominfo');
  await page.waitForURL(`${server.base}/`);
  assert.equal(await page.locator('h1').textContent(), 'Dasbor');
  assert.ok(await page.getByRole('cell', { name: 'Dinas Komunikasi dan Informatika' }).count() > 0);
  await page.screenshot({ path: 'test-results/dashboard.png', fullPage: true });
  await page.close();
});

test('a wrong password keeps the user on the login form with one message', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.base}/masuk`);
  await page.getByLabel('Nama pengguna').fill('admin.kominfo');
  await page.getByLabel('Kata sandi').fill('salah-sekali');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /Nama pengguna atau kata sandi salah/);
  assert.equal(await page.getByLabel('Nama pengguna').inputValue(), 'admin.kominfo');
  await page.close();
});

test('an admin creates a PD; a bad field is shown and the input kept; English works', async () => {
  const page = await browser.newPage();
  await login(page, server.base, 'admin.kominfo');
  await page.waitForURL(`${server.base}/`);
  await page.getByRole('link', { name: 'Perangkat Daerah' }).first().click();
  await page.getByRole('link', { name: 'Tambah Perangkat Daerah' }).click();
  await page.getByLabel(/^Kode/).fill('DISKOPUKM');
  await page.getByLabel(/^Nama singkat/).fill('Diskop UKM');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await page.locator('.error-summary').waitFor();
  assert.match(await page.locator('#e-name').textContent(), /Wajib diisi/);
  assert.equal(await page.getByLabel(/^Kode/).inputValue(), 'DISKOPUKM');
  await page.getByLabel(/^Nama \(wajib\)/).fill('Dinas Koperasi dan Usaha Mikro');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await page.getByRole('status').waitFor();
  assert.equal(await page.locator('h1').textContent(), 'Dinas Koperasi dan Usaha Mikro (Diskop UKM)');
  assert.ok(await page.getByRole('cell', { name: 'Dibuat', exact: true }).count() === 1, 'history shows the creation');
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Change history' }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/masuk/);
  await page.goto(`${server.base}/pd`);
  assert.match(page.url(), /\/masuk\?next=/);
  await page.close();
});
