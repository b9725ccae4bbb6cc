import { expect, request, type APIRequestContext } from '@playwright/test';

/**
 * A room of phones without a browser each: a phone joins with the code and a name (the join
 * form's POST; its cookie stays in the context) and then posts what the phone's script posts.
 */
export async function httpPhone(baseURL: string, code: string, name: string) {
	const r = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
	const res = await r.post('/join', { form: { code, displayName: name } });
	expect(res.ok()).toBe(true);
	return r;
}

/** Posts a form action the way an enhanced form does, and expects it to succeed. */
export async function formAction(
	r: APIRequestContext,
	baseURL: string,
	url: string,
	form: Record<string, string> | URLSearchParams
) {
	const res = await r.post(url, {
		data: new URLSearchParams(form).toString(),
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true',
			origin: baseURL
		}
	});
	const body = await res.json();
	expect(body.type, `${url} ${String(new URLSearchParams(form))}: ${JSON.stringify(body)}`).toBe(
		'success'
	);
	return body;
}
