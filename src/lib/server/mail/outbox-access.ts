import { clientAddress } from '../auth/auth-errors.ts';

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (::ffff:127.0.0.1). */
export function isLoopback(address: string): boolean {
	const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
	return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * The development outbox holds every mail the app sent, reset and sign-in links included: it
 * answers only on the machine itself, unless an operator set DEV_OUTBOX_PUBLIC=1 (a demo on a
 * shared network). With SMTP configured there is no outbox at all.
 */
export function isOutboxOpen(
	opts: { usesOutbox: boolean; isPublic: boolean },
	getClientAddress: () => string
): boolean {
	if (!opts.usesOutbox) return false;
	return opts.isPublic || isLoopback(clientAddress(getClientAddress));
}
