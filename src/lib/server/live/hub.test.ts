import { describe, expect, it } from 'vitest';
import { eventStream, publish, subscribe, type LiveEvent } from './hub.ts';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('live hub', () => {
	it('sends a change at once, gathers a burst into one event, and replays after Last-Event-ID', async () => {
		const room = crypto.randomUUID();
		const seen: LiveEvent[] = [];
		const stop = subscribe(room, null, (e) => seen.push(e));
		publish(room, 'dots');
		expect(seen).toEqual([{ id: 1, topics: ['dots'] }]);
		publish(room, 'dots');
		publish(room, 'postits');
		expect(seen).toHaveLength(1);
		await wait(20);
		publish(room, 'step');
		stop();
		expect(seen).toEqual([
			{ id: 1, topics: ['dots'] },
			{ id: 2, topics: ['dots', 'postits'] },
			{ id: 3, topics: ['step'] }
		]);
		// A client that saw event 1 gets events 2 and 3 on reconnecting; one from an unknown
		// future (the server restarted) is told to reload everything.
		const replay: LiveEvent[] = [];
		subscribe(room, 1, (e) => replay.push(e))();
		expect(replay.map((e) => e.id)).toEqual([2, 3]);
		const reload: LiveEvent[] = [];
		subscribe(room, 99, (e) => reload.push(e))();
		expect(reload).toEqual([{ id: 3, topics: ['step'] }]);
	});

	it('refuses a connection beyond the cap per session with a readable 503', async () => {
		const room = crypto.randomUUID();
		const first = new AbortController();
		const ok = eventStream(room, null, first.signal, { maxPerSession: 1 });
		expect(ok.status).toBe(200);
		const reader = ok.body!.getReader();
		expect(new TextDecoder().decode((await reader.read()).value)).toContain('retry:');
		const full = eventStream(room, null, new AbortController().signal, {
			maxPerSession: 1,
			fullMessage: 'Vol'
		});
		expect(full.status).toBe(503);
		expect(await full.text()).toBe('Vol');
		// Once the first one leaves there is room again.
		first.abort();
		const again = eventStream(room, null, new AbortController().signal, { maxPerSession: 1 });
		expect(again.status).toBe(200);
		await again.body!.cancel();
	});
});
