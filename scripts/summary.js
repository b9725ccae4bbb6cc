// Prints one closing line over every runner's JSON report: "N passed, N failed, N skipped".
import fs from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
	if (!fs.existsSync(file)) {
		console.error(`missing test report ${file}`);
		failed += 1;
		continue;
	}
	const r = JSON.parse(fs.readFileSync(file, 'utf8'));
	if (r.numPassedTests !== undefined) {
		passed += r.numPassedTests;
		failed += r.numFailedTests;
		skipped += r.numPendingTests + (r.numTodoTests ?? 0);
	} else if (r.stats) {
		passed += r.stats.expected + r.stats.flaky;
		failed += r.stats.unexpected;
		skipped += r.stats.skipped;
	}
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
