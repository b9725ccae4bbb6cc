import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Seals a small value into a URL-safe string with AES-256-GCM under a key derived from the
 * server's secret, for what a link must carry but the database must not hold (the address a
 * claim link was mailed to). Opening fails (null) on any change to the string or another key.
 */
function key(secret: string, purpose: string) {
	return Buffer.from(hkdfSync('sha256', secret, 'olievlek', purpose, 32));
}

export function seal(secret: string, purpose: string, value: unknown): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key(secret, purpose), iv);
	const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
	return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

export function unseal(secret: string, purpose: string, sealed: string): unknown {
	try {
		const raw = Buffer.from(sealed, 'base64url');
		if (raw.length < 12 + 16 + 2 || raw.length > 4096) return null;
		const decipher = createDecipheriv('aes-256-gcm', key(secret, purpose), raw.subarray(0, 12));
		decipher.setAuthTag(raw.subarray(raw.length - 16));
		const text = Buffer.concat([
			decipher.update(raw.subarray(12, raw.length - 16)),
			decipher.final()
		]).toString('utf8');
		return JSON.parse(text);
	} catch {
		return null;
	}
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
