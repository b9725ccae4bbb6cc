import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AppLocale, Role, StepKind } from '../../domain.ts';

export { LOCALES, ROLES, STEP_KINDS } from '../../domain.ts';
export type { AppLocale, Role, StepKind } from '../../domain.ts';

/** Timestamps in our own tables are ISO-8601 UTC strings on both databases. */
type Timestamp = string;

export interface NetworkTable {
	id: string;
	name: string;
	purpose: string;
	coreValue: string;
	language: AppLocale;
	houseRules: string;
	houseRulesVersion: Generated<number>;
	createdBy: string;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

export interface NetworkRegionTable {
	id: string;
	networkId: string;
	name: string;
}

export interface OrganisationTable {
	id: string;
	networkId: string;
	name: string;
	sector: string;
	region: string;
	website: string;
	createdAt: Timestamp;
}

export interface MembershipTable {
	id: string;
	networkId: string;
	userId: string;
	role: Role;
	organisationId: string | null;
	status: 'active' | 'removed';
	guestUntil: Timestamp | null;
	rulesAcceptedAt: Timestamp;
	rulesVersion: number;
	joinedAt: Timestamp;
	removedAt: Timestamp | null;
}

export interface InvitationTable {
	id: string;
	networkId: string;
	email: string;
	role: Role;
	organisationId: string | null;
	guestUntil: Timestamp | null;
	tokenHash: string;
	status: 'pending' | 'accepted' | 'revoked';
	invitedBy: string;
	createdAt: Timestamp;
	sentAt: Timestamp;
	expiresAt: Timestamp;
	acceptedAt: Timestamp | null;
	acceptedBy: string | null;
}

/** One invitation mail sent by a network (first or again): counted for the daily limit. */
export interface InvitationSendTable {
	id: string;
	networkId: string;
	invitationId: string;
	sentAt: Timestamp;
}

export interface OutboxTable {
	id: string;
	toAddress: string;
	subject: string;
	text: string;
	html: string;
	/** JSON list of { filename, contentType, content } (text attachments only). */
	attachments: Generated<string | null>;
	createdAt: Timestamp;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed';

/** The durable job queue (see jobs/queue.ts). Times are ISO strings; payload is JSON text. */
export interface JobTable {
	id: string;
	kind: string;
	/** Idempotency key: the same key is one job. */
	key: string;
	/** Set for coalesced jobs (search indexing): the key they wait under. */
	coalesceKey: string | null;
	networkId: string | null;
	payload: string;
	runAt: string;
	attempts: Generated<number>;
	maxAttempts: Generated<number>;
	lastError: string | null;
	state: JobState;
	lockedUntil: string | null;
	/** What the job left behind: a delivered mail's Message-ID. */
	result: string | null;
	createdAt: string;
	doneAt: string | null;
}

/** better-auth's user table, as our code reads it (camelCase columns, managed by better-auth). */
export interface UserTable {
	id: string;
	name: string;
	email: string;
	emailVerified: boolean | number;
	image: string | null;
	locale: string | null;
	createdAt: Date | string;
	updatedAt: Date | string;
}

/** Read-only view of better-auth's user table for joins; only single-word columns, so the
 * camel-case mapping is a no-op on them. */
export interface UserRef {
	id: string;
	name: string;
	email: string;
	locale: string | null;
}

export interface WorkFormTable {
	id: string;
	networkId: string;
	kind: StepKind;
	name: string;
	purpose: string;
	instructions: string;
	defaultMinutes: number | null;
	createdBy: string;
	createdAt: Timestamp;
}

export interface SessionTable {
	id: string;
	networkId: string;
	title: string;
	number: number | null;
	/** Local wall-clock time of the network, "YYYY-MM-DDTHH:MM"; null while undecided. */
	startsAt: string | null;
	minutes: number | null;
	place: string;
	hostOrganisationId: string | null;
	theme: string;
	objectives: string;
	status: 'planned' | 'live' | 'closed';
	calendarSequence: Generated<number>;
	/** Set while the session is live; unique among live sessions. */
	joinCode: Generated<string | null>;
	currentStepId: Generated<string | null>;
	/** A running timer: when it ends (UTC ISO) and how long it was set for. */
	timerEndsAt: Generated<string | null>;
	timerSeconds: Generated<number | null>;
	/** The calendar sequence members were last mailed about; null when never invited. */
	invitedSequence: Generated<number | null>;
	createdBy: string;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

export interface SessionFacilitatorTable {
	sessionId: string;
	membershipId: string;
}

export interface AgendaStepTable {
	id: string;
	sessionId: string;
	position: number;
	kind: StepKind;
	workFormId: string | null;
	title: string;
	minutes: number | null;
	prompt: string;
	/** One guiding question per line. */
	questions: string;
	maxPerPerson: number | null;
	maxLength: number | null;
	isAnonymous: Generated<number>;
	dots: number | null;
	maxDotsPerItem: number | null;
	tally: 'live' | 'hidden' | null;
	topItems: number | null;
	state: Generated<'pending' | 'open' | 'closed'>;
	/** For a dot vote: the post-it round whose post-its are voted on. */
	sourceStepId: Generated<string | null>;
	/** Breakout groups: the facilitator assigns people, or people choose a group. */
	groupMode: Generated<'assign' | 'choose' | null>;
}

export interface ParticipantTable {
	id: string;
	sessionId: string;
	userId: string | null;
	displayName: string;
	tokenHash: string;
	joinedAt: Timestamp;
}

export interface PostitTable {
	id: string;
	stepId: string;
	participantId: string | null;
	authorSecretHash: string | null;
	clientId: string;
	text: string;
	isHidden: Generated<number>;
	/** A theme the facilitator put the post-it in. */
	cluster: Generated<string | null>;
	/** Set when merged into another post-it (then also hidden); its dots count there. */
	mergedIntoId: Generated<string | null>;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

export interface BreakoutGroupTable {
	id: string;
	stepId: string;
	position: number;
	postitId: string | null;
	title: string;
}

export interface BreakoutMemberTable {
	stepId: string;
	groupId: string;
	participantId: string;
}

export interface AnswerTable {
	id: string;
	stepId: string;
	groupId: string | null;
	questionIndex: number;
	participantId: string | null;
	clientId: string;
	text: string;
	isHidden: Generated<number>;
	createdAt: Timestamp;
}

export interface LiveEventTable {
	id: Generated<number>;
	sessionId: string;
	topics: string;
	createdAt: Generated<string>;
}

export interface ReportTable {
	sessionId: string;
	version: number;
	/** JSON of ReportEdits (report-edit.service.ts). */
	content: string;
	publishedVersion: Generated<number | null>;
	publishedAt: Generated<string | null>;
	updatedBy: string | null;
	updatedAt: Timestamp;
}

export interface ReportVersionTable {
	sessionId: string;
	version: number;
	content: string;
	createdBy: string | null;
	createdAt: Timestamp;
	autosaved: Generated<number>;
}

export interface StoredFileTable {
	id: string;
	networkId: string;
	name: string;
	mime: string;
	size: number;
	data: Buffer;
	createdBy: string | null;
	createdAt: Timestamp;
}

export interface ResourceTable {
	id: string;
	networkId: string;
	sessionId: string | null;
	kind: string;
	title: string;
	url: string;
	description: string;
	themes: string;
	fileId: string | null;
	featured: Generated<number>;
	addedBy: string | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

export interface ReportEditorTable {
	sessionId: string;
	userId: string;
	seenAt: Timestamp;
}

export interface SearchDocTable {
	id: Generated<number>;
	networkId: string;
	sessionId: string | null;
	kind: string;
	sourceId: string;
	title: string;
	body: string;
	themes: string;
	link: string;
	createdAt: Timestamp;
}

export type Visibility = 'private' | 'coach' | 'network';
export type GoalState = 'forming' | 'set' | 'in_progress' | 'reached' | 'let_go';
export type CanvasSection = 'jobs' | 'pains' | 'gains' | 'products' | 'relievers' | 'creators';

interface Owned {
	id: string;
	networkId: string;
	/** Null once the owner left the network (shared items stay, without a name). */
	userId: string | null;
	visibility: Generated<Visibility>;
}
export interface IntentTable extends Owned {
	text: string;
	updatedAt: Timestamp;
}
export interface GoalTable extends Owned {
	title: string;
	why: string;
	who: string;
	theme: string;
	state: GoalState;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}
export interface GoalEventTable {
	id: string;
	goalId: string;
	state: GoalState;
	/** 'created', 'state' or 'edited'. */
	change: string;
	at: Timestamp;
}
export interface CanvasTable extends Owned {
	title: string;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}
export interface CanvasItemTable {
	id: string;
	canvasId: string;
	section: CanvasSection;
	text: string;
	position: number;
	createdAt: Timestamp;
}
export interface CanvasFitTable {
	canvasId: string;
	fromId: string;
	toId: string;
}
export interface ConversationTable extends Owned {
	kind: 'planned' | 'practised' | 'real';
	heldOn: string | null;
	withWhom: string;
	howItWent: string;
	feedback: string;
	learned: string;
	nextStep: string;
	sessionId: string | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}
export interface ReflectionTable extends Owned {
	sessionId: string | null;
	stayed: string;
	willTry: string;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}
export type CoachingState = 'proposed' | 'accepted' | 'declined' | 'ended';
/** Who coaches whom: proposed by the coach's first talk, accepted (or not) by the member. */
export interface CoachingRelationTable {
	id: string;
	networkId: string;
	memberId: string;
	coachId: string;
	state: CoachingState;
	tokenHash: string | null;
	proposedAt: Timestamp;
	answeredAt: Timestamp | null;
	endedAt: Timestamp | null;
}
export interface CoachingTalkTable {
	id: string;
	networkId: string;
	memberId: string;
	coachId: string;
	startsAt: string;
	minutes: number;
	place: string;
	status: Generated<'planned' | 'held' | 'cancelled'>;
	sharedNotes: Generated<string>;
	nextSteps: Generated<string>;
	sequence: Generated<number>;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}
export interface CoachingAgendaItemTable {
	id: string;
	talkId: string;
	authorId: string | null;
	text: string;
	createdAt: Timestamp;
}
export interface CoachNoteTable {
	talkId: string;
	coachId: string;
	text: string;
	updatedAt: Timestamp;
}

/** One used post-it place in a round, keyed so that only the writer's phone can tell it is theirs. */
export interface PostitSlotTable {
	stepId: string;
	slotKey: string;
}

export interface DotTable {
	id: string;
	stepId: string;
	postitId: string;
	participantId: string;
	clientId: string;
	createdAt: Timestamp;
}

export type CommitmentState = 'proposed' | 'active' | 'paused' | 'kept' | 'let_go';
export type CommitmentRole =
	| 'connecting'
	| 'advocating'
	| 'initiating'
	| 'facilitating'
	| 'informing'
	| 'supporting'
	| 'guarding';
export type Recurrence = 'none' | 'weeks' | 'session';
export type CheckinMoment = 'start' | 'end';
export type CheckinPoint = 'time' | 'money' | 'information' | 'organisation' | 'quality';
export type FundingSize = 'small' | 'medium' | 'large';
/** Dates a reminder looks for are plain days, YYYY-MM-DD. */
type Day = string;
export interface CommitmentTable {
	id: string;
	networkId: string;
	/** The owner: a member of the network. Co-owners are in commitment_owner. */
	userId: string;
	title: string;
	why: Generated<string>;
	/** The owner's diamond goal, when they linked it. */
	goalId: string | null;
	firstStep: Generated<string>;
	needs: Generated<string>;
	thresholds: Generated<string>;
	state: CommitmentState;
	visibility: Generated<Visibility>;
	/** The session it was born in. */
	sessionId: string | null;
	hundredDays: Generated<string>;
	hundredDaysOn: Day | null;
	rolesOther: Generated<string>;
	valuesText: Generated<string>;
	superpowers: Generated<string>;
	council: Generated<string>;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}
export interface CommitmentOwnerTable {
	commitmentId: string;
	userId: string;
}
export interface CommitmentEventTable {
	id: string;
	commitmentId: string;
	state: CommitmentState;
	reason: Generated<string>;
	byUserId: string | null;
	at: Timestamp;
}
export interface CommitmentRoleTable {
	commitmentId: string;
	role: CommitmentRole;
}
export interface CommitmentSprintTable {
	id: string;
	commitmentId: string;
	startsOn: Day;
	endsOn: Day;
	createdAt: Timestamp;
}
export interface CommitmentActionTable {
	id: string;
	sprintId: string;
	ownerId: string | null;
	title: string;
	dueOn: Day | null;
	recurrence: Generated<Recurrence>;
	everyWeeks: number | null;
	attempts: Generated<number>;
	doneAt: Timestamp | null;
	createdAt: Timestamp;
}
export interface CommitmentCheckinTable {
	id: string;
	sprintId: string;
	moment: CheckinMoment;
	byUserId: string | null;
	at: Timestamp;
}
export interface CommitmentCheckinPointTable {
	checkinId: string;
	point: CheckinPoint;
	score: number;
	note: Generated<string>;
}
export interface CommitmentFundingTable {
	commitmentId: string;
	size: FundingSize;
	funds: Generated<string>;
	source: Generated<string>;
}

export type OfferState = 'offered' | 'accepted' | 'thanked';
/** "I can help": a member's offer for a need of a commitment shared with the network. */
export interface CommitmentOfferTable {
	id: string;
	commitmentId: string;
	userId: string;
	note: string;
	state: OfferState;
	createdAt: Timestamp;
	answeredAt: Timestamp | null;
}
export type ClaimState = 'draft' | 'sent' | 'waiting' | 'claimed';
/**
 * A commitment written on a phone in the room, to be kept by e-mail: held against the place in
 * the session (participant), never against an address (the link carries it, sealed).
 */
export interface CommitmentClaimTable {
	id: string;
	networkId: string;
	sessionId: string;
	participantId: string | null;
	title: string;
	firstStep: Generated<string>;
	needs: Generated<string>;
	thresholds: Generated<string>;
	state: ClaimState;
	linkHash: string | null;
	linksSent: Generated<number>;
	userId: string | null;
	commitmentId: string | null;
	expiresAt: Timestamp;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}
export type MembershipRequestState = 'pending' | 'admitted' | 'declined';
/** A person asks to join a network (after claiming a commitment); coordinators decide. */
export interface MembershipRequestTable {
	id: string;
	networkId: string;
	userId: string;
	sessionId: string | null;
	state: MembershipRequestState;
	rulesAcceptedAt: Timestamp;
	rulesVersion: number;
	createdAt: Timestamp;
	decidedAt: Timestamp | null;
	decidedBy: string | null;
}
/** A progress conversation: a coaching talk about one commitment of the talk's member. */
export interface CommitmentTalkTable {
	talkId: string;
	commitmentId: string;
	linkedAt: Timestamp;
	/** Who linked it; null once they are gone. */
	linkedBy: string | null;
}
export const CHECKIN_OUTCOMES = ['kept', 'partly', 'not_yet'] as const;
export type CheckinOutcome = (typeof CHECKIN_OUTCOMES)[number];
/**
 * A participant's report on one of their open commitments in a commitment check-in step. It
 * changes nothing of the commitment itself; `showLine` is their consent to show the line on
 * the projector (without their name).
 */
export interface CommitmentReportTable {
	id: string;
	stepId: string;
	commitmentId: string;
	participantId: string;
	outcome: CheckinOutcome;
	line: string;
	showLine: number;
	clientId: string;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}
/**
 * An address left on the phone's thank-you screen to receive the session's report. Kept with the
 * session only, with no participant: it ties nobody to what they wrote in the room.
 */
export interface ReportSubscriberTable {
	id: string;
	sessionId: string;
	email: string;
	createdAt: Timestamp;
}
/** A question sent in a Q&A step; no participant in an anonymous step. */
export interface QnaQuestionTable {
	id: string;
	stepId: string;
	participantId: string | null;
	clientId: string;
	text: string;
	isHidden: Generated<number>;
	isAnswered: Generated<number>;
	createdAt: Timestamp;
}
/** One upvote per phone and question, under a key only that phone can make (no person id). */
export interface QnaVoteTable {
	questionId: string;
	voterKey: string;
}
/** A phone's choice in a quick poll, under a key only that phone can make (no person id). */
export interface PollVoteTable {
	stepId: string;
	voterKey: string;
	choice: number;
}
/** A person's wishes for reminders; no row means on, one mail each, the network's time zone. */
export interface ReminderPreferenceTable {
	userId: string;
	enabled: Generated<number>;
	digest: Generated<number>;
	timeZone: string | null;
	updatedAt: Timestamp;
}

export type TipRole = 'peer' | 'boundary_spanner' | 'experience_expert' | 'facilitator';
export type TipCredit = 'name' | 'members' | 'role' | 'anonymous';
export interface LearningCollectionTable {
	id: string;
	networkId: string;
	title: string;
	introduction: Generated<string>;
	sessionId: string | null;
	publishedAt: string | null;
	publicAt: string | null;
	createdBy: string | null;
	createdAt: Timestamp;
}
export type PartnerKind =
	'cultural' | 'social' | 'education' | 'community' | 'business' | 'government' | 'other';
export type PartnerDimension = 'diversity' | 'equal_opportunity' | 'accessibility' | 'inclusion';
// The local approach (module `locality`).
export type LocalPlaceKind = 'municipality' | 'community' | 'neighbourhood';
export type LocalStage = 'baseline' | 'blocks' | 'plan' | 'under_way' | 'review';
export type LocalSourceKind = 'policy' | 'figures' | 'study' | 'other';
export type LocalInterviewRole = 'municipality' | 'community' | 'resident' | 'other';
export type LocalConsent = 'none' | 'notes' | 'quotes';
export type LocalFindingKind = 'conclusion' | 'improvement';
export type LocalBlockKind = 'rebubbling' | 'alliance' | 'mediation' | 'snapshot';
export type LocalTension = 'horizontal' | 'vertical';
export type LocalActionStatus = 'planned' | 'doing' | 'done' | 'dropped';
export type LocalAddressed = 'yes' | 'partly' | 'no';
export interface LocalFrameworkTable {
	id: string;
	networkId: string;
	name: string;
	levels: string;
	createdAt: Timestamp;
}
export interface LocalIndicatorTable {
	id: string;
	frameworkId: string;
	name: string;
	position: number;
}
export interface LocalApproachTable {
	id: string;
	networkId: string;
	name: string;
	placeKind: LocalPlaceKind;
	people: Generated<string>;
	stage: Generated<LocalStage>;
	frameworkId: string | null;
	coordinatorId: string | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}
export interface LocalTeamTable {
	approachId: string;
	userId: string;
}
export interface LocalSnapshotTable {
	id: string;
	approachId: string;
	number: number;
	takenOn: string;
	summary: Generated<string>;
	createdAt: Timestamp;
}
export interface LocalSourceTable {
	id: string;
	snapshotId: string;
	kind: LocalSourceKind;
	title: string;
	line: Generated<string>;
	link: Generated<string>;
	createdAt: Timestamp;
}
export interface LocalInterviewTable {
	id: string;
	snapshotId: string;
	interviewee: string;
	role: LocalInterviewRole;
	heldOn: string;
	interviewerId: string | null;
	consent: LocalConsent;
	createdAt: Timestamp;
}
export interface LocalInterviewNoteTable {
	id: string;
	interviewId: string;
	text: string;
	themes: Generated<string>;
	isQuote: Generated<number>;
	createdBy: string | null;
	createdAt: Timestamp;
}
export interface LocalFindingTable {
	id: string;
	snapshotId: string;
	kind: LocalFindingKind;
	text: string;
	createdAt: Timestamp;
}
export interface LocalFindingBasisTable {
	id: string;
	findingId: string;
	interviewId: string | null;
	sourceId: string | null;
}
export interface LocalIndicatorScoreTable {
	snapshotId: string;
	indicatorId: string;
	level: number;
	evidence: Generated<string>;
}
export interface LocalPointReviewTable {
	snapshotId: string;
	findingId: string;
	addressed: LocalAddressed;
	note: Generated<string>;
}
export interface LocalBlockTable {
	id: string;
	approachId: string;
	kind: LocalBlockKind;
	title: Generated<string>;
	reason: string;
	principles: Generated<string>;
	tension: LocalTension | null;
	parties: Generated<string>;
	outcome: Generated<string>;
	mediatorId: string | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}
export interface LocalBlockBasisTable {
	blockId: string;
	findingId: string;
}
export interface LocalAgreementTable {
	id: string;
	blockId: string;
	what: string;
	who: Generated<string>;
	createdAt: Timestamp;
}
export interface LocalMediationNoteTable {
	id: string;
	blockId: string;
	authorId: string | null;
	text: string;
	createdAt: Timestamp;
}
export interface LocalActionTable {
	id: string;
	approachId: string;
	blockId: string;
	title: string;
	owner: Generated<string>;
	stakeholders: Generated<string>;
	startsOn: Generated<string>;
	dueOn: Generated<string>;
	status: Generated<LocalActionStatus>;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}
export interface PartnerTable {
	id: string;
	networkId: string;
	organisationId: string;
	name: string;
	kind: PartnerKind;
	together: Generated<string>;
	since: Generated<string>;
	contact: Generated<string>;
	notes: Generated<string>;
	isProspective: Generated<number>;
	why: Generated<string>;
	reviewMonths: Generated<number>;
	createdBy: string | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}
export interface PartnerEvaluationTable {
	id: string;
	partnerId: string;
	evaluatedOn: string;
	evaluatedBy: string | null;
	ask: Generated<string>;
	offer: Generated<string>;
	talkOn: Generated<string>;
	createdAt: Timestamp;
	/** `own`: the organisation scored; `partner`: the partner's contact, through a link. */
	source: Generated<PartnerEvaluationSource>;
	respondent: Generated<string>;
}
export type PartnerEvaluationSource = 'own' | 'partner';
export interface PartnerLinkTable {
	id: string;
	partnerId: string;
	tokenHash: string;
	respondent: Generated<string>;
	createdBy: string | null;
	createdAt: Timestamp;
	expiresAt: Timestamp;
	usedAt: Timestamp | null;
	revokedAt: Timestamp | null;
	evaluationId: string | null;
}
export interface PartnerEvidenceFileTable {
	id: string;
	evaluationId: string;
	dimension: PartnerDimension;
	name: string;
	mime: string;
	size: number;
	data: Buffer;
	createdAt: Timestamp;
}
export interface PartnershipShareTable {
	networkId: string;
	organisationId: string;
	sharedBy: string | null;
	sharedAt: Timestamp;
}
export interface PartnerScoreTable {
	evaluationId: string;
	dimension: PartnerDimension;
	level: number;
	evidence: Generated<string>;
}
export type StakeholderKind = 'person' | 'organisation';
export interface StakeholderTable {
	id: string;
	networkId: string;
	name: string;
	organisation: Generated<string>;
	kind: StakeholderKind;
	/** What is in it for them (*mogelijk belang*). */
	win: string;
	influence: number;
	interest: number;
	relation: Generated<string>;
	knownBy: string | null;
	nextMove: Generated<string>;
	nextMoveOn: Generated<string>;
	notes: Generated<string>;
	/** The commitment and action the next move became, while they exist. */
	commitmentId: string | null;
	actionId: string | null;
	createdBy: string | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}
export interface LearningThemeTable {
	id: string;
	networkId: string;
	name: string;
	sessionId: string | null;
	votes: number | null;
	isChosen: Generated<number>;
	createdAt: Timestamp;
}
export interface LearningChallengeTable {
	id: string;
	networkId: string;
	themeId: string | null;
	text: string;
	authorId: string | null;
	organisationId: string | null;
	region: Generated<string>;
	isAnonymous: Generated<number>;
	sessionId: string | null;
	postitId: string | null;
	createdAt: Timestamp;
}
export interface LearningQuestionTable {
	id: string;
	networkId: string;
	themeId: string;
	wording: string;
	isSettled: Generated<number>;
	sessionId: string | null;
	groupId: string | null;
	groupTitle: Generated<string>;
	collectionId: string | null;
	position: Generated<number>;
	introduction: Generated<string>;
	closing: Generated<string>;
	createdBy: string | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}
export interface LearningQuestionGuestTable {
	questionId: string;
	membershipId: string;
}
export interface LearningTipTable {
	id: string;
	questionId: string;
	parentId: string | null;
	giverId: string | null;
	giverRole: TipRole;
	credit: TipCredit;
	text: string;
	practice: Generated<string>;
	resourceId: string | null;
	sessionId: string | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}
export interface LearningSectionTable {
	id: string;
	questionId: string;
	title: string;
	position: number;
}
export interface LearningInsightTable {
	id: string;
	questionId: string;
	sectionId: string | null;
	position: number;
	text: string;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}
export interface LearningInsightTipTable {
	tipId: string;
	insightId: string;
}
export interface LearningInsightRevisionTable {
	id: string;
	insightId: string;
	text: string;
	change: 'created' | 'edited' | 'merged';
	editedBy: string | null;
	editedAt: Timestamp;
}
export interface LearningThanksTable {
	id: string;
	networkId: string;
	userId: string;
	note: string;
	onDay: string;
	recordedBy: string | null;
	createdAt: Timestamp;
}

export interface Database {
	user: UserRef;
	workForm: WorkFormTable;
	networkSession: SessionTable;
	sessionFacilitator: SessionFacilitatorTable;
	agendaStep: AgendaStepTable;
	participant: ParticipantTable;
	postit: PostitTable;
	postitSlot: PostitSlotTable;
	dot: DotTable;
	breakoutGroup: BreakoutGroupTable;
	breakoutMember: BreakoutMemberTable;
	answer: AnswerTable;
	liveEvent: LiveEventTable;
	report: ReportTable;
	reportVersion: ReportVersionTable;
	storedFile: StoredFileTable;
	resource: ResourceTable;
	reportEditor: ReportEditorTable;
	searchDoc: SearchDocTable;
	intent: IntentTable;
	goal: GoalTable;
	goalEvent: GoalEventTable;
	canvas: CanvasTable;
	canvasItem: CanvasItemTable;
	canvasFit: CanvasFitTable;
	conversation: ConversationTable;
	reflection: ReflectionTable;
	coachingRelation: CoachingRelationTable;
	coachingTalk: CoachingTalkTable;
	coachingAgendaItem: CoachingAgendaItemTable;
	coachNote: CoachNoteTable;
	commitment: CommitmentTable;
	commitmentOwner: CommitmentOwnerTable;
	commitmentEvent: CommitmentEventTable;
	commitmentRole: CommitmentRoleTable;
	commitmentSprint: CommitmentSprintTable;
	commitmentAction: CommitmentActionTable;
	commitmentCheckin: CommitmentCheckinTable;
	commitmentCheckinPoint: CommitmentCheckinPointTable;
	commitmentFunding: CommitmentFundingTable;
	reminderPreference: ReminderPreferenceTable;
	commitmentOffer: CommitmentOfferTable;
	commitmentClaim: CommitmentClaimTable;
	membershipRequest: MembershipRequestTable;
	commitmentTalk: CommitmentTalkTable;
	commitmentReport: CommitmentReportTable;
	reportSubscriber: ReportSubscriberTable;
	qnaQuestion: QnaQuestionTable;
	qnaVote: QnaVoteTable;
	pollVote: PollVoteTable;
	network: NetworkTable;
	networkRegion: NetworkRegionTable;
	organisation: OrganisationTable;
	membership: MembershipTable;
	invitation: InvitationTable;
	invitationSend: InvitationSendTable;
	outbox: OutboxTable;
	job: JobTable;
	learningCollection: LearningCollectionTable;
	learningTheme: LearningThemeTable;
	partner: PartnerTable;
	partnerEvaluation: PartnerEvaluationTable;
	partnerScore: PartnerScoreTable;
	partnerLink: PartnerLinkTable;
	partnerEvidenceFile: PartnerEvidenceFileTable;
	partnershipShare: PartnershipShareTable;
	localFramework: LocalFrameworkTable;
	localIndicator: LocalIndicatorTable;
	localApproach: LocalApproachTable;
	localTeam: LocalTeamTable;
	localSnapshot: LocalSnapshotTable;
	localSource: LocalSourceTable;
	localInterview: LocalInterviewTable;
	localInterviewNote: LocalInterviewNoteTable;
	localFinding: LocalFindingTable;
	localFindingBasis: LocalFindingBasisTable;
	localIndicatorScore: LocalIndicatorScoreTable;
	localPointReview: LocalPointReviewTable;
	localBlock: LocalBlockTable;
	localBlockBasis: LocalBlockBasisTable;
	localAgreement: LocalAgreementTable;
	localMediationNote: LocalMediationNoteTable;
	localAction: LocalActionTable;
	stakeholder: StakeholderTable;
	learningChallenge: LearningChallengeTable;
	learningQuestion: LearningQuestionTable;
	learningQuestionGuest: LearningQuestionGuestTable;
	learningTip: LearningTipTable;
	learningSection: LearningSectionTable;
	learningInsight: LearningInsightTable;
	learningInsightTip: LearningInsightTipTable;
	learningInsightRevision: LearningInsightRevisionTable;
	learningThanks: LearningThanksTable;
}

/** The auth tables are addressed without the camel-case plugin: their columns are camelCase already. */
/** better-auth's one-time values: reset, sign-in link and our undo tokens, identifiers hashed. */
export interface VerificationTable {
	id: string;
	identifier: string;
	value: string;
	expiresAt: Date | string;
	createdAt: Date | string;
	updatedAt: Date | string;
}

/** better-auth's sign-in sessions (not a network's sessions: that is networkSession). */
export interface AuthSessionTable {
	id: string;
	token: string;
	userId: string;
	expiresAt: Date | string;
}

export interface AuthAccountTable {
	id: string;
	userId: string;
	providerId: string;
	password: string | null;
	updatedAt: Date | string;
}

export interface AuthDatabase {
	user: UserTable;
	verification: VerificationTable;
	session: AuthSessionTable;
	account: AuthAccountTable;
}

export type Network = Selectable<NetworkTable>;
export type NewNetwork = Insertable<NetworkTable>;
export type NetworkUpdate = Updateable<NetworkTable>;
export type Organisation = Selectable<OrganisationTable>;
export type Membership = Selectable<MembershipTable>;
export type Invitation = Selectable<InvitationTable>;
export type Session = Selectable<SessionTable>;
export type AgendaStep = Selectable<AgendaStepTable>;
export type WorkForm = Selectable<WorkFormTable>;
