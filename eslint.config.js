import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			// Olievlek is served from the root (no `paths.base`), and many links carry query
			// strings or come from data; resolve() would add noise without a benefit.
			'svelte/no-navigation-without-resolve': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser }
		}
	},
	{
		// The house's rule: every query lives in a repository (`<module>.repository.ts`); services,
		// policies, routes and components call repository functions. db/ (connection, migrations,
		// backup) and tests are the exceptions.
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		ignores: [
			'src/**/*.repository.ts',
			'src/lib/server/db/**',
			'src/**/*.test.ts',
			'src/lib/server/testing/**'
		],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector:
						'CallExpression[callee.property.name=/^(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|with)$/]',
					message: 'Queries live in a repository (<module>.repository.ts), not here.'
				},
				{
					selector: "TaggedTemplateExpression[tag.name='sql']",
					message: 'SQL lives in a repository (<module>.repository.ts), not here.'
				},
				{
					selector: "CallExpression[callee.property.name='prepare']",
					message: 'Prepared statements live in a repository (<module>.repository.ts), not here.'
				}
			]
		}
	},
	{
		// Migrations are typed as Kysely<any>: they must not change when the table types do.
		files: ['src/lib/server/db/migrations/**'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' }
	},
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'src/lib/paraglide/',
			'data/',
			'test-results/',
			'playwright-report/',
			'.tmp/'
		]
	}
);
