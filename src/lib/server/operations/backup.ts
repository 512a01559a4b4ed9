import { sql } from 'drizzle-orm';
import { rowsOf, type DB, type Tx } from '$lib/server/db/client';

/**
 * A logical backup that either database restores: every row of every table of the app (stored media
 * included: their bytes are rows of `media` and `recording`), one JSON line each, tables in the order
 * their foreign keys need. PostgreSQL itself turns each row into JSON (`row_to_json`: bytea as
 * `\x…` hex, timestamps in UTC) and back (`json_populate_recordset`), so a PGlite laptop's backup
 * restores into a PostgreSQL server and the other way round. Read by `npm run db:backup` and
 * `npm run db:restore`.
 */

export const BACKUP_FORMAT = 'mittaphap-backup';
export const BACKUP_VERSION = 1;

export type BackupHeader = {
	format: typeof BACKUP_FORMAT;
	version: typeof BACKUP_VERSION;
	/** `created_at` of the latest applied migration: a backup restores into the same schema only. */
	migration: number;
	createdAt: string;
	tables: Record<string, number>;
};

/** One line after the header: a table's name and one of its rows as PostgreSQL's JSON. */
type RowLine = { table: string; row: Record<string, unknown> };

/** Tables whose rows the rows of another need first, from the catalog's foreign keys. */
async function tablesInDependencyOrder(db: DB | Tx): Promise<string[]> {
	const tables = rowsOf<{ name: string }>(
		await db.execute(
			sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`
		)
	).map((t) => t.name);
	const edges = rowsOf<{ child: string; parent: string }>(
		await db.execute(sql`
			select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
			from pg_constraint c join pg_namespace n on n.oid = c.connamespace
			where c.contype = 'f' and n.nspname = 'public'`)
	);
	const unquote = (name: string) => name.replace(/^"|"$/g, '');
	const needs = new Map(tables.map((t) => [t, new Set<string>()]));
	for (const { child, parent } of edges)
		if (unquote(child) !== unquote(parent)) needs.get(unquote(child))?.add(unquote(parent));
	const ordered: string[] = [];
	const placed = new Set<string>();
	while (ordered.length < tables.length) {
		const ready = tables.filter(
			(t) => !placed.has(t) && [...needs.get(t)!].every((p) => placed.has(p))
		);
		if (ready.length === 0) throw new Error('foreign keys form a cycle between tables');
		for (const t of ready) {
			ordered.push(t);
			placed.add(t);
		}
	}
	return ordered;
}

async function latestMigration(db: DB | Tx): Promise<number> {
	const [row] = rowsOf<{ latest: string | number | null }>(
		await db.execute(sql`select max(created_at) as latest from drizzle.__drizzle_migrations`)
	);
	return Number(row?.latest ?? 0);
}

const quoted = (table: string) => sql.raw(`"${table.replace(/"/g, '""')}"`);

/**
 * Writes the backup as lines (`write` is called once per line, header first) from one consistent
 * snapshot (a repeatable-read transaction). Returns the header.
 */
export async function backup(
	db: DB,
	write: (line: string) => void | Promise<void>
): Promise<BackupHeader> {
	return db.transaction(
		async (tx) => {
			await tx.execute(sql`set local time zone 'UTC'`);
			const tables = await tablesInDependencyOrder(tx);
			const rows = new Map<string, string[]>();
			for (const table of tables) {
				rows.set(
					table,
					rowsOf<{ line: string }>(
						await tx.execute(sql`select row_to_json(t)::text as line from ${quoted(table)} t`)
					).map((r) => r.line)
				);
			}
			const header: BackupHeader = {
				format: BACKUP_FORMAT,
				version: BACKUP_VERSION,
				migration: await latestMigration(tx),
				createdAt: new Date().toISOString(),
				tables: Object.fromEntries(tables.map((t) => [t, rows.get(t)!.length]))
			};
			await write(JSON.stringify(header));
			for (const table of tables)
				for (const row of rows.get(table)!)
					await write(`{"table":${JSON.stringify(table)},"row":${row}}`);
			return header;
		},
		{ isolationLevel: 'repeatable read', accessMode: 'read only' }
	);
}

export class BackupRefused extends Error {}

/** Rows inserted per statement: bounded so one statement's JSON stays a few MB even with media. */
const CHUNK = 200;

/**
 * Restores a backup into a database migrated by this build and holding no data yet (a new one),
 * in one transaction: all or nothing. Returns the rows restored per table.
 */
export async function restore(
	db: DB,
	lines: AsyncIterable<string>
): Promise<Record<string, number>> {
	const iterator = lines[Symbol.asyncIterator]();
	const first = await iterator.next();
	const header = (first.done ? null : JSON.parse(first.value)) as BackupHeader | null;
	if (header?.format !== BACKUP_FORMAT || header.version !== BACKUP_VERSION)
		throw new BackupRefused('not a Mittaphap backup (or of another format version)');
	return db.transaction(async (tx) => {
		if ((await latestMigration(tx)) !== header.migration)
			throw new BackupRefused(
				'the backup was made at another migration than this database: restore it with the build that made it, then upgrade'
			);
		const tables = await tablesInDependencyOrder(tx);
		for (const table of tables) {
			const [{ some }] = rowsOf<{ some: boolean }>(
				await tx.execute(sql`select exists (select 1 from ${quoted(table)}) as some`)
			);
			if (some) throw new BackupRefused(`the database already holds data (table ${table})`);
		}
		const restored: Record<string, number> = Object.fromEntries(tables.map((t) => [t, 0]));
		let table = '';
		let chunk: unknown[] = [];
		const flush = async () => {
			if (chunk.length === 0) return;
			await tx.execute(
				sql`insert into ${quoted(table)} select * from json_populate_recordset(null::${quoted(table)}, ${JSON.stringify(chunk)}::json)`
			);
			restored[table] += chunk.length;
			chunk = [];
		};
		for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
			if (next.value.trim() === '') continue;
			const line = JSON.parse(next.value) as RowLine;
			if (!(line.table in restored)) throw new BackupRefused(`unknown table ${line.table}`);
			if (line.table !== table || chunk.length >= CHUNK) {
				await flush();
				table = line.table;
			}
			chunk.push(line.row);
		}
		await flush();
		for (const [name, count] of Object.entries(header.tables))
			if (restored[name] !== count)
				throw new BackupRefused(`table ${name}: ${restored[name]} rows of ${count} in the file`);
		return restored;
	});
}
