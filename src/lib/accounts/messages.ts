import { m } from '$lib/paraglide/messages';

/**
 * Translates the error codes that services return. Codes travel from server to page and are
 * translated when rendered, so the message follows the interface language.
 */
const MESSAGES: Record<string, (params: { minutes: number }) => string> = {
	username_invalid: m.error_username_invalid,
	username_taken: m.error_username_taken,
	display_name_required: m.error_display_name_required,
	password_too_short: m.error_password_too_short,
	password_too_long: m.error_password_too_long,
	phone_invalid: m.error_phone_invalid,
	code_invalid: m.error_code_invalid,
	codes_throttled: m.error_codes_throttled,
	invalid_credentials: m.error_invalid_credentials,
	user_not_found: m.error_user_not_found,
	user_not_here: m.error_user_not_here,
	role_invalid: m.error_role_invalid,
	name_required: m.error_name_required,
	name_taken: m.error_name_taken,
	country_invalid: m.error_country_invalid,
	max_uses_invalid: m.error_max_uses_invalid,
	valid_days_invalid: m.error_valid_days_invalid
};

/** `minutes`: how long a throttled person waits (`codes_throttled`). */
export function errorMessage(
	code: string | null | undefined,
	params: { minutes: number } = { minutes: 15 }
): string | null {
	if (!code) return null;
	if (MESSAGES[code]) return MESSAGES[code](params);
	// A message the form's schema ($lib/validation) already translated, else a code nobody sends.
	return /^[a-z_]+$/.test(code) ? m.error_unexpected() : code;
}
