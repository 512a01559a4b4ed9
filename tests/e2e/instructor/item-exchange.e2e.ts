import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { hydrated, logIn } from '../helpers';
import { messages } from '../learner/play';

/**
 * Item exchange on a laptop, in Vietnamese: the demo instructor uploads a malformed Moodle XML file
 * (refused with its line, nothing imported), then a Moodle XML file with a multiple-choice question
 * and an essay with a picture, previews the report, imports all as drafts, and exports the drafts of
 * the school's bank, which hold the imported questions; then a QTI round trip: the drafts exported as a
 * QTI 3.0 package come back unchanged, and a zip that is not a package is refused. EXCHANGE_SCREENSHOTS=1 saves screenshots in
 * vi and lo at 1280 and 390 px under tmp/exchange/.
 */

const vi = messages('vi');
const LAPTOP = { viewport: { width: 1280, height: 800 } };
const SCREENSHOTS = process.env.EXCHANGE_SCREENSHOTS === '1';
const PNG = readFileSync('static/icon-192.png').toString('base64');

function moodleFile(run: string): string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<question type="category"><category><text>$course$/Hua Phan</text></category></question>
<question type="multichoice">
<name><text>chao-${run}</text></name>
<questiontext format="html"><text><![CDATA[<p>Buổi sáng, chúng ta chào nhau thế nào?</p>]]></text></questiontext>
<answer fraction="100" format="html"><text>Chào buổi sáng</text></answer>
<answer fraction="0" format="html"><text>Chúc ngủ ngon</text></answer>
<answer fraction="0" format="html"><text>Tạm biệt</text></answer>
<tags><tag><text>mittaphap-level:1</text></tag><tag><text>mittaphap-skill:vocabulary_grammar</text></tag></tags>
</question>
<question type="essay">
<name><text>tranh-${run}</text></name>
<questiontext format="html"><text><![CDATA[<p>Tả bức tranh.</p><p><img src="@@PLUGINFILE@@/tranh.png" alt=""></p>]]></text>
<file name="tranh.png" path="/" encoding="base64">${PNG}</file></questiontext>
<responseformat>editor</responseformat>
<tags><tag><text>mittaphap-level:3</text></tag><tag><text>mittaphap-skill:writing</text></tag></tags>
</question>
</quiz>
`;
}

/** Screenshots in both languages and sizes; `redo` shows the same state again in the new language. */
async function shoot(
	context: BrowserContext,
	page: Page,
	name: string,
	redo: () => Promise<unknown>
) {
	if (!SCREENSHOTS) return;
	const origin = new URL(page.url()).origin;
	for (const locale of ['vi', 'lo']) {
		await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: origin }]);
		await redo();
		await hydrated(page);
		for (const width of [1280, 390]) {
			await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
			await page.screenshot({
				path: `tmp/exchange/${name}-${locale}-${width}.png`,
				fullPage: true
			});
		}
	}
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'vi', url: origin }]);
	await redo();
	await page.setViewportSize(LAPTOP.viewport);
}

test('an instructor imports a Moodle XML file as drafts and exports them again', async ({
	browser
}) => {
	const context = await browser.newContext({ ...LAPTOP, locale: 'vi-VN' });
	const page = await context.newPage();
	// The export is a download the browser fetches: the client router must not try it as a page.
	const consoleErrors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push(message.text());
	});
	await logIn(page, 'instructor');
	await page.goto('/author');
	await page.getByRole('link', { name: vi.exchange_home_link }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(vi.exchange_title);
	const fileInput = page.getByLabel(vi.exchange_file);

	// A broken file: refused with the line of the error, no import button.
	await fileInput.setInputFiles({
		name: 'broken.xml',
		mimeType: 'application/xml',
		buffer: Buffer.from('<quiz>\n<question type="essay">\n</quiz>')
	});
	await page.getByRole('button', { name: vi.exchange_preview }).click();
	const report = page.getByRole('region', { name: vi.exchange_report_title });
	await expect(report).toContainText(vi.exchange_line.replace('{line}', '3'));
	await expect(page.getByRole('button', { name: vi.exchange_import })).toHaveCount(0);

	// A good file: the report lists both questions as new; import all.
	const run = Date.now().toString(36);
	await fileInput.setInputFiles({
		name: 'hua-phan.xml',
		mimeType: 'application/xml',
		buffer: Buffer.from(moodleFile(run))
	});
	await page.getByRole('button', { name: vi.exchange_preview }).click();
	await expect(report).toContainText(vi.exchange_report_new.replace('{count}', '2'));
	await expect(report).toContainText(`chao-${run}`);
	await expect(report).toContainText(`tranh-${run}`);
	await shoot(context, page, 'preview', () =>
		page.locator('form[action="?/preview"] button[type=submit]').first().click()
	);
	await expect(report).toContainText(vi.exchange_report_new.replace('{count}', '2'));
	await page.getByRole('button', { name: vi.exchange_import }).click();
	await expect(page.getByRole('status')).toContainText(
		vi.exchange_imported_done.replace('{imported}', '2').replace('{changed}', '0')
	);

	// The same file again: nothing new, both unchanged, nothing offered to import.
	await page.getByRole('button', { name: vi.exchange_preview }).click();
	await expect(report).toContainText(vi.exchange_report_unchanged.replace('{count}', '2'));
	await expect(page.getByRole('status')).toHaveText(vi.exchange_report_nothing_new);
	await expect(page.getByRole('button', { name: vi.exchange_import })).toHaveCount(0);

	// Export the school's drafts: the imported questions are there, with the picture.
	await page.reload();
	await shoot(context, page, 'page', () => page.reload());
	await page.locator('select[name=status]').selectOption('draft');
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: vi.exchange_export_download }).click();
	const download = await downloading;
	const exported = readFileSync(await download.path(), 'utf8');
	expect(exported).toContain(`chao-${run}`);
	expect(exported).toContain('Chào buổi sáng');
	expect(exported).toContain(`encoding="base64">${PNG}</file>`);
	expect(exported).toContain('mittaphap-level:3');

	// QTI round trip: export the drafts as a QTI 3.0 package, import it again: both unchanged.
	await page.locator('select[name=format]').selectOption('qti30');
	await page.locator('select[name=status]').selectOption('draft');
	const packaging = page.waitForEvent('download');
	await page.getByRole('button', { name: vi.exchange_export_download }).click();
	const qtiDownload = await packaging;
	expect(qtiDownload.suggestedFilename()).toMatch(/\.qti30\.zip$/);
	const qti = readFileSync(await qtiDownload.path());
	const files = unzipSync(new Uint8Array(qti));
	const manifest = strFromU8(files['imsmanifest.xml']);
	expect(manifest).toContain('imsqti_item_xmlv3p0');
	expect(manifest).toContain(`chao-${run}`);
	const items = Object.keys(files).filter((name) => name.startsWith('items/'));
	expect(items.map((name) => strFromU8(files[name])).join('')).toContain('<qti-choice-interaction');
	expect(Object.keys(files).some((name) => name.endsWith('/tranh.png'))).toBe(true);
	expect(consoleErrors.filter((text) => text.includes('Not found'))).toEqual([]);
	await fileInput.setInputFiles({
		name: 'bank.qti30.zip',
		mimeType: 'application/zip',
		buffer: qti
	});
	await page.getByRole('button', { name: vi.exchange_preview }).click();
	await expect(report).toContainText(
		vi.exchange_report_format.replace('{format}', vi.exchange_format_qti30)
	);
	// Every draft of the school comes back unchanged: these two, and any another test wrote here.
	await expect(report).toContainText(`chao-${run}`);
	await expect(report).toContainText(`tranh-${run}`);
	await expect(page.getByRole('status')).toHaveText(vi.exchange_report_nothing_new);
	await expect(page.getByRole('button', { name: vi.exchange_import })).toHaveCount(0);

	// A zip without a manifest: refused, nothing to import.
	await fileInput.setInputFiles({
		name: 'empty.zip',
		mimeType: 'application/zip',
		buffer: Buffer.from([0x50, 0x4b, 5, 6, ...new Array(18).fill(0)])
	});
	await page.getByRole('button', { name: vi.exchange_preview }).click();
	await expect(report).toContainText(vi.exchange_problem_no_manifest);
	await expect(page.getByRole('button', { name: vi.exchange_import })).toHaveCount(0);
	await context.close();
});
