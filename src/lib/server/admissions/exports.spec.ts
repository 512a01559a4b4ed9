import { afterEach, describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { auditCsvRows, programCsvRows } from './exports';
import type { CandidateWithResult } from './candidates';
import type { AuditRow } from './audit-log';

const finishedAt = new Date('2027-03-02T03:00:00Z');
const admittedByOverride: CandidateWithResult = {
	id: 'c1',
	fullName: 'Bounmy',
	position: null,
	sendingOrganization: 'Huaphan',
	dateOfBirth: '1990-05-01',
	phone: null,
	invitationCode: 'ABCD-1234',
	registered: true,
	withdrawnAt: null,
	withdrawalReason: null,
	status: 'failed',
	attempts: 1,
	latest: {
		attemptId: 'a1',
		theta: -0.4321,
		standardError: 0.3,
		overallLevel: 2,
		skillLevels: { listening: 2, reading: 3 },
		passed: false,
		finishedAt,
		validUntil: new Date('2028-03-02T03:00:00Z'),
		verificationCode: 'WXYZ-5678'
	},
	decision: { decision: 'admit', override: true, reason: 'Cán bộ nguồn', decidedAt: finishedAt }
};

describe('CSV exports', () => {
	afterEach(() => overwriteGetLocale(() => 'vi'));

	it('name the columns and write the values in the reader’s language, never a code', () => {
		overwriteGetLocale(() => 'en');
		const [header, row] = programCsvRows([admittedByOverride]);
		const cell = (name: string) => row[header.indexOf(name)];
		expect(header.slice(0, 3)).toEqual(['Full name', 'Position', 'Sending organization']);
		expect(cell('Status')).toBe('Not passed');
		expect(cell('Overall')).toBe('Level 2 (A2)');
		expect(cell('Reading')).toBe('Level 3 (B1)');
		expect(cell('Writing')).toBe('');
		expect(cell('Decision')).toBe('Admit (override with a reason)');
		expect(row).not.toContain('admit_override');
		expect(row).not.toContain('failed');

		overwriteGetLocale(() => 'lo');
		const [laoHeader, laoRow] = programCsvRows([admittedByOverride]);
		expect(laoHeader).not.toContain('Status');
		expect(laoRow[laoHeader.indexOf('ການຕັດສິນ')]).toMatch(/\p{Script=Lao}/u);
	});

	it('writes the audit log with what changed, and no invitation code', () => {
		overwriteGetLocale(() => 'en');
		const entry: AuditRow = {
			id: 'e1',
			at: new Date('2027-01-02T03:04:05Z'),
			actorName: 'Admin',
			action: 'role_granted',
			subjectType: 'account',
			subject: 'Somchai (@somchai)',
			program: null,
			intake: null,
			reason: null,
			details: { account: 'somchai', role: 'instructor' },
			before: { roles: ['learner'] },
			after: { roles: ['instructor', 'learner'] }
		};
		const [header, row] = auditCsvRows([entry]);
		expect(header[0]).toBe('When (UTC)');
		expect(row).toEqual([
			'2027-01-02 03:04',
			'Admin',
			'Role given',
			'Somchai (@somchai)',
			null,
			null,
			'Roles: Learner → Instructor, Learner',
			null
		]);
	});
});
