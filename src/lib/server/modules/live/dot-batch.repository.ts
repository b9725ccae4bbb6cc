import type SQLite from 'better-sqlite3';
import { decideDot, type DotOutcome, type DotRow } from './live.policy.ts';

/**
 * The SQLite half of `spendDot` (dot.repository.ts); nothing else calls it. Dots that arrive in
 * one turn of the event loop are written in one transaction, so a room of phones voting at once
 * costs one disk sync per group instead of one per dot (synchronous=FULL stays on). Each dot is
 * still decided on its own, inside the transaction, against the rows already written, by the same
 * `decideDot` as on PostgreSQL; a refused dot writes nothing and does not affect the others in its
 * group. The promise of each dot settles only after the group has committed: an acknowledged dot
 * is on disk.
 */
type DotJob = DotRow;
type Result = DotOutcome;

interface Pending {
	job: DotJob;
	resolve: (r: Result) => void;
	reject: (e: unknown) => void;
}

class DotCommitter {
	private queue: Pending[] = [];
	private scheduled = false;
	private readonly step;
	private readonly replay;
	private readonly postit;
	private readonly spent;
	private readonly insert;
	private readonly runAll;

	constructor(private readonly db: SQLite.Database) {
		this.step = db.prepare<[string, string], StepRow>(
			`select kind, state, dots, max_dots_per_item, source_step_id
			 from agenda_step where id = ? and session_id = ?`
		);
		this.replay = db.prepare<[string], { id: string; participant_id: string }>(
			'select id, participant_id from dot where client_id = ?'
		);
		this.postit = db.prepare<[string, string], { id: string }>(
			'select id from postit where id = ? and step_id = ? and is_hidden = 0'
		);
		this.spent = db.prepare<[string, string, string], { n: number; here: number | null }>(
			`select count(*) as n, sum(case when postit_id = ? then 1 else 0 end) as here
			 from dot where step_id = ? and participant_id = ?`
		);
		this.insert = db.prepare(
			`insert into dot (id, step_id, postit_id, participant_id, client_id, created_at)
			 values (?, ?, ?, ?, ?, ?)`
		);
		this.runAll = db.transaction((jobs: Pending[]) =>
			jobs.map((p): { ok: Result } | { error: unknown } => {
				try {
					return { ok: this.one(p.job) };
				} catch (error) {
					return { error };
				}
			})
		);
	}

	private one(j: DotJob): Result {
		const replay = this.replay.get(j.clientId);
		const step = replay ? undefined : this.step.get(j.stepId, j.sessionId);
		const spent = step ? this.spent.get(j.postitId, j.stepId, j.participantId) : undefined;
		const outcome = decideDot(j, {
			replay: replay && { id: replay.id, participantId: replay.participant_id },
			step: step && {
				kind: step.kind,
				state: step.state,
				dots: step.dots,
				maxDotsPerItem: step.max_dots_per_item,
				sourceStepId: step.source_step_id
			},
			postitInRound: !!step && !!this.postit.get(j.postitId, step.source_step_id ?? ''),
			spent: { all: spent?.n ?? 0, here: spent?.here ?? 0 }
		});
		if ('spent' in outcome && !outcome.spent.duplicate)
			this.insert.run(j.id, j.stepId, j.postitId, j.participantId, j.clientId, j.createdAt);
		return outcome;
	}

	submit(job: DotJob): Promise<Result> {
		return new Promise((resolve, reject) => {
			this.queue.push({ job, resolve, reject });
			this.schedule();
		});
	}

	private schedule() {
		if (this.scheduled) return;
		this.scheduled = true;
		setImmediate(() => this.flush());
	}

	private flush() {
		this.scheduled = false;
		// Another (async) transaction holds the connection between its statements: never nest
		// our writes inside it, wait for it to finish.
		if (this.db.inTransaction) return void setTimeout(() => this.schedule(), 1);
		const batch = this.queue.splice(0, 500);
		if (this.queue.length) this.schedule();
		let results: ({ ok: Result } | { error: unknown })[];
		try {
			results = this.runAll(batch);
		} catch (e) {
			for (const p of batch) p.reject(e);
			return;
		}
		results.forEach((r, i) => ('ok' in r ? batch[i]!.resolve(r.ok) : batch[i]!.reject(r.error)));
	}
}

interface StepRow {
	kind: string;
	state: string;
	dots: number | null;
	max_dots_per_item: number | null;
	source_step_id: string | null;
}

const committers = new WeakMap<SQLite.Database, DotCommitter>();

export function dotCommitter(db: SQLite.Database) {
	let c = committers.get(db);
	if (!c) committers.set(db, (c = new DotCommitter(db)));
	return c;
}
