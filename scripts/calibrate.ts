// Recalibrates a placement bank from the stored responses and prints old vs new parameters.
//   npm run calibrate -- --bank vi                 dry run: prints the table, stores nothing
//   npm run calibrate -- --bank vi --apply         stores the items marked "store"
//   options: --min-responses N (default 100), --no-slope-prior
// Uses DATABASE_URL (PostgreSQL) or the embedded database in $DATA_DIR/pglite, like the app.
import { parseArgs } from 'node:util';
import { createDb } from '../src/lib/server/db/client';
import {
	applyCalibration,
	planCalibration,
	type CalibrationRow
} from '../src/lib/server/placement/calibration';

const { values } = parseArgs({
	options: {
		bank: { type: 'string' },
		apply: { type: 'boolean', default: false },
		'min-responses': { type: 'string', default: '100' },
		'no-slope-prior': { type: 'boolean', default: false }
	}
});
if (!values.bank) {
	console.error(
		'Usage: npm run calibrate -- --bank vi|lo [--apply] [--min-responses N] [--no-slope-prior]'
	);
	process.exit(2);
}
const bankId = values.bank.includes('-') ? values.bank : `${values.bank}-placement`;

const dataDir = process.env.DATA_DIR || './data';
const handle = await createDb({
	databaseUrl: process.env.DATABASE_URL || undefined,
	pgliteDir: process.env.PGLITE_DIR || `${dataDir}/pglite`
});
try {
	const plan = await planCalibration(handle.db, bankId, {
		minResponses: Number(values['min-responses']),
		slopePrior: values['no-slope-prior'] ? null : undefined
	});
	if (plan.rows.length === 0) {
		console.error(`No items in bank ${bankId}.`);
		process.exit(1);
	}
	const f = (x: number | null | undefined, digits = 2) =>
		x === null || x === undefined ? '—' : Number.isFinite(x) ? x.toFixed(digits) : '∞';
	const line = (r: CalibrationRow) =>
		[
			r.id.padEnd(16),
			String(r.level).padStart(3),
			r.role.padEnd(9),
			String(r.responses).padStart(6),
			`${f(r.before.a)} / ${f(r.before.b)}`.padStart(14),
			`${f(r.after?.a)} (${f(r.standardError?.a)})`.padStart(14),
			`${f(r.after?.b)} (${f(r.standardError?.b)})`.padStart(15),
			f(r.infit).padStart(6),
			f(r.outfit).padStart(7),
			r.flag.padEnd(11),
			r.willStore ? 'store' : ''
		].join(' ');
	console.log(
		`Bank ${bankId}: ${plan.respondents} respondents, EM ${plan.converged ? 'converged' : 'did NOT converge'} in ${plan.iterations} cycles, log-likelihood ${plan.logLik.toFixed(2)}`
	);
	console.log(
		[
			'item'.padEnd(16),
			'lvl',
			'role'.padEnd(9),
			'     n',
			'   old a / b'.padStart(14),
			'new a (SE)'.padStart(14),
			'new b (SE)'.padStart(15),
			' infit',
			' outfit',
			'flag'.padEnd(11),
			''
		].join(' ')
	);
	for (const row of plan.rows) console.log(line(row));
	const storable = plan.rows.filter((r) => r.willStore).length;
	console.log(
		`\n${storable} items can be stored (estimated, ≥ ${plan.minResponses} responses, finite SE). Fit mean-squares outside 0.7–1.3 deserve review.`
	);
	if (values.apply) {
		const stored = await applyCalibration(handle.db, plan);
		console.log(`Stored new parameters for ${stored} items.`);
	} else if (storable > 0) {
		console.log('Dry run: nothing stored. Run again with --apply to store them.');
	}
} finally {
	await handle.close();
}
