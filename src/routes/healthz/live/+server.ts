import { error } from '@sveltejs/kit';
import { liveMetrics } from '#lib/server/live/hub.ts';
import type { RequestHandler } from './$types';

/**
 * Server-side latency of the live hub (publish → written to the last connection), for
 * bench/live. Only answers when the server was started with LIVE_METRICS=1.
 */
export const GET: RequestHandler = ({ url }) => {
	const metrics = liveMetrics(url.searchParams.has('reset'));
	if (!metrics.enabled) error(404, 'Not found');
	const memory = process.memoryUsage();
	return Response.json({ ...metrics, rssBytes: memory.rss, memory });
};
