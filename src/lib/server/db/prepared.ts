import type { DB } from './client';

/**
 * A query built once per database handle and then only executed (drizzle's `prepare`, with
 * `sql.placeholder` for what changes): the hottest reads (the session on every request, the learner
 * layout on every learner page) skipped rebuilding their SQL text, a measurable share of the server's
 * work under load (bench:load profile). Placeholders take the driver's values as they are: pass
 * instants as ISO strings.
 */
export function preparedQuery<Q>(build: (db: DB) => Q): (db: DB) => Q {
	const built = new WeakMap<DB, Q>();
	return (db) => {
		let query = built.get(db);
		if (!query) {
			query = build(db);
			built.set(db, query);
		}
		return query;
	};
}
