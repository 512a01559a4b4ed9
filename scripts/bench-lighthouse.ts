// npm run bench:lighthouse — Lighthouse (mobile profile: simulated slow 4G, 4× CPU slowdown) on the
// pages a learner (Today, the course path, a lesson), a candidate and an officer open first, signed in, against the built app started
// the way `npm start` starts it (embedded PGlite in a temporary directory, demo seeded) plus the
// rated screening program of the e2e fixture (E2E_RATING_FIXTURE: a program of the demo school with
// invitation codes), so the screening start and an officer's results have something to show.
// Prints the four category scores and the bytes transferred per page. Needs `npm run build` first.
// Options (env): BENCH_PORT (4297), BENCH_RUNS (1: the median of n runs per page is printed),
// BENCH_PAGES (comma-separated page names, e.g. "learner home,course path,lesson": only those),
// BENCH_DETAIL=1 (also the largest requests, the LCP element and the render-blocking requests of a run),
// BENCH_REPORT_DIR (a directory: the last run's full Lighthouse result of each page as JSON, one file a page).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import puppeteer, { type Browser } from 'puppeteer-core';

const PORT = Number(process.env.BENCH_PORT ?? 4297);
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const DETAIL = Boolean(process.env.BENCH_DETAIL);
const REPORT_DIR = process.env.BENCH_REPORT_DIR;
const ONLY = process.env.BENCH_PAGES?.split(',').map((name) => name.trim());
const BASE = `http://localhost:${PORT}`;
const CHROME = existsSync('node_modules/.cache/chromium-path')
	? readFileSync('node_modules/.cache/chromium-path', 'utf8').trim()
	: '/usr/bin/chromium';

if (!existsSync('build/index.js')) {
	console.error('bench:lighthouse needs a build: run `npm run build` first.');
	process.exit(1);
}

async function startServer(dataDir: string): Promise<ChildProcess> {
	const server = spawn(process.execPath, ['scripts/start.js'], {
		env: {
			...process.env,
			DATABASE_URL: '',
			PORT: String(PORT),
			ORIGIN: BASE,
			DATA_DIR: dataDir,
			E2E_RATING_FIXTURE: '1'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const deadline = Date.now() + 600_000; // start.js builds first when the build is stale
	while (Date.now() < deadline) {
		try {
			if ((await fetch(`${BASE}/api/health`)).ok) return server;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	server.kill();
	throw new Error(`the app did not answer on ${BASE} within 600 s`);
}

/** A form post as a browser without JavaScript sends it; returns the session cookie it set, if any. */
async function post(path: string, form: Record<string, string>, cookie = ''): Promise<Response> {
	return fetch(`${BASE}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			accept: 'text/html',
			origin: BASE,
			'content-type': 'application/x-www-form-urlencoded',
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams(form).toString()
	});
}

function sessionCookie(response: Response): string {
	const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
	const session = cookies.find((c) => !c.startsWith('PARAGLIDE_LOCALE'));
	if (!session) throw new Error(`no session cookie (status ${response.status})`);
	return cookies.join('; ');
}

async function logIn(username: string, password = 'mittaphap-demo'): Promise<string> {
	const response = await post('/login', { username, password });
	if (response.status !== 303) throw new Error(`logging in ${username}: ${response.status}`);
	return sessionCookie(response);
}

async function firstMatch(path: string, cookie: string, pattern: RegExp): Promise<string> {
	const html = await (await fetch(`${BASE}${path}`, { headers: { cookie } })).text();
	const found = pattern.exec(html);
	if (!found) throw new Error(`nothing matching ${pattern} on ${path}`);
	return found[0];
}

type Figures = {
	performance: number;
	accessibility: number;
	bestPractices: number;
	seo: number;
	bytes: number;
	fcp: number;
	lcp: number;
	/** Total blocking time: 30 % of the performance score (the hydration's long tasks). */
	tbt: number;
};

/**
 * One cold Lighthouse run in a fresh page holding `cookie` (set in the browser, as Lighthouse's guide
 * to signed-in pages does: an extra Cookie header does not survive its storage reset, so the reset is
 * done here, without the cookies).
 */
async function audit(
	browser: Browser,
	port: number,
	url: string,
	cookie: string
): Promise<Figures> {
	const page = await browser.newPage();
	const client = await page.createCDPSession();
	// A cold visit each time: no HTTP cache, service worker or stored data, only the session.
	await client.send('Network.clearBrowserCache');
	await client.send('Storage.clearDataForOrigin', {
		origin: BASE,
		storageTypes: 'cache_storage,indexeddb,local_storage,service_workers,file_systems,websql'
	});
	await client.send('Network.clearBrowserCookies');
	for (const pair of cookie ? cookie.split('; ') : []) {
		const at = pair.indexOf('=');
		await page.setCookie({ name: pair.slice(0, at), value: pair.slice(at + 1), url: BASE });
	}
	const result = await lighthouse(
		url,
		{ port, output: 'json', logLevel: 'error', disableStorageReset: true },
		undefined,
		page
	);
	await page.close();
	if (!result) throw new Error(`no Lighthouse result for ${url}`);
	const { categories, audits, finalDisplayedUrl } = result.lhr;
	if (REPORT_DIR) {
		mkdirSync(REPORT_DIR, { recursive: true });
		const name = new URL(url).pathname.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'root';
		writeFileSync(join(REPORT_DIR, `${name}.json`), JSON.stringify(result.lhr));
	}
	// Signed out (a lost cookie) would measure the login page instead: refuse to print that.
	if (new URL(finalDisplayedUrl).pathname !== new URL(url).pathname)
		throw new Error(`${url} ended on ${finalDisplayedUrl}`);
	const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
	if (DETAIL) printDetail(audits);
	return {
		performance: score('performance'),
		accessibility: score('accessibility'),
		bestPractices: score('best-practices'),
		seo: score('seo'),
		bytes: audits['total-byte-weight']?.numericValue ?? 0,
		fcp: audits['first-contentful-paint']?.numericValue ?? 0,
		lcp: audits['largest-contentful-paint']?.numericValue ?? 0,
		tbt: audits['total-blocking-time']?.numericValue ?? 0
	};
}

type Audits = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr']['audits'];
type Items = { url?: string; transferSize?: number; resourceType?: string; wastedMs?: number }[];

/** What a run downloaded (largest first), what blocked the first render and what the LCP element was. */
function printDetail(audits: Audits) {
	const items = (id: string) => ((audits[id]?.details as { items?: Items })?.items ?? []) as Items;
	const short = (url = '') => url.replace(BASE, '');
	for (const r of [...items('network-requests')]
		.sort((a, b) => (b.transferSize ?? 0) - (a.transferSize ?? 0))
		.slice(0, 12))
		console.log(
			`    ${((r.transferSize ?? 0) / 1024).toFixed(1).padStart(7)} kB  ${r.resourceType ?? ''}  ${short(r.url)}`
		);
	for (const r of items('render-blocking-resources'))
		console.log(`    blocking ${Math.round(r.wastedMs ?? 0)} ms  ${short(r.url)}`);
	const lcp = audits['largest-contentful-paint-element']?.details as
		{ items?: { items?: { node?: { snippet?: string } }[] }[] } | undefined;
	console.log(`    LCP element: ${lcp?.items?.[0]?.items?.[0]?.node?.snippet ?? '?'}`);
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const dataDir = mkdtempSync(join(tmpdir(), 'mittaphap-lighthouse-'));
let server: ChildProcess | undefined;
let chrome: chromeLauncher.LaunchedChrome | undefined;
try {
	server = await startServer(dataDir);
	const learner = await logIn('learner');
	const enrolled = await post('/learn/courses?/enrol', { courseId: 'vi-for-lo' }, learner);
	if (enrolled.status !== 303) throw new Error(`enrolling: ${enrolled.status}`);
	const lesson = await firstMatch('/learn/courses/vi-for-lo', learner, /\/learn\/lessons\/[\w.-]+/);

	// A candidate of the fixture's program: registered with its invitation code.
	const registered = await post('/register', {
		invitationCode: 'RATE-E2E1',
		displayName: 'ບຸນມີ ພົມມະວົງ',
		username: `bench.${Date.now().toString(36)}`,
		password: 'bench-lighthouse-2026'
	});
	if (registered.status !== 303) throw new Error(`registering the candidate: ${registered.status}`);
	const candidate = sessionCookie(registered);
	const officer = await logIn('officer');

	const pages: { name: string; path: string; cookie: string }[] = [
		{ name: 'login', path: '/login', cookie: '' },
		{ name: 'learner home', path: '/learn', cookie: learner },
		{ name: 'course path', path: '/learn/courses/vi-for-lo', cookie: learner },
		{ name: 'lesson', path: lesson, cookie: learner },
		{ name: 'screening start', path: '/learn/screening/e2e-rated-candidate-1', cookie: candidate },
		{ name: 'officer results', path: '/admissions/programs/e2e-rated-program', cookie: officer }
	];

	chrome = await chromeLauncher.launch({
		chromePath: CHROME,
		chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run']
	});
	const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
	console.log(
		`Lighthouse ${RUNS > 1 ? `(median of ${RUNS} runs) ` : ''}mobile profile, built app on PGlite\n`
	);
	console.log(
		'page              perf  a11y  best  seo   FCP ms  LCP ms  TBT ms  transferred'.padEnd(78) +
			'\n' +
			'-'.repeat(78)
	);
	for (const page of pages.filter((p) => !ONLY || ONLY.includes(p.name))) {
		const runs: Figures[] = [];
		for (let i = 0; i < RUNS; i++)
			runs.push(await audit(browser, chrome.port, BASE + page.path, page.cookie));
		const m = (key: keyof Figures) => median(runs.map((r) => r[key]));
		console.log(
			`${page.name.padEnd(17)} ${String(m('performance')).padStart(4)}  ${String(m('accessibility')).padStart(4)}  ` +
				`${String(m('bestPractices')).padStart(4)}  ${String(m('seo')).padStart(3)}  ${String(Math.round(m('fcp'))).padStart(7)} ` +
				`${String(Math.round(m('lcp'))).padStart(7)} ${String(Math.round(m('tbt'))).padStart(7)}  ${(m('bytes') / 1024).toFixed(1).padStart(8)} kB` +
				// Each run's score too: "reliably" is about the spread, not only the median.
				(RUNS > 1 ? `  (runs: ${runs.map((r) => r.performance).join(' ')})` : '')
		);
	}
	console.log('\nGoals (issue 14/15): performance ≥ 95 on learner pages, accessibility 100.');
} finally {
	await chrome?.kill();
	server?.kill('SIGTERM');
	rmSync(dataDir, { recursive: true, force: true });
}
