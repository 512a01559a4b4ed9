import { describe, expect, it } from 'vitest';
import {
	normalizeInvitationCode,
	normalizeUsername,
	validatePassword,
	validatePhone,
	validateUsername
} from './validation';

describe('account validation', () => {
	it.each([
		['somphone', null],
		['nguyen.van.an', null],
		['ab', 'username_invalid'],
		['has space', 'username_invalid'],
		['-dash', 'username_invalid'],
		['a'.repeat(33), 'username_invalid']
	])('username %s → %s', (name, expected) => {
		expect(validateUsername(normalizeUsername(name))).toBe(expected);
	});

	it('lower-cases and trims usernames', () => {
		expect(normalizeUsername('  Somphone ')).toBe('somphone');
	});

	it('requires passwords of at least 8 characters', () => {
		expect(validatePassword('1234567')).toBe('password_too_short');
		expect(validatePassword('12345678')).toBeNull();
	});

	it('accepts an empty or well-formed phone only', () => {
		expect(validatePhone('')).toBeNull();
		expect(validatePhone('+856 20 5555 1234')).toBeNull();
		expect(validatePhone('call me')).toBe('phone_invalid');
	});

	it('reads invitation codes typed loosely', () => {
		expect(normalizeInvitationCode(' abcd efgh ')).toBe('ABCD-EFGH');
		expect(normalizeInvitationCode('abcd-efgh')).toBe('ABCD-EFGH');
	});
});
