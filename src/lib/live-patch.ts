import type { StepResults } from './live-results.ts';

/**
 * What a live change carries to the screens: the new state of the parts of the room that
 * changed, built once per audience on the server. Each part is whole (the tally of the step, not
 * "+1"), so applying a part twice or after a newer one was lost changes nothing wrong; the
 * versions (`v`, `prev`) tell a screen that it missed something, and then it loads once.
 *
 * Pure functions without Svelte, shared by the pages and by `bench/live`, whose simulated phones
 * apply the stream exactly as a phone does.
 */

/** The phones of a session: nobody's name, no hidden tally, no post-it hidden by the facilitator. */
export interface PhonePatch {
	/** The current step and its state; another step than the phone shows means: load again. */
	step?: { id: string | null; state: string | null };
	/**
	 * Dots per post-it of the dot vote `stepId`, or null while its tally is hidden. `partial`:
	 * only the post-its whose count changed since the message before (the rest stand).
	 */
	totals?: { stepId: string; counts: Record<string, number>; partial?: true } | null;
	/** How many people are in the room. */
	participants?: number;
	timerEndsAt?: string | null;
	/** The lines of the answer step the phone shows: its group's, or everyone's without groups. */
	answers?: AnswerLines;
	/** A Q&A's questions and upvotes, or a poll's counts, whole (the same as the screens get). */
	results?: { stepId: string; results: StepResults };
	/**
	 * The screen of a step nobody has done anything in yet, the same for every phone (the page
	 * data's step part, as the server's `phoneScreen` builds it), so thousands of phones do not
	 * load their page at once. Sent when it changed. Without it, a new step means: load again.
	 */
	view?: { step: { id: string } | null } & Record<string, unknown>;
	/** Something changed that a phone cannot apply (answers of groups, the end): load again. */
	reload?: true;
}

/** The console and the projector: those who run the session, as their pages load it. */
export interface ScreenPatch {
	step?: { id: string | null; state: string | null };
	/** The results of the current step, whole, when they are a tally. */
	results?: { stepId: string; results: StepResults };
	/** How many people are in the room (the console lists them: it loads its page for that). */
	participants?: number;
	timerEndsAt?: string | null;
	reload?: true;
}

/**
 * The lines of an answer step as a phone sees them: per question, each line's id and text. Whose
 * a line is never travels; the phone knows its own from its page and from its own posts.
 */
export interface AnswerLines {
	stepId: string;
	/** The group whose lines these are; null in a step without groups. */
	groupId: string | null;
	questions: { index: number; answers: { id: string; text: string }[] }[];
}

export type Audience = 'phone' | 'screen';
export interface Patches {
	phone: PhonePatch;
	screen: ScreenPatch;
	/**
	 * In an answer step with groups: each group's lines, sent on top of the phones' patch to that
	 * group's members only (`of`: participant → group, kept on the server, never sent).
	 */
	groups?: { of?: Record<string, string>; lines: Record<string, AnswerLines> };
}

/** One message on the stream. `snapshot` says: what you hold is too old, load it once. */
export interface LiveMessage<P = PhonePatch | ScreenPatch> {
	v: number;
	prev: number;
	topics: string[];
	patch?: P;
	snapshot?: true;
}

/** A person's own dots in a vote, in the answer to their own tap (newest dot first per post-it). */
export interface DotFacts {
	kind: 'dots';
	stepId: string;
	spent: number;
	items: Record<string, { mine: number; lastDotId: string }>;
}

/** The phone's vote with the person's own dots as the answer to their tap says. */
export function applyDotFacts<
	V extends { spent: number; items: { id: string; mine: number; lastDotId: string | null }[] }
>(vote: V, facts: DotFacts): V {
	return {
		...vote,
		spent: facts.spent,
		items: vote.items.map((i) => ({
			...i,
			mine: facts.items[i.id]?.mine ?? 0,
			lastDotId: facts.items[i.id]?.lastDotId ?? null
		}))
	};
}

/** What a phone holds of the room, beside what is its own (its dots, its post-its). */
export interface PhoneState {
	stepId: string | null;
	stepState: string | null;
	totals: Record<string, number> | null;
	participants: number;
	timerEndsAt: string | null;
	/** The phone shows no list to vote on (a vote is not open yet: it takes its post-its then). */
	noVote?: boolean;
	/** The newest lines of the answer step it shows, when the stream brought them. */
	lines?: AnswerLines | null;
	/** The newest questions of a Q&A or counts of a poll, when the stream brought them. */
	results?: StepResults | null;
}

/**
 * The screen of the step the patch brings whole, if it does (a new step, or one whose screen
 * changed while nobody had done anything in it, such as a vote that opens with its list): the
 * phone shows it instead of its page data, then applies the rest of the patch on top.
 */
export function newStepView(p: PhonePatch): PhonePatch['view'] | null {
	if (p.reload || !p.step || !p.view) return null;
	return p.view.step?.id === p.step.id ? p.view : null;
}

/** The phone's new state, or null when the patch asks for a fresh load. */
export function applyPhonePatch(s: PhoneState, p: PhonePatch): PhoneState | null {
	if (p.reload) return null;
	const next = { ...s };
	if (p.step) {
		if (p.step.id !== s.stepId) return null;
		next.stepState = p.step.state;
	}
	if (p.totals !== undefined && (p.totals === null || p.totals.stepId === next.stepId)) {
		// A tally for a vote the phone holds no list for: the list is there now, load it.
		if (s.noVote) return null;
		if (p.totals?.partial) {
			if (!s.totals) return null;
			next.totals = { ...s.totals, ...p.totals.counts };
		} else next.totals = p.totals ? p.totals.counts : null;
	}
	if (p.participants !== undefined) next.participants = p.participants;
	if (p.timerEndsAt !== undefined) next.timerEndsAt = p.timerEndsAt;
	if (p.answers && p.answers.stepId === next.stepId) next.lines = p.answers;
	if (p.results && p.results.stepId === next.stepId) next.results = p.results.results;
	return next;
}

interface PhoneQuestion {
	index: number;
	answers: { id: string; text: string; mine: boolean }[];
}

/**
 * The phone's answers with the newest lines: its group's (or everyone's, without groups) in
 * place of those its page loaded. A line is the person's own when the page said so; a line that
 * arrives new is someone else's (the phone loads its page after its own post).
 */
export function applyAnswerLines<
	A extends { questions: PhoneQuestion[]; groups: { id: string; questions: PhoneQuestion[] }[] }
>(answers: A, lines: AnswerLines): A {
	const mine = new Set(
		[...answers.questions, ...answers.groups.flatMap((g) => g.questions)].flatMap((q) =>
			q.answers.filter((a) => a.mine).map((a) => a.id)
		)
	);
	const merge = (questions: PhoneQuestion[]) =>
		questions.map((q) => {
			const incoming = lines.questions.find((l) => l.index === q.index);
			return incoming
				? { ...q, answers: incoming.answers.map((a) => ({ ...a, mine: mine.has(a.id) })) }
				: q;
		});
	if (lines.groupId === null) {
		return answers.groups.length ? answers : { ...answers, questions: merge(answers.questions) };
	}
	return {
		...answers,
		groups: answers.groups.map((g) =>
			g.id === lines.groupId ? { ...g, questions: merge(g.questions) } : g
		)
	};
}

/**
 * The phones' patch as it goes on the stream: a tally that follows one of the same vote in the
 * chain carries only the counts that changed (a vote of 30 post-its changes one or two), so a
 * message to 5,000 phones stays small. `before` is the whole tally the chain last carried.
 */
export function slimPhonePatch(
	before: PhonePatch['totals'] | undefined,
	patch: PhonePatch
): PhonePatch {
	const t = patch.totals;
	if (!t || !before || before.stepId !== t.stepId) return patch;
	const counts: Record<string, number> = {};
	for (const [id, n] of Object.entries(t.counts)) if (before.counts[id] !== n) counts[id] = n;
	// A post-it gone from the list (merged, hidden) makes the phones load; a whole tally is safer.
	if (Object.keys(before.counts).some((id) => !(id in t.counts))) return patch;
	return { ...patch, totals: { stepId: t.stepId, counts, partial: true } };
}

/** What the console and the projector hold that a patch can bring. */
export interface ScreenState {
	stepId: string | null;
	stepState: string | null;
	results: StepResults;
	participantCount: number;
	/** The screen lists who is in by name (the console): a new count makes it load. */
	names?: boolean;
	timerEndsAt: string | null;
}

export function applyScreenPatch(s: ScreenState, p: ScreenPatch): ScreenState | null {
	if (p.reload) return null;
	const next = { ...s };
	if (p.step) {
		if (p.step.id !== s.stepId || p.step.state !== s.stepState) return null;
	}
	if (p.results) {
		if (p.results.stepId !== s.stepId) return null;
		next.results = p.results.results;
	}
	if (p.participants !== undefined && p.participants !== s.participantCount) {
		if (s.names) return null;
		next.participantCount = p.participants;
	}
	if (p.timerEndsAt !== undefined) next.timerEndsAt = p.timerEndsAt;
	return next;
}

/**
 * Keeps a screen's version and decides, per message, whether to apply its patch or to load a
 * snapshot: a message applies only on top of the version the screen holds (`prev`); anything
 * else (a gap, a snapshot order, a patch the screen cannot apply) loads once. Messages that
 * arrive while that load runs wait, and those the load already covers are dropped.
 */
export class LiveVersion<P> {
	#v: number;
	#loading = false;
	#waiting: LiveMessage<P>[] = [];
	// Plain fields, not parameter properties: bench/live imports this file with Node's type
	// stripping, which takes only syntax that erases.
	private apply: (patch: P) => boolean;
	private load: () => Promise<number>;
	constructor(version: number, apply: (patch: P) => boolean, load: () => Promise<number>) {
		this.#v = version;
		this.apply = apply;
		this.load = load;
	}
	get version() {
		return this.#v;
	}
	/**
	 * The page loaded its data again by itself (after the person's own action, say) and it holds
	 * the room up to `version`: messages up to there are not applied again.
	 */
	advance(version: number) {
		if (!this.#loading && version > this.#v) this.#v = version;
	}
	/** Loads counted, for the tests and the bench. */
	loads = 0;
	receive(msg: LiveMessage<P>) {
		if (this.#loading) {
			this.#waiting.push(msg);
			return;
		}
		// The same message again, or one the page's data already holds.
		if (!msg.snapshot && msg.v <= this.#v) return;
		if (msg.snapshot || msg.prev !== this.#v || !msg.patch) {
			void this.#reload(msg.v);
			return;
		}
		this.#v = msg.v;
		if (!this.apply(msg.patch)) void this.#reload(msg.v);
	}
	/**
	 * Loads the page's data until it holds at least version `atLeast`: a load that was already
	 * on its way (the person's own action loading the page) can bring data older than the
	 * message that asked for it; then it loads once more, not again and again.
	 */
	async #reload(atLeast: number) {
		this.#loading = true;
		this.loads++;
		try {
			let v = await this.load();
			if (v < atLeast) {
				this.loads++;
				v = await this.load();
			}
			this.#v = v;
		} catch {
			/* no connection: the next message or reconnect tries again */
		}
		this.#loading = false;
		const waiting = this.#waiting;
		this.#waiting = [];
		for (const msg of waiting) if (msg.snapshot || msg.v > this.#v) this.receive(msg);
	}
}
