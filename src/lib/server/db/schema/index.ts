export * from './organization';
export * from './auth';
export * from './placement';
export * from './screening';
export * from './rating';
export * from './learning';
export * from './classes';
