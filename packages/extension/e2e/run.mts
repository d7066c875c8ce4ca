/**
 * Drives a real VS Code (code-server, started by scripts/e2e.sh with the Chidu VSIX installed) in headless
 * Debian Chromium through playwright-core, as a reviewer would use it:
 *   1. opens the `.chidu` file from the Explorer;
 *   2. opens the Problems panel and waits for the expected diagnostic (code and message);
 *   3. clicks the problem (the editor jumps to it) and hovers the amount: the hover shows its exact interval;
 *   4. runs 「尺度: 预览当前事项的生效基准」 from the command palette: a read-only JSON preview of the item;
 *   5. opens the upper file and hovers a citation: the article's text from the statute library in the VSIX;
 *   6. runs 「校验工作区」 and 「编译工作区为生效基准 JSON」: their notifications report the error (and no output).
 * Screenshots of each step go to --artifacts. Run with Node ≥ 23 (type stripping): scripts/e2e.sh uses Node 24.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** What the case examples/invalid/outside-upper-tier/county.chidu must show (see its `// 预期：` comment). */
const EXPECTED = {
    code: 'CD401',
    message: /罚款上限\s*3万元\s*超出上级.*上限\s*2万元/,
    /** The amount on the diagnostic's line, and the part of it to hover. */
    amountLine: '一万元以上三万元以下',
    hoverOn: '三万元',
    /** The tier's range after the document's boundary semantics (以上含本数 以下含本数). */
    interval: /\[1万元, 3万元\]/,
    item: 'TS-3-20',
    /** A citation in the upper file, and a phrase of the article's text (from the statutes/ the VSIX ships). */
    citationLine: '违反条款 《大气污染防治法》第七十二条',
    citationHoverOn: '第七十二条',
    articleText: /贮存煤炭、煤矸石/,
    /** What the workspace commands report for this workspace (one error). */
    validateMessage: /尺度校验完成：\d+ 个文件，1 个错误/,
    buildRefused: /存在错误，未生成任何文件/
};

const { values } = parseArgs({
    options: {
        url: { type: 'string' },
        file: { type: 'string', default: 'county.chidu' },
        'citation-file': { type: 'string', default: 'province.chidu' },
        artifacts: { type: 'string', default: 'artifacts/e2e' },
        headed: { type: 'boolean', default: false }
    }
});
if (!values.url) {
    throw new Error('usage: run.mts --url http://127.0.0.1:PORT/?folder=… [--file county.chidu] [--artifacts dir]');
}
const artifacts = path.resolve(values.artifacts!);
fs.mkdirSync(artifacts, { recursive: true });

const started = Date.now();
const timings: Record<string, number> = {};
let lastMark = started;
function step(name: string): void {
    const now = Date.now();
    timings[name] = now - lastMark;
    lastMark = now;
    console.log(`e2e: ${name} (${((now - started) / 1000).toFixed(1)} s)`);
}

async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(artifacts, name) });
}

async function main(): Promise<void> {
    let browser: Browser | undefined;
    try {
        browser = await chromium.launch({
            executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
            headless: !values.headed,
            args: [
                '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
                '--disable-background-networking', '--disable-component-update', '--disable-sync',
                '--disable-default-apps', '--disable-extensions', '--mute-audio'
            ]
        });
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
        const page = await context.newPage();
        const consoleErrors: string[] = [];
        page.on('console', message => {
            if (message.type() === 'error') {
                consoleErrors.push(message.text());
            }
        });
        try {
            await run(page);
        } catch (error) {
            await shot(page, 'failure.png').catch(() => undefined);
            const problems = await page.locator('.markers-panel').innerText({ timeout: 1000 }).catch(() => '(no Problems panel)');
            console.error(`e2e: Problems panel at failure:\n${problems}`);
            console.error(`e2e: browser console errors (last 10):\n${consoleErrors.slice(-10).join('\n')}`);
            throw error;
        }
    } finally {
        await browser?.close();
    }
    const total = Date.now() - started;
    fs.writeFileSync(path.join(artifacts, 'timings.json'), `${JSON.stringify({ ...timings, totalMs: total }, null, 2)}\n`);
    console.log(`e2e: diagnostic, amount hover, effective-benchmark preview, statute hover, validate and build commands checked in ${(total / 1000).toFixed(1)} s`);
    fs.writeFileSync(path.join(artifacts, 'result.txt'), 'e2e: 6 passed, 0 failed\n');
}

async function run(page: Page): Promise<void> {
    await page.goto(values.url!, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    step('workbench loaded');

    // 1. Open the file from the Explorer.
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: values.file! });
    await row.first().waitFor({ timeout: 60_000 });
    await row.first().click();
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines').waitFor({ timeout: 30_000 });
    await expectText(page.locator('.tabs-container .tab.active'), values.file!, 'the active tab');
    step('file opened');
    // The language is recognised (status bar) and the TextMate grammar colours keywords.
    await expectText(page.locator('#status\\.editor\\.mode'), /Chidu/, 'the language mode in the status bar');

    // 2. The diagnostic in the Problems panel.
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ timeout: 15_000 }).catch(async () => {
        await runCommand(page, 'View: Focus on Problems View');
        await panel.waitFor({ timeout: 15_000 });
    });
    const problem = panel.locator('.monaco-list-row', { hasText: EXPECTED.code });
    await problem.first().waitFor({ timeout: 120_000 });
    const problemText = await problem.first().innerText();
    if (!EXPECTED.message.test(problemText)) {
        throw new Error(`the ${EXPECTED.code} problem has an unexpected message: ${problemText}`);
    }
    console.log(`e2e: Problems panel shows: ${problemText.replace(/\s+/g, ' ')}`);
    step('diagnostic shown');
    await shot(page, '01-problems.png');

    // 3. Jump to the problem, then hover the amount.
    await problem.first().click();
    const line = editor.locator('.view-line', { hasText: EXPECTED.amountLine });
    await line.first().waitFor({ timeout: 15_000 });
    await editor.locator('.squiggly-error').first().waitFor({ timeout: 15_000 });
    const hoverText = await hoverUntil(page, () => textBox(line.first(), EXPECTED.hoverOn), EXPECTED.interval);
    await shot(page, '02-hover.png');
    if (!EXPECTED.interval.test(hoverText)) {
        throw new Error(`the hover over ${EXPECTED.hoverOn} does not show the interval ${EXPECTED.interval}: ${JSON.stringify(hoverText)}`);
    }
    console.log(`e2e: hover shows: ${hoverText.replace(/\s+/g, ' ').slice(0, 300)}`);
    step('hover shows the interval');
    await page.mouse.move(5, 450);
    await page.keyboard.press('Escape');

    // 4. The effective benchmark of the item under the cursor (the click on the problem put it in TS-3-20).
    await runCommand(page, '尺度: 预览当前事项的生效基准');
    const previewTab = page.locator('.tabs-container .tab', { hasText: `${EXPECTED.item} 生效基准` });
    await previewTab.first().waitFor({ timeout: 30_000 });
    const preview = page.locator('.editor-instance .monaco-editor', { hasText: `"code": "${EXPECTED.item}"` });
    await preview.first().waitFor({ timeout: 30_000 });
    step('effective benchmark preview');
    await shot(page, '03-effective-benchmark.png');

    // 5. The statute text in the hover of a citation (the statute library shipped in the VSIX).
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: values['citation-file']! }).first().click();
    await expectText(page.locator('.tabs-container .tab.active'), values['citation-file']!, 'the active tab');
    const citation = page.locator('.editor-instance .monaco-editor .view-line', { hasText: EXPECTED.citationLine })
        .filter({ visible: true }).first();
    await citation.waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500);
    const text = await hoverUntil(page, () => textBox(citation, EXPECTED.citationHoverOn), EXPECTED.articleText);
    await shot(page, '04-statute-hover.png');
    if (!EXPECTED.articleText.test(text)) {
        throw new Error(`the hover over ${EXPECTED.citationHoverOn} does not show the article text ${EXPECTED.articleText}: ${JSON.stringify(text)}`);
    }
    console.log(`e2e: citation hover shows: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
    step('statute hover');
    await page.mouse.move(5, 450);
    await page.keyboard.press('Escape');

    // 6. The commands that check and compile the whole workspace report in a notification.
    await runCommand(page, '尺度: 校验工作区（含全部慢速检查）');
    await expectText(page.locator('.notifications-toasts'), EXPECTED.validateMessage, 'the notification of 校验工作区');
    step('validate-workspace command');
    await page.waitForTimeout(800); // let the toast finish fading in
    await shot(page, '05-validate-workspace.png');
    await runCommand(page, '尺度: 编译工作区为生效基准 JSON');
    await expectText(page.locator('.notifications-toasts'), EXPECTED.buildRefused, 'the notification of 编译工作区');
    step('build-workspace command');
    await page.waitForTimeout(800);
    await shot(page, '06-build-workspace.png');
}

/** Hovers the box (again and again, for up to a minute) until the hover's text matches; returns the last text. */
async function hoverUntil(page: Page, measure: () => Promise<{ x: number; y: number; width: number; height: number }>, wanted: RegExp): Promise<string> {
    const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-resizable-hover .monaco-hover-content').first();
    let text = '';
    const deadline = Date.now() + 60_000;
    for (let attempt = 0; Date.now() < deadline; attempt++) {
        // Measured again on every approach: a cold editor may still re-render (and move) the line.
        const box = await measure();
        // Move away and back: each approach asks the server again (it may still be starting).
        await page.mouse.move(box.x + box.width / 2, box.y - 120);
        await page.waitForTimeout(200);
        await page.mouse.move(box.x + box.width / 2 + (attempt % 3) - 1, box.y + box.height / 2, { steps: 4 });
        try {
            await hover.waitFor({ state: 'visible', timeout: 5_000 });
            await page.waitForTimeout(500);
            text = await hover.innerText();
            if (wanted.test(text)) {
                break;
            }
        } catch {
            // no hover yet
        }
    }
    return text;
}

/** Runs a command by its title from the command palette (F1). */
async function runCommand(page: Page, title: string): Promise<void> {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`>${title}`);
    const item = page.locator('.quick-input-widget .monaco-list-row', { hasText: title.replace(/^.*?: /, '') });
    await item.first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
}

async function expectText(locator: Locator, expected: string | RegExp, what: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    let text = '';
    while (Date.now() < deadline) {
        text = (await locator.first().innerText().catch(() => '')).replace(/\s+/g, ' ');
        if (typeof expected === 'string' ? text.replace(/ /g, '').includes(expected.replace(/\s+/g, '')) : expected.test(text)) {
            return;
        }
        await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new Error(`${what}: expected ${String(expected)}, found ${JSON.stringify(text)}`);
}

/** The on-screen box of the first occurrence of `needle` in a rendered editor line (spans per token). */
/**
 * The on-screen box of `needle` in an editor line. The editor re-renders a line while a selection or a
 * decoration settles (its text nodes are replaced, and a range over the old ones measures zero), so the
 * line is looked up again until the text has a size, for up to ten seconds.
 */
async function textBox(line: Locator, needle: string): Promise<{ x: number; y: number; width: number; height: number }> {
    const deadline = Date.now() + 10_000;
    for (;;) {
        const box = await measureText(line, needle);
        if (box.width > 0) {
            return box;
        }
        if (Date.now() > deadline) {
            throw new Error(`"${needle}" is not visible in the editor line ${JSON.stringify(box.full)}`);
        }
        await new Promise(resolve => setTimeout(resolve, 250));
    }
}

async function measureText(line: Locator, needle: string): Promise<{ x: number; y: number; width: number; height: number; full: string }> {
    return line.evaluate((element, wanted) => {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        const nodes: Text[] = [];
        let full = '';
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            nodes.push(node as Text);
            full += (node as Text).data;
        }
        const at = full.indexOf(wanted);
        if (at < 0) {
            return { x: 0, y: 0, width: 0, height: 0, full };
        }
        const range = document.createRange();
        let offset = 0;
        for (const node of nodes) {
            const end = offset + node.data.length;
            if (at >= offset && at < end) {
                range.setStart(node, at - offset);
            }
            if (at + wanted.length > offset && at + wanted.length <= end) {
                range.setEnd(node, at + wanted.length - offset);
                break;
            }
            offset = end;
        }
        const rect = range.getBoundingClientRect();
        return { x: rect.x, y: rect.y, width: rect.width, height: rect.height, full };
    }, needle);
}

main().catch(error => {
    console.error(`e2e: FAILED: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    fs.writeFileSync(path.join(artifacts, 'result.txt'), 'e2e: 0 passed, 1 failed\n');
    process.exit(1);
});
