import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

type Db = Kysely<Database>;

/** The session's post-it rounds, dot votes and breakout steps, in agenda order. */
export async function listHarvestSteps(db: Db, sessionId: string) {
	return db
		.selectFrom('agendaStep')
		.select(['id', 'kind', 'title', 'isAnonymous', 'sourceStepId', 'position'])
		.where('sessionId', '=', sessionId)
		.where('kind', 'in', ['postit_round', 'dot_vote', 'breakout'])
		.orderBy('position')
		.execute();
}

/**
 * A round's post-its that were not hidden by the facilitator (merged ones are hidden but kept:
 * they are in the one they were merged into), with the account of their writer where the round
 * was not anonymous and the writer had signed in.
 */
export async function listPostitsWithWriters(db: Db, stepId: string) {
	return db
		.selectFrom('postit as pi')
		.leftJoin('participant as p', 'p.id', 'pi.participantId')
		.select(['pi.id', 'pi.text', 'pi.cluster', 'pi.mergedIntoId', 'p.userId'])
		.where('pi.stepId', '=', stepId)
		.where((eb) => eb.or([eb('pi.isHidden', '=', 0), eb('pi.mergedIntoId', 'is not', null)]))
		.orderBy('pi.text')
		.orderBy('pi.id')
		.execute();
}
