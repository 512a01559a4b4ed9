/**
 * Test-only helpers: read the published IRT reference data in tests/fixtures/reference/irt (a copy of
 * the team's shared/data/irt). Imported by *.spec.ts files only, never by the engine.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const IRT_DATA_DIR = path.resolve(process.cwd(), 'tests/fixtures/reference/irt');

/** A 0/1 response CSV with one header line (lsat6_full.csv, lsat7_full.csv). */
export function readResponseCsv(name: string): (0 | 1)[][] {
	const lines = readFileSync(path.join(IRT_DATA_DIR, name), 'utf8').trim().split(/\r?\n/).slice(1);
	return lines.map((line) =>
		line.split(',').map((value): 0 | 1 => {
			if (value.trim() === '1') return 1;
			if (value.trim() === '0') return 0;
			throw new Error(`${name}: unexpected value ${value}`);
		})
	);
}

export function readJson<T>(name: string): T {
	return JSON.parse(readFileSync(path.join(IRT_DATA_DIR, name), 'utf8')) as T;
}

export type PublishedEstimate = {
	id: string;
	a: number | number[];
	b: number[];
	se_a?: number | number[];
	se_b?: number[];
	logLik: number;
	corroboration?: {
		irtQ_est_irt_doc?: { a?: number | number[]; b?: number[]; se_a?: number; se_b?: number[] };
		mirt_quadrature_sensitivity_logLik?: { rect21: number; rect61: number; rect121: number };
	};
};

export function publishedEstimate(id: string): PublishedEstimate {
	const { estimates } = readJson<{ estimates: PublishedEstimate[] }>('published/params.json');
	const found = estimates.find((entry) => entry.id === id);
	if (!found) throw new Error(`params.json has no estimate ${id}`);
	return found;
}

export type ScoringReference = {
	id: string;
	item_parameters: { a: number[]; b: number[] };
	patterns: { pattern: string; freq: number; theta: number; se: number }[];
};

export function scoringReference(id: string): ScoringReference {
	const { references } = readJson<{ references: ScoringReference[] }>('published/scoring.json');
	const found = references.find((entry) => entry.id === id);
	if (!found) throw new Error(`scoring.json has no reference ${id}`);
	return found;
}
