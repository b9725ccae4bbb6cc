import { log } from './log.ts';

/**
 * The domain events: what a use case changed, named in the past tense, with the session id and
 * the ids a subscriber needs to find the rest through the normal, permission-checked reads. An
 * event never names who wrote anonymous content: post-its and answers carry no participant id
 * (a subscriber that stored one beside an anonymous post-it would undo the anonymity).
 */
export interface LiveEvents {
	ParticipantJoined: { sessionId: string; participantId: string };
	LiveOpened: { sessionId: string; stepId: string | null };
	SessionEnded: { sessionId: string };
	StepShown: { sessionId: string; stepId: string };
	StepOpened: { sessionId: string; stepId: string };
	StepClosed: { sessionId: string; stepId: string };
	TimerSet: { sessionId: string; endsAt: string | null };
	PostitAdded: { sessionId: string; stepId: string; postitId: string };
	PostitChanged: {
		sessionId: string;
		stepId: string;
		postitId: string;
		change: 'edited' | 'deleted' | 'hidden' | 'shown' | 'merged' | 'clustered';
	};
	/** Dots are not anonymous content: the row holds the voter, and the voter's phone shows it. */
	DotSpent: {
		sessionId: string;
		stepId: string;
		postitId: string;
		dotId: string;
		participantId: string;
	};
	DotTakenBack: {
		sessionId: string;
		stepId: string;
		postitId: string;
		dotId: string;
		participantId: string;
	};
	AnswerAdded: { sessionId: string; stepId: string; answerId: string; groupId: string | null };
	AnswerRemoved: { sessionId: string; stepId: string; answerId: string };
	AnswerHidden: { sessionId: string; stepId: string; answerId: string; hidden: boolean };
	GroupsFormed: { sessionId: string; stepId: string; groups: number; assigned: number };
	/** Someone is in a group now (chose it or was moved). Who, is not said: in an anonymous step a
	 * group's lines beside its members' names would name the writers. */
	GroupJoined: { sessionId: string; stepId: string; groupId: string };
	/** Someone reported on a commitment (or changed their report); who, and on which, is not said. */
	CommitmentReported: { sessionId: string; stepId: string };
	/** A question sent, upvoted, answered or hidden in a Q&A step (never who). */
	QuestionChanged: { sessionId: string; stepId: string };
	/** A phone chose in a quick poll (never who, never what). */
	PollVoted: { sessionId: string; stepId: string };
}

/** Every event of every module; each module adds its own interface here (`LiveEvents & …`). */
export type DomainEvents = LiveEvents;

export type EventName = keyof DomainEvents;
export type DomainEvent = { [K in EventName]: { name: K } & DomainEvents[K] }[EventName];

type Handler = (event: DomainEvent) => void;
const handlers = new Set<Handler>();

/**
 * Subscribes to every event; returns the unsubscribe. Handlers run synchronously, in the order
 * they subscribed, right after the use case committed; slow work belongs in a job.
 */
export function onEvent(handler: Handler): () => void {
	handlers.add(handler);
	return () => void handlers.delete(handler);
}

/**
 * Tells the subscribers what changed. Call it only after the transaction committed, and only
 * when something did change: a replayed client id emits nothing. A failing subscriber is
 * logged and does not fail the use case, whose change is already committed.
 */
export function emit<K extends EventName>(name: K, payload: DomainEvents[K]): void {
	const event = { name, ...payload } as DomainEvent;
	for (const handler of [...handlers]) {
		try {
			handler(event);
		} catch (e) {
			log.error({ err: e, event: name }, 'event subscriber failed');
		}
	}
}
