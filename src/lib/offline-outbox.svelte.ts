import { applyAction, deserialize } from '$app/forms';
import { invalidateAll } from '$app/navigation';

/**
 * What a participant sends from their phone goes through this small outbox: kept in
 * localStorage until the server has answered, retried when the connection is back, each with
 * the client id the form carried, so the server applies it once however often it arrives.
 */
interface Item {
	action: string;
	fields: [string, string][];
	/** The form it came from (data-outbox), to put text back if the server refuses it. */
	form?: string;
}

const KEY = 'olievlek-outbox';
export const outbox = $state({ status: null as null | 'sending' | 'waiting' | 'sent', pending: 0 });

function load(): Item[] {
	try {
		return JSON.parse(localStorage.getItem(KEY) ?? '[]') as Item[];
	} catch {
		return [];
	}
}
function save(items: Item[]) {
	try {
		localStorage.setItem(KEY, JSON.stringify(items));
	} catch {
		/* storage full or blocked: the item is still sent from memory */
	}
	outbox.pending = items.length;
}

/**
 * A page that applies the person's own facts from an answer (their dots after a tap) says so
 * here; such an answer then needs no page load. Other answers load the page again.
 */
let factsHandler: ((facts: unknown) => boolean) | null = null;
export function useFacts(handler: (facts: unknown) => boolean) {
	factsHandler = handler;
	return () => {
		if (factsHandler === handler) factsHandler = null;
	};
}

let flushing = false;
let retry: ReturnType<typeof setTimeout> | null = null;

export async function flush() {
	if (flushing) return;
	flushing = true;
	if (retry) clearTimeout(retry);
	retry = null;
	try {
		let items = load();
		while (items.length) {
			const item = items[0]!;
			outbox.status = 'sending';
			let response: Response;
			try {
				response = await fetch(item.action, {
					method: 'POST',
					body: item.fields
						.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
						.join('&'),
					headers: {
						accept: 'application/json',
						'content-type': 'application/x-www-form-urlencoded',
						'x-sveltekit-action': 'true'
					}
				});
			} catch {
				// No connection: keep it, say so, try again soon and when the browser is back online.
				outbox.status = 'waiting';
				retry = setTimeout(flush, 3000);
				return;
			}
			if (response.status >= 500 || response.status === 429) {
				// The server is restarting or asks us to slow down: keep the item and back off.
				const wait = Number(response.headers.get('retry-after')) || 3;
				outbox.status = 'waiting';
				retry = setTimeout(flush, Math.min(60, wait) * 1000);
				return;
			}
			let result: ReturnType<typeof deserialize>;
			try {
				result = deserialize(await response.text());
			} catch {
				// Not our answer (a Wi-Fi login page, a proxy error page): keep it, try again.
				outbox.status = 'waiting';
				retry = setTimeout(flush, 5000);
				return;
			}
			if (result.type === 'failure' && result.status === 429) {
				outbox.status = 'waiting';
				retry = setTimeout(flush, 5000);
				return;
			}
			items = items.slice(1);
			save(items);
			if (result.type === 'failure') giveBack(item);
			if (result.type === 'success') {
				const facts = (result.data as { facts?: unknown } | undefined)?.facts;
				if (!facts || !factsHandler?.(facts)) await invalidateAll();
			}
			await applyAction(result);
			outbox.status = result.type === 'success' ? 'sent' : null;
			items = load();
		}
	} finally {
		flushing = false;
	}
}

/** A refused text (the round closed meanwhile, too long…) goes back into its empty field. */
function giveBack(item: Item) {
	const text = item.fields.find(([k]) => k === 'text')?.[1];
	const form = item.form && document.querySelector(`form[data-outbox="${item.form}"]`);
	const field = form && form.querySelector('textarea');
	if (text && field && field.value.trim() === '') field.value = text;
}

/**
 * Form attachment: sends through the outbox instead of a page load, while JavaScript runs.
 * Until the server has acknowledged a send, the form keeps its client id, so a double tap on
 * "add a dot" is applied once; the acknowledged page brings a fresh id. A form with text gets a
 * fresh id and an empty field at once, since the next text is a new idea (offline too); a second
 * tap on it right after, with the field now empty, is ignored. A form marked `data-outbox-keep`
 * edits something that stands (a check-in report): its text stays, and each send is a change
 * of its own (a fresh id), so a second send with other values is not taken for a retry.
 */
export function viaOutbox(form: HTMLFormElement) {
	let last = 0;
	form.dataset.outbox ??= crypto.randomUUID();
	const submit = (event: SubmitEvent) => {
		event.preventDefault();
		const texts = [...form.querySelectorAll('textarea')];
		const now = Date.now();
		const keep = form.dataset.outboxKeep !== undefined;
		if (!keep && texts.length && texts.every((t) => t.value.trim() === '') && now - last < 1500)
			return;
		last = now;
		const data = new FormData(form, event.submitter);
		const fields = [...data.entries()].filter(
			(e): e is [string, string] => typeof e[1] === 'string'
		);
		// A form may name a leaner endpoint for its script (the dots); it answers as the form would.
		const action = form.dataset.outboxEndpoint ?? form.action;
		save([...load(), { action, fields, form: form.dataset.outbox }]);
		if (texts.length) {
			const id = form.querySelector<HTMLInputElement>('input[name="clientId"]');
			if (id) id.value = crypto.randomUUID();
			if (!keep) for (const t of texts) t.value = '';
		}
		void flush();
	};
	form.addEventListener('submit', submit);
	return () => form.removeEventListener('submit', submit);
}

if (typeof window !== 'undefined') {
	window.addEventListener('online', () => void flush());
}
