/**
 * An item's calibrated IRT parameters in an exchange file, the same fields in both formats: QTI as the
 * attributes of an `irt` element in our `mittaphap-item` metadata (QTI's own item statistics live in a
 * separate usage-data file that partners' systems rarely read or write), Moodle XML as tags
 * `mittaphap-irt-<field>:<value>`. Fields: `a`, `b`, `c` on the logistic metric with D = 1 (see
 * `../README.md`), `a-se` and `b-se` their standard errors, `responses` the answers they rest on.
 * Numbers are written with JavaScript's shortest round-trip form, so a file read back gives the same
 * doubles.
 */
import type { ItemParameters } from '../bank-file';

const FIELDS = ['a', 'b', 'c', 'a-se', 'b-se', 'responses'] as const;
type Field = (typeof FIELDS)[number];

/** The fields to write, in a fixed order; none for an item without calibrated parameters. */
export function parameterFields(parameters: ItemParameters | undefined): [Field, string][] {
	if (!parameters) return [];
	const fields: [Field, string][] = [
		['a', String(parameters.a)],
		['b', String(parameters.b)],
		['c', String(parameters.c)]
	];
	if (parameters.aStandardError !== undefined)
		fields.push(['a-se', String(parameters.aStandardError)]);
	if (parameters.bStandardError !== undefined)
		fields.push(['b-se', String(parameters.bStandardError)]);
	if (parameters.responses !== undefined) fields.push(['responses', String(parameters.responses)]);
	return fields;
}

/**
 * The parameters read back through `get` (a field's text, or undefined): undefined when the item
 * carries none; `{ bad }` with the offending field when some are present but not usable — a and b
 * are both required, a > 0, 0 ≤ c < 1, standard errors > 0, responses a whole number ≥ 0.
 */
export function readParameters(
	get: (field: Field) => string | undefined
): ItemParameters | undefined | { bad: string } {
	if (FIELDS.every((field) => get(field) === undefined)) return undefined;
	const number = (field: Field) => {
		const text = get(field)?.trim();
		return text === undefined || text === '' ? undefined : Number(text);
	};
	const a = number('a');
	const b = number('b');
	const c = number('c') ?? 0;
	const aSe = number('a-se');
	const bSe = number('b-se');
	const responses = number('responses');
	const show = (field: Field) => `${field}=${get(field) ?? ''}`;
	if (a === undefined || !Number.isFinite(a) || a <= 0) return { bad: show('a') };
	if (b === undefined || !Number.isFinite(b)) return { bad: show('b') };
	if (!(c >= 0 && c < 1)) return { bad: show('c') };
	if (aSe !== undefined && !(aSe > 0 && Number.isFinite(aSe))) return { bad: show('a-se') };
	if (bSe !== undefined && !(bSe > 0 && Number.isFinite(bSe))) return { bad: show('b-se') };
	if (responses !== undefined && !(Number.isInteger(responses) && responses >= 0))
		return { bad: show('responses') };
	return {
		a,
		b,
		c,
		...(aSe !== undefined ? { aStandardError: aSe } : {}),
		...(bSe !== undefined ? { bStandardError: bSe } : {}),
		...(responses !== undefined ? { responses } : {})
	};
}
