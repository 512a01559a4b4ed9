import { describe, expect, it } from 'vitest';
import { migrationReadiness } from './readiness';

const journal = {
	entries: [
		{ tag: '0000_first', when: 1000 },
		{ tag: '0001_second', when: 2000 }
	]
};

describe('migrationReadiness', () => {
	it('is ready when the latest applied migration is the journal’s last', () => {
		expect(migrationReadiness(journal, 2000)).toEqual({ ready: true });
	});

	it('names the pending migration when the database is behind this build', () => {
		expect(migrationReadiness(journal, 1000)).toEqual({
			ready: false,
			reason: 'migrations pending: up to 0001_second not applied'
		});
	});

	it('refuses a database migrated by a later build, and one never migrated', () => {
		expect(migrationReadiness(journal, 3000)).toMatchObject({ ready: false });
		expect(migrationReadiness(journal, null)).toEqual({
			ready: false,
			reason: 'no migration applied'
		});
	});
});
