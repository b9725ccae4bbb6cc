import type { ComponentProps } from 'svelte';
import type ConversationFields from '#lib/components/ConversationFields.svelte';
import type SessionForm from '#lib/components/SessionForm.svelte';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { fieldError, fieldValue, formFor, type FormState } from '#lib/form-state.ts';
import { DomainError } from './errors.ts';
import {
	contractFields,
	isRefused,
	keepTyped,
	noFields,
	prefixErrors,
	runForm,
	unprefixed,
	which,
	withItems,
	type FormFields
} from './forms.ts';
import { invitationInput, organisationInput } from './modules/network/network.schema.ts';
import { parseInput } from './validation.ts';

/** The data of a refused form, or a failed test. */
function refused<T>(result: T) {
	if (!isRefused(result)) throw new Error('the form was not refused');
	return result;
}

describe('forms typed by their contract', () => {
	// The organisation form (OrganisationFields.svelte) reads these names; a contract that renames
	// one fails here and in svelte-check, not silently on the page.
	it('takes its field names from the contract', () => {
		expectTypeOf<FormFields<typeof organisationInput>>().toEqualTypeOf<
			'name' | 'sector' | 'region' | 'website'
		>();
		expect(contractFields(organisationInput).sort()).toEqual(
			['name', 'region', 'sector', 'website'].sort()
		);
		expect(contractFields(invitationInput).sort()).toEqual(
			['email', 'guestUntil', 'organisationId', 'role'].sort()
		);
	});

	it('refuses bad input with errors on the contract fields and the values kept', async () => {
		const values = { name: '', website: 'no site', extra: 'x', password: 'secret' };
		const result = refused(
			await runForm(organisationInput, values, async () => parseInput(organisationInput, values))
		);
		expectTypeOf(result.data).toEqualTypeOf<FormState<'name' | 'sector' | 'region' | 'website'>>();
		expectTypeOf(result.data.errors[0]!.field).toEqualTypeOf<
			'name' | 'sector' | 'region' | 'website' | 'form'
		>();
		expect(result.status).toBe(400);
		expect(result.data.errors.map((e) => e.field).sort()).toEqual(['name', 'website']);
		// Only the contract's fields come back: not the stray one, never a password.
		expect(result.data.values).toEqual({ name: '', website: 'no site' });
		expect(fieldError(result.data, 'website')).not.toBe('');
		expect(fieldValue(result.data, 'website')).toBe('no site');
	});

	it('shows the error of a field the contract lacks on the form as a whole', async () => {
		const result = refused(
			await runForm(noFields, { jobId: 'j1' }, async () => {
				throw new DomainError('conflict', 'error_conflict_retry', 'jobId');
			})
		);
		expectTypeOf(result.data.errors[0]!.field).toEqualTypeOf<'form'>();
		expect(result.status).toBe(409);
		expect(result.data.errors.map((e) => e.field)).toEqual(['form']);
		expect(result.data.values).toEqual({});
	});

	it('keeps the ticked items of a form and puts the error of their group next to them', async () => {
		const values = { text: 'Een conclusie', 'interview-i1': 'on', 'source-s2': 'on', other: 'x' };
		const result = refused(
			await runForm(
				withItems(noFields, ['interview-', 'source-'], ['basis'])(values),
				values,
				async () => {
					throw new DomainError('invalid', 'error_local_basis', 'basis');
				}
			)
		);
		expect(result.data.values).toEqual({ 'interview-i1': 'on', 'source-s2': 'on' });
		expect(result.data.errors.map((e) => e.field)).toEqual(['basis']);
	});

	it('puts the errors of a renamed field under the name the page uses', async () => {
		const contract = z.object({ email: z.email('error_email') });
		const values = { magicEmail: 'nope' };
		const result = refused(
			await runForm(
				contract,
				values,
				async () => parseInput(contract, { email: values.magicEmail }),
				{ email: 'magicEmail' }
			)
		);
		expectTypeOf(result.data.errors[0]!.field).toEqualTypeOf<'magicEmail' | 'form'>();
		expect(result.data.errors.map((e) => e.field)).toEqual(['magicEmail']);
		expect(result.data.values).toEqual({ magicEmail: 'nope' });
	});

	it('keeps the typed values of fields the contract holds as a record or list', async () => {
		const contract = z.object({ intro: z.string(), notes: z.record(z.string(), z.string()) });
		const values = { intro: 'Hallo', 'note:s1': 'Wat we leerden', coOwner_u1: 'on' };
		const refusedSave = await runForm(contract, values, async () => {
			throw new DomainError('conflict', 'error_conflict_retry');
		});
		const kept = refused(
			keepTyped<typeof refusedSave, `note:${string}` | `coOwner_${string}`>(refusedSave, {
				'note:s1': values['note:s1'],
				coOwner_u1: 'on',
				newPassword: 'secret'
			})
		);
		// Without it only `intro` came back, and the section's note was lost from its field.
		expect(kept.data.values).toEqual({
			intro: 'Hallo',
			'note:s1': 'Wat we leerden',
			coOwner_u1: 'on'
		});
		expect(fieldValue(kept.data, 'note:s1')).toBe('Wat we leerden');
		// A form that went through is left alone.
		expect(keepTyped(await runForm(contract, values, async () => 'ok'), { 'note:s1': 'x' })).toBe(
			'ok'
		);
	});

	it('names which form was refused and re-prefixes a repeated form', async () => {
		const raw = { _prefix: 'e1-', 'e1-name': '', visibility: 'private' };
		const { prefix, values } = unprefixed(raw);
		const contract = organisationInput.extend({ visibility: z.string() });
		const result = refused(
			prefixErrors(
				which(
					await runForm(contract, values, async () => parseInput(organisationInput, values)),
					'edit-1'
				),
				prefix
			)
		);
		expect(result.data.which).toBe('edit-1');
		expect(result.data.errors.map((e) => e.field)).toEqual(['e1-name']);
		expect(result.data.values).toEqual({ 'e1-name': '', visibility: 'private' });
		const form: typeof result.data | { message: string } | null = result.data;
		expect(fieldError(formFor(form, 'edit-1'), 'e1-name')).not.toBe('');
		expect(formFor(form, 'other')).toBeNull();
	});
});

// Type-level: a field name the contract does not have is an error where a page reads it.
function pageReads(form: FormState<FormFields<typeof organisationInput>> | null) {
	// @ts-expect-error 'title' is not a field of the organisation contract
	fieldError(form, 'title');
	// @ts-expect-error 'title' is not a field of the organisation contract
	fieldValue(form, 'title');
	return fieldError(form, 'name') + fieldValue(form, 'sector');
}
void pageReads;

// Type-level: a component takes the form of its own contract, so a page cannot hand it another
// form's state, and the component cannot read a field its contract lacks.
type SessionFormView = NonNullable<ComponentProps<typeof SessionForm>['form']>;
type ConversationView = NonNullable<ComponentProps<typeof ConversationFields>['form']>;
function componentReads(
	session: SessionFormView,
	conversation: ConversationView,
	organisation: FormState<FormFields<typeof organisationInput>>
) {
	// @ts-expect-error 'name' is not a field of the session contract
	fieldError(session, 'name');
	// @ts-expect-error an organisation's form is not a session's
	const wrong: SessionFormView = organisation;
	// A repeated form's fields carry their copy's prefix; the visibility choice keeps its name.
	return [wrong, fieldError(session, 'title'), fieldError(conversation, 'e1-withWhom')];
}
void componentReads;
