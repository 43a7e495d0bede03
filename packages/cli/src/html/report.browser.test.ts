import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dinhdanh, scratch } from '../testSupport.js';

// Debian's Chromium (package `chromium`); `.ci/run` installs it. Without it the test says so and is skipped.
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) console.warn(`HTML report browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

describe.skipIf(!present)('the HTML audit report in a real headless browser (Chromium)', () => {
  it('renders offline, draws its charts, and logs no console error', async () => {
    const dir = await scratch();
    const log = join(dir, 'log.ndjson');
    expect(
      (await dinhdanh('simulate', '--subjects', '150', '--seed', '11', '--out', log, '--violations', '0.02')).code,
    ).toBe(0);
    const html = join(dir, 'audit.html');
    await dinhdanh('audit', log, '--as-of', '2026-01-01T00:00:00+07:00', '--format', 'html', '--out', html);

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      await page.goto(pathToFileURL(html).href);

      expect(await page.title()).toContain('Audit under Decree 69/2024/ND-CP');
      const charts = page.locator('svg.chart');
      expect(await charts.count()).toBeGreaterThanOrEqual(2);
      // Every chart is laid out with a real size and has drawn marks (bars or stacked segments) of non-zero height.
      for (let i = 0; i < (await charts.count()); i++) {
        const box = await charts.nth(i).boundingBox();
        expect(box?.width ?? 0).toBeGreaterThan(100);
        expect(box?.height ?? 0).toBeGreaterThan(30);
        const heights = await charts
          .nth(i)
          .locator('rect')
          .evaluateAll((rs) => rs.map((r) => r.getBoundingClientRect().height));
        expect(heights.some((h) => h > 0)).toBe(true);
      }
      const rows = await page.locator('#findings tbody tr').count();
      expect(rows).toBeGreaterThan(0);
      // A clause link leads to the clause's entry in the same page.
      const href = await page.locator('#findings tbody tr a').first().getAttribute('href');
      expect(await page.locator(href ?? '#none').count()).toBe(1);
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
