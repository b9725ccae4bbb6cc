/**
 * The shape of the house (../shared/STYLE.md), checked in CI by `npm run check:deps`:
 * no import cycles between files (between modules: see modules/network/module-shape.test.ts);
 * routes never reach a repository; a repository never calls a service; a module uses another
 * only through that module's index.ts or a *.schema.ts.
 */
module.exports = {
	forbidden: [
		{
			name: 'no-cycles',
			severity: 'error',
			comment: 'Modules that import each other in a circle cannot be understood (or tested) alone.',
			from: { path: '^src/' },
			to: { circular: true }
		},
		{
			name: 'route-to-repository',
			severity: 'error',
			comment: 'Routes are thin: they call one service function, never a query.',
			from: { path: '^src/routes/' },
			to: { path: '\\.repository\\.ts$' }
		},
		{
			name: 'repository-to-service',
			severity: 'error',
			comment: 'Repositories hold queries only; use cases live in services.',
			from: { path: '\\.repository\\.ts$' },
			to: { path: '\\.service\\.ts$' }
		},
		{
			name: 'module-to-other-repository',
			severity: 'error',
			comment: "A module uses another module through that module's index.ts, never its queries.",
			from: { path: '^src/lib/server/modules/([^/]+)/' },
			to: {
				path: '^src/lib/server/modules/[^/]+/.+\\.repository\\.ts$',
				pathNot: '^src/lib/server/modules/$1/'
			}
		},
		{
			name: 'module-to-other-internals',
			severity: 'error',
			comment:
				"A module reads another only through that module's index.ts (read functions, types) or its " +
				'*.schema.ts (contracts); its services, policies, repositories and the rest are its own. ' +
				'Tests may set up state through any module.',
			from: {
				path: '^src/lib/server/modules/([^/]+)/',
				pathNot: '\\.test\\.ts$'
			},
			to: {
				path: '^src/lib/server/modules/[^/]+/',
				pathNot: [
					'^src/lib/server/modules/$1/',
					'^src/lib/server/modules/[^/]+/index\\.ts$',
					'^src/lib/server/modules/[^/]+/[^/]+\\.schema\\.ts$'
				]
			}
		},
		{
			name: 'driver-outside-db',
			severity: 'error',
			comment: 'Only db/ and repositories touch the database driver.',
			from: {
				path: '^src/',
				pathNot: [
					'^src/lib/server/db/',
					'\\.repository\\.ts$',
					'\\.test\\.ts$',
					'^src/lib/server/testing/',
					// Infrastructure on the PostgreSQL pool: the live relay's LISTEN connection.
					'^src/lib/server/live/pg-relay\\.ts$'
				]
			},
			to: {
				path: 'node_modules/(better-sqlite3|pg)/',
				dependencyTypesNot: ['type-only', 'type-import']
			}
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: '^src/lib/paraglide/' },
		tsPreCompilationDeps: true,
		combinedDependencies: true,
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types'],
			extensions: ['.ts', '.js', '.svelte', '.mjs']
		},
		reporterOptions: { text: { highlightFocused: true } }
	}
};
