import { spawn, type ChildProcess } from 'node:child_process';
import { request, type APIRequestContext, type APIResponse } from '@playwright/test';
import { unflatten } from 'devalue';

/**
 * A built app server (`node build`) of its own, for the fault tests: started, killed (SIGKILL: no
 * chance to finish anything) and started again on the same port and database, as a crash and a
 * supervisor's restart would.
 */
export class AppServer {
	private child: ChildProcess | undefined;
	output = '';

	constructor(
		readonly port: number,
		private readonly env: Record<string, string>,
		/**
		 * Another build directory (a next app version), node flags (e.g. `--import` a clock), and how long
		 * the first start may take (a new database is seeded first: slow on a busy 2-core machine).
		 */
		private readonly options: { build?: string; nodeArgs?: string[]; startMs?: number } = {}
	) {}

	get origin() {
		return `http://localhost:${this.port}`;
	}

	async start(): Promise<void> {
		const { DATABASE_URL: _url, PGLITE_DIR: _dir, ...inherited } = process.env;
		const { build = 'build', nodeArgs = [] } = this.options;
		this.child = spawn(process.execPath, [...nodeArgs, build], {
			env: {
				...inherited,
				PORT: String(this.port),
				ORIGIN: this.origin,
				BODY_SIZE_LIMIT: '4M',
				E2E_RATING_FIXTURE: '1',
				...this.env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		this.child.stdout!.on('data', (chunk) => (this.output += chunk));
		this.child.stderr!.on('data', (chunk) => (this.output += chunk));
		const startMs = this.options.startMs ?? 120_000;
		const deadline = Date.now() + startMs;
		while (Date.now() < deadline) {
			if (this.child.exitCode !== null) throw new Error(`the server exited:\n${this.output}`);
			try {
				if ((await fetch(`${this.origin}/api/health`)).ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 300));
		}
		throw new Error(`no answer on ${this.origin} within ${startMs / 1000} s:\n${this.output}`);
	}

	async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill(signal);
		await exited;
	}
}

/** A browser-less client of one server: cookies kept, form posts with the site's Origin, as a form sends them. */
export class Client {
	private constructor(
		readonly http: APIRequestContext,
		private readonly origin: string
	) {}

	static async of(server: AppServer) {
		return new Client(await request.newContext({ baseURL: server.origin }), server.origin);
	}

	post(path: string, form: Record<string, string>): Promise<APIResponse> {
		return this.http.post(path, {
			form,
			headers: { origin: this.origin, accept: 'text/html' },
			maxRedirects: 0
		});
	}

	postJson(path: string, data: unknown): Promise<APIResponse> {
		return this.http.post(path, { data, headers: { origin: this.origin } });
	}

	async page(path: string): Promise<string> {
		const response = await this.http.get(path);
		if (!response.ok()) throw new Error(`GET ${path}: ${response.status()}`);
		return response.text();
	}

	/** The signed-in account's id, as the root layout gives it to the page (the outbox is per account). */
	async accountId(): Promise<string> {
		const response = await this.http.get('/learn/__data.json');
		const body = (await response.json()) as { nodes: ({ type: string; data: unknown[] } | null)[] };
		const root = body.nodes[0];
		const data = root?.type === 'data' ? (unflatten(root.data) as { user?: { id: string } }) : null;
		if (!data?.user) throw new Error('not signed in');
		return data.user.id;
	}
}
