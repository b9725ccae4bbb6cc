/** The time zones offered for reminders (the server accepts any other zone Intl knows too). */
export const TIME_ZONES = [
	'Europe/Amsterdam',
	'Europe/Brussels',
	'Europe/Paris',
	'Europe/London',
	'Europe/Berlin',
	'Europe/Istanbul',
	'Africa/Casablanca',
	'Africa/Kinshasa',
	'Asia/Damascus',
	'Asia/Kabul',
	'America/Paramaribo',
	'America/Curacao'
] as const;
