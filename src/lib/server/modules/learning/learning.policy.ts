import type { Membership } from '../../db/types.ts';
import { isLeadingRole } from '../network/index.ts';
import type { TipCredit, TipRole } from './learning.schema.ts';

/**
 * Who may do what with learning questions, decided from the facts handed in (no queries).
 * Every member reads challenges, themes, questions and tips; the leaders (coordinators and
 * facilitators) shape them: themes, questions, curation and publishing. Collected insights are
 * read by members once published, and by the public only when made public.
 */
export const canShape = (m: Membership) => isLeadingRole(m.role);

/** The roles a member may give a tip in: their own, and "peer" or "experience expert" always. */
export function tipRolesFor(m: Membership): TipRole[] {
	if (isLeadingRole(m.role))
		return ['facilitator', 'peer', 'boundary_spanner', 'experience_expert'];
	if (m.role === 'boundary_spanner') return ['boundary_spanner', 'peer', 'experience_expert'];
	if (m.role === 'experience_expert') return ['experience_expert', 'peer'];
	return ['peer', 'experience_expert'];
}
export const defaultTipRole = (m: Membership): TipRole => tipRolesFor(m)[0]!;

/** A tip's giver changes its wording and credit; a leader may also remove it (moderation). */
export const canChangeTip = (m: Membership, tip: { giverId: string | null }) =>
	tip.giverId !== null && tip.giverId === m.userId;
export const canRemoveTip = (m: Membership, tip: { giverId: string | null }) =>
	canChangeTip(m, tip) || canShape(m);

/** Who is looking: a member of the network (the giver sees their own tip as theirs), or the public. */
export type Audience = { kind: 'member'; userId: string } | { kind: 'public' };

export interface Credit {
	/** The giver's name, when their choice lets this audience see it. */
	name: string | null;
	/** The role the tip was given in, unless the giver chose to be anonymous. */
	role: TipRole | null;
	/** The viewer gave this tip (only ever true for a member). */
	isOwn: boolean;
}

/**
 * The one rule for credits, used by every output (the page, the public page, Word, PDF,
 * Markdown, search): a name shows only where its giver allowed it, a role unless anonymous.
 */
export function creditFor(
	tip: { giverId: string | null; giverRole: TipRole; credit: TipCredit },
	giverName: string | null,
	audience: Audience
): Credit {
	const isOwn =
		audience.kind === 'member' && tip.giverId !== null && tip.giverId === audience.userId;
	const nameAllowed =
		tip.credit === 'name' || (tip.credit === 'members' && audience.kind === 'member');
	return {
		name: nameAllowed ? giverName : null,
		role: tip.credit === 'anonymous' ? null : tip.giverRole,
		isOwn
	};
}
