// Starts a Simpul server with the demo on a fresh SQLite database and launches Debian's
// chromium through playwright-core. Used by every browser test.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const DEMO_PASSWORD = 'metro-demo-2026';
const BIN = process.env.SIMPUL_BIN ?? new URL('../../target/release/simpul', import.meta.url).pathname;

export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'simpul-e2e-'));
  const env = { ...process.env, SIMPUL_DATABASE_URL: process.env.SIMPUL_E2E_DATABASE_URL ?? `sqlite://${dir}/simpul.db`, SIMPUL_LOG__LEVEL: 'warn', SIMPUL_DATA__DIR: join(dir, 'data') };
  execFileSync(BIN, ['migrate'], { env, stdio: 'inherit' });
  const port = 20000 + Math.floor(Math.random() * 20000);
  const proc = spawn(BIN, ['serve', '--demo', '--bind', `127.0.0.1:${port}`], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30000);
    proc.stdout.on('data', (d) => {
      out += d;
      if (out.includes('http://')) { clearTimeout(timer); resolve(); }
    });
    proc.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    output: out,
    async stop() { proc.kill('SIGTERM'); rmSync(dir, { recursive: true, force: true }); },
  };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function login(page, base, username) {
  await page.goto(`${base}/masuk`);
  await page.getByLabel(/Nama pengguna|Username/).fill(username);
  await page.getByLabel(/Kata sandi|Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /Masuk|Sign in/ }).click();
}
