import postgres from 'postgres';

/**
 * The PostgreSQL server the benchmarks use, when one answers: BENCH_DATABASE_URL, else
 * TEST_DATABASE_URL, else the local default. Null when none does (they then run on PGlite).
 */
export async function postgresServer(): Promise<string | null> {
	const url =
		process.env.BENCH_DATABASE_URL ??
		process.env.TEST_DATABASE_URL ??
		'postgres://postgres@127.0.0.1:5432/postgres';
	const admin = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
	try {
		await admin`select 1`;
		return url;
	} catch {
		return null;
	} finally {
		await admin.end({ timeout: 1 });
	}
}
