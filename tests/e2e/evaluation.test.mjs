// Issue 5 acceptance: an SPBE evaluation year runs in the browser from assignment to signed
// final levels, with the administrator, a PD operator, the internal assessor (koordinator)
// and the evaluator (auditor) as different accounts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, login } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

async function as(username) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await login(page, server.base, username);
  await page.waitForURL(`${server.base}/`);
  return page;
}

async function press(page, name) {
  await page.getByRole('button', { name, exact: true }).click();
  await page.getByRole('status').waitFor();
}

test('an evaluation year runs from assignment to signed final levels', async () => {
  const admin = await as('admin.kominfo');
  await admin.goto(`${server.base}/evaluasi`);
  await admin.locator('#f-year').fill('2026');
  await admin.locator('#f-self_assessment_due').fill('2026-05-31');
  await press(admin, 'Buka periode evaluasi');
  const period = admin.url();
  for (const n of [1, 2]) await admin.locator(`#pd_${n}`).selectOption({ label: 'Dinkes' });
  await press(admin, 'Simpan penugasan');

  const op = await as('operator.dinkes');
  for (const [n, level] of [[1, '3'], [2, '4']]) {
    await op.goto(`${period}/indikator/${n}`);
    await op.locator('#f-level').selectOption(level);
    await op.locator('#f-explanation').fill(`Penjelasan indikator ${n}`);
    await press(op, 'Simpan draf');
    await op.locator('#f-title').fill(`Bukti ${n}`);
    await op.locator('#f-file').setInputFiles({ name: `bukti-${n}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\nbukti\n') });
    await press(op, 'Unggah bukti');
    await press(op, 'Ajukan ke tim asesor internal');
    assert.equal(await op.locator('#review-status').textContent(), 'Diajukan');
  }

  const koord = await as('koordinator');
  for (const n of [1, 2]) {
    await koord.goto(`${period}/indikator/${n}`);
    await press(koord, 'Terima');
    assert.equal(await koord.locator('#review-status').textContent(), 'Diterima');
  }

  const evaluator = await as('auditor');
  for (const [n, level] of [[1, '3'], [2, '3']]) {
    await evaluator.goto(`${period}/indikator/${n}`);
    await evaluator.locator('#f-document_level').selectOption(level);
    await press(evaluator, 'Simpan penilaian');
    await evaluator.locator('#f-level').selectOption(level);
    await press(evaluator, 'Tetapkan tingkat final');
    assert.match(await evaluator.locator('#signature').textContent(), /^ed25519:[0-9a-f]{64}:[0-9a-f]{128}$/);
    assert.equal(await evaluator.locator('#validated-level').textContent(), level);
  }
  // The claimed level of indicator 2 stays as the PD claimed it.
  assert.equal(await evaluator.locator('#claimed-level').textContent(), '4');

  await koord.goto(period);
  const scores = await koord.locator('.scores').textContent();
  assert.match(scores, /3\.00/);
  assert.match(scores, /3\.50/);
  assert.equal(await koord.locator('svg').count() >= 3, true);
  await koord.goto(`${period}/laporan`);
  assert.match(await koord.locator('h1').textContent(), /Laporan Hasil Evaluasi SPBE Tahun 2026/);
});
