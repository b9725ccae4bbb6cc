import type { Attachment } from 'svelte/attachments';

/**
 * A character count under a text field (the GOV.UK pattern): how many characters are left,
 * shown as one types, and said to a screen reader once typing pauses, not at every key. The
 * count lives in the element with id `countId` (visible) and `${countId}-said` (a polite live
 * region). Without JavaScript the field's hint states the maximum, and `maxlength` holds it.
 */
export function charCount(
	max: number,
	countId: string,
	text: (left: number, max: number) => string
): Attachment<HTMLTextAreaElement | HTMLInputElement> {
	return (field) => {
		const shown = document.getElementById(countId);
		const said = document.getElementById(`${countId}-said`);
		let pause: ReturnType<typeof setTimeout> | undefined;
		const update = (speak: boolean) => {
			const left = max - field.value.length;
			if (shown) {
				shown.textContent = text(left, max);
				shown.classList.toggle('char-count-near', left <= Math.max(10, max * 0.1));
			}
			clearTimeout(pause);
			if (speak && said)
				pause = setTimeout(() => {
					said.textContent = text(left, max);
				}, 1000);
		};
		const typed = () => update(true);
		// The outbox empties the field when it takes the post: count again after it did.
		const sent = () => setTimeout(() => update(false), 0);
		update(false);
		field.addEventListener('input', typed);
		field.form?.addEventListener('submit', sent);
		field.form?.addEventListener('reset', sent);
		return () => {
			clearTimeout(pause);
			field.removeEventListener('input', typed);
			field.form?.removeEventListener('submit', sent);
			field.form?.removeEventListener('reset', sent);
		};
	};
}
