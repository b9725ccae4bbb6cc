import * as m from '#lib/paraglide/messages.js';
import { creditLine } from '#lib/learning.ts';
import type { Actor, Ctx } from '../../context.ts';
import {
	renderDocument,
	type Block,
	type DocumentFile,
	type DocumentFormat,
	type ListItem
} from '../../documents/index.ts';
import { notFound } from '../../errors.ts';
import { withLocale } from '../../i18n/locale.ts';
import { memberCollection, publicCollection, type CollectionView } from './view.ts';

const credits = (list: { credit: { name: string | null; role: string | null } }[]) =>
	[...new Set(list.map((s) => creditLine(s.credit)))].join('; ');

/**
 * The collected insights in the structure people know from such publications: per learning
 * question its heading, its insights as a list with sub-tips, good practices and credits.
 */
export function collectionBlocks(v: CollectionView): Block[] {
	const blocks: Block[] = [{ type: 'heading', level: 1, text: v.collection.title }];
	if (v.collection.introduction)
		blocks.push({ type: 'paragraph', text: v.collection.introduction });
	for (const q of v.questions) {
		blocks.push({ type: 'heading', level: 2, text: q.wording });
		if (q.introduction) blocks.push({ type: 'paragraph', text: q.introduction });
		if (!q.groups.length) blocks.push({ type: 'paragraph', text: m.insights_none() });
		for (const g of q.groups) {
			if (g.title) blocks.push({ type: 'heading', level: 3, text: g.title });
			blocks.push({
				type: 'list',
				ordered: false,
				items: g.insights.map((i): ListItem => ({
					text: `${i.text} (${m.insight_from({ credits: credits(i.sources) })})`,
					items: [
						...i.subTips.map((s) => `${s.text} (${creditLine(s.credit)})`),
						...i.practices.map((p) => m.insight_practice({ practice: p })),
						...i.resources.map((r) => m.insight_resource({ title: r.title }))
					]
				}))
			});
		}
		if (q.closing) blocks.push({ type: 'paragraph', text: q.closing });
	}
	return blocks;
}

/**
 * A collection as Markdown, Word or PDF, in the network's language: for a member (actor) once
 * published, or as the public page shows it (actor null), credits as that audience may see them.
 */
export async function collectionDocument(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	collectionId: string,
	format: DocumentFormat
): Promise<DocumentFile> {
	const view = actor
		? await memberCollection(ctx, actor, networkId, collectionId)
		: await publicCollection(ctx, collectionId);
	if (view.network.id !== networkId) throw notFound();
	return render(ctx, view, format);
}

/** The public page's collection as a document: only once made public, credited for the public. */
export async function publicCollectionDocument(
	ctx: Ctx,
	collectionId: string,
	format: DocumentFormat
): Promise<DocumentFile> {
	return render(ctx, await publicCollection(ctx, collectionId), format);
}

function render(ctx: Ctx, view: CollectionView, format: DocumentFormat) {
	const lang = view.network.language;
	const blocks = withLocale(lang, ctx.publicUrl, () => collectionBlocks(view));
	return renderDocument(format, {
		blocks,
		lang,
		title: view.collection.title,
		fallback: 'inzichten'
	});
}
