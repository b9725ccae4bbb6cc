/** What other modules may use of the session module: read functions and types. */
export {
	findSessionInNetwork,
	findStepInSession,
	liveSessionIds,
	nextSessionDay,
	requireSessionDesigner,
	sessionIdInNetwork
} from './session.read.ts';
export { getSession, listSessions } from './session.service.ts';
export { canDesignSessions } from './session.policy.ts';
export type { Session, AgendaStep } from '../../db/types.ts';
