/**
 * The published HTML in a real browser (Debian's chromium, driven by playwright-core, headless), as the e2e
 * stage runs it: `scripts/e2e.sh` installs chromium and runs this suite with vitest.browser.config.ts, so it is
 * not part of `npm test`. It renders the table of the real provincial benchmark (粤环发〔2021〕7号,节选 in
 * examples/guangdong-eco/province.chidu), checks that every item and tier is shown, prints it to PDF (A4
 * landscape) and keeps a screenshot and the PDF under artifacts/publish/.
 * Environment: CHROMIUM (default /usr/bin/chromium).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../../..');
const BIN = path.join(REPO, 'packages/cli/bin/chidu.js');
const ARTIFACTS = path.join(REPO, 'artifacts/publish');

interface BuiltItem { code: string; violation: string | null; tiers: { name: string; conditions: string[] }[]; weightedTable: { factors: { name: string }[] } | null }

function chidu(...args: string[]): void {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
}

describe('the published provincial table in chromium', () => {
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'chidu-browser-'));
    let browser: Browser;
    let items: BuiltItem[];

    beforeAll(async () => {
        chidu('build', 'examples/guangdong-eco', '--root', 'examples/guangdong-eco', '--out', path.join(temp, 'build'));
        chidu('publish', 'examples/guangdong-eco', '--root', 'examples/guangdong-eco', '--out', path.join(temp, 'tables'));
        items = (JSON.parse(fs.readFileSync(path.join(temp, 'build/province.json'), 'utf8')) as { items: BuiltItem[] }).items;
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        browser = await chromium.launch({
            executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
            headless: true,
            args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking',
                '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions']
        });
    });

    afterAll(async () => {
        await browser?.close();
        fs.rmSync(temp, { recursive: true, force: true });
    });

    it('shows every item and every tier, and keeps a screenshot and an A4 landscape PDF', async () => {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        const requests: string[] = [];
        page.on('request', request => { if (!request.url().startsWith('file:')) requests.push(request.url()); });
        await page.goto(pathToFileURL(path.join(temp, 'tables/province.html')).href);
        await expect.poll(() => page.locator('h1').innerText()).toBe('广东省生态环境行政处罚自由裁量权裁量基准');
        expect(items.length).toBeGreaterThan(0);
        for (const item of items) {
            const rows = page.locator(`tbody tr[data-item="${item.code}"]`);
            expect(await rows.count(), item.code).toBe(item.tiers.length || item.weightedTable?.factors.length || 1);
            const violation = rows.first().locator('td.c-违法行为');
            expect(await violation.isVisible(), item.code).toBe(true);
            if (item.violation) expect(await violation.innerText()).toBe(item.violation);
            for (const tier of item.tiers) {
                const row = page.locator(`tbody tr[data-item="${item.code}"][data-tier="${tier.name}"]`);
                expect(await row.locator('td.c-裁量阶次').isVisible(), `${item.code} ${tier.name}`).toBe(true);
                expect(await row.locator('td.c-裁量阶次').innerText()).toContain(tier.name);
                const situation = await row.locator('td.c-适用情形').innerText();
                for (const condition of tier.conditions) expect(situation).toContain(condition);
            }
            // The item's own cells span its rows as laid out: as tall as its rows together.
            const span = rows.first().locator('td.c-违法行为');
            const spanBox = (await span.boundingBox())!;
            let rowsHeight = 0;
            for (let i = 0; i < await rows.count(); i++) rowsHeight += (await rows.nth(i).boundingBox())!.height;
            expect(Math.abs(spanBox.height - rowsHeight), item.code).toBeLessThan(2);
        }
        // Chinese text is drawn with a CJK font, not as boxes: the characters have the width of a full em.
        const title = (await page.locator('h1').boundingBox())!;
        expect(title.width).toBeGreaterThan(20 * 16 * 0.8);
        expect(requests).toEqual([]);

        await page.screenshot({ path: path.join(ARTIFACTS, 'province.png'), fullPage: true });
        expect(fs.statSync(path.join(ARTIFACTS, 'province.png')).size).toBeGreaterThan(10_000);

        await page.emulateMedia({ media: 'print' });
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        fs.writeFileSync(path.join(ARTIFACTS, 'province.pdf'), pdf);
        // A4 landscape from the page's own @page rule: 842 × 595 points.
        const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
        expect(box).not.toBeNull();
        expect(Number(box![1])).toBeCloseTo(841.9, 0);
        expect(Number(box![2])).toBeCloseTo(595.3, 0);
        await page.close();
    });
});
