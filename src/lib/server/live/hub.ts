import { onEvent, type LiveEvents } from '../events.ts';
import {
	slimPhonePatch,
	type Audience,
	type LiveMessage,
	type Patches,
	type PhonePatch
} from '#lib/live-patch.ts';
import type { PgRelay, RelayedEvent } from './pg-relay.ts';

/**
 * The live hub: one room per live session. A change carries the new state of what changed, built
 * once per audience (`livePatches`: the phones, the screens of those who run the session) and
 * versioned: each message names the version it applies on top of (`prev`), so a screen that
 * missed one loads once instead of guessing. A change goes out at once when the room has been
 * quiet for a moment; during a burst, changes are gathered and sent together at most every few
 * milliseconds (longer in big rooms), so 500 votes reach 5,000 phones as a handful of messages.
 *
 * With SQLite (one instance) events and their ids live in memory, and each room keeps its last
 * events so a reconnecting client replays what it missed from Last-Event-ID. With PostgreSQL,
 * events go through `PgRelay`: their id and topics stored in `live_event` and announced by
 * NOTIFY to every instance (at most ~10 per second per session, since NOTIFY serialises
 * commits); each instance builds the patches for its own connections, once per event, so a
 * phone on instance A sees a vote cast on instance B. A reconnect to any instance gets the
 * current state of what it missed in one message.
 */
export type LiveTopic =
	| 'step'
	| 'qna'
	| 'poll'
	| 'postits'
	| 'dots'
	| 'participants'
	| 'answers'
	| 'groups'
	| 'checkins'
	| 'timer'
	| 'ended'
	| 'resync';
export interface LiveEvent {
	id: number;
	/** The version this event applies on top of: the event delivered before it in this room. */
	prev: number;
	topics: LiveTopic[];
	patches: Patches | null;
	/** Too much was missed: load the page once. */
	snapshot?: true;
}

const KEEP = 500;

/** Builds the patches of a change (`livePatches`, given by app.ts at start-up). */
type PatchBuilder = (
	sessionId: string,
	topics: readonly LiveTopic[],
	audiences: ReadonlySet<Audience>
) => Promise<Patches>;
let buildPatches: PatchBuilder | null = null;
export function usePatches(builder: PatchBuilder | null) {
	buildPatches = builder;
}
/** When the state cannot be read (the database is away), every screen loads again. */
const RELOAD: Patches = { phone: { reload: true }, screen: { reload: true } };
async function patchesOf(r: Room, sessionId: string, topics: readonly LiveTopic[]) {
	if (!buildPatches) return RELOAD;
	const audiences = new Set<Audience>();
	for (const [audience, n] of r.audiences) if (n > 0) audiences.add(audience);
	const started = performance.now();
	try {
		return await buildPatches(sessionId, topics, audiences);
	} catch (e) {
		console.error(`live: could not build the patches (${(e as Error).message})`);
		return RELOAD;
	} finally {
		r.buildMs = 0.8 * r.buildMs + 0.2 * (performance.now() - started);
	}
}

class Room {
	/**
	 * In memory mode ids start from the clock (in microseconds), so after a restart they are
	 * larger than any id a browser kept from before: its Last-Event-ID is recognised as unknown
	 * and it loads once, instead of matching a different new event with the same number.
	 */
	seq = relay ? 0 : Date.now() * 1000;
	/** The id of the last event delivered here: the version a page loaded now holds. */
	last = relay ? 0 : this.seq;
	events: LiveEvent[] = [];
	listeners = new Set<(e: LiveEvent) => void>();
	pending = new Set<LiveTopic>();
	/** performance.now() of each publish waiting in `pending` (for the metrics). */
	pendingSince: number[] = [];
	scheduled = false;
	lastFlush = 0;
	/** Patches are built one event after the other, so they are delivered in order. */
	chain: Promise<void> = Promise.resolve();
	/** Open streams per audience: only their patches are built. */
	audiences = new Map<Audience, number>();
	/** How long building a change's patches takes lately (ms, a moving average). */
	buildMs = 0;
	/** Participant → group in the current step (see `Patches.groups`). */
	groupOf = new Map<string, string>();
	/** The step's screen the phones' chain last carried, as JSON (see `PhonePatch.view`). */
	phoneView: string | undefined = undefined;
	/** The whole tally the phones' chain last carried (see `slimPhonePatch`). */
	totals: PhonePatch['totals'] | undefined = undefined;
	/** Ids delivered lately: with several instances, NOTIFYs may arrive slightly out of order. */
	recent = new Set<number>();
}

/** At least this long between two messages to a room… */
const MIN_GAP_MS = 5;
/** …and with PostgreSQL at least this long (NOTIFY serialises commits)… */
const MIN_GAP_RELAYED_MS = 100;
/** …and longer in big rooms: one message to 1,000 connections per 10 ms, to 5,000 per 50 ms. */
const CONNECTIONS_PER_MS = 100;

const rooms = new Map<string, Room>();
const room = (sessionId: string) => {
	let r = rooms.get(sessionId);
	if (!r) rooms.set(sessionId, (r = new Room()));
	return r;
};

let relay: PgRelay | null = null;

/** PostgreSQL mode: route events through the relay (called once at start-up). */
export function useRelay(r: PgRelay | null) {
	relay = r;
}

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
		connections: [...rooms.values()].reduce((n, r) => n + r.listeners.size, 0),
		/** Chunks written to streams and not yet taken by the connection (a slow reader's backlog). */
		queued: [...backlogs].reduce((n, f) => n + f(), 0)
	};
	if (reset) metrics.samples = [];
	return result;
}

/**
 * The version a page loaded now holds (its load returns it, and its stream starts there). With
 * PostgreSQL a room this instance has not heard of yet starts at the session's last event.
 */
export async function liveVersion(sessionId: string): Promise<number> {
	const r = room(sessionId);
	if (relay && r.last === 0) {
		const latest = await relay.latest(sessionId).catch(() => 0);
		if (r.last === 0) r.last = r.seq = Math.max(r.seq, latest);
	}
	return r.last;
}

/** Hands an event to this instance's connections of the room, once, in the order built. */
function deliver(r: Room, e: Omit<LiveEvent, 'prev'>, since: number[]) {
	if (r.recent.has(e.id)) return;
	r.recent.add(e.id);
	if (r.recent.size > 2 * KEEP) r.recent.delete(r.recent.values().next().value!);
	const event: LiveEvent = { ...e, prev: r.last };
	r.last = event.id;
	r.seq = Math.max(r.seq, event.id);
	r.events.push(event);
	if (r.events.length > KEEP) r.events.splice(0, r.events.length - KEEP);
	for (const listener of r.listeners) listener(event);
	if (metrics.enabled && since.length) {
		// Enqueueing resolved each stream's pending read; the reactions that hand the bytes to the
		// socket were queued before this microtask, so it runs after them.
		queueMicrotask(() => {
			const done = performance.now();
			for (const t of since) metrics.samples.push(done - t);
		});
	}
}

/** Builds the event's patches after those before it, then delivers it. */
function buildAndDeliver(
	sessionId: string,
	r: Room,
	id: () => number,
	topics: LiveTopic[],
	since: number[]
) {
	r.chain = r.chain
		.then(async () => {
			const whole = await patchesOf(r, sessionId, topics);
			let phone = slimPhonePatch(r.totals, whole.phone);
			// The screen of a step goes when it changed, not again with every change of the step.
			const view = whole.phone.view ? JSON.stringify(whole.phone.view) : undefined;
			if (view && view === r.phoneView) phone = { ...phone, view: undefined };
			const patches = { ...whole, phone };
			if (whole.phone.totals !== undefined) r.totals = whole.phone.totals;
			if (whole.phone.step) r.phoneView = view;
			if (whole.phone.reload) r.totals = r.phoneView = undefined;
			// Who is in which group of the current step: each phone's lines are picked by it.
			if (whole.groups?.of) r.groupOf = new Map(Object.entries(whole.groups.of));
			else if (whole.phone.step) r.groupOf = new Map();
			if (patches.groups) patches.groups = { lines: patches.groups.lines };
			deliver(r, { id: id(), topics, patches }, since);
		})
		.catch((e: Error) => console.error(`live: could not deliver (${e.message})`));
}

/** A message that tells a screen to load once: it cannot be brought up to date by patches. */
const snapshotOf = (r: Room): LiveEvent => ({
	id: r.last,
	prev: r.last,
	topics: ['step'],
	patches: null,
	snapshot: true
});

/** Sent-but-not-yet-delivered publishes per room, for the metrics in relayed mode. */
const inFlight = new Map<string, number[]>();

function flush(sessionId: string, r: Room) {
	r.scheduled = false;
	r.lastFlush = performance.now();
	if (r.pending.size === 0) return;
	const topics = [...r.pending];
	const since = r.pendingSince;
	r.pending = new Set();
	r.pendingSince = [];
	if (!relay) return buildAndDeliver(sessionId, r, () => r.seq + 1, topics, since);
	if (metrics.enabled) inFlight.set(sessionId, [...(inFlight.get(sessionId) ?? []), ...since]);
	relay.append(sessionId, topics).catch((e: Error) => {
		// The database is unreachable: this instance's screens load again (a later real event
		// keeps its own id).
		console.error(`live relay: could not publish (${e.message})`);
		for (const listener of r.listeners) listener(snapshotOf(r));
	});
}

/** Called by the relay for every event of every instance (its own included). */
export function relayed(e: RelayedEvent) {
	const since = inFlight.get(e.sessionId) ?? [];
	inFlight.delete(e.sessionId);
	const r = rooms.get(e.sessionId);
	if (r) buildAndDeliver(e.sessionId, r, () => e.id, e.topics as LiveTopic[], since);
}

/** After the relay lost its connection for a while: every screen loads once. */
export function resyncAll() {
	if (!relay) return;
	for (const [sessionId, r] of rooms) {
		if (r.listeners.size === 0) continue;
		void relay.latest(sessionId).then((id) => {
			r.last = r.seq = Math.max(id, r.seq);
			for (const listener of r.listeners) listener(snapshotOf(r));
		});
	}
}

export function publish(sessionId: string, topic: LiveTopic) {
	const r = room(sessionId);
	r.pending.add(topic);
	if (metrics.enabled) r.pendingSince.push(performance.now());
	// Building the patches reads the database: it never takes more than a quarter of the time.
	const gap = Math.max(
		relay ? MIN_GAP_RELAYED_MS : MIN_GAP_MS,
		r.listeners.size / CONNECTIONS_PER_MS,
		4 * r.buildMs
	);
	const since = performance.now() - r.lastFlush;
	if (since >= gap) flush(sessionId, r);
	else if (!r.scheduled) {
		r.scheduled = true;
		setTimeout(() => flush(sessionId, r), gap - since);
	}
}

/**
 * What each domain event of a live session tells the screens: the topic they reload. Every live
 * event needs one (the type says so), so a new event cannot be forgotten here.
 */
const TOPIC_OF: Record<keyof LiveEvents, LiveTopic> = {
	ParticipantJoined: 'participants',
	LiveOpened: 'step',
	SessionEnded: 'ended',
	StepShown: 'step',
	StepOpened: 'step',
	StepClosed: 'step',
	TimerSet: 'timer',
	PostitAdded: 'postits',
	PostitChanged: 'postits',
	DotSpent: 'dots',
	DotTakenBack: 'dots',
	AnswerAdded: 'answers',
	AnswerRemoved: 'answers',
	AnswerHidden: 'answers',
	GroupsFormed: 'groups',
	GroupJoined: 'groups',
	CommitmentReported: 'checkins',
	QuestionChanged: 'qna',
	PollVoted: 'poll'
};

/**
 * The hub listens to the use cases' events (after their commit) and tells the session's screens.
 * app.ts imports this module at start-up, so it listens before the first request.
 */
export const stopListening = onEvent((e) => {
	const topic = (TOPIC_OF as Partial<Record<string, LiveTopic>>)[e.name];
	if (topic && 'sessionId' in e) publish(e.sessionId, topic);
});

/**
 * Subscribes to a session from the version `lastEventId` (null: from now). In memory mode the
 * events after it are replayed as they were sent; with PostgreSQL the current state of what was
 * missed comes as one message built now. If the version is unknown (older than what is kept,
 * or from before a restart) a snapshot message tells the screen to load once. Live events that
 * arrive meanwhile wait behind it.
 */
export function subscribe(
	sessionId: string,
	lastEventId: number | null,
	listener: (e: LiveEvent) => void,
	audience: Audience = 'phone'
) {
	const r = room(sessionId);
	r.audiences.set(audience, (r.audiences.get(audience) ?? 0) + 1);
	const leave = () => r.audiences.set(audience, (r.audiences.get(audience) ?? 1) - 1);
	// Each connection gets an event once. Lower ids are not dropped: with several instances an
	// event can commit (and arrive) after one with a higher id.
	const seen = new Set<number>();
	const send = (e: LiveEvent) => {
		if (!e.snapshot && seen.has(e.id)) return;
		seen.add(e.id);
		if (seen.size > 2 * KEEP) seen.delete(seen.values().next().value!);
		listener(e);
	};
	if (lastEventId === null || lastEventId === r.last) {
		r.listeners.add(send);
		return () => {
			if (r.listeners.delete(send)) leave();
		};
	}
	if (!relay) {
		const from = r.events.findIndex((e) => e.prev === lastEventId);
		if (from < 0) send(snapshotOf(r));
		else for (const e of r.events.slice(from)) send(e);
		r.listeners.add(send);
		return () => {
			if (r.listeners.delete(send)) leave();
		};
	}
	// Relayed: ask the database what was missed; hold live ones until then.
	let held: LiveEvent[] = [];
	let replaying = true;
	const live = (e: LiveEvent) => (replaying ? held.push(e) : send(e));
	r.listeners.add(live);
	let closed = false;
	void relay
		.since(sessionId, lastEventId)
		.then(async (missed) => {
			if (closed) return;
			if (missed === null) {
				r.last = r.seq = Math.max(await relay!.latest(sessionId), r.seq);
				held = [];
				send(snapshotOf(r));
			} else if (missed.length) {
				// The state built from here on includes every event held so far.
				held = [];
				const at = r.last;
				const topics = [...new Set(missed.flatMap((e) => e.topics))] as LiveTopic[];
				const patches = await patchesOf(r, sessionId, topics);
				send({ id: Math.max(at, ...missed.map((e) => e.id)), prev: lastEventId, topics, patches });
			}
		})
		.catch(() => send(snapshotOf(r)))
		.finally(() => {
			replaying = false;
			for (const e of held) send(e);
		});
	return () => {
		closed = true;
		if (r.listeners.delete(live)) leave();
	};
}

/**
 * Where a stream starts: the browser's Last-Event-ID when it reconnects by itself, else the
 * version the page was loaded at (`?since=`), so nothing between the load and the stream is lost.
 */
export function streamStart(request: Request): number | null {
	const header = Number(request.headers.get('last-event-id'));
	if (Number.isFinite(header) && header > 0) return header;
	const since = Number(new URL(request.url).searchParams.get('since'));
	return Number.isFinite(since) && since > 0 ? since : null;
}

export const connectionCount = (sessionId: string) => rooms.get(sessionId)?.listeners.size ?? 0;

/**
 * The SSE bytes of an event for one audience, encoded once however many connections it goes to.
 * `group`: the phones of that group, who get its lines on top of the phones' patch.
 */
const wires = new WeakMap<LiveEvent, Map<string, Uint8Array>>();
const sharedEncoder = new TextEncoder();
function wire(e: LiveEvent, audience: Audience, group?: string) {
	let byAudience = wires.get(e);
	if (!byAudience) wires.set(e, (byAudience = new Map()));
	const key = group ? `group:${group}` : audience;
	let bytes = byAudience.get(key);
	if (!bytes) {
		const message: LiveMessage = { v: e.id, prev: e.prev, topics: e.topics };
		if (e.snapshot) message.snapshot = true;
		else if (e.patches) {
			const lines = group ? e.patches.groups?.lines[group] : undefined;
			message.patch = lines ? { ...e.patches.phone, answers: lines } : e.patches[audience];
		}
		bytes = sharedEncoder.encode(
			`id: ${e.id}\nevent: change\ndata: ${JSON.stringify(message)}\n\n`
		);
		byAudience.set(key, bytes);
	}
	return bytes;
}

/** With LIVE_METRICS: each open stream's backlog, in chunks. */
const backlogs = new Set<() => number>();

/** Every open stream, told to reconnect elsewhere (graceful shutdown). */
const closers = new Set<() => void>();
export function closeAllStreams() {
	for (const close of [...closers]) close();
}
// The custom server (scripts/serve.js) calls this on SIGTERM, from outside the bundle.
(globalThis as { __olievlekCloseStreams?: () => void }).__olievlekCloseStreams = closeAllStreams;

/**
 * Open streams per owner (a participant, a member's account) and per address, oldest first, each
 * with the function that ends it: one client cannot fill a room.
 */
const byOwner = new Map<string, (() => void)[]>();
const byAddress = new Map<string, number>();

/** The SSE message that tells a replaced stream's screen to stop: it is open elsewhere. */
const REPLACED = new TextEncoder().encode('event: replaced\ndata: {}\n\n');

export interface StreamLimits {
	/** Whose patches this stream carries: the phones', or the console's and projector's. */
	audience: Audience;
	/** The phone's participant: in a step with groups, their group's lines come to them. */
	participant?: string;
	/** Beyond this many connections to one session, the stream is refused with 503. */
	maxPerSession?: number;
	fullMessage: string;
	/**
	 * The stream's owner and how many streams it may hold: a new one beyond that ends the oldest,
	 * which is told it was replaced (so its screen stops instead of reconnecting).
	 */
	owner?: { key: string; max: number };
	/** The client's address and how many streams it may hold in all; beyond that, 429. */
	address?: { key: string; max: number; message: string };
}

const textResponse = (status: number, text: string, retryAfter: string) =>
	new Response(text, {
		status,
		headers: { 'retry-after': retryAfter, 'content-type': 'text/plain; charset=utf-8' }
	});

/** How many streams an owner and an address hold now (for the tests and the metrics). */
export const streamsOf = (owner: string) => byOwner.get(owner)?.length ?? 0;
export const streamsFrom = (address: string) => byAddress.get(address) ?? 0;

/**
 * A Server-Sent Events response for one subscriber, with a heartbeat every 25 s. Beyond
 * `maxPerSession` connections to one session the stream is refused with 503 and a readable
 * message, so one overfull room does not degrade everyone; `owner` and `address` bound what one
 * participant, account or address can hold (see `StreamLimits`).
 */
export function eventStream(
	sessionId: string,
	lastEventId: number | null,
	signal: AbortSignal,
	options: StreamLimits
): Response {
	const { owner, address } = options;
	if (address && streamsFrom(address.key) >= address.max)
		return textResponse(429, address.message, '60');
	// The owner's own oldest stream makes way before the room's cap is looked at: a phone that
	// reconnects from a new tab never finds its own room full of itself.
	if (owner) {
		const mine = byOwner.get(owner.key) ?? [];
		while (mine.length >= owner.max) mine.shift()!();
	}
	if (options.maxPerSession !== undefined && connectionCount(sessionId) >= options.maxPerSession)
		return textResponse(503, options.fullMessage, '30');
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
			send('retry: 1000\n\n');
			const backlog = () => Math.max(0, 1 - (controller.desiredSize ?? 1));
			if (metrics.enabled) backlogs.add(backlog);
			// A phone in a group gets that group's lines; the room knows who is in which.
			const r = room(sessionId);
			const groupOf = (e: LiveEvent) =>
				options.participant && e.patches?.groups ? r.groupOf.get(options.participant) : undefined;
			const unsubscribe = subscribe(
				sessionId,
				lastEventId,
				(e) => sendBytes(wire(e, options.audience, groupOf(e))),
				options.audience
			);
			const heartbeat = setInterval(() => send(': keep-alive\n\n'), 25_000);
			const close = () => cleanup();
			closers.add(close);
			const replace = () => {
				sendBytes(REPLACED);
				cleanup();
			};
			if (owner) {
				const mine = byOwner.get(owner.key) ?? [];
				mine.push(replace);
				byOwner.set(owner.key, mine);
			}
			if (address) byAddress.set(address.key, streamsFrom(address.key) + 1);
			let done = false;
			cleanup = () => {
				if (done) return;
				done = true;
				clearInterval(heartbeat);
				backlogs.delete(backlog);
				unsubscribe();
				closers.delete(close);
				if (owner) {
					const mine = (byOwner.get(owner.key) ?? []).filter((f) => f !== replace);
					if (mine.length) byOwner.set(owner.key, mine);
					else byOwner.delete(owner.key);
				}
				if (address) {
					const left = streamsFrom(address.key) - 1;
					if (left > 0) byAddress.set(address.key, left);
					else byAddress.delete(address.key);
				}
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
