export * from './read-through';
export * from './versions';
export * from './cached-value';
