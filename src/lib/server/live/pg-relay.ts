import pg from 'pg';
import { log } from '../log.ts';

/**
 * Relays live events between Olievlek instances through PostgreSQL. An event is a row in
 * `live_event` (so any instance can replay it after a reconnect) and a NOTIFY with a small
 * payload: "<session id> <event id> <topics>" (ids and topic names, never content). Every
 * instance, the sender included, LISTENs and hands the event to its own connections, so all
 * instances see the same ids in the same order.
 */
export interface RelayedEvent {
	sessionId: string;
	id: number;
	topics: string[];
}

const CHANNEL = 'olievlek_live';
const KEEP_HOURS = 6;

export class PgRelay {
	private listener: pg.Client | null = null;
	private stopped = false;
	private prune: ReturnType<typeof setInterval> | null = null;

	constructor(
		private readonly pool: pg.Pool,
		private readonly url: string,
		private readonly deliver: (e: RelayedEvent) => void,
		/** After the LISTEN connection was lost and is back: events may have been missed. */
		private readonly resync: () => void
	) {}

	/**
	 * Its own small pool for announcing: with the app's pool busy with votes, an announcement
	 * would otherwise wait its turn behind them (that was the tail of bench/relay).
	 */
	private announcer: pg.Pool | null = null;

	async start() {
		this.announcer = new pg.Pool({ connectionString: this.url, max: 2 });
		this.announcer.on('error', (e) =>
			log.warn({ err: e.message }, 'live relay: idle connection lost')
		);
		await this.listen();
		this.prune = setInterval(() => void this.pruneOld(), 10 * 60_000);
		this.prune.unref();
	}

	private async listen() {
		// keepAlive and a ping: an idle LISTEN connection cut by a firewall would otherwise go
		// unnoticed, and this instance would stop hearing the others.
		const client = new pg.Client({ connectionString: this.url, keepAlive: true });
		let lost = false;
		const onLost = (why: string) => {
			if (lost) return;
			lost = true;
			clearInterval(ping);
			log.warn({ why }, 'live relay: LISTEN connection lost, reconnecting');
			this.listener = null;
			void client.end().catch(() => {});
			if (!this.stopped) setTimeout(() => void this.reconnect(), 1000);
		};
		const ping = setInterval(() => {
			client.query('select 1').catch((e: Error) => onLost(e.message));
		}, 30_000);
		ping.unref();
		client.on('notification', (msg) => {
			if (msg.channel !== CHANNEL || !msg.payload) return;
			const [sessionId, id, topics] = msg.payload.split(' ');
			if (!sessionId || !id || !topics) return;
			this.deliver({ sessionId, id: Number(id), topics: topics.split(',') });
		});
		client.on('error', (e) => onLost(e.message));
		client.on('end', () => {
			if (!this.stopped) onLost('connection ended');
		});
		await client.connect();
		await client.query(`LISTEN ${CHANNEL}`);
		this.listener = client;
	}

	private async reconnect() {
		try {
			await this.listen();
			this.resync();
		} catch (e) {
			log.warn({ err: (e as Error).message }, 'live relay: reconnect failed, retrying');
			if (!this.stopped) setTimeout(() => void this.reconnect(), 2000);
		}
	}

	/** Stores the event and notifies every instance, in one statement. */
	async append(sessionId: string, topics: string[]) {
		await (this.announcer ?? this.pool).query(
			`with e as (insert into live_event (session_id, topics) values ($1, $2) returning id)
			 select pg_notify('${CHANNEL}', $1 || ' ' || e.id || ' ' || $2) from e`,
			[sessionId, topics.join(',')]
		);
	}

	/** Events of a session after `lastId`, oldest first; null when `lastId` is no longer kept. */
	async since(sessionId: string, lastId: number): Promise<RelayedEvent[] | null> {
		const { rows } = await this.pool.query<{ id: string; topics: string }>(
			`select id, topics from live_event where session_id = $1 and id > $2 order by id limit 500`,
			[sessionId, lastId]
		);
		if (rows.length === 500) return null;
		if (rows.length === 0) {
			// Nothing newer: fine if lastId is an id this session really had (or the newest).
			const known = await this.pool.query(
				'select 1 from live_event where session_id = $1 and id = $2',
				[sessionId, lastId]
			);
			if (known.rowCount === 0) return null;
		}
		return rows.map((r) => ({ sessionId, id: Number(r.id), topics: r.topics.split(',') }));
	}

	async latest(sessionId: string): Promise<number> {
		const { rows } = await this.pool.query<{ id: string | null }>(
			'select max(id) as id from live_event where session_id = $1',
			[sessionId]
		);
		return Number(rows[0]?.id ?? 0);
	}

	private async pruneOld() {
		try {
			await this.pool.query(
				`delete from live_event where created_at < to_char(now() - interval '${KEEP_HOURS} hours', 'YYYY-MM-DD HH24:MI:SS')`
			);
		} catch (e) {
			log.warn({ err: (e as Error).message }, 'live relay: pruning failed');
		}
	}

	async stop() {
		this.stopped = true;
		if (this.prune) clearInterval(this.prune);
		await this.listener?.end().catch(() => {});
		await this.announcer?.end().catch(() => {});
	}
}
