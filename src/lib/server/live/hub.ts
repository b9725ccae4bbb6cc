/**
 * The in-process hub: one room per live session. Messages are small ("this changed"); screens
 * then reload their data through the normal, permission-checked load functions. Each room keeps
 * its last events so a reconnecting client replays what it missed from Last-Event-ID.
 *
 * A change goes out at once when the room has been quiet for a few milliseconds; during a burst,
 * changes are gathered and sent together at most every few milliseconds (longer in big rooms), so
 * 500 votes reach 5,000 phones as a handful of messages each, not 500.
 */
export type LiveTopic =
	'step' | 'postits' | 'dots' | 'participants' | 'answers' | 'groups' | 'timer' | 'ended';
export interface LiveEvent {
	id: number;
	topics: LiveTopic[];
}

const KEEP = 500;

class Room {
	seq = 0;
	events: LiveEvent[] = [];
	listeners = new Set<(e: LiveEvent) => void>();
	pending = new Set<LiveTopic>();
	/** performance.now() of the earliest publish waiting in `pending` (for the metrics). */
	pendingSince: number[] = [];
	scheduled = false;
	lastFlush = 0;
}

/** At least this long between two messages to a room… */
const MIN_GAP_MS = 5;
/** …and longer in big rooms: one message to 1,000 connections per 10 ms, to 5,000 per 50 ms. */
const CONNECTIONS_PER_MS = 100;

const rooms = new Map<string, Room>();
const room = (sessionId: string) => {
	let r = rooms.get(sessionId);
	if (!r) rooms.set(sessionId, (r = new Room()));
	return r;
};

/** Publish → written to the last connection of the room, in ms; kept only when enabled. */
const metrics = { enabled: process.env.LIVE_METRICS === '1', samples: [] as number[] };

export function liveMetrics(reset = false) {
	const sorted = [...metrics.samples].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
	const result = {
		enabled: metrics.enabled,
		samples: sorted.length,
		p50: at(0.5),
		p99: at(0.99),
		max: sorted.at(-1) ?? 0,
		connections: [...rooms.values()].reduce((n, r) => n + r.listeners.size, 0)
	};
	if (reset) metrics.samples = [];
	return result;
}

function flush(r: Room) {
	r.scheduled = false;
	r.lastFlush = performance.now();
	if (r.pending.size === 0) return;
	const event: LiveEvent = { id: ++r.seq, topics: [...r.pending] };
	const since = r.pendingSince;
	r.pending = new Set();
	r.pendingSince = [];
	r.events.push(event);
	if (r.events.length > KEEP) r.events.splice(0, r.events.length - KEEP);
	for (const listener of r.listeners) listener(event);
	if (metrics.enabled) {
		// Enqueueing resolved each stream's pending read; the reactions that hand the bytes to the
		// socket were queued before this microtask, so it runs after them.
		queueMicrotask(() => {
			const done = performance.now();
			for (const t of since) metrics.samples.push(done - t);
		});
	}
}

export function publish(sessionId: string, topic: LiveTopic) {
	const r = room(sessionId);
	r.pending.add(topic);
	if (metrics.enabled) r.pendingSince.push(performance.now());
	// Flush at once when the room has been quiet for a moment, else at most once per `gap`:
	// a burst of votes costs a handful of writes per connection and no one waits long.
	const gap = Math.max(MIN_GAP_MS, r.listeners.size / CONNECTIONS_PER_MS);
	const since = performance.now() - r.lastFlush;
	if (since >= gap) flush(r);
	else if (!r.scheduled) {
		r.scheduled = true;
		setTimeout(() => flush(r), gap - since);
	}
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
		if (lastEventId > r.seq || lastEventId < oldest - 1) listener({ id: r.seq, topics: ['step'] });
		else for (const e of r.events) if (e.id > lastEventId) listener(e);
	}
	r.listeners.add(listener);
	return () => r.listeners.delete(listener);
}

export const connectionCount = (sessionId: string) => rooms.get(sessionId)?.listeners.size ?? 0;

/** The SSE bytes of an event, encoded once however many connections it goes to. */
const wires = new WeakMap<LiveEvent, Uint8Array>();
const sharedEncoder = new TextEncoder();
function wire(e: LiveEvent) {
	let bytes = wires.get(e);
	if (!bytes) {
		bytes = sharedEncoder.encode(
			`id: ${e.id}\nevent: change\ndata: ${JSON.stringify({ topics: e.topics })}\n\n`
		);
		wires.set(e, bytes);
	}
	return bytes;
}

/** Every open stream, told to reconnect elsewhere (graceful shutdown). */
const closers = new Set<() => void>();
export function closeAllStreams() {
	for (const close of [...closers]) close();
}
// The custom server (scripts/serve.js) calls this on SIGTERM, from outside the bundle.
(globalThis as { __olievlekCloseStreams?: () => void }).__olievlekCloseStreams = closeAllStreams;

/**
 * A Server-Sent Events response for one subscriber, with a heartbeat every 25 s. Beyond
 * `maxPerSession` connections to one session the stream is refused with 503 and a readable
 * message, so one overfull room does not degrade everyone.
 */
export function eventStream(
	sessionId: string,
	lastEventId: number | null,
	signal: AbortSignal,
	options: { maxPerSession?: number; fullMessage?: string } = {}
): Response {
	if (options.maxPerSession !== undefined && connectionCount(sessionId) >= options.maxPerSession) {
		return new Response(options.fullMessage ?? 'Too many connections', {
			status: 503,
			headers: { 'retry-after': '30', 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	const encoder = new TextEncoder();
	let cleanup = () => {};
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			const sendBytes = (bytes: Uint8Array) => {
				try {
					controller.enqueue(bytes);
				} catch {
					cleanup();
				}
			};
			const send = (text: string) => sendBytes(encoder.encode(text));
			send('retry: 3000\n\n');
			const unsubscribe = subscribe(sessionId, lastEventId, (e) => sendBytes(wire(e)));
			const heartbeat = setInterval(() => send(': keep-alive\n\n'), 25_000);
			const close = () => cleanup();
			closers.add(close);
			cleanup = () => {
				clearInterval(heartbeat);
				unsubscribe();
				closers.delete(close);
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
