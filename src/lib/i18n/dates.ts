/**
 * Dates in the interface language. Chromium ships no Lao locale data (stack notes), so Lao dates are
 * built from our own month names; Vietnamese and English use Intl.
 */
const LAO_MONTHS = [
	'ມັງກອນ',
	'ກຸມພາ',
	'ມີນາ',
	'ເມສາ',
	'ພຶດສະພາ',
	'ມິຖຸນາ',
	'ກໍລະກົດ',
	'ສິງຫາ',
	'ກັນຍາ',
	'ຕຸລາ',
	'ພະຈິກ',
	'ທັນວາ'
];

export function formatDate(date: Date, locale: string): string {
	if (locale === 'lo') {
		return `${date.getUTCDate()} ${LAO_MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
	}
	return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(date);
}

/** Indochina Time (UTC+7, no daylight saving): the time of both Vietnam and Laos. */
const ICT_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Date and time of day in Indochina Time, e.g. "6 tháng 12, 2026 16:05". */
export function formatDateTime(date: Date, locale: string): string {
	const local = new Date(new Date(date).getTime() + ICT_OFFSET_MS);
	const time = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
	return `${formatDate(local, locale)} ${time}`;
}
