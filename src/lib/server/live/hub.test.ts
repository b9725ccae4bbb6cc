import { describe, expect, it } from 'vitest';
import type { LiveMessage } from '#lib/live-patch.ts';
import { emit } from '../events.ts';
import {
	eventStream,
	liveVersion,
	publish,
	usePatches,
	streamsFrom,
	streamsOf,
	subscribe,
	type LiveEvent
} from './hub.ts';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits for a condition, then for the hub's gap: on a busy machine timers fire late, together. */
async function settled(done: () => boolean) {
	while (!done()) await wait(2);
	await wait(10);
}

describe('live hub', () => {
	it('sends a change at once, gathers a burst into one event, each on top of the one before, and replays after Last-Event-ID', async () => {
		const room = crypto.randomUUID();
		const seen: LiveEvent[] = [];
		const before = await liveVersion(room);
		const stop = subscribe(room, null, (e) => seen.push(e));
		// The first goes out at once; the two right after it, together.
		publish(room, 'dots');
		publish(room, 'dots');
		publish(room, 'postits');
		await settled(() => seen.length === 2);
		publish(room, 'step');
		await settled(() => seen.length === 3);
		stop();
		const [first] = seen.map((e) => e.id);
		expect(seen.map(({ id, prev, topics }) => ({ id, prev, topics }))).toEqual([
			{ id: first, prev: before, topics: ['dots'] },
			{ id: first! + 1, prev: first, topics: ['dots', 'postits'] },
			{ id: first! + 2, prev: first! + 1, topics: ['step'] }
		]);
		expect(await liveVersion(room)).toBe(first! + 2);
		// A client that saw the first event gets the other two on reconnecting, as they were sent.
		const replay: LiveEvent[] = [];
		subscribe(room, first!, (e) => replay.push(e))();
		expect(replay.map((e) => e.id)).toEqual([first! + 1, first! + 2]);
		// One that holds the latest version gets nothing; one with the version of a page loaded
		// before the first event gets all three.
		const none: LiveEvent[] = [];
		subscribe(room, first! + 2, (e) => none.push(e))();
		expect(none).toEqual([]);
		const all: LiveEvent[] = [];
		subscribe(room, before, (e) => all.push(e))();
		expect(all.map((e) => e.id)).toEqual([first, first! + 1, first! + 2]);
	});

	it('after a restart, an id from before is unknown: one snapshot, then live events flow', async () => {
		const room = crypto.randomUUID();
		// Ids start from the clock, so an id a browser kept from before a restart is smaller
		// than anything this process hands out, and is answered with "load once".
		const got: LiveEvent[] = [];
		const stop = subscribe(room, 300, (e) => got.push(e));
		expect(got.map((e) => e.snapshot)).toEqual([true]);
		publish(room, 'dots');
		await settled(() => got.length === 2);
		stop();
		expect(got[1]!.topics).toEqual(['dots']);
		expect(got[1]!.prev).toBe(got[0]!.id);
		expect(got[1]!.id).toBeGreaterThan(Date.now());
	});

	it('refuses a connection beyond the cap per session with a readable 503', async () => {
		const room = crypto.randomUUID();
		const first = new AbortController();
		const ok = eventStream(room, null, first.signal, {
			audience: 'phone',
			maxPerSession: 1,
			fullMessage: 'Vol'
		});
		expect(ok.status).toBe(200);
		const reader = ok.body!.getReader();
		expect(new TextDecoder().decode((await reader.read()).value)).toContain('retry:');
		const full = eventStream(room, null, new AbortController().signal, {
			audience: 'phone',
			maxPerSession: 1,
			fullMessage: 'Vol'
		});
		expect(full.status).toBe(503);
		expect(await full.text()).toBe('Vol');
		// Once the first one leaves there is room again.
		first.abort();
		const again = eventStream(room, null, new AbortController().signal, {
			audience: 'phone',
			maxPerSession: 1,
			fullMessage: 'Vol'
		});
		expect(again.status).toBe(200);
		await again.body!.cancel();
	});

	it('lets one phone hold a few streams: a new one ends its oldest, which is told so', async () => {
		const room = crypto.randomUUID();
		const owner = { key: `participant:${crypto.randomUUID()}`, max: 2 };
		const read = async (r: Response) => {
			const reader = r.body!.getReader();
			let text = '';
			for (;;) {
				const { value, done } = await reader.read();
				if (done) return text;
				text += new TextDecoder().decode(value);
			}
		};
		const open = () =>
			eventStream(room, null, new AbortController().signal, {
				audience: 'phone',
				maxPerSession: 2,
				fullMessage: 'Vol',
				owner
			});
		const first = open();
		const second = open();
		expect(streamsOf(owner.key)).toBe(2);
		// A third tab of the same phone: the room is at its cap, but the phone's own oldest stream
		// makes way, so it is never locked out by itself.
		const third = open();
		expect(third.status).toBe(200);
		const firstText = await read(first);
		expect(firstText).toContain('event: replaced');
		expect(streamsOf(owner.key)).toBe(2);
		// Another phone still finds the room full (two streams in it).
		const stranger = eventStream(room, null, new AbortController().signal, {
			audience: 'phone',
			maxPerSession: 2,
			fullMessage: 'Vol',
			owner: { key: 'participant:other', max: 2 }
		});
		expect(stranger.status).toBe(503);
		await second.body!.cancel();
		await third.body!.cancel();
		expect(streamsOf(owner.key)).toBe(0);
	});

	it('bounds the streams one address holds in all sessions with a readable 429', async () => {
		const address = {
			key: `10.0.0.${Math.floor(Math.random() * 250)}`,
			max: 2,
			message: 'Te veel'
		};
		const a = new AbortController();
		const one = eventStream(crypto.randomUUID(), null, a.signal, {
			audience: 'phone',
			fullMessage: '',
			address
		});
		const two = eventStream(crypto.randomUUID(), null, new AbortController().signal, {
			audience: 'phone',
			fullMessage: '',
			address
		});
		expect([one.status, two.status]).toEqual([200, 200]);
		const three = eventStream(crypto.randomUUID(), null, new AbortController().signal, {
			audience: 'phone',
			fullMessage: '',
			address
		});
		expect(three.status).toBe(429);
		expect(await three.text()).toBe('Te veel');
		a.abort();
		expect(streamsFrom(address.key)).toBe(1);
		const again = eventStream(crypto.randomUUID(), null, new AbortController().signal, {
			audience: 'phone',
			fullMessage: '',
			address
		});
		expect(again.status).toBe(200);
		await two.body!.cancel();
		await again.body!.cancel();
		expect(streamsFrom(address.key)).toBe(0);
	});

	it("tells a session's screens what the use cases' events changed, under the topics they reload", async () => {
		const room = crypto.randomUUID();
		const other = crypto.randomUUID();
		const seen: LiveEvent[] = [];
		const elsewhere: LiveEvent[] = [];
		const stop = subscribe(room, null, (e) => seen.push(e));
		const stopOther = subscribe(other, null, (e) => elsewhere.push(e));
		const ids = { stepId: 's', postitId: 'p', dotId: 'd', participantId: 'x' };
		emit('DotSpent', { sessionId: room, ...ids });
		await wait(20);
		emit('PostitAdded', { sessionId: room, stepId: 's', postitId: 'p' });
		emit('ParticipantJoined', { sessionId: room, participantId: 'x' });
		emit('SessionEnded', { sessionId: room });
		await settled(() => seen.length === 3);
		stop();
		stopOther();
		expect(seen.map((e) => e.topics)).toEqual([['dots'], ['postits'], ['participants', 'ended']]);
		expect(elsewhere).toEqual([]);
	});

	it("sends each audience its own patch, encoded once, the phones' tally slimmed to what changed", async () => {
		const room = crypto.randomUUID();
		let dots = 0;
		usePatches(async (_session, topics) => ({
			phone: { totals: { stepId: 'v', counts: { a: dots, b: 1 } } },
			screen: { results: { stepId: 'v', results: { kind: 'none' } }, reload: true as const, topics }
		}));
		try {
			const phone = eventStream(room, null, new AbortController().signal, {
				audience: 'phone',
				fullMessage: ''
			});
			const screen = eventStream(room, null, new AbortController().signal, {
				audience: 'screen',
				fullMessage: ''
			});
			const read = async (r: Response, n: number) => {
				const reader = r.body!.getReader();
				const messages: LiveMessage[] = [];
				let text = '';
				while (messages.length < n) {
					text += new TextDecoder().decode((await reader.read()).value);
					const found = [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!));
					messages.splice(0, messages.length, ...found);
				}
				await reader.cancel();
				return messages;
			};
			const phoneMessages = read(phone, 2);
			const screenMessages = read(screen, 2);
			dots = 1;
			publish(room, 'dots');
			await wait(20);
			dots = 2;
			publish(room, 'dots');
			const [p1, p2] = await phoneMessages;
			const [s1] = await screenMessages;
			expect(p1!.patch).toEqual({ totals: { stepId: 'v', counts: { a: 1, b: 1 } } });
			expect(p2!.patch).toEqual({ totals: { stepId: 'v', counts: { a: 2 }, partial: true } });
			expect(p2!.prev).toBe(p1!.v);
			// The phones never see what is for the screens.
			expect(JSON.stringify([p1, p2])).not.toContain('results');
			expect(s1!.patch).toMatchObject({ reload: true, topics: ['dots'] });
		} finally {
			usePatches(null);
		}
	});
	it("sends a step's screen when it changed: the same screen again goes without it", async () => {
		const room = crypto.randomUUID();
		usePatches(async () => ({
			phone: { step: { id: 's2', state: 'open' }, view: { step: { id: 's2' }, vote: null } },
			screen: { reload: true as const }
		}));
		try {
			const phone = eventStream(room, null, new AbortController().signal, {
				audience: 'phone',
				fullMessage: ''
			});
			const reader = phone.body!.getReader();
			const messages: LiveMessage[] = [];
			let text = '';
			publish(room, 'step');
			await wait(20);
			publish(room, 'step');
			while (messages.length < 2) {
				text += new TextDecoder().decode((await reader.read()).value);
				const found = [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!));
				messages.splice(0, messages.length, ...found);
			}
			await reader.cancel();
			expect(messages[0]!.patch).toEqual({
				step: { id: 's2', state: 'open' },
				view: { step: { id: 's2' }, vote: null }
			});
			expect(messages[1]!.patch).toEqual({ step: { id: 's2', state: 'open' } });
		} finally {
			usePatches(null);
		}
	});
	it("sends each group's lines to its own members only, never who is in which", async () => {
		const room = crypto.randomUUID();
		const lines = (groupId: string, text: string) => ({
			stepId: 'b',
			groupId,
			questions: [{ index: 0, answers: [{ id: text, text }] }]
		});
		usePatches(async () => ({
			phone: { timerEndsAt: null },
			screen: { reload: true as const },
			groups: {
				of: { ada: 'g1', bo: 'g2' },
				lines: { g1: lines('g1', 'een'), g2: lines('g2', 'twee') }
			}
		}));
		const first = async (participant?: string) => {
			const r = eventStream(room, null, new AbortController().signal, {
				audience: 'phone',
				participant,
				fullMessage: ''
			});
			const reader = r.body!.getReader();
			let text = '';
			while (!/^data: /m.test(text)) text += new TextDecoder().decode((await reader.read()).value);
			await reader.cancel();
			return text;
		};
		try {
			const messages = Promise.all([first('ada'), first('bo'), first('cem'), first()]);
			await wait(10);
			publish(room, 'answers');
			const [ada, bo, cem, nobody] = await messages;
			expect(ada).toContain('"een"');
			expect(ada).not.toContain('twee');
			expect(bo).toContain('"twee"');
			expect(bo).not.toContain('een');
			for (const other of [cem, nobody]) {
				expect(other).not.toContain('een');
				expect(other).not.toContain('twee');
			}
			for (const text of [ada, bo, cem, nobody]) expect(text).not.toContain('"of"');
		} finally {
			usePatches(null);
		}
	});
});
