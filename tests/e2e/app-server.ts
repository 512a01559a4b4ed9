import { spawn, type ChildProcess } from 'node:child_process';
import { request, type APIRequestContext, type APIResponse } from '@playwright/test';
import { unflatten } from 'devalue';
import postgres from 'postgres';

/**
 * Built app servers (`node build`) of a test's own, beside the suite's server: the fault tests
 * (killed with SIGKILL and started again on the same port and database, as a crash and a
 * supervisor's restart would; PostgreSQL stopped under them) and the several-servers test (two
 * started at the same moment on one database, one told to stop mid-request). One harness for all.
 */

/** A port of a test's own, next to the suite's (E2E_PORT lets checkouts run side by side). */
/**
 * The PostgreSQL server to test against: TEST_DATABASE_URL (an error when it is set and does not
 * answer — CI must not skip silently), else the local default when it answers, else null.
 */
export async function postgresServer(): Promise<string | null> {
	const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	const admin = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
	try {
		await admin`select 1`;
		return url;
	} catch (error) {
		if (process.env.TEST_DATABASE_URL)
			throw new Error('TEST_DATABASE_URL is set but PostgreSQL does not answer', { cause: error });
		return null;
	} finally {
		await admin.end({ timeout: 1 });
	}
}

export function testPort(offset: number): number {
	return Number(process.env.E2E_PORT ?? 4173) + offset;
}

export class AppServer {
	private child: ChildProcess | undefined;
	private exit: Promise<number | null> = Promise.resolve(null);
	/** Everything the current and earlier processes printed (start-up lines, logs). */
	output = '';
	/** The public address the server is told it has (ORIGIN): form posts must come from it. */
	readonly origin: string;

	/**
	 * `env` adds to (or overrides) the defaults; DATABASE_URL and PGLITE_DIR of the test process are
	 * never inherited, so a server uses only the database it is given. `origin`: the site's public
	 * address when several servers are one site behind a proxy (default: this server's own).
	 */
	constructor(
		readonly port: number,
		private readonly env: Record<string, string>,
		private readonly options: {
			origin?: string;
			/** Another build directory: a next app version (the update-prompt test). */
			build?: string;
			/** Node flags, e.g. `--import` a clock set days ahead (the offline-days test). */
			nodeArgs?: string[];
			/** How long the first start may take (a new database is seeded first: slow on 2 busy cores). */
			startMs?: number;
		} = {}
	) {
		this.origin = options.origin ?? this.url;
	}

	/** Where this server itself answers. */
	get url() {
		return `http://localhost:${this.port}`;
	}

	/** Starts the process without waiting for it (servers started at the same moment). */
	launch(): void {
		const { DATABASE_URL: _url, PGLITE_DIR: _dir, ...inherited } = process.env;
		const { build = 'build', nodeArgs = [] } = this.options;
		const child = spawn(process.execPath, [...nodeArgs, build], {
			env: {
				...inherited,
				PORT: String(this.port),
				ORIGIN: this.origin,
				BODY_SIZE_LIMIT: '4M',
				...this.env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child.stdout!.on('data', (chunk) => (this.output += chunk));
		child.stderr!.on('data', (chunk) => (this.output += chunk));
		this.exit = new Promise((resolve) => child.once('exit', resolve));
		this.child = child;
	}

	/** Until `/readyz` answers 200: listening, database reachable, every migration applied. */
	async ready(timeoutMs = this.options.startMs ?? 120_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (!this.running) throw new Error(`the server on ${this.port} exited:\n${this.output}`);
			try {
				if ((await fetch(`${this.url}/readyz`)).ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 300));
		}
		throw new Error(`no answer on ${this.url} within ${timeoutMs / 1000} s:\n${this.output}`);
	}

	async start(): Promise<void> {
		this.launch();
		await this.ready();
	}

	get running(): boolean {
		return Boolean(this.child && this.child.exitCode === null && this.child.signalCode === null);
	}

	/** The current process's exit code (null when a signal ended it). */
	get exited(): Promise<number | null> {
		return this.exit;
	}

	/** Sends a signal without waiting (SIGTERM while a request is in flight, say). */
	signal(signal: NodeJS.Signals): void {
		if (this.running) this.child!.kill(signal);
	}

	/** Stops the process (SIGKILL: no chance to finish anything) and waits until it is gone. */
	async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
		this.signal(signal);
		return this.exited;
	}
}

/**
 * A browser-less visitor: one cookie jar (cookies know no port, so it is the same person on every
 * server of one site), requests to `server` unless another is named with `via`, form posts with the
 * site's Origin and `accept: text/html` as a browser's form sends them, redirects not followed.
 */
export class Client {
	private constructor(
		private readonly http: APIRequestContext,
		private readonly server: AppServer
	) {}

	static async of(server: AppServer): Promise<Client> {
		return new Client(await request.newContext(), server);
	}

	/** The same person (same cookies) sending to another server of the site. */
	via(server: AppServer): Client {
		return new Client(this.http, server);
	}

	get(path: string, headers: Record<string, string> = {}): Promise<APIResponse> {
		return this.http.get(this.server.url + path, { headers, maxRedirects: 0 });
	}

	post(path: string, form: Record<string, string>): Promise<APIResponse> {
		return this.http.post(this.server.url + path, {
			form,
			headers: { origin: this.server.origin, accept: 'text/html' },
			maxRedirects: 0
		});
	}

	postJson(path: string, data: unknown): Promise<APIResponse> {
		return this.http.post(this.server.url + path, {
			data,
			headers: { origin: this.server.origin },
			maxRedirects: 0
		});
	}

	/** The Cookie header this visitor sends, for a request made by hand (node:http). */
	async cookieHeader(): Promise<string> {
		const { cookies } = await this.http.storageState();
		return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
	}

	/** The signed-in account's id, as the root layout gives it to the page (the outbox is per account). */
	async accountId(): Promise<string> {
		const response = await this.get('/learn/__data.json');
		const body = (await response.json()) as { nodes: ({ type: string; data: unknown[] } | null)[] };
		const root = body.nodes[0];
		const data = root?.type === 'data' ? (unflatten(root.data) as { user?: { id: string } }) : null;
		if (!data?.user) throw new Error('not signed in');
		return data.user.id;
	}

	dispose(): Promise<void> {
		return this.http.dispose();
	}
}
