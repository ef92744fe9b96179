// n8n's editor in Debian's Chromium, driven by playwright-core: logs in, opens workflows and the
// pack's nodes and credential, and takes the screenshots shown in the README.
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const { SCREENSHOTS, documentedShots, recordShot } = require('../screenshots');

const VIEWPORT = { width: 1400, height: 850 };
// Hidden while a shot is taken: toasts (they slide in and out, so a shot catches one cut off) and
// the tool bar n8n draws over the node the mouse last passed.
const PARAMETERS = '[data-test-id=node-parameters]';
const OUTPUT = '[data-test-id=output-panel]';
const NOT_IN_SHOTS =
	'.el-notification, [data-test-id=canvas-node-toolbar] { visibility: hidden !important; }';

const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

class Editor {
	static async open(baseUrl, { email, password }) {
		const browser = await chromium.launch({
			executablePath: '/usr/bin/chromium',
			args: CHROMIUM_FLAGS,
		});
		const page = await browser.newPage({ viewport: VIEWPORT });
		await page.goto(`${baseUrl}/signin`);
		await page.fill('input[name=emailOrLdapLoginId]', email);
		await page.fill('input[name=password]', password);
		await page.click('[data-test-id=form-submit-button]');
		await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 30_000 });
		fs.mkdirSync(SCREENSHOTS, { recursive: true });
		return new Editor(browser, page, baseUrl);
	}

	constructor(browser, page, baseUrl) {
		this.browser = browser;
		this.page = page;
		this.baseUrl = baseUrl;
	}

	/**
	 * Shoots the page (or `element` alone) as `docs/screenshots/<name>.png` and records what it
	 * shows (`sources`, test/screenshots.js), so that `npm test` sees when that changes. A shot no
	 * document shows is not taken; a run the editor is still finishing is waited for.
	 */
	async screenshot(name, sources, { element } = {}) {
		if (!documentedShots().has(name)) return;
		await this.page.waitForFunction(
			() =>
				!document
					.querySelector('[data-test-id=execute-workflow-button]')
					?.innerText.startsWith('Executing'),
			undefined,
			{ timeout: 60_000 },
		);
		// Away from what it last clicked, and with transitions run to their end: a button caught
		// in the middle of one is drawn blank.
		await this.page.mouse.move(this.page.viewportSize().width / 2, 1);
		const hidden = await this.page.addStyleTag({ content: NOT_IN_SHOTS });
		await (element ?? this.page).screenshot({
			path: path.join(SCREENSHOTS, `${name}.png`),
			animations: 'disabled',
		});
		await hidden.evaluate((style) => style.remove());
		recordShot(name, sources);
	}

	/**
	 * Shoots as `screenshot` does, the page grown (up to 3200 x 2400) until nothing in `within` (a
	 * selector) needs scrolling to be seen; then the page is as it was.
	 */
	async screenshotWhole(name, sources, within, { element } = {}) {
		for (let grown = 0; grown < 4; grown++) {
			const missing = await this.page
				.locator(within)
				.first()
				.evaluate((root) => {
					const scrolling = [root, ...root.querySelectorAll('*')].filter((box) => {
						const { overflowX, overflowY } = getComputedStyle(box);
						return /auto|scroll/.test(`${overflowX} ${overflowY}`);
					});
					return {
						width: Math.max(0, ...scrolling.map((box) => box.scrollWidth - box.clientWidth)),
						height: Math.max(0, ...scrolling.map((box) => box.scrollHeight - box.clientHeight)),
					};
				});
			if (missing.width === 0 && missing.height === 0) break;
			const { width, height } = this.page.viewportSize();
			// A panel gets a share of the page's width: the page grows by more than the panel lacks.
			await this.page.setViewportSize({
				width: Math.min(3200, width + missing.width * 3),
				height: Math.min(2400, height + missing.height + 8),
			});
		}
		await this.screenshot(name, sources, { element });
		await this.page.setViewportSize(VIEWPORT);
	}

	async openWorkflow(id) {
		await this.page.goto(`${this.baseUrl}/workflow/${id}`);
		await this.page.waitForSelector('[data-test-id=canvas-node]', { timeout: 30_000 });
		// Icons load after the nodes are drawn, slowly on a busy machine: wait until each image has
		// loaded or failed (both are "complete"), so that a broken icon still shows as one.
		await this.page.waitForFunction(
			() =>
				[...document.querySelectorAll('[data-test-id=canvas-node] .n8n-node-icon img')].every(
					(icon) => icon.complete,
				),
			undefined,
			{ timeout: 30_000 },
		);
	}

	/** How the canvas draws each node: its type, its icon (and whether it loaded), its output labels. */
	async canvasNodes() {
		return await this.page.$$eval('[data-test-id=canvas-node]', (nodes) =>
			nodes.map((node) => {
				const icon = node.querySelector('.n8n-node-icon img');
				return {
					name: node.getAttribute('data-node-name'),
					type: node.getAttribute('data-node-type'),
					icon: icon?.getAttribute('src') ?? null,
					iconLoaded: !!icon && icon.complete && icon.naturalWidth > 0,
					outputs: [...node.querySelectorAll('[data-test-id=canvas-node-output-handle]')].map(
						(handle) => handle.innerText.trim(),
					),
				};
			}),
		);
	}

	/**
	 * Opens a node's parameter panel, shot as `shot` ({ name, sources }) with every parameter in
	 * view; returns the value shown of its `choice` parameter (Method, unless named) and the
	 * options it offers.
	 */
	async openNode(name, shot, choice = 'operation') {
		await this.page.dblclick(`[data-test-id=canvas-node][data-node-name="${name}"]`);
		const method = this.page.locator(`[data-test-id=parameter-input-${choice}] input`).first();
		await method.waitFor({ timeout: 15_000 });
		const shown = await method.inputValue();
		await this.screenshotWhole(shot.name, shot.sources, PARAMETERS);
		await method.click();
		const options = this.page.locator('[data-test-id=parameter-input-item]:visible');
		await options.first().waitFor({ timeout: 15_000 });
		const offered = (await options.allInnerTexts()).map((text) => text.trim());
		await this.page.keyboard.press('Escape');
		return { shown, offered };
	}

	/**
	 * Opens a node's parameter panel and types each of `queries` into the search of its options
	 * parameter `parameter` (a list the server loads, once the select is no longer disabled while it
	 * loads); returns the label shown before and, for each query, the entries the list then shows.
	 */
	async searchOptions(name, parameter, queries) {
		await this.page.dblclick(`[data-test-id=canvas-node][data-node-name="${name}"]`);
		const input = this.page.locator(`[data-test-id=parameter-input-${parameter}] input`).first();
		await input.waitFor({ timeout: 15_000 });
		await this.page.waitForFunction(
			(selector) => {
				const field = document.querySelector(selector);
				return field instanceof HTMLInputElement && !field.disabled;
			},
			`[data-test-id=parameter-input-${parameter}] input`,
			{ timeout: 30_000 },
		);
		const shown = await input.inputValue();
		const found = {};
		for (const query of queries) {
			await input.click();
			// Whatever an earlier search left in the field is typed over.
			await this.page.keyboard.press('ControlOrMeta+A');
			await this.page.keyboard.type(query);
			// The list is filtered once every entry in view holds what was typed.
			await this.page.waitForFunction(
				(typed) => {
					const entries = [...document.querySelectorAll('[data-test-id=parameter-input-item]')]
						.filter((item) => item.checkVisibility())
						.map((item) => item.innerText.toLowerCase());
					return (
						entries.length > 0 && entries.every((entry) => entry.includes(typed.toLowerCase()))
					);
				},
				query,
				{ timeout: 15_000 },
			);
			const entries = this.page.locator('[data-test-id=parameter-input-item]:visible');
			found[query] = (await entries.allInnerTexts()).map((text) => text.trim());
			await this.page.keyboard.press('Escape');
		}
		await this.page.keyboard.press('Escape');
		return { shown, found };
	}

	/**
	 * Searches the node panel (the canvas's +) for `query`; returns the names of the nodes it lists.
	 * `shot` ({ name, sources }): a shot of the panel's answer.
	 */
	async searchNodes(query, shot) {
		await this.page.click('[data-test-id=node-creator-plus-button]');
		const search = this.page.locator('[data-test-id=node-creator-search-bar]');
		await search.waitFor({ timeout: 15_000 });
		const names = this.page.locator('[data-test-id=node-creator-item-name]:visible');
		await names.first().waitFor({ timeout: 15_000 });
		// Before the search the panel lists its categories under the same test id: the answer is
		// there once the list has changed.
		const before = (await names.allInnerTexts()).join('\n');
		await search.fill(query);
		await this.page.waitForFunction(
			(shown) =>
				[...document.querySelectorAll('[data-test-id=node-creator-item-name]')]
					.filter((item) => item.checkVisibility())
					.map((item) => item.innerText)
					.join('\n') !== shown,
			before,
			{ timeout: 15_000 },
		);
		const listed = (await names.allInnerTexts()).map((text) => text.trim());
		if (shot) await this.screenshot(shot.name, shot.sources);
		await this.page.keyboard.press('Escape');
		return listed;
	}

	/**
	 * Opens the node's credential, shot as `shot` ({ name, sources }) with every field in view
	 * (before the Platform list opens over them); returns the platform shown and those offered.
	 */
	async openCredential(shot) {
		await this.page.click('[data-test-id=credential-edit-button]');
		const platform = this.page.locator(
			'[data-test-id=credential-edit-dialog] [data-test-id=parameter-input-platform] input',
		);
		await platform.waitFor({ timeout: 15_000 });
		const shown = await platform.inputValue();
		await this.screenshot(shot.name, shot.sources);
		await platform.click();
		const options = this.page.locator('[data-test-id=parameter-input-item]:visible');
		await options.first().waitFor({ timeout: 15_000 });
		const offered = (await options.allInnerTexts()).map((text) => text.trim());
		await this.page.keyboard.press('Escape');
		await this.page.keyboard.press('Escape');
		return { shown, offered };
	}

	/** Starts a run of the open workflow from the editor; `openNodeOutput` waits for its results. */
	async executeWorkflow() {
		await this.page.click('[data-test-id=execute-workflow-button]');
	}

	/** Waits until the canvas marks a node as run successfully. */
	async waitForNodeSuccess(name) {
		await this.page.waitForSelector(
			`[data-test-id=canvas-node][data-node-name="${name}"] [data-test-id=canvas-node-status-success]`,
			{ timeout: 120_000 },
		);
	}

	/**
	 * What a node's output panel shows once the node has run, as text; shot as `shot` (if given):
	 * the panel alone with its whole table, each row one line high but in the first column that
	 * holds lists or objects (n8n's own column collapsing), so that a row is as high as that one.
	 */
	async openNodeOutput(name, shot) {
		await this.page.dblclick(`[data-test-id=canvas-node][data-node-name="${name}"]`);
		const output = this.page.locator(OUTPUT);
		await output.getByText(/Success Branch/).waitFor({ timeout: 120_000 });
		const text = await output.innerText();
		if (shot) {
			// A table, unless n8n shows the output otherwise (binary data as files).
			const rows = output.locator('table tbody tr');
			const nested = (await rows.count())
				? await rows
						.first()
						.evaluate((row) =>
							[...row.children].findIndex((cell) => cell.querySelector('.n8n-tree')),
						)
				: -1;
			if (nested >= 0) {
				const header = output.locator('table thead th').nth(nested);
				await header.hover();
				await header.locator('button').first().click();
			}
			await this.screenshotWhole(shot.name, shot.sources, OUTPUT, { element: output });
		}
		await this.page.keyboard.press('Escape');
		return text;
	}

	async close() {
		await this.browser.close();
	}
}

module.exports = { Editor };
