/**
 * Account field rules shared by forms (client hints) and services (the authority).
 * Error values are message keys; routes translate them.
 */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;
export const PHONE_PATTERN = /^\+?[0-9 ]{6,20}$/;
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

export type FieldError =
	| 'username_invalid'
	| 'username_taken'
	| 'display_name_required'
	| 'password_too_short'
	| 'password_too_long'
	| 'phone_invalid'
	| 'code_invalid'
	/** Too many wrong codes from this address (the throttle): try again later. */
	| 'codes_throttled';

export function normalizeUsername(raw: string): string {
	return raw.trim().toLowerCase();
}

export function validateUsername(username: string): FieldError | null {
	return USERNAME_PATTERN.test(username) ? null : 'username_invalid';
}

export function validatePassword(password: string): FieldError | null {
	if (password.length < MIN_PASSWORD_LENGTH) return 'password_too_short';
	if (password.length > MAX_PASSWORD_LENGTH) return 'password_too_long';
	return null;
}

/** Phone is optional: many cadres share a phone or have none. */
export function validatePhone(phone: string): FieldError | null {
	if (phone === '') return null;
	return PHONE_PATTERN.test(phone) ? null : 'phone_invalid';
}

/** Invitation codes are shown as XXXX-XXXX; people type them with any case, spaces or dashes. */
export function normalizeInvitationCode(raw: string): string {
	const compact = raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
	return compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4)}` : compact;
}
