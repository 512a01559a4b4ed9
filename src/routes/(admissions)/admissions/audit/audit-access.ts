/** Officers and administrators read the audit log; the service then keeps each to their organizations. */
export const AUDIT_READERS = ['admissions', 'admin'] as const;
