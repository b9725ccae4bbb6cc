import { endRelationsOfCoach, forgetMember } from '../trajectory/index.ts';
import { forgetMemberCommitments } from '../commitment/index.ts';
import { addDays } from '#lib/dates.ts';
import { iso, type Actor, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { findActiveMembershipById, updateMembership } from './membership.repository.ts';
import { isLeadingRole } from './network.policy.ts';
import { requireCoordinator, requireMember } from './network.read.ts';
import * as repo from './network.repository.ts';
import { memberFilter, roleChange } from './network.schema.ts';

/** Every member sees who else is in the network; e-mail addresses only for coordinators. */
export async function listMembers(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	rawFilter: unknown
) {
	const me = await requireMember(ctx, actor, networkId);
	const filter = memberFilter.parse(rawFilter ?? {});
	const rows = await repo.listMembers(ctx.db, networkId, filter, iso(ctx.now()));
	const canSeeEmail = me.role === 'coordinator';
	return rows.map((r) => ({
		...r,
		email: canSeeEmail ? r.email : null,
		isMe: r.userId === me.userId
	}));
}

async function findMemberOfNetwork(ctx: Ctx, networkId: string, membershipId: string) {
	const row = await findActiveMembershipById(ctx.db, networkId, membershipId);
	if (!row) throw notFound();
	return row;
}

/**
 * A network always keeps at least one coordinator. The no-op update takes the network row's
 * lock first (PostgreSQL row lock; SQLite locks the whole database anyway), so two coordinators
 * stepping down at the same moment are counted one after the other.
 */
async function assertNotLastCoordinator(ctx: Ctx, networkId: string, role: string) {
	await repo.lockNetwork(ctx.db, networkId);
	if (role !== 'coordinator') return;
	if ((await repo.countCoordinators(ctx.db, networkId)) <= 1) {
		throw new DomainError('conflict', 'error_last_coordinator');
	}
}

export async function changeRole(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	await requireCoordinator(ctx, actor, networkId);
	const input = parseInput(roleChange, raw);
	await ctx.db.transaction().execute(async (trx) => {
		const tctx = { ...ctx, db: trx };
		const target = await findMemberOfNetwork(tctx, networkId, input.membershipId);
		if (target.role === input.role) return;
		await assertNotLastCoordinator(tctx, networkId, target.role);
		await updateMembership(trx, target.id, {
			role: input.role,
			// A guest is a guest for a limited time: 30 days unless a date was set before.
			guestUntil:
				input.role === 'boundary_spanner'
					? (target.guestUntil ?? iso(addDays(ctx.now(), 30)))
					: null
		});
		// Someone who may no longer coach stops being anyone's coach: what members shared with
		// their coach is no longer theirs to read (their past talks stay with the two of them).
		if (!isLeadingRole(input.role))
			await endRelationsOfCoach(trx, iso(ctx.now()), networkId, target.userId);
	});
}

/**
 * Removing keeps the membership row (status "removed") so whatever the person contributed
 * stays, shown as written by "a former member".
 */
export async function removeMember(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	membershipId: string
) {
	await requireCoordinator(ctx, actor, networkId);
	await ctx.db.transaction().execute(async (trx) => {
		const tctx = { ...ctx, db: trx };
		const target = await findMemberOfNetwork(tctx, networkId, membershipId);
		await assertNotLastCoordinator(tctx, networkId, target.role);
		await updateMembership(trx, target.id, { status: 'removed', removedAt: iso(ctx.now()) });
		await forgetMember(trx, networkId, target.userId);
		await forgetMemberCommitments(trx, networkId, target.userId);
	});
}

export async function leaveNetwork(ctx: Ctx, actor: Actor, networkId: string) {
	const me = await requireMember(ctx, actor, networkId);
	await ctx.db.transaction().execute(async (trx) => {
		await assertNotLastCoordinator({ ...ctx, db: trx }, networkId, me.role);
		await updateMembership(trx, me.id, { status: 'removed', removedAt: iso(ctx.now()) });
		await forgetMember(trx, networkId, actor.userId);
		await forgetMemberCommitments(trx, networkId, actor.userId);
	});
}
