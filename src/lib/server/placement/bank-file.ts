/** The bank-file item shape now lives in the pure engine (`$lib/placement/bank-file`). */
export * from '$lib/placement/bank-file';
