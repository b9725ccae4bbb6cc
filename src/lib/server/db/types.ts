import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Roles a person can hold in a learning network. Mirrored by a CHECK constraint. */
export const ROLES = [
	'coordinator',
	'facilitator',
	'participant',
	'boundary_spanner',
	'experience_expert'
] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['nl', 'en', 'fr'] as const;
export type AppLocale = (typeof LOCALES)[number];

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

export interface OutboxTable {
	id: string;
	toAddress: string;
	subject: string;
	text: string;
	html: string;
	createdAt: Timestamp;
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

export interface Database {
	user: UserRef;
	network: NetworkTable;
	networkRegion: NetworkRegionTable;
	organisation: OrganisationTable;
	membership: MembershipTable;
	invitation: InvitationTable;
	outbox: OutboxTable;
}

/** The auth tables are addressed without the camel-case plugin: their columns are camelCase already. */
export interface AuthDatabase {
	user: UserTable;
}

export type Network = Selectable<NetworkTable>;
export type NewNetwork = Insertable<NetworkTable>;
export type NetworkUpdate = Updateable<NetworkTable>;
export type Organisation = Selectable<OrganisationTable>;
export type Membership = Selectable<MembershipTable>;
export type Invitation = Selectable<InvitationTable>;
