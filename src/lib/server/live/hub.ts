/**
 * The in-process hub: one room per live session. Messages are small ("this changed"); screens
 * then reload their data through the normal, permission-checked load functions. Each room keeps
 * its last events so a reconnecting client replays what it missed from Last-Event-ID.
 */
export type LiveTopic = 'step' | 'postits' | 'dots' | 'participants' | 'ended';
export interface LiveEvent {
	id: number;
	topic: LiveTopic;
}

const KEEP = 500;

class Room {
	seq = 0;
	events: LiveEvent[] = [];
	listeners = new Set<(e: LiveEvent) => void>();
}

const rooms = new Map<string, Room>();
const room = (sessionId: string) => {
	let r = rooms.get(sessionId);
	if (!r) rooms.set(sessionId, (r = new Room()));
	return r;
};

export function publish(sessionId: string, topic: LiveTopic) {
	const r = room(sessionId);
	const event = { id: ++r.seq, topic };
	r.events.push(event);
	if (r.events.length > KEEP) r.events.splice(0, r.events.length - KEEP);
	for (const listener of r.listeners) listener(event);
}

/**
 * Subscribes to a session. Events after `lastEventId` are replayed first; if the id is unknown
 * (older than what is kept, or from before a restart) a single 'step' event tells the client to
 * reload everything.
 */
export function subscribe(
	sessionId: string,
	lastEventId: number | null,
	listener: (e: LiveEvent) => void
) {
	const r = room(sessionId);
	if (lastEventId !== null) {
		const oldest = r.events[0]?.id ?? r.seq + 1;
		if (lastEventId > r.seq || lastEventId < oldest - 1) listener({ id: r.seq, topic: 'step' });
		else for (const e of r.events) if (e.id > lastEventId) listener(e);
	}
	r.listeners.add(listener);
	return () => r.listeners.delete(listener);
}

/** A Server-Sent Events response for one subscriber, with a heartbeat every 25 s. */
export function eventStream(
	sessionId: string,
	lastEventId: number | null,
	signal: AbortSignal
): Response {
	const encoder = new TextEncoder();
	let cleanup = () => {};
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			const send = (text: string) => {
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					cleanup();
				}
			};
			send('retry: 3000\n\n');
			const unsubscribe = subscribe(sessionId, lastEventId, (e) =>
				send(`id: ${e.id}\nevent: change\ndata: ${JSON.stringify({ topic: e.topic })}\n\n`)
			);
			const heartbeat = setInterval(() => send(': keep-alive\n\n'), 25_000);
			cleanup = () => {
				clearInterval(heartbeat);
				unsubscribe();
				try {
					controller.close();
				} catch {
					/* already closed */
				}
			};
			signal.addEventListener('abort', () => cleanup());
		},
		cancel() {
			cleanup();
		}
	});
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-cache, no-transform',
			'x-accel-buffering': 'no'
		}
	});
}
