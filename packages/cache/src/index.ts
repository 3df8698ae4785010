export * from './cached-value';
export * from './read-through';
export * from './versions';
