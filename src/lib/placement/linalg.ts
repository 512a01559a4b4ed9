/**
 * The one piece of dense linear algebra the calibration needs: the diagonal of the inverse of a symmetric
 * positive-definite matrix (the information matrix), for standard errors.
 */

/**
 * Diagonal of A⁻¹ for a symmetric positive-definite n×n matrix A (row-major), via the Cholesky factor
 * A = L Lᵀ: with M = L⁻¹, (A⁻¹)_ii = Σ_k M_ki². O(n³/3) time, O(n²) memory.
 *
 * Returns null if A is not numerically positive definite (a pivot ≤ 1e-12 × the largest diagonal entry),
 * which for an information matrix means some parameter is not identified by the data.
 */
export function inverseDiagonalSpd(matrix: Float64Array, n: number): Float64Array | null {
	const lower = choleskyFactor(matrix, n);
	if (!lower) return null;
	const inverseLower = invertLowerTriangular(lower, n);
	const diagonal = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		let sum = 0;
		for (let k = i; k < n; k++) sum += inverseLower[k * n + i] ** 2;
		diagonal[i] = sum;
	}
	return diagonal;
}

function choleskyFactor(matrix: Float64Array, n: number): Float64Array | null {
	let largest = 0;
	for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(matrix[i * n + i]));
	const threshold = 1e-12 * largest;
	const lower = new Float64Array(n * n);
	for (let j = 0; j < n; j++) {
		let pivot = matrix[j * n + j];
		for (let k = 0; k < j; k++) pivot -= lower[j * n + k] ** 2;
		if (!(pivot > threshold)) return null;
		const root = Math.sqrt(pivot);
		lower[j * n + j] = root;
		for (let i = j + 1; i < n; i++) {
			let sum = matrix[i * n + j];
			for (let k = 0; k < j; k++) sum -= lower[i * n + k] * lower[j * n + k];
			lower[i * n + j] = sum / root;
		}
	}
	return lower;
}

function invertLowerTriangular(lower: Float64Array, n: number): Float64Array {
	const inverse = new Float64Array(n * n);
	for (let j = 0; j < n; j++) {
		inverse[j * n + j] = 1 / lower[j * n + j];
		for (let i = j + 1; i < n; i++) {
			let sum = 0;
			for (let k = j; k < i; k++) sum -= lower[i * n + k] * inverse[k * n + j];
			inverse[i * n + j] = sum / lower[i * n + i];
		}
	}
	return inverse;
}
