export * from './organization';
export * from './auth';
