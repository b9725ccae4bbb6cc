import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { log } from '../log.ts';
import type { AuthDatabase, Database } from './types.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
	/** Our tables, with camelCase properties mapped to snake_case columns. */
	db: Kysely<Database>;
	/** The same connection without the mapping, for better-auth's camelCase tables. */
	authDb: Kysely<AuthDatabase>;
	dialect: DialectName;
	/** The raw SQLite handle (SQLite mode only), for the few hot paths that batch their writes. */
	sqlite?: SQLite.Database;
	/** The connection pool (PostgreSQL mode only), for the live relay. */
	pgPool?: pg.Pool;
	close(): Promise<void>;
}

/** `postgres://…` opens PostgreSQL; anything else is a SQLite file path (or `:memory:`). */
export function openDatabase(url: string): Db {
	const base =
		url.startsWith('postgres://') || url.startsWith('postgresql://')
			? openPostgres(url)
			: openSqlite(url.replace(/^file:/, ''));
	const db = base.kysely.withPlugin(new CamelCasePlugin()) as unknown as Kysely<Database>;
	return {
		db,
		authDb: base.kysely as unknown as Kysely<AuthDatabase>,
		dialect: base.dialect,
		sqlite: 'sqlite' in base ? base.sqlite : undefined,
		pgPool: 'pool' in base ? base.pool : undefined,
		close: () => base.kysely.destroy()
	};
}

function openSqlite(file: string) {
	if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	const database = new SQLite(file);
	database.pragma('journal_mode = WAL');
	database.pragma('foreign_keys = ON');
	database.pragma('busy_timeout = 5000');
	database.pragma('synchronous = FULL');
	// What people delete (a post-it, a place in an anonymous round) is overwritten in the file,
	// not just unlinked; and the write-ahead log is cut back when it restarts, so old page images
	// do not linger there either.
	database.pragma('secure_delete = ON');
	database.pragma('journal_size_limit = 0');
	return {
		kysely: new Kysely<unknown>({
			dialect: new SqliteDialect({ database: withStatementCache(database) })
		}),
		dialect: 'sqlite' as const,
		sqlite: database
	};
}

function openPostgres(url: string) {
	const pool = new pg.Pool({ connectionString: url, max: 10 });
	// An idle connection closed by the server (a restart, an administrator, a dropped database)
	// is an event on the pool; without a listener it would stop the whole process. The pool
	// replaces it on the next query.
	pool.on('error', (e) => log.warn({ err: e.message }, 'database: idle connection lost'));
	return {
		kysely: new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) }),
		dialect: 'postgres' as const,
		pool
	};
}

/**
 * Kysely prepares every statement anew; preparing costs more than running most of our queries.
 * The same SQL text gets the same prepared statement (Kysely runs each one to completion with
 * all()/run(), never two at once on one statement, since SQLite work is synchronous).
 */
function withStatementCache(database: SQLite.Database): SQLite.Database {
	const cache = new Map<string, SQLite.Statement>();
	const prepare = database.prepare.bind(database);
	return new Proxy(database, {
		get(target, prop, receiver) {
			if (prop === 'prepare')
				return (sql: string) => {
					let st = cache.get(sql);
					if (!st) {
						st = prepare(sql);
						if (cache.size >= 1000) cache.delete(cache.keys().next().value!);
						cache.set(sql, st);
					}
					return st;
				};
			const value = Reflect.get(target, prop, receiver);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}
