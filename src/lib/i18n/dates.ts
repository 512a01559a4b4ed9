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
